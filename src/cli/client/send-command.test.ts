import { randomBytes } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  addCompany,
  edifactOrder,
  startTestNetwork,
  type TestCompany,
  type TestNetwork,
  x12Order,
} from "../../../test/support/client-test-network.js";

let net: TestNetwork;
let acme: TestCompany;
let files: string;

beforeAll(async () => {
  net = await startTestNetwork();
  acme = await addCompany(net, "Acme Foods", "ZZ:ACMEFOODS", "14:4000000000001");
  await addCompany(net, "Grocery Co", "ZZ:GROCERYCO", "14:5412345000013");
  files = await mkdtemp(join(tmpdir(), "openvan-send-"));
});

afterAll(async () => {
  await net?.close();
  if (files) await rm(files, { recursive: true, force: true });
});

async function file(name: string, content: string | Buffer): Promise<string> {
  const path = join(files, name);
  await writeFile(path, content);
  return path;
}

describe("openvan send", () => {
  it("sends an X12 interchange and prints the message id; --json prints the answer", async () => {
    const path = await file("order.x12", x12Order("ACMEFOODS", "GROCERYCO", 101));
    const sent = await net.run(acme.key, "send", path);
    expect(sent.code).toBe(0);
    expect(sent.stderr).toBe("");
    expect(sent.stdout).toMatch(/^\S+\n$/);

    const again = await file("order2.x12", x12Order("ACMEFOODS", "GROCERYCO", 102));
    const json = await net.run(acme.key, "send", again, "--json");
    expect(json.code).toBe(0);
    const answer = JSON.parse(json.stdout) as { id: string; replay: boolean; format: string };
    expect(answer).toMatchObject({ replay: false, format: "x12" });
    expect(answer.id).not.toBe(sent.stdout.trim());
  });

  it("sends an EDIFACT interchange", async () => {
    const path = await file("orders.edi", edifactOrder("4000000000001", "5412345000013", "REF1"));
    const sent = await net.run(acme.key, "send", path, "--json");
    expect(sent.code).toBe(0);
    expect(JSON.parse(sent.stdout)).toMatchObject({ format: "edifact", replay: false });
  });

  it("sends a file that is not EDI to the recipient --to names, keeping its name", async () => {
    const path = await file("price list.pdf", randomBytes(3 * 1024 * 1024));
    const sent = await net.run(acme.key, "send", path, "--to", "ZZ:GROCERYCO", "--json");
    expect(sent.code).toBe(0);
    const answer = JSON.parse(sent.stdout) as { id: string; format: string };
    expect(answer.format).toBe("file");
    const story = await net.run(acme.key, "track", answer.id, "--json");
    expect(JSON.parse(story.stdout)).toMatchObject({ filename: "price list.pdf", to: "ZZ:GROCERYCO" });
  });

  it("returns the first id again for the same idempotency key", async () => {
    const path = await file("retry.x12", x12Order("ACMEFOODS", "GROCERYCO", 201));
    const first = await net.run(acme.key, "send", path, "--idempotency-key", "batch-7");
    const second = await net.run(acme.key, "send", path, "--idempotency-key", "batch-7", "--json");
    expect(first.code).toBe(0);
    expect(second.code).toBe(0);
    expect(JSON.parse(second.stdout)).toMatchObject({ id: first.stdout.trim(), replay: true });
    const text = await net.run(acme.key, "send", path, "--idempotency-key", "batch-7");
    expect(text.stdout).toBe(first.stdout);
    expect(text.stderr).toContain("was received before");
  });

  it("prints the server's error for a file without a recipient, exit code 1", async () => {
    const path = await file("notes.txt", "not EDI at all\n");
    const sent = await net.run(acme.key, "send", path);
    expect(sent.code).toBe(1);
    expect(sent.stdout).toBe("");
    expect(sent.stderr).toMatch(/^openvan: MESSAGE_RECIPIENT_REQUIRED: .*X-OpenVAN-To.*\n$/);
  });

  it("prints each EDI fault of a refused interchange with its offset and segment", async () => {
    const whole = x12Order("ACMEFOODS", "GROCERYCO", 301);
    const path = await file("truncated.x12", whole.slice(0, whole.indexOf("SE*")));
    const sent = await net.run(acme.key, "send", path);
    expect(sent.code).toBe(1);
    const [first, ...faults] = sent.stderr.trimEnd().split("\n");
    expect(first).toMatch(/^openvan: MESSAGE_EDI_INVALID: /);
    expect(faults.length).toBeGreaterThan(0);
    for (const fault of faults)
      expect(fault).toMatch(/^ {2}EDI_[A-Z_]+ at offset \d+(, segment \d+)?( \(\w+\))?.*: .+$/);
  });

  it("exits 2 for a file that does not exist, and for a recipient no header can carry", async () => {
    const missing = await net.run(acme.key, "send", join(files, "nothing.x12"));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^openvan: CLI_PATH_NOT_FOUND: no such file: /);
    const path = await file("any.bin", "x");
    const bad = await net.run(acme.key, "send", path, "--to", "ZZ:ÄCME");
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^openvan: MESSAGE_RECIPIENT_INVALID: /);
  });
});
