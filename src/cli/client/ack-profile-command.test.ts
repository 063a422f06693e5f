import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  addCompany,
  eventually,
  startTestNetwork,
  type TestNetwork,
  x12Order,
} from "../../../test/support/client-test-network.js";

let net: TestNetwork;

beforeAll(async () => {
  net = await startTestNetwork();
});

afterAll(async () => {
  await net?.close();
});

describe("openvan admin ack-profile", () => {
  it("sets, lists and removes an account's acknowledgment profiles", async () => {
    const company = await addCompany(net, "Acme Foods", "ZZ:ACMEFOODS");
    const set = await net.run(
      net.adminKey,
      "admin",
      "ack-profile",
      "set",
      company.id,
      "--functional",
      "auto",
      "--reject-group",
      "--doc-window",
      "850=240",
      "--doc-window",
      "810=60",
    );
    expect(set.stderr).toBe("");
    expect(set.code).toBe(0);
    expect(set.stdout).toBe(
      "* -> *  ta1=requested functional=auto contrl=requested reject-group=yes expect=requested window=1440m 810=60m 850=240m\n",
    );
    const partner = await net.run(
      net.adminKey,
      "admin",
      "ack-profile",
      "set",
      company.id,
      "--identity",
      "ZZ:ACMEFOODS",
      "--partner",
      "ZZ:GROCERYMART",
      "--expect",
      "always",
      "--window",
      "120",
      "--json",
    );
    expect(partner.code).toBe(0);
    expect(JSON.parse(partner.stdout)).toMatchObject({
      identity: "ZZ:ACMEFOODS",
      expectAck: "always",
      ackWindowMinutes: 120,
    });

    const list = await net.run(net.adminKey, "admin", "ack-profile", "list", company.id);
    expect(
      list.stdout
        .trim()
        .split("\n")
        .map((l) => l.split("  ")[0]),
    ).toEqual(["* -> *", "ZZ:ACMEFOODS -> ZZ:GROCERYMART"]);

    const removed = await net.run(net.adminKey, "admin", "ack-profile", "remove", company.id);
    expect(removed.code).toBe(0);
    const again = await net.run(net.adminKey, "admin", "ack-profile", "remove", company.id);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/^openvan: NOT_FOUND: /);
  });

  it("makes a running server answer an 850 with a 997 in the sender's mailbox", async () => {
    await addCompany(net, "Seller Co", "ZZ:SELLERCO");
    const buyer = await addCompany(net, "Buyer Co", "ZZ:BUYERCO");
    const set = await net.run(net.adminKey, "admin", "ack-profile", "set", buyer.id, "--functional", "997");
    expect(set.code).toBe(0);
    const dir = await mkdtemp(join(tmpdir(), "openvan-ack-cli-"));
    const file = join(dir, "order.edi");
    await writeFile(file, x12Order("BUYERCO", "SELLERCO", 4711));
    const sent = await net.run(buyer.key, "send", file);
    expect(sent.code, sent.stderr).toBe(0);
    const ack = await eventually(async () => {
      const response = await fetch(`${net.url}/api/v1/mailbox`, {
        headers: { authorization: `Bearer ${buyer.key}` },
      });
      const { items } = (await response.json()) as { items: Array<{ docTypes: string[]; from: string }> };
      return items[0];
    });
    expect(ack).toMatchObject({ docTypes: ["997"], from: "ZZ:SELLERCO" });
    await rm(dir, { recursive: true, force: true });
  });

  it("refuses an identity of another account with the server's REQUEST_INVALID", async () => {
    const company = await addCompany(net, "Corner Shop", "ZZ:CORNERSHOP");
    const refused = await net.run(
      net.adminKey,
      "admin",
      "ack-profile",
      "set",
      company.id,
      "--identity",
      "ZZ:NOBODY",
    );
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(
      /^openvan: REQUEST_INVALID: ZZ:NOBODY is not an identity of this account\n$/,
    );
  });
});
