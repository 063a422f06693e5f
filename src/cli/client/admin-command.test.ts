import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addCompany, startTestNetwork, type TestNetwork } from "../../../test/support/client-test-network.js";

let net: TestNetwork;

beforeAll(async () => {
  net = await startTestNetwork();
});

afterAll(async () => {
  await net?.close();
});

describe("openvan admin", () => {
  it("creates and lists accounts", async () => {
    const created = await net.run(net.adminKey, "admin", "account", "create", "Acme Foods");
    expect(created.code).toBe(0);
    expect(created.stderr).toBe("");
    const [id, ...name] = created.stdout.trim().split("  ");
    expect(name.join("  ")).toBe("Acme Foods");

    const list = await net.run(net.adminKey, "admin", "account", "list");
    expect(list.code).toBe(0);
    expect(list.stdout).toContain(`${id}  Acme Foods\n`);
    expect(list.stdout).toMatch(/ {2}operator\n/);

    const json = await net.run(net.adminKey, "admin", "account", "list", "--json");
    const accounts = json.stdout
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as { id: string; name: string });
    expect(accounts).toContainEqual(expect.objectContaining({ id, name: "Acme Foods" }));
  });

  it("adds and lists identities; a taken identity is the server's IDENTITY_TAKEN", async () => {
    const company = await addCompany(net, "Grocery Co", "ZZ:GROCERYCO", "14:5412345000013");
    const list = await net.run(net.adminKey, "admin", "identity", "list", company.id);
    expect(list.code).toBe(0);
    const identities = list.stdout
      .trim()
      .split("\n")
      .map((line) => line.split("  ")[0]);
    expect(identities.sort()).toEqual(["14:5412345000013", "ZZ:GROCERYCO"]);

    const other = await net.run(net.adminKey, "admin", "account", "create", "Other", "--json");
    const otherId = (JSON.parse(other.stdout) as { id: string }).id;
    const taken = await net.run(net.adminKey, "admin", "identity", "add", otherId, "ZZ:GROCERYCO");
    expect(taken.code).toBe(1);
    expect(taken.stdout).toBe("");
    expect(taken.stderr).toMatch(/^openvan: IDENTITY_TAKEN: .+\n$/);
  });

  it("issues keys that work, shown once, of the asked scope", async () => {
    const company = await addCompany(net, "Key Co", "ZZ:KEYCO");
    const issued = await net.run(net.adminKey, "admin", "key", "create", company.id);
    expect(issued.code).toBe(0);
    expect(issued.stdout).toMatch(/^ov_[0-9a-f]{12}_[A-Za-z0-9_-]{43}\n$/);
    expect(issued.stderr).toContain("not shown again");
    const key = issued.stdout.trim();

    // An account key reads its own mailbox but may not manage the network.
    expect((await net.run(key, "mailbox")).code).toBe(0);
    const refused = await net.run(key, "admin", "account", "list");
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^openvan: FORBIDDEN: /);

    const admin = await net.run(
      net.adminKey,
      "admin",
      "key",
      "create",
      company.id,
      "--scope",
      "admin",
      "--json",
    );
    expect(admin.code).toBe(0);
    const answer = JSON.parse(admin.stdout) as { key: string; scope: string; accountId: string };
    expect(answer).toMatchObject({ scope: "admin", accountId: company.id });
    expect((await net.run(answer.key, "admin", "account", "list")).code).toBe(0);

    // Listed by prefix and scope, never the keys themselves.
    const listed = await net.run(net.adminKey, "admin", "key", "list", company.id);
    expect(listed.code).toBe(0);
    const lines = listed.stdout.trimEnd().split("\n");
    expect(lines).toHaveLength(3);
    expect(lines.map((line) => line.split("  ")[1]).sort()).toEqual(["account", "account", "admin"]);
    expect(lines).toContainEqual(expect.stringContaining(`  ${key.slice(0, 15)}_…  `));
    expect(listed.stdout).not.toContain(key);
  });

  it("rejects an unknown scope before asking the server, and names a missing account", async () => {
    const bad = await net.run(net.adminKey, "admin", "key", "create", "acc_nothing", "--scope", "root");
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("Allowed choices are account, admin");

    const missing = await net.run(net.adminKey, "admin", "identity", "list", "acc_nothing");
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe("openvan: NOT_FOUND: no account acc_nothing\n");
  });
});
