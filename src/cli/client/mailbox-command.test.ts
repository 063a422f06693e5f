import { randomBytes } from "node:crypto";
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  addCompany,
  edifactOrder,
  eventually,
  startTestNetwork,
  type TestCompany,
  type TestNetwork,
  x12Order,
} from "../../../test/support/client-test-network.js";
import type { MailboxItem } from "./api-types.js";
import { itemLine } from "./mailbox-command.js";

let net: TestNetwork;
let acme: TestCompany;
let grocer: TestCompany;
let work: string;
let control = 1000;

beforeAll(async () => {
  net = await startTestNetwork();
  acme = await addCompany(net, "Acme Foods", "ZZ:ACMEFOODS", "14:4000000000001");
  grocer = await addCompany(net, "Grocery Co", "ZZ:GROCERYCO", "14:5412345000013");
  work = await mkdtemp(join(tmpdir(), "openvan-mailbox-"));
});

afterAll(async () => {
  await net?.close();
  if (work) await rm(work, { recursive: true, force: true });
});

beforeEach(async () => {
  // Every test starts with an empty mailbox.
  const dir = await mkdtemp(join(work, "drain-"));
  const drained = await net.run(grocer.key, "mailbox", "--pickup", dir);
  expect(drained.code).toBe(0);
});

/** Sends each content from Acme and waits until Grocery Co's mailbox holds that many more items. */
async function deliver(...contents: (string | Buffer)[]): Promise<MailboxItem[]> {
  const before = (await items(grocer.key)).length;
  for (const [index, content] of contents.entries()) {
    const path = join(work, `send-${control}-${index}`);
    await writeFile(path, content);
    const isEdi = typeof content === "string";
    const sent = await net.run(acme.key, "send", path, ...(isEdi ? [] : ["--to", "ZZ:GROCERYCO"]));
    expect(sent.code, sent.stderr).toBe(0);
  }
  return eventually(async () => {
    const now = await items(grocer.key);
    return now.length === before + contents.length ? now : undefined;
  });
}

async function items(key: string): Promise<MailboxItem[]> {
  const listed = await net.run(key, "mailbox", "--json");
  expect(listed.code, listed.stderr).toBe(0);
  return listed.stdout
    .split("\n")
    .filter((line) => line !== "")
    .map((line) => JSON.parse(line) as MailboxItem);
}

function nextControl(): number {
  control += 1;
  return control;
}

describe("openvan mailbox", () => {
  it("lists every waiting item, one line each, and counts them", async () => {
    const x12 = x12Order("ACMEFOODS", "GROCERYCO", nextControl());
    const edifact = edifactOrder("4000000000001", "5412345000013", `R${nextControl()}`);
    const delivered = await deliver(x12, edifact);
    const listed = await net.run(grocer.key, "mailbox");
    expect(listed.code).toBe(0);
    const lines = listed.stdout.trimEnd().split("\n");
    expect(lines.at(-1)).toBe("2 items in the mailbox");
    const x12Item = delivered.find((item) => item.format === "x12")!;
    expect(lines).toContain(
      `${x12Item.id}  x12  ZZ:ACMEFOODS -> ZZ:GROCERYCO  850  ${x12.length} bytes  ${x12Item.receivedAt}`,
    );
    expect(lines.some((line) => line.includes("edifact  14:4000000000001 -> 14:5412345000013  ORDERS"))).toBe(
      true,
    );
    // The sender's own mailbox stays empty.
    expect(await items(acme.key)).toEqual([]);
  });

  it("follows the pages of a mailbox longer than one page", async () => {
    const orders = Array.from({ length: 105 }, () => x12Order("ACMEFOODS", "GROCERYCO", nextControl()));
    await deliver(...orders);
    const listed = await net.run(grocer.key, "mailbox");
    expect(listed.stdout.trimEnd().split("\n").at(-1)).toBe("105 items in the mailbox");
  });

  it("--pickup writes byte-identical files named by id and format, then confirms them", async () => {
    const x12 = x12Order("ACMEFOODS", "GROCERYCO", nextControl());
    const edifact = edifactOrder("4000000000001", "5412345000013", `R${nextControl()}`);
    const file = randomBytes(2 * 1024 * 1024 + 17);
    const delivered = await deliver(x12, edifact, file);
    const dir = join(work, "inbox-1");

    const run = await net.run(grocer.key, "mailbox", "--pickup", dir);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toBe("");
    expect(run.stdout.trimEnd().split("\n").at(-1)).toBe("picked up 3 of 3 items");

    const byFormat = (format: string) => delivered.find((item) => item.format === format)!;
    expect(await readFile(join(dir, `${byFormat("x12").id}.x12`), "latin1")).toBe(x12);
    expect(await readFile(join(dir, `${byFormat("edifact").id}.edi`), "latin1")).toBe(edifact);
    expect((await readFile(join(dir, `${byFormat("file").id}.bin`))).equals(file)).toBe(true);
    expect((await readdir(dir)).sort()).toEqual(
      [`${byFormat("x12").id}.x12`, `${byFormat("edifact").id}.edi`, `${byFormat("file").id}.bin`].sort(),
    );
    for (const item of delivered) {
      expect(run.stdout).toContain(`saved ${item.id} to ${join(dir, item.id)}`);
    }
    expect(await items(grocer.key)).toEqual([]);
  });

  it("--no-confirm downloads but leaves the items in the mailbox; --json says what was done", async () => {
    const [item] = await deliver(x12Order("ACMEFOODS", "GROCERYCO", nextControl()));
    const dir = join(work, "inbox-2");
    const run = await net.run(grocer.key, "mailbox", "--pickup", dir, "--no-confirm", "--json");
    expect(run.code).toBe(0);
    const done = JSON.parse(run.stdout) as {
      item: MailboxItem;
      path: string;
      bytes: number;
      confirmed: boolean;
    };
    expect(done).toMatchObject({
      item: { id: item!.id },
      path: join(dir, `${item!.id}.x12`),
      confirmed: false,
    });
    expect(done.bytes).toBe(item!.size);
    expect((await items(grocer.key)).map((i) => i.id)).toEqual([item!.id]);
  });

  it("--resend puts an item already picked up back into the mailbox", async () => {
    const [item] = (await deliver(x12Order("ACMEFOODS", "GROCERYCO", nextControl()))) as [MailboxItem];
    expect((await net.run(grocer.key, "mailbox", "--pickup", join(work, "inbox-5"))).code).toBe(0);
    expect(await items(grocer.key)).toEqual([]);

    const resent = await net.run(grocer.key, "mailbox", "--resend", item.id);
    expect(resent.code).toBe(0);
    expect(resent.stdout).toBe(`${itemLine(item)}\n`);
    expect((await items(grocer.key)).map((i) => i.id)).toEqual([item.id]);

    const foreign = await net.run(acme.key, "mailbox", "--resend", item.id);
    expect(foreign.code).toBe(1);
    expect(foreign.stderr).toBe(`openvan: NOT_FOUND: no mailbox item ${item.id}\n`);
  });

  it("does not confirm an item whose file cannot be put in place, and leaves no partial file", async () => {
    const delivered = await deliver(
      x12Order("ACMEFOODS", "GROCERYCO", nextControl()),
      x12Order("ACMEFOODS", "GROCERYCO", nextControl()),
    );
    const [blocked, fine] = delivered as [MailboxItem, MailboxItem];
    const dir = join(work, "inbox-3");
    // A folder where the file should go: the rename, the last step before confirming, fails.
    await mkdir(join(dir, `${blocked.id}.x12`), { recursive: true });

    const run = await net.run(grocer.key, "mailbox", "--pickup", dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      new RegExp(`^openvan: CLI_PICKUP_FAILED: ${blocked.id}: not saved, left in the mailbox: .+\\n$`),
    );
    expect(run.stdout).toContain(`saved ${fine.id} to `);
    expect(run.stdout.trimEnd().split("\n").at(-1)).toBe("picked up 1 of 2 items");
    expect((await items(grocer.key)).map((i) => i.id)).toEqual([blocked.id]);
    expect((await readdir(dir)).filter((name) => name.endsWith(".part"))).toEqual([]);

    // Once the way is clear, the next pickup gets it.
    await rm(join(dir, `${blocked.id}.x12`), { recursive: true });
    const again = await net.run(grocer.key, "mailbox", "--pickup", dir);
    expect(again.code).toBe(0);
    expect(await items(grocer.key)).toEqual([]);
  });

  it("does not confirm an item whose download fails on the server", async () => {
    const [item] = (await deliver(x12Order("ACMEFOODS", "GROCERYCO", nextControl()))) as [MailboxItem];
    const delivery = await net.services.ctx.store.deliveries.get(item.id);
    await net.services.ctx.blobs.delete(delivery!.blobKey);

    const dir = join(work, "inbox-4");
    const run = await net.run(grocer.key, "mailbox", "--pickup", dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      new RegExp(`^openvan: CLI_PICKUP_FAILED: ${item.id}: not saved, left in the mailbox: `),
    );
    expect(run.stdout.trimEnd()).toBe("picked up 0 of 1 item");
    expect(await readdir(dir)).toEqual([]);
    expect((await items(grocer.key)).map((i) => i.id)).toEqual([item.id]);
    // Leave the mailbox as the next test expects it: nothing waiting.
    await net.services.ctx.store.deliveries.confirm(item.id, new Date().toISOString());
  });
});
