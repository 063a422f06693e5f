import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { orderBody, x12Document } from "../../../test/support/ack-documents.js";
import {
  addCompany,
  eventually,
  startTestNetwork,
  type TestNetwork,
} from "../../../test/support/client-test-network.js";

let net: TestNetwork;
let dir: string;

beforeAll(async () => {
  net = await startTestNetwork();
  dir = await mkdtemp(join(tmpdir(), "openvan-guide-cli-"));
});

afterAll(async () => {
  await net?.close();
  if (dir !== undefined) await rm(dir, { recursive: true, force: true });
});

async function guideFile(name: string, guide: unknown): Promise<string> {
  const file = join(dir, name);
  await writeFile(file, typeof guide === "string" ? guide : JSON.stringify(guide));
  return file;
}

/** Buyer sends Seller an 850 (BEG02 "SA"); the 997 that comes back to Buyer, once it is there. */
async function orderAndAck(buyerKey: string, control: number): Promise<string> {
  const file = join(dir, `order-${control}.edi`);
  await writeFile(
    file,
    x12Document({ from: "BUYERCO", to: "SELLERCO", control, sets: [{ control: "0001", body: orderBody }] }),
  );
  const sent = await net.run(buyerKey, "send", file);
  expect(sent.code, sent.stderr).toBe(0);
  const headers = { authorization: `Bearer ${buyerKey}` };
  return eventually(async () => {
    const response = await fetch(`${net.url}/api/v1/mailbox`, { headers });
    const { items } = (await response.json()) as { items: Array<{ id: string; docTypes: string[] }> };
    for (const item of items) {
      const content = await (await fetch(`${net.url}/api/v1/mailbox/${item.id}/content`, { headers })).text();
      await fetch(`${net.url}/api/v1/mailbox/${item.id}/confirm`, { method: "POST", headers });
      if (content.includes(`AK1*PO*${control}~`)) return content;
    }
    return undefined;
  });
}

describe("openvan guide", () => {
  it("adds, lists, shows, updates and removes a partner guide, and the next 997 follows it", async () => {
    const seller = await addCompany(net, "Seller Co", "ZZ:SELLERCO");
    const buyer = await addCompany(net, "Buyer Co", "ZZ:BUYERCO");
    const profile = await net.run(
      net.adminKey,
      "admin",
      "ack-profile",
      "set",
      buyer.id,
      "--functional",
      "997",
    );
    expect(profile.code, profile.stderr).toBe(0);
    expect(await orderAndAck(buyer.key, 5001)).toContain("AK9*A*1*1*1~");

    const newOnly = {
      id: "buyer-850",
      extends: "x12-850",
      name: "Buyer Co orders",
      overrides: { BEG: { elements: { "02": { codes: ["NE"] } } } },
    };
    const added = await net.run(
      seller.key,
      "guide",
      "add",
      await guideFile("buyer-850.json", newOnly),
      "--partner",
      "ZZ:BUYERCO",
      "--json",
    );
    expect(added.stderr).toBe("");
    expect(added.code).toBe(0);
    const { id } = JSON.parse(added.stdout) as { id: string };
    expect(id).toMatch(/^gde_/);

    const list = await net.run(seller.key, "guide", "list");
    expect(list.stdout).toBe(
      `${id}  buyer-850  partner=ZZ:BUYERCO  850 004010,005010  v1  extends x12-850  Buyer Co orders\n`,
    );
    const shown = await net.run(seller.key, "guide", "show", id);
    expect(JSON.parse(shown.stdout)).toEqual(newOnly);
    const builtin = await net.run(seller.key, "guide", "builtin");
    expect(builtin.stdout).toMatch(/^x12-850 {2}850 {2}004010,005010 {2}Purchase Order$/m);
    expect(await net.run(buyer.key, "guide", "list")).toMatchObject({ code: 0, stdout: "" });

    const rejected = await orderAndAck(buyer.key, 5002);
    expect(rejected).toContain("AK4*2*92*7*SA~");
    expect(rejected).toContain("AK9*R*1*1*0~");

    const widened = { ...newOnly, overrides: { BEG: { elements: { "02": { codes: ["NE", "SA"] } } } } };
    const updated = await net.run(seller.key, "guide", "update", id, await guideFile("wide.json", widened));
    expect(updated.code, updated.stderr).toBe(0);
    expect(updated.stdout).toContain("  v2  ");
    expect(await orderAndAck(buyer.key, 5003)).toContain("AK9*A*1*1*1~");

    expect((await net.run(buyer.key, "guide", "remove", id)).code).toBe(1);
    const removed = await net.run(seller.key, "guide", "remove", id);
    expect(removed.code, removed.stderr).toBe(0);
    const again = await net.run(seller.key, "guide", "show", id);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/^openvan: GUIDE_NOT_FOUND: /);
  });

  it("prints the server's GUIDE_INVALID with the path; a missing or broken file is a usage error", async () => {
    const company = await addCompany(net, "Corner Shop", "ZZ:CORNERSHOP");
    const bad = await guideFile("bad.json", {
      id: "corner-850",
      extends: "x12-850",
      structure: [{ seg: "BEG", req: "M", max: 0 }],
    });
    const refused = await net.run(company.key, "guide", "add", bad);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(
      /^openvan: GUIDE_INVALID: guide: structure\[0\]\.max must be an integer of at least 1/,
    );
    const missing = await net.run(company.key, "guide", "add", join(dir, "nothing.json"));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^openvan: CLI_PATH_NOT_FOUND: /);
    const notJson = await net.run(company.key, "guide", "add", await guideFile("broken.json", "{"));
    expect(notJson.code).toBe(2);
    expect(notJson.stderr).toMatch(/^openvan: GUIDE_INVALID: .*broken\.json: not JSON/);
  });
});
