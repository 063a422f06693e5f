import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../support/run-cli.js";
import { runServer } from "./run-server.js";

const sample = await readFile(new URL("../../samples/x12-850-purchase-order.edi", import.meta.url));

interface Demo {
  readonly url: string;
  readonly accounts: { readonly name: string; readonly identities: string[]; readonly apiKey: string }[];
}

describe("openvan serve", () => {
  const dirs: string[] = [];
  const tempDir = async () => {
    const dir = await mkdtemp(join(tmpdir(), "openvan-serve-"));
    dirs.push(dir);
    return dir;
  };
  afterAll(async () => {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  it("starts with --data and --port 0, seeds the demo, routes over real HTTP, and stops", async () => {
    const data = await tempDir();
    const server = await runServer({ data, demo: true });
    try {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(await (await fetch(`${server.url}/healthz`)).json()).toEqual({ status: "ok" });

      const adminKeyFile = join(data, "admin-key");
      expect((await stat(adminKeyFile)).mode & 0o777).toBe(0o600);
      expect(server.output()).toContain(`admin key (new): written to ${adminKeyFile}`);
      const demo = JSON.parse(await readFile(join(data, "demo.json"), "utf8")) as Demo;
      expect(demo.url).toBe(server.url);
      expect(demo.accounts.map((a) => [a.name, a.identities])).toEqual([
        ["Acme Foods", ["ZZ:ACMEFOODS", "14:5412345000013"]],
        ["Grocery Mart", ["ZZ:GROCERYMART", "14:5498765000012"]],
      ]);
      const [acme, grocery] = demo.accounts;
      expect(server.output()).toContain(acme?.apiKey);

      const sent = await fetch(`${server.url}/api/v1/messages`, {
        method: "POST",
        headers: { authorization: `Bearer ${acme?.apiKey}`, "content-type": "application/edi-x12" },
        body: sample,
      });
      expect(sent.status).toBe(202);
      const auth = { authorization: `Bearer ${grocery?.apiKey}` };
      let items: { id: string }[] = [];
      for (let i = 0; i < 200 && items.length === 0; i++) {
        items = (
          (await (await fetch(`${server.url}/api/v1/mailbox`, { headers: auth })).json()) as {
            items: { id: string }[];
          }
        ).items;
        if (items.length === 0) await new Promise((resolve) => setTimeout(resolve, 25));
      }
      expect(items).toHaveLength(1);
      const content = await fetch(`${server.url}/api/v1/mailbox/${items[0]?.id}/content`, { headers: auth });
      expect(Buffer.from(await content.arrayBuffer()).equals(sample)).toBe(true);

      const metrics = await (await fetch(`${server.url}/metrics`)).text();
      expect(metrics).toMatch(/openvan_interchanges_routed_total\{state="routed"\} 1/);
      expect(await oversizeHeaderAnswer(server.url)).toEqual({
        status: 431,
        body: { error: { code: "REQUEST_HEADERS_TOO_LARGE", message: expect.any(String) } },
      });
    } finally {
      expect(await server.stop()).toBe(0);
    }
    await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();

    const again = await runServer({ data, demo: true });
    try {
      expect(again.output()).toContain(`admin key: in ${join(data, "admin-key")}`);
      const adminKey = (await readFile(join(data, "admin-key"), "utf8")).trim();
      const accounts = (await (
        await fetch(`${again.url}/api/v1/admin/accounts`, {
          headers: { authorization: `Bearer ${adminKey}` },
        })
      ).json()) as { items: { name: string }[] };
      expect(accounts.items.map((a) => a.name).sort()).toEqual(["Acme Foods", "Grocery Mart", "operator"]);
      const demo = JSON.parse(await readFile(join(data, "demo.json"), "utf8")) as Demo;
      expect(demo.url).toBe(again.url);
      const mailbox = await fetch(`${again.url}/api/v1/mailbox`, {
        headers: { authorization: `Bearer ${demo.accounts[1]?.apiKey}` },
      });
      expect(((await mailbox.json()) as { items: unknown[] }).items).toHaveLength(1);
    } finally {
      expect(await again.stop()).toBe(0);
    }
  });

  it("refuses a bad setting with CONFIG_INVALID naming it", async () => {
    await expect(
      runServer({ data: await tempDir() }, { OPENVAN_RETENTION: "forever" }),
    ).rejects.toMatchObject({
      code: "CONFIG_INVALID",
      message: expect.stringContaining("OPENVAN_RETENTION"),
    });
  });

  it("takes --outbound-allow, naming it when it is not an address, a range or private", async () => {
    const data = await tempDir();
    const bad = await runCli("serve", "--data", data, "--port", "0", "--outbound-allow", "10.0.0.0/33");
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toBe(
      'openvan: CONFIG_INVALID: --outbound-allow: "10.0.0.0/33" is not an IP address, a CIDR range (address/prefix) or the word private\n',
    );
    const server = await runServer({ data, outboundAllow: "127.0.0.1/32,private" });
    expect(await server.stop()).toBe(0);
  });
});

/** Node's fetch refuses to send huge headers itself, so this asks with node:http. */
function oversizeHeaderAnswer(url: string): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}/healthz`, { headers: { "x-padding": "x".repeat(32 * 1024) } }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => {
        text += chunk;
      });
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }));
    });
    req.on("error", reject);
    req.end();
  });
}
