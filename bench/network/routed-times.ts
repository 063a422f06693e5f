import Database from "better-sqlite3";

/** When each message was received and routed, as the server's events say (epoch ms). */
export interface RoutedTimes {
  readonly receivedAt: ReadonlyMap<string, number>;
  readonly routedAt: ReadonlyMap<string, number>;
  /** Messages that ended in another state than routed, by state. */
  readonly notRouted: ReadonlyMap<string, number>;
  /** Items in the receiver's mailboxes. */
  readonly deliveries: number;
}

/** Reads the events of a stopped server's SQLite database: message.received and message.routed per message. */
export function readRoutedTimes(path: string): RoutedTimes {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    const receivedAt = new Map<string, number>();
    const routedAt = new Map<string, number>();
    const rows = db
      .prepare(
        "select message_id as id, type, at from events " +
          "where type in ('message.received', 'message.routed') and message_id is not null",
      )
      .all() as { id: string; type: string; at: string }[];
    for (const row of rows) {
      (row.type === "message.received" ? receivedAt : routedAt).set(row.id, Date.parse(row.at));
    }
    const states = db.prepare("select state, count(*) as n from messages group by state").all() as {
      state: string;
      n: number;
    }[];
    const notRouted = new Map(states.filter((s) => s.state !== "routed").map((s) => [s.state, s.n]));
    const { n } = db.prepare("select count(*) as n from deliveries").get() as { n: number };
    return { receivedAt, routedAt, notRouted, deliveries: n };
  } finally {
    db.close();
  }
}

/**
 * Waits until the server has no route job left to run (ready or running), reading its database every 100 ms
 * through a read-only connection; false when `timeoutMs` passed first.
 */
export async function waitUntilRouted(path: string, timeoutMs: number): Promise<boolean> {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    const pending = db.prepare(
      "select count(*) as n from jobs where kind = 'route' and state in ('ready', 'running')",
    );
    const until = Date.now() + timeoutMs;
    while (Date.now() < until) {
      if ((pending.get() as { n: number }).n === 0) return true;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return false;
  } finally {
    db.close();
  }
}
