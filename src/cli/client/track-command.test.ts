import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  addCompany,
  edifactOrder,
  eventually,
  startTestNetwork,
  type TestCompany,
  type TestNetwork,
  x12Order,
} from "../../../test/support/client-test-network.js";
import type { MessageStory, TrackedInterchange } from "./api-types.js";

let net: TestNetwork;
let acme: TestCompany;
let grocer: TestCompany;
let work: string;
let x12Id: string;
let edifactId: string;

beforeAll(async () => {
  net = await startTestNetwork();
  acme = await addCompany(net, "Acme Foods", "ZZ:ACMEFOODS", "14:4000000000001");
  grocer = await addCompany(net, "Grocery Co", "ZZ:GROCERYCO", "14:5412345000013");
  await addCompany(net, "Third Co", "ZZ:THIRDCO");
  work = await mkdtemp(join(tmpdir(), "openvan-track-"));
  x12Id = await send(x12Order("ACMEFOODS", "GROCERYCO", 4711));
  await send(x12Order("ACMEFOODS", "THIRDCO", 4712));
  edifactId = await send(edifactOrder("4000000000001", "5412345000013", "EREF9"));
  await eventually(async () => {
    const listed = await net.run(grocer.key, "mailbox", "--json");
    return listed.stdout.trim().split("\n").length === 2 ? true : undefined;
  });
  const picked = await net.run(grocer.key, "mailbox", "--pickup", join(work, "inbox"));
  expect(picked.code).toBe(0);
});

afterAll(async () => {
  await net?.close();
  if (work) await rm(work, { recursive: true, force: true });
});

async function send(content: string): Promise<string> {
  const path = join(work, `m${Math.random().toString(36).slice(2)}`);
  await writeFile(path, content);
  const sent = await net.run(acme.key, "send", path);
  expect(sent.code, sent.stderr).toBe(0);
  return sent.stdout.trim();
}

function jsonLines<T>(text: string): T[] {
  return text
    .split("\n")
    .filter((line) => line !== "")
    .map((line) => JSON.parse(line) as T);
}

describe("openvan track", () => {
  it("lists what the account sent, newest first, one line each", async () => {
    const run = await net.run(acme.key, "track");
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split("\n");
    expect(lines.at(-1)).toBe("3 interchanges");
    expect(lines[0]).toMatch(
      new RegExp(
        `^\\S+  routed  edifact  14:4000000000001 -> 14:5412345000013  control EREF9  ORDERS  message ${edifactId}$`,
      ),
    );
    expect(lines[2]).toMatch(
      / {2}routed {2}x12 {2}ZZ:ACMEFOODS -> ZZ:GROCERYCO {2}control 000004711 {2}850 {2}/,
    );
  });

  it("filters by partner, control number, doc type and state; the receiver sees only its own", async () => {
    const byPartner = await net.run(acme.key, "track", "--partner", "ZZ:THIRDCO", "--json");
    expect(jsonLines<TrackedInterchange>(byPartner.stdout).map((i) => i.receiver)).toEqual(["ZZ:THIRDCO"]);

    const byControl = await net.run(acme.key, "track", "--control", "000004711", "--json");
    expect(jsonLines<TrackedInterchange>(byControl.stdout).map((i) => i.messageId)).toEqual([x12Id]);

    const byDocType = await net.run(acme.key, "track", "--doc-type", "ORDERS", "--json");
    expect(jsonLines<TrackedInterchange>(byDocType.stdout).map((i) => i.messageId)).toEqual([edifactId]);

    const rejected = await net.run(acme.key, "track", "--state", "rejected");
    expect(rejected.stdout).toBe("0 interchanges\n");

    const today = new Date().toISOString().slice(0, 10);
    const dated = await net.run(acme.key, "track", "--from", today, "--to", today);
    expect(dated.stdout.trimEnd().split("\n").at(-1)).toBe("3 interchanges");
    const future = await net.run(acme.key, "track", "--from", "2999-01-01");
    expect(future.stdout).toBe("0 interchanges\n");

    const receiver = await net.run(grocer.key, "track", "--json");
    expect(
      jsonLines<TrackedInterchange>(receiver.stdout)
        .map((i) => i.receiver)
        .sort(),
    ).toEqual(["14:5412345000013", "ZZ:GROCERYCO"]);
  });

  it("--limit caps the lines and says there are more", async () => {
    const run = await net.run(acme.key, "track", "--limit", "2");
    const lines = run.stdout.trimEnd().split("\n");
    expect(lines).toHaveLength(3);
    expect(lines.at(-1)).toBe("2 interchanges (there are more: raise --limit or narrow the search)");
    const bad = await net.run(acme.key, "track", "--limit", "0");
    expect(bad.code).toBe(2);
  });

  it("shows a message's timeline: facts, interchanges, deliveries and every event in order", async () => {
    const run = await net.run(acme.key, "track", x12Id);
    expect(run.code).toBe(0);
    const text = run.stdout;
    expect(text).toMatch(new RegExp(`^message ${x12Id}  routed  x12  \\d+ bytes  file m\\w+\\n`));
    expect(text).toMatch(
      /\ninterchanges:\n {2}\S+ {2}routed {2}x12 {2}ZZ:ACMEFOODS -> ZZ:GROCERYCO {2}control 000004711/,
    );
    expect(text).toMatch(
      /\ndeliveries:\n {2}\S+ {2}picked_up {2}ZZ:ACMEFOODS -> ZZ:GROCERYCO {2}by \w+ {2}picked up /,
    );
    const events = text
      .slice(text.indexOf("\nevents:\n") + 9)
      .trimEnd()
      .split("\n")
      .map((line) => line.trim().split("  ")[1]);
    expect(events[0]).toBe("message.received");
    expect(events.at(-1)).toBe("delivery.picked_up");

    const json = await net.run(acme.key, "track", x12Id, "--json");
    const story = JSON.parse(json.stdout) as MessageStory;
    expect(story).toMatchObject({ id: x12Id, state: "routed", format: "x12" });
    expect(story.events.map((e) => e.type)).toEqual(events);
  });

  it("gives NOT_FOUND for a message of no concern to the account", async () => {
    const third = await addCompany(net, "Nosy Co", "ZZ:NOSY");
    const run = await net.run(third.key, "track", x12Id);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(`openvan: NOT_FOUND: no message ${x12Id}\n`);
  });
});
