export interface SendAllOptions {
  /** The control numbers to send, one interchange each. */
  readonly controls: readonly number[];
  /** Requests under way at once, like that many clients sending side by side. */
  readonly concurrency: number;
  readonly apiKey: string;
  /** The server to ask for this control number on this attempt (0 first): one server, or round-robin. */
  readonly baseUrl: (control: number, attempt: number) => string;
  readonly body: (control: number) => Buffer;
  /** The Idempotency-Key: the same on every attempt for one control number. */
  readonly idempotencyKey: (control: number) => string;
  /** Told each time an interchange got its final answer (202 or a refusal), with how many have so far. */
  readonly onSettled?: (settled: number) => void;
  /** Gives up (throws) when an interchange has no final answer by then (ms since the epoch). */
  readonly deadline: number;
}

export interface Refusal {
  readonly status: number;
  readonly body: string;
}

export interface SendAllResult {
  /** Control number -> the message id of its 202. */
  readonly accepted: ReadonlyMap<number, string>;
  /** 202s that said `replay: true` (an earlier attempt had been made durable), by control number. */
  readonly replayed: ReadonlySet<number>;
  /** Control number -> a 4xx answer: refused, nothing kept. */
  readonly refused: ReadonlyMap<number, Refusal>;
  /** Attempts that got no answer (connection refused or reset) or a 5xx, and were tried again. */
  readonly retries: number;
}

/**
 * Sends one interchange per control number with POST /api/v1/messages, as careful clients do: an attempt that
 * gets no answer (the server died, or is not up yet) or a 5xx ("try again later") is repeated with the same
 * Idempotency-Key until a final answer comes: 202 with the message id, or a 4xx refusal.
 */
export async function sendAll(options: SendAllOptions): Promise<SendAllResult> {
  const accepted = new Map<number, string>();
  const replayed = new Set<number>();
  const refused = new Map<number, Refusal>();
  let retries = 0;
  let next = 0;
  let settled = 0;

  const sendOne = async (control: number): Promise<void> => {
    for (let attempt = 0; ; attempt++) {
      if (Date.now() > options.deadline) {
        throw new Error(`control number ${control} had no final answer after ${attempt} attempts`);
      }
      const answer = await post(options, control, attempt);
      if (answer !== null && answer.status === 202) {
        const reply = JSON.parse(answer.body) as { id: string; replay: boolean };
        accepted.set(control, reply.id);
        if (reply.replay) replayed.add(control);
        return;
      }
      if (answer !== null && answer.status < 500) {
        refused.set(control, answer);
        return;
      }
      retries++;
      await new Promise((resolve) => setTimeout(resolve, 20 + 10 * Math.min(attempt, 10)));
    }
  };

  const client = async (): Promise<void> => {
    while (next < options.controls.length) {
      const control = options.controls[next++] as number;
      await sendOne(control);
      options.onSettled?.(++settled);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, client));
  return { accepted, replayed, refused, retries };
}

/** One attempt: the status and body, or null when no answer came. */
async function post(options: SendAllOptions, control: number, attempt: number): Promise<Refusal | null> {
  try {
    const response = await fetch(`${options.baseUrl(control, attempt)}/api/v1/messages`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${options.apiKey}`,
        "content-type": "application/edi-x12",
        "idempotency-key": options.idempotencyKey(control),
      },
      body: options.body(control),
      signal: AbortSignal.timeout(30_000),
    });
    return { status: response.status, body: await response.text() };
  } catch {
    return null;
  }
}
