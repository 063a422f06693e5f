import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { addProfileCertificates, createAs2Profile } from "../../../src/channels/as2/index.js";
import { loadConfig } from "../../../src/config/index.js";
import { addIdentity, createAccount } from "../../../src/network/index.js";
import { openServices, type Services } from "../../../src/services/index.js";
import { x12Order } from "../../support/client-test-network.js";
import { openPostgresS3Env, type PostgresS3Env } from "../../support/postgres-s3-env.js";
import { sendWithCurl, verifyMdnWithOpenssl } from "./as2-peer.js";
import { makeParty, type OpensslParty } from "./openssl-peer.js";

// The AS2 tables and their repository on PostgreSQL + S3: keys made once, a message in, a resend answered alike.
let env: PostgresS3Env;
let dir: string;
let services: Services;
let url: string;
let alice: OpensslParty;

beforeAll(async () => {
  env = await openPostgresS3Env("as2");
  dir = await mkdtemp(join(tmpdir(), "openvan-as2-pg-"));
  services = await openServices(
    loadConfig({
      env: env.env,
      overrides: { dataDir: join(dir, "data"), host: "127.0.0.1", port: 0, sftpPort: "off" },
    }),
  );
  url = await services.start();
  alice = await makeParty(dir, "alice");
  const acme = await createAccount(services.ctx, "Acme Foods");
  await addIdentity(services.ctx, acme.id, "ZZ:ACMEFOODS");
  await addIdentity(services.ctx, (await createAccount(services.ctx, "Grocery Mart")).id, "ZZ:GROCERYMART");
  const profile = await createAs2Profile(services.ctx, acme.id, { as2Id: "ACME" });
  await addProfileCertificates(services.ctx, profile.id, Buffer.from(alice.certificate.der), "both");
  await expect(createAs2Profile(services.ctx, acme.id, { as2Id: "ACME" })).rejects.toMatchObject({
    code: "AS2_ID_TAKEN",
  });
});
afterAll(async () => {
  await services?.stop();
  await env?.close();
  await rm(dir, { recursive: true, force: true });
});

it("receives a signed, encrypted message and answers its resend with the same MDN", async () => {
  const cert = join(dir, "network.crt");
  await writeFile(cert, await (await fetch(`${url}/as2/certificate`)).text());
  const work = await mkdtemp(join(dir, "msg-"));
  const message = {
    from: "ACME",
    to: "OPENVAN",
    messageId: `pg-${Date.now()}@peer`,
    sign: { party: alice },
    encrypt: { certFile: cert, cipher: "aes-256-gcm" },
    mdn: { signed: true },
  };
  const payload = Buffer.from(x12Order("ACMEFOODS", "GROCERYMART", 42));
  const first = await sendWithCurl(work, url, payload, message);
  const fields = await verifyMdnWithOpenssl(work, first, cert);
  expect(fields.Disposition).toBe("automatic-action/MDN-sent-automatically; processed");
  expect(fields["Received-Content-MIC"]).toBe(`${first.mic}, sha-256`);
  const again = await sendWithCurl(work, url, payload, message);
  expect(again.body.equals(first.body)).toBe(true);
});
