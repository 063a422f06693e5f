import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningServer, runServer } from "./run-server.js";

const run = promisify(execFile);

describe("openvan serve over HTTPS", () => {
  let dir: string;
  let server: RunningServer;
  let port: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "openvan-https-"));
    await run("openssl", [
      "req",
      "-x509",
      "-newkey",
      "rsa:2048",
      "-nodes",
      "-days",
      "1",
      "-keyout",
      join(dir, "key.pem"),
      "-out",
      join(dir, "cert.pem"),
      "-subj",
      "/CN=localhost",
      "-addext",
      "subjectAltName=DNS:localhost,IP:127.0.0.1",
    ]);
    server = await runServer({
      data: join(dir, "data"),
      demo: true,
      tlsCert: join(dir, "cert.pem"),
      tlsKey: join(dir, "key.pem"),
    });
    port = new URL(server.url).port;
  });

  afterAll(async () => {
    await server?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  const curl = (...args: string[]) =>
    run("curl", ["--silent", "--show-error", "--cacert", join(dir, "cert.pem"), ...args]);

  it("answers with the configured certificate, which curl checks against it", async () => {
    expect(server.url).toBe(`https://127.0.0.1:${port}`);
    const { stdout } = await curl(`https://localhost:${port}/healthz`);
    expect(JSON.parse(stdout)).toEqual({ status: "ok" });
  });

  it("takes a message over HTTPS", async () => {
    const demo = (await import(join(dir, "data", "demo.json"), { with: { type: "json" } })).default as {
      accounts: { apiKey: string }[];
    };
    const { stdout } = await curl(
      "--header",
      `Authorization: Bearer ${demo.accounts[0]?.apiKey}`,
      "--data-binary",
      "@samples/x12-850-purchase-order.edi",
      "--write-out",
      "\n%{http_code}",
      `https://localhost:${port}/api/v1/messages`,
    );
    const [body, status] = stdout.split("\n");
    expect(status).toBe("202");
    expect(JSON.parse(body ?? "")).toMatchObject({ format: "x12", replay: false });
  });

  it("refuses TLS older than 1.2 and plain HTTP", async () => {
    await expect(
      curl("--tlsv1", "--tls-max", "1.1", `https://localhost:${port}/healthz`),
    ).rejects.toMatchObject({
      code: expect.any(Number),
    });
    await expect(curl("--max-time", "5", `http://localhost:${port}/healthz`)).rejects.toMatchObject({
      code: expect.any(Number),
    });
  });

  it("is not trusted without the certificate", async () => {
    await expect(run("curl", ["--silent", `https://localhost:${port}/healthz`])).rejects.toMatchObject({
      code: 60,
    });
  });
});
