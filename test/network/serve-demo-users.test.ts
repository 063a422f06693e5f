import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { runServer } from "./run-server.js";

const run = promisify(execFile);

interface DemoFile {
  readonly accounts: readonly {
    readonly name: string;
    readonly user: { readonly email: string; readonly password: string };
  }[];
}

const signIn = (url: string, email: string, password: string) =>
  fetch(`${url}/api/v1/session`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password }),
  });

/** `openvan serve --demo` gives each demo company a user, written to demo.json, with a new password each start. */
describe("demo users", () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  it("seeds a user per demo company who can sign in; a new start gives a new password", async () => {
    const data = await mkdtemp(join(tmpdir(), "openvan-demo-users-"));
    dirs.push(data);
    const readDemo = async () => JSON.parse(await readFile(join(data, "demo.json"), "utf8")) as DemoFile;

    const first = await runServer({ data, demo: true, sftpPort: "off" });
    let before: DemoFile;
    try {
      before = await readDemo();
      expect(before.accounts.map((a) => a.user.email)).toEqual([
        "demo@acmefoods.example",
        "demo@grocerymart.example",
      ]);
      for (const account of before.accounts) {
        expect(first.output()).toContain(`${account.user.email} / ${account.user.password}`);
        const login = await signIn(first.url, account.user.email, account.user.password);
        expect(login.status).toBe(201);
        const body = (await login.json()) as { account: { name: string }; user: { role: string } };
        expect(body).toMatchObject({ account: { name: account.name }, user: { role: "admin" } });
        // The cookie a browser gets works like the token.
        const cookie = String(login.headers.get("set-cookie")).split(";")[0] ?? "";
        const me = await fetch(`${first.url}/api/v1/session`, { headers: { cookie } });
        expect(((await me.json()) as { account: { name: string } }).account.name).toBe(account.name);
      }
    } finally {
      expect(await first.stop()).toBe(0);
    }

    const again = await runServer({ data, demo: true, sftpPort: "off" });
    try {
      const after = await readDemo();
      const [was, now] = [before.accounts[0]?.user, after.accounts[0]?.user];
      expect(now?.email).toBe(was?.email);
      expect(now?.password).not.toBe(was?.password);
      expect((await signIn(again.url, was?.email ?? "", was?.password ?? "")).status).toBe(401);
      expect((await signIn(again.url, now?.email ?? "", now?.password ?? "")).status).toBe(201);
    } finally {
      expect(await again.stop()).toBe(0);
    }
  });

  it("marks the session cookie Secure over HTTPS", async () => {
    const dir = await mkdtemp(join(tmpdir(), "openvan-demo-users-tls-"));
    dirs.push(dir);
    const [key, cert] = [join(dir, "key.pem"), join(dir, "cert.pem")];
    await run("openssl", [
      ...["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-keyout", key, "-out", cert],
      ...["-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"],
    ]);
    const server = await runServer({
      data: join(dir, "data"),
      demo: true,
      sftpPort: "off",
      tlsCert: cert,
      tlsKey: key,
    });
    try {
      const demo = JSON.parse(await readFile(join(dir, "data", "demo.json"), "utf8")) as DemoFile;
      const user = demo.accounts[0]?.user;
      const { stdout } = await run("curl", [
        ...[
          "--silent",
          "--show-error",
          "--include",
          "--cacert",
          cert,
          "-H",
          "content-type: application/json",
        ],
        ...["--data", JSON.stringify({ email: user?.email, password: user?.password })],
        `${server.url}/api/v1/session`,
      ]);
      const setCookie = stdout.split("\r\n").find((l) => l.toLowerCase().startsWith("set-cookie:")) ?? "";
      expect(setCookie).toMatch(
        /openvan_session=ovs_[^;]+; Path=\/; Max-Age=43200; HttpOnly; SameSite=Strict; Secure$/,
      );
    } finally {
      expect(await server.stop()).toBe(0);
    }
  });
});
