import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addProfileCertificates, createAs2Profile } from "../../../src/channels/as2/index.js";
import { loadConfig } from "../../../src/config/index.js";
import { addIdentity, createAccount } from "../../../src/network/index.js";
import { openServices, type Services } from "../../../src/services/index.js";
import { x12Order } from "../../support/client-test-network.js";
import { makeParty, type OpensslParty } from "./openssl-peer.js";

// The AS2 peer scripts kept beside the repository (send.sh builds with openssl cms and posts with curl;
// verify.sh checks the MDN's signature, Message-ID, disposition and MIC). Skipped when they are not there.
const peers = resolve(import.meta.dirname, "../../../../shared/peers/as2");
const present = existsSync(join(peers, "send.sh")) && existsSync(join(peers, "verify.sh"));
const run = promisify(execFile);

let dir: string;
let services: Services;
let url: string;
let alice: OpensslParty;
let networkCert: string;

describe.skipIf(!present)("AS2 against ../shared/peers/as2 send.sh + verify.sh", () => {
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "openvan-as2-peer-"));
    services = await openServices(
      loadConfig({
        env: { OPENVAN_AS2_ID: "bob" },
        overrides: { dataDir: join(dir, "data"), host: "127.0.0.1", port: 0, sftpPort: "off" },
      }),
    );
    url = await services.start();
    alice = await makeParty(dir, "alice");
    const acme = await createAccount(services.ctx, "Acme Foods");
    await addIdentity(services.ctx, acme.id, "ZZ:ACMEFOODS");
    await addIdentity(services.ctx, (await createAccount(services.ctx, "Grocery Mart")).id, "ZZ:GROCERYMART");
    const profile = await createAs2Profile(services.ctx, acme.id, { as2Id: "alice", legacy: true });
    await addProfileCertificates(services.ctx, profile.id, Buffer.from(alice.certificate.der), "both");
    networkCert = join(dir, "bob.crt");
    await writeFile(networkCert, await (await fetch(`${url}/as2/certificate`)).text());
  });
  afterAll(async () => {
    await services?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  const variants: [string, Record<string, string>][] = [
    ["AES-256-CBC, PKCS#1 v1.5, binary body", {}],
    [
      "AES-128-CBC, SHA-512, base64 body",
      { ENC_ALG: "aes-128-cbc", DIGEST: "sha512", BODY_ENCODING: "base64" },
    ],
    ["3DES and SHA-1 (legacy profile)", { ENC_ALG: "des-ede3-cbc", DIGEST: "sha1" }],
    ["RSA-OAEP-SHA256", { KEY_ENC: "oaep-sha256" }],
    ["signed only", { ENCRYPT: "0" }],
  ];
  let n = 0;
  for (const [name, extra] of variants) {
    it(`${name}: verify.sh accepts the MDN`, async () => {
      n += 1;
      const out = join(dir, `out-${n}`);
      const payload = join(dir, `po-${n}.edi`);
      await writeFile(payload, `${x12Order("ACMEFOODS", "GROCERYMART", 7000 + n)}\n`);
      const env = {
        ...process.env,
        AS2_FROM: "alice",
        AS2_TO: "bob",
        SENDER_KEY: alice.keyFile,
        SENDER_CERT: alice.certFile,
        RECEIVER_CERT: networkCert,
        OUT: out,
        ...extra,
      };
      await run(join(peers, "send.sh"), [`${url}/as2`, payload], { env });
      const { stdout } = await run(join(peers, "verify.sh"), [out, networkCert], {
        env: { ...process.env, STRICT: "1" },
      });
      expect(stdout).toContain("mdn: OK (processed, message id and MIC match)");
    });
  }
});
