import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addCompany, startTestNetwork, type TestNetwork } from "../../../test/support/client-test-network.js";

let net: TestNetwork;

beforeAll(async () => {
  net = await startTestNetwork();
});

afterAll(async () => {
  await net?.close();
});

const signIn = (email: string, password: string) =>
  fetch(`${net.url}/api/v1/session`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password }),
  });

describe("openvan admin user", () => {
  it("adds a user with a password made for them, lists, disables, enables and resets it", async () => {
    const company = await addCompany(net, "User Co", "ZZ:USERCO");
    const added = await net.run(
      net.adminKey,
      "admin",
      "user",
      "add",
      company.id,
      "Pat@UserCo.example",
      "--name",
      "Pat Doe",
      "--role",
      "admin",
    );
    expect(added.code).toBe(0);
    expect(added.stderr).toContain("not shown again");
    const [line, passwordLine] = added.stdout.trim().split("\n");
    const [id, email, role, ...name] = (line ?? "").split("  ");
    expect([email, role, name.join("  ")]).toEqual(["pat@userco.example", "admin", "Pat Doe"]);
    const password = /^password: (\S+)$/.exec(passwordLine ?? "")?.[1] ?? "";
    expect(password.length).toBeGreaterThanOrEqual(20);
    expect((await signIn("pat@userco.example", password)).status).toBe(201);

    const list = await net.run(net.adminKey, "admin", "user", "list", company.id, "--json");
    expect(
      list.stdout
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l).id),
    ).toEqual([id]);

    const disabled = await net.run(net.adminKey, "admin", "user", "disable", id ?? "");
    expect(disabled.code).toBe(0);
    expect(disabled.stdout).toMatch(/ {2}disabled \d{4}-/);
    expect((await signIn("pat@userco.example", password)).status).toBe(401);
    expect((await net.run(net.adminKey, "admin", "user", "enable", id ?? "")).code).toBe(0);

    const file = join(net.dataDir, "new-password.txt");
    await writeFile(file, "a chosen password 42\nignored second line\n");
    const reset = await net.run(net.adminKey, "admin", "user", "password", id ?? "", "--password-file", file);
    expect(reset.code).toBe(0);
    expect(reset.stdout).not.toContain("password:");
    expect((await signIn("pat@userco.example", password)).status).toBe(401);
    expect((await signIn("pat@userco.example", "a chosen password 42")).status).toBe(201);
  });

  it("prints the server's error for a taken address, a short password and a non-admin key", async () => {
    const company = await addCompany(net, "Other Co", "ZZ:OTHERCO");
    const add = (key: string, email: string, ...extra: string[]) =>
      net.run(key, "admin", "user", "add", company.id, email, "--name", "Sam", ...extra);
    expect((await add(net.adminKey, "sam@otherco.example")).code).toBe(0);
    const taken = await add(net.adminKey, "SAM@otherco.example");
    expect([taken.code, taken.stderr]).toEqual([1, expect.stringMatching(/^openvan: USER_EMAIL_TAKEN: /)]);
    const short = await add(net.adminKey, "kim@otherco.example", "--password", "short");
    expect(short.stderr).toMatch(/^openvan: REQUEST_INVALID: /);
    const forbidden = await add(company.key, "lee@otherco.example");
    expect(forbidden.stderr).toMatch(/^openvan: FORBIDDEN: /);
  });
});
