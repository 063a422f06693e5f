import { createPrivateKey, X509Certificate } from "node:crypto";
import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { startTestNetwork, type TestNetwork } from "../../support/client-test-network.js";
import { makeParty, type OpensslParty, openssl } from "./openssl-peer.js";

// `openvan admin as2 …` against a running server: the REST admin routes and the CLI in one go.
let net: TestNetwork;
let dir: string;
let partner: OpensslParty;

beforeAll(async () => {
  net = await startTestNetwork({ OPENVAN_AS2_ID: "OPENVAN-ADMIN", OPENVAN_SFTP_PORT: "off" });
  dir = await mkdtemp(join(tmpdir(), "openvan-as2-admin-"));
  partner = await makeParty(dir, "partner");
});
afterAll(async () => {
  await net?.close();
  await rm(dir, { recursive: true, force: true });
});

it("shows the network's AS2 id and certificate, makes a profile and imports a partner certificate", async () => {
  const shown = await net.run(net.adminKey, "admin", "as2", "show");
  expect(shown.code).toBe(0);
  expect(shown.stdout).toMatch(/^AS2 id OPENVAN-ADMIN {2}URL http:\/\/127\.0\.0\.1:\d+\/as2/);
  expect(shown.stdout).toContain("-----BEGIN CERTIFICATE-----");
  const account = JSON.parse(
    (await net.run(net.adminKey, "admin", "account", "create", "Partner Co", "--json")).stdout,
  );
  const added = await net.run(
    net.adminKey,
    "admin",
    "as2",
    "profile",
    "add",
    account.id,
    "PARTNERCO",
    "--as2-url",
    "https://partner.example/as2",
    "--oaep-only",
    "--mdn",
    "async",
    "--json",
  );
  expect(added.code).toBe(0);
  const profile = JSON.parse(added.stdout);
  expect(profile).toMatchObject({
    as2Id: "PARTNERCO",
    allowRsaPkcs1: false,
    mdn: "async",
    signDigest: "sha256",
  });
  const taken = await net.run(net.adminKey, "admin", "as2", "profile", "add", account.id, "PARTNERCO");
  expect(taken.code).toBe(1);
  expect(taken.stderr).toContain("AS2_ID_TAKEN");
  const cert = await net.run(
    net.adminKey,
    "admin",
    "as2",
    "cert",
    "add",
    profile.id,
    partner.certFile,
    "--usage",
    "sign",
  );
  expect(cert.code).toBe(0);
  expect(cert.stdout).toMatch(/^crt_\S+ {2}sign {2}until \d{4}-/);
  const listed = await net.run(net.adminKey, "admin", "as2", "cert", "list", profile.id, "--json");
  expect(JSON.parse(listed.stdout).subject).toBe("CN=partner");
  const bad = await net.run(net.adminKey, "admin", "as2", "cert", "add", profile.id, partner.keyFile);
  expect(bad.code).toBe(1);
  expect(bad.stderr).toContain("AS2_CERTIFICATE_INVALID");
});

it("imports PKCS#12 through the CLI and the REST route, with precise errors", async () => {
  const account = JSON.parse(
    (await net.run(net.adminKey, "admin", "account", "create", "P12 Co", "--json")).stdout,
  );
  const profile = JSON.parse(
    (await net.run(net.adminKey, "admin", "as2", "profile", "add", account.id, "P12CO", "--json")).stdout,
  );
  const p12 = join(dir, "partner.p12");
  await openssl([
    "pkcs12",
    "-export",
    "-in",
    partner.certFile,
    "-inkey",
    partner.keyFile,
    "-passout",
    "pass:pw",
    "-out",
    p12,
  ]);
  const wrong = await net.run(
    net.adminKey,
    "admin",
    "as2",
    "cert",
    "add",
    profile.id,
    p12,
    "--password",
    "x",
  );
  expect(wrong.code).toBe(1);
  expect(wrong.stderr).toContain("AS2_PKCS12_PASSWORD");
  const missing = await net.run(net.adminKey, "admin", "as2", "cert", "add", profile.id, p12);
  expect(missing.stderr).toContain("protected by a password");
  const added = await net.run(
    net.adminKey,
    ...["admin", "as2", "cert", "add", profile.id, p12, "--password", "pw", "--usage", "sign", "--json"],
  );
  expect(added.code).toBe(0);
  expect(JSON.parse(added.stdout)).toMatchObject({ subject: "CN=partner", usage: "sign" });
  expect(added.stdout).not.toContain("PRIVATE KEY");
  // REST: a corrupt file (cut off) names the cause.
  const bytes = await readFile(p12);
  const response = await fetch(`${net.url}/api/v1/admin/as2-profiles/${profile.id}/certificates`, {
    method: "POST",
    headers: { authorization: `Bearer ${net.adminKey}`, "content-type": "application/json" },
    body: JSON.stringify({ certificate: bytes.subarray(0, 600).toString("base64"), password: "pw" }),
  });
  expect(response.status).toBe(400);
  const problem = (await response.json()) as Record<string, unknown>;
  expect(JSON.stringify(problem)).toMatch(
    /AS2_CERTIFICATE_INVALID.*corrupt|corrupt.*AS2_CERTIFICATE_INVALID/,
  );
  // The network's own key pair from PKCS#12: kept, and listed without its key.
  const network = await net.run(
    net.adminKey,
    "admin",
    "as2",
    "cert",
    "add",
    "network",
    p12,
    "--password",
    "pw",
  );
  expect(network.code).toBe(0);
  const shown = await fetch(`${net.url}/api/v1/admin/as2`, {
    headers: { authorization: `Bearer ${net.adminKey}` },
  });
  const body = await shown.text();
  expect(body).not.toContain("PRIVATE KEY");
  expect(JSON.parse(body).certificates.map((c: { subject: string }) => c.subject)).toContain("CN=partner");
});

it("generates key pairs: a profile's (key answered once, not stored) and the network's (kept)", async () => {
  const account = JSON.parse(
    (await net.run(net.adminKey, "admin", "account", "create", "Gen Co", "--json")).stdout,
  );
  const profile = JSON.parse(
    (await net.run(net.adminKey, "admin", "as2", "profile", "add", account.id, "GENCO", "--json")).stdout,
  );
  const keyFile = join(dir, "genco.key");
  const made = await net.run(
    net.adminKey,
    ...["admin", "as2", "cert", "generate", profile.id, "--bits", "3072", "--days", "90"],
    ...["--key-out", keyFile, "--json"],
  );
  expect(made.code).toBe(0);
  const cert = JSON.parse(made.stdout);
  expect(cert.privateKey).toBeUndefined();
  const days = (Date.parse(cert.notAfter) - Date.now()) / 86_400_000;
  expect(days).toBeGreaterThan(89);
  expect(days).toBeLessThan(91);
  const x509 = new X509Certificate(cert.pem);
  expect(x509.publicKey.asymmetricKeyDetails?.modulusLength).toBe(3072);
  const key = createPrivateKey(await readFile(keyFile, "utf8"));
  expect(x509.checkPrivateKey(key)).toBe(true);
  expect((await stat(keyFile)).mode & 0o777).toBe(0o600);
  const listed = await net.run(net.adminKey, "admin", "as2", "cert", "list", profile.id, "--json");
  expect(listed.stdout).not.toContain("PRIVATE KEY");
  const bad = await net.run(net.adminKey, "admin", "as2", "cert", "generate", profile.id, "--bits", "1024");
  expect(bad.code).toBe(1);
  const network = await net.run(
    net.adminKey,
    ...["admin", "as2", "cert", "generate", "network", "--bits", "2048", "--days", "400", "--json"],
  );
  expect(network.code).toBe(0);
  const generated = JSON.parse(network.stdout);
  expect(generated.subject).toContain("CN=OPENVAN-ADMIN");
  // The newest valid pair is the network's certificate from now on.
  const shown = await net.run(net.adminKey, "admin", "as2", "show");
  expect(shown.stdout).toContain(generated.pem.trim().split("\n")[1]);
});
