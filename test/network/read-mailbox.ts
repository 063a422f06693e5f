/** A mailbox item as GET /api/v1/mailbox lists it (the fields these tests look at). */
export interface MailboxItem {
  readonly id: string;
  readonly messageId: string;
  readonly from: string;
  readonly to: string;
  readonly size: number;
}

/** Every item waiting in the key's mailbox: all pages, 1,000 at a time, following `next`. */
export async function readWholeMailbox(url: string, apiKey: string): Promise<MailboxItem[]> {
  const items: MailboxItem[] = [];
  let path: string | null = "/api/v1/mailbox?limit=1000";
  while (path !== null) {
    const response = await fetch(`${url}${path}`, { headers: { authorization: `Bearer ${apiKey}` } });
    if (response.status !== 200) throw new Error(`GET ${path}: ${response.status} ${await response.text()}`);
    const page = (await response.json()) as { items: MailboxItem[]; next: string | null };
    items.push(...page.items);
    path = page.next;
  }
  return items;
}

/** The bytes of a mailbox item, as downloaded. */
export async function downloadItem(url: string, apiKey: string, id: string): Promise<Buffer> {
  const response = await fetch(`${url}/api/v1/mailbox/${id}/content`, {
    headers: { authorization: `Bearer ${apiKey}` },
  });
  if (response.status !== 200) throw new Error(`GET content of ${id}: ${response.status}`);
  return Buffer.from(await response.arrayBuffer());
}

/**
 * Reads the mailbox until it holds at least `count` items (routing is done in the background, and a job left
 * by a killed worker waits for its lease to run out), or until `timeoutMs` has passed; returns the last read.
 */
export async function awaitMailbox(
  url: string,
  apiKey: string,
  count: number,
  timeoutMs: number,
): Promise<MailboxItem[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const items = await readWholeMailbox(url, apiKey);
    if (items.length >= count || Date.now() > deadline) return items;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Runs `work` on every item, `concurrency` at a time. */
export async function forEachConcurrently<T>(
  items: readonly T[],
  concurrency: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) await work(items[next++] as T);
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}
