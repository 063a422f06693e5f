import { randomBytes } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { startTestNetwork, type TestNetwork } from "../../../test/support/client-test-network.js";
import { runCli } from "../../../test/support/run-cli.js";
import { readClientSettings } from "../../config/client-settings.js";

let net: TestNetwork;
let work: string;

beforeAll(async () => {
  net = await startTestNetwork({ OPENVAN_MAX_MESSAGE_SIZE: "64KB" });
  work = await mkdtemp(join(tmpdir(), "openvan-api-"));
});

afterAll(async () => {
  await net?.close();
  if (work) await rm(work, { recursive: true, force: true });
});

afterEach(() => {
  vi.unstubAllEnvs();
});

/** A loopback port nothing listens on: bound, then closed again. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (typeof address !== "object" || address === null) throw new Error("no port");
  return address.port;
}

describe("the API client", () => {
  it("shows the server's errors as CODE: message, exit code 1", async () => {
    const wrongKey = await net.run("ov_000000000000_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "mailbox");
    expect(wrongKey.code).toBe(1);
    expect(wrongKey.stdout).toBe("");
    expect(wrongKey.stderr).toMatch(/^openvan: UNAUTHENTICATED: .+\n$/);

    const badDate = await net.run(net.adminKey, "track", "--from", "yesterday");
    expect(badDate.code).toBe(1);
    expect(badDate.stderr).toBe(
      'openvan: REQUEST_INVALID: from: "yesterday" is not an ISO-8601 date or time\n',
    );
  });

  it("refuses a file larger than the server takes, before sending it", async () => {
    const path = join(work, "big.bin");
    await writeFile(path, randomBytes(70_000));
    const run = await net.run(net.adminKey, "send", path, "--to", "ZZ:ANYONE");
    expect(run.code, run.stderr).toBe(1);
    expect(run.stderr).toMatch(/^openvan: BLOB_TOO_LARGE: the message has 70000 bytes; .*65536/);
  });

  it("names the URL when nothing answers there, exit code 3", async () => {
    const url = `http://127.0.0.1:${await closedPort()}`;
    const run = await runCli("mailbox", "--url", url, "--key", net.adminKey);
    expect(run.code).toBe(3);
    expect(run.stdout).toBe("");
    expect(run.stderr).toBe(
      `openvan: CLI_SERVER_UNREACHABLE: cannot reach the OpenVAN server at ${url}/ (connection refused)\n`,
    );
    const path = join(work, "small.x12");
    await writeFile(path, "ISA");
    const send = await runCli("send", path, "--url", url, "--key", net.adminKey);
    expect(send.code).toBe(3);
    expect(send.stderr).toContain("connection refused");
  });

  it("takes the server and key from OPENVAN_URL and OPENVAN_API_KEY; flags win", async () => {
    vi.stubEnv("OPENVAN_URL", net.url);
    vi.stubEnv("OPENVAN_API_KEY", net.adminKey);
    expect(readClientSettings()).toEqual({ url: net.url, apiKey: net.adminKey });
    const fromEnv = await runCli("admin", "account", "list");
    expect(fromEnv.code).toBe(0);
    expect(fromEnv.stdout).toContain("  operator\n");

    const flagged = await runCli("admin", "account", "list", "--key", "ov_nope");
    expect(flagged.code).toBe(1);
    expect(flagged.stderr).toMatch(/^openvan: UNAUTHENTICATED: /);
  });

  it("exits 2 without an API key, or with a URL that is not http(s)", async () => {
    vi.stubEnv("OPENVAN_API_KEY", "");
    const noKey = await runCli("mailbox", "--url", net.url);
    expect(noKey.code).toBe(2);
    expect(noKey.stderr).toBe(
      `openvan: CLI_API_KEY_MISSING: no API key for ${net.url}: pass --key KEY or set OPENVAN_API_KEY\n`,
    );
    const badUrl = await runCli("mailbox", "--url", "ftp://example.com", "--key", net.adminKey);
    expect(badUrl.code).toBe(2);
    expect(badUrl.stderr).toBe(
      'openvan: CONFIG_INVALID: "ftp://example.com" is not an http:// or https:// URL\n',
    );
  });

  it("keeps a path prefix of the base URL (a server behind a proxy)", async () => {
    // Nothing is mounted under /van, so the server's own 404 proves the prefix was kept.
    const run = await runCli("mailbox", "--url", `${net.url}/van`, "--key", net.adminKey);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe("openvan: NOT_FOUND: no route GET /van/api/v1/mailbox\n");
  });
});

describe("readClientSettings", () => {
  it("treats empty values as unset and trims the rest", () => {
    expect(readClientSettings({ OPENVAN_URL: " http://van:8080 ", OPENVAN_API_KEY: "  " })).toEqual({
      url: "http://van:8080",
      apiKey: undefined,
    });
    expect(readClientSettings({})).toEqual({ url: undefined, apiKey: undefined });
  });
});
