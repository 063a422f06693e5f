import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { loadConfig } from "../../../src/config/index.js";
import { openServices, type Services, seedDemo, writeDemoFile } from "../../../src/services/index.js";
import { x12Order } from "../../support/client-test-network.js";
import { sendWithCurl, verifyMdnWithOpenssl } from "./as2-peer.js";
import type { OpensslParty } from "./openssl-peer.js";

// What docs/as2.md promises: with `serve --demo`, demo.json names the files to send AS2 with openssl and curl.
let dir: string;
let services: Services;
let url: string;
let demo: {
  as2: { url: string; id: string; certificate: string };
  accounts: { name: string; as2: { id: string; certificate: string; privateKey: string } }[];
};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "openvan-as2-demo-"));
  const config = loadConfig({
    env: {},
    overrides: { dataDir: dir, host: "127.0.0.1", port: 0, sftpPort: "off" },
  });
  services = await openServices(config);
  const accounts = await seedDemo(services.ctx, { sftp: false, as2: { id: config.as2.id, dataDir: dir } });
  url = await services.start();
  demo = JSON.parse(await readFile(await writeDemoFile(dir, url, accounts), "utf8"));
});
afterAll(async () => {
  await services?.stop();
  await rm(dir, { recursive: true, force: true });
});

it("demo.json names the AS2 URL, ids and PEM files; a signed, encrypted order goes through with openssl and curl", async () => {
  expect(demo.as2).toMatchObject({ url: `${url}/as2`, id: "OPENVAN" });
  const acme = demo.accounts.find((a) => a.name === "Acme Foods");
  expect(acme?.as2.id).toBe("ACMEFOODS");
  const party = {
    certFile: acme?.as2.certificate ?? "",
    keyFile: acme?.as2.privateKey ?? "",
  } as OpensslParty;
  const work = await mkdtemp(join(dir, "send-"));
  const result = await sendWithCurl(work, url, Buffer.from(x12Order("ACMEFOODS", "GROCERYMART", 9)), {
    from: acme?.as2.id ?? "",
    to: demo.as2.id,
    messageId: `demo-${Date.now()}@example`,
    sign: { party },
    encrypt: { certFile: demo.as2.certificate, cipher: "aes-256-cbc" },
    mdn: { signed: true },
  });
  const fields = await verifyMdnWithOpenssl(work, result, demo.as2.certificate);
  expect(fields.Disposition).toBe("automatic-action/MDN-sent-automatically; processed");
  expect(fields["Received-Content-MIC"]).toBe(`${result.mic}, sha-256`);
});
