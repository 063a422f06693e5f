import { randomBytes, X509Certificate } from "node:crypto";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { addProfileCertificates, createAs2Profile } from "../../../src/channels/as2/index.js";
import { parseCertificate } from "../../../src/channels/as2/smime/certificates.js";
import { verifyDetached } from "../../../src/channels/as2/smime/cms-signed.js";
import { createAccount } from "../../../src/network/index.js";
import { openTempNetwork, type TempNetwork } from "../../support/temp-network.js";
import { openssl } from "./openssl-peer.js";

// A partner that signs with an ECDSA P-256 certificate: `openssl cms -sign` signs, OpenVAN verifies.
let dir: string;
let net: TempNetwork;
let certDer: Uint8Array;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "openvan-ec-"));
  net = await openTempNetwork();
  await openssl([
    ...["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-sha256", "-nodes"],
    ...[
      "-days",
      "30",
      "-subj",
      "/CN=ec-partner",
      "-keyout",
      join(dir, "ec.key"),
      "-out",
      join(dir, "ec.crt"),
    ],
  ]);
  certDer = new Uint8Array(new X509Certificate(await readFile(join(dir, "ec.crt"))).raw);
});
afterAll(async () => {
  await net?.close();
  await rm(dir, { recursive: true, force: true });
});

async function ecSign(content: Uint8Array, md: string): Promise<Uint8Array> {
  await writeFile(join(dir, "content"), content);
  await openssl([
    ...["cms", "-sign", "-binary", "-md", md, "-in", join(dir, "content")],
    ...[
      "-signer",
      join(dir, "ec.crt"),
      "-inkey",
      join(dir, "ec.key"),
      "-outform",
      "DER",
      "-out",
      join(dir, "sig.der"),
    ],
  ]);
  return new Uint8Array(await readFile(join(dir, "sig.der")));
}

it("verifies an ECDSA P-256 signature made by openssl cms (SHA-256 and SHA-384)", async () => {
  const content = Buffer.concat([
    Buffer.from("Content-Type: application/edi-x12\r\n\r\nISA*00*"),
    randomBytes(300),
  ]);
  const trusted = [parseCertificate(certDer)];
  for (const md of ["sha256", "sha384"] as const) {
    const verified = verifyDetached(content, await ecSign(content, md), trusted, [
      "sha256",
      "sha384",
      "sha512",
    ]);
    expect(verified.digest).toBe(md);
  }
  const changed = Buffer.from(content);
  changed[changed.length - 1] = (changed[changed.length - 1] as number) ^ 1;
  expect(() =>
    verifyDetached(changed, new Uint8Array(Buffer.from(join(dir, "x"))), trusted, ["sha256"]),
  ).toThrow();
  const signature = await ecSign(content, "sha256");
  expect(() => verifyDetached(changed, signature, trusted, ["sha256"])).toThrow(
    expect.objectContaining({ code: "AS2_SIGNATURE_INVALID" }),
  );
});

it("takes an EC certificate into a profile for signing only", async () => {
  const account = await createAccount(net.ctx, "EC Partner");
  const profile = await createAs2Profile(net.ctx, account.id, { as2Id: "ECPARTNER" });
  await expect(addProfileCertificates(net.ctx, profile.id, certDer, "both")).rejects.toThrow(
    /has an EC key: OpenVAN verifies ECDSA signatures with it \(usage "sign"\) but encrypts to RSA/,
  );
  const added = await addProfileCertificates(net.ctx, profile.id, certDer, "sign");
  expect(added[0]?.subject).toBe("CN=ec-partner");
});
