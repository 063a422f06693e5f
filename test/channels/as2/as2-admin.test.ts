import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { startTestNetwork, type TestNetwork } from "../../support/client-test-network.js";
import { makeParty, type OpensslParty } from "./openssl-peer.js";

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
