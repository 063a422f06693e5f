import { createHash, randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { request } from "undici";
import { fixed } from "../edi/text-table.js";
import { networkGoals, verdict } from "./goals.js";
import { startOpenVan } from "./openvan-server.js";
import { waitUntilRouted } from "./routed-times.js";

const CHUNK = 1 << 20;

/**
 * Sends a file of `gb` × 10^9 bytes (not EDI, addressed with X-OpenVAN-To) from the first demo company to the
 * second, waits until it is routed, downloads it from the receiver's mailbox and compares SHA-256 and size.
 * The server's peak RSS comes from VmHWM in /proc/<pid>/status. True when the bytes came back intact.
 */
export async function runBigRoundTrip(gb: number, log: (line: string) => void): Promise<boolean> {
  const size = Math.round(gb * 1e9);
  const dataDir = await mkdtemp(join(tmpdir(), "openvan-bench-big-"));
  try {
    const server = await startOpenVan(dataDir);
    const [from, to] = server.demo.accounts;
    if (from === undefined || to === undefined) throw new Error("demo.json names fewer than two accounts");
    try {
      log(`== ${fixed(size / 1e9, 1)} GB file from ${from.name} to ${to.name}, through OpenVAN ==`);
      const sent = createHash("sha256");
      let started = performance.now();
      const upload = await request(`${server.demo.url}/api/v1/messages`, {
        method: "POST",
        headers: {
          authorization: `Bearer ${from.apiKey}`,
          "content-type": "application/octet-stream",
          "content-length": String(size),
          "x-openvan-to": to.identities[0] ?? "",
          "x-openvan-filename": "big.bin",
        },
        body: Readable.from(fileBytes(size, sent), { objectMode: false }),
        headersTimeout: 0,
        bodyTimeout: 0,
      });
      const answer = await upload.body.text();
      const uploadSeconds = (performance.now() - started) / 1000;
      if (upload.statusCode !== 202) throw new Error(`upload answered ${upload.statusCode}: ${answer}`);
      const messageId = (JSON.parse(answer) as { id: string }).id;
      log(`upload: 202 after ${fixed(uploadSeconds, 1)} s (${fixed(size / 1e6 / uploadSeconds, 0)} MB/s)`);
      started = performance.now();
      if (!(await waitUntilRouted(server.databasePath, 10 * 60_000))) throw new Error("not routed in time");
      log(`routed ${fixed((performance.now() - started) / 1000, 1)} s after the 202`);
      const mailbox = await request(`${server.demo.url}/api/v1/mailbox`, {
        headers: { authorization: `Bearer ${to.apiKey}` },
      });
      const items = ((await mailbox.body.json()) as { items: { id: string; messageId: string }[] }).items;
      const item = items.find((i) => i.messageId === messageId);
      if (item === undefined) throw new Error(`message ${messageId} is not in ${to.name}'s mailbox`);
      started = performance.now();
      const download = await request(`${server.demo.url}/api/v1/mailbox/${item.id}/content`, {
        headers: { authorization: `Bearer ${to.apiKey}` },
        headersTimeout: 0,
        bodyTimeout: 0,
      });
      if (download.statusCode !== 200) throw new Error(`download answered ${download.statusCode}`);
      const received = createHash("sha256");
      let receivedBytes = 0;
      for await (const chunk of download.body as AsyncIterable<Buffer>) {
        received.update(chunk);
        receivedBytes += chunk.length;
      }
      const downloadSeconds = (performance.now() - started) / 1000;
      const rss = server.child.peakRssMB();
      const [sentHash, receivedHash] = [sent.digest("hex"), received.digest("hex")];
      const intact = sentHash === receivedHash && receivedBytes === size;
      log(
        `download: ${fixed(downloadSeconds, 1)} s (${fixed(receivedBytes / 1e6 / downloadSeconds, 0)} MB/s)`,
      );
      log(`sha256 sent     ${sentHash}, ${size} bytes`);
      log(`sha256 received ${receivedHash}, ${receivedBytes} bytes: ${intact ? "intact" : "DIFFERENT"}`);
      log(
        `server peak RSS (VmHWM) ${fixed(rss, 1)} MB, goal < ${networkGoals.bigFileMaxRssMB} MB: ` +
          verdict(intact && rss < networkGoals.bigFileMaxRssMB),
      );
      return intact;
    } finally {
      await server.child.stop();
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** `size` bytes of random-looking data in 1 MiB chunks, each numbered so that no two are alike; hashed as sent. */
async function* fileBytes(size: number, hash: ReturnType<typeof createHash>): AsyncGenerator<Buffer> {
  const pattern = randomBytes(CHUNK);
  for (let offset = 0, n = 0; offset < size; offset += CHUNK, n++) {
    const chunk = Buffer.from(pattern.subarray(0, Math.min(CHUNK, size - offset)));
    if (chunk.length >= 8) chunk.writeUInt32BE(n, 4);
    hash.update(chunk);
    yield chunk;
  }
}
