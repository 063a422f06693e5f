import { X509Certificate } from "node:crypto";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readPkcs12 } from "../../../src/channels/as2/keys/read-pkcs12.js";
import { makeParty, type OpensslParty } from "./openssl-peer.js";

// PKCS#12 files written by `openssl pkcs12 -export` (OpenSSL 3), read back by OpenVAN.
let dir: string;
let party: OpensslParty;
let ca: OpensslParty;
const files: Record<string, Buffer> = {};

/** OpenSSL 3's legacy provider next to the default one, for `-legacy` (RC2-40). */
const legacyConf = `openssl_conf = openssl_init
[openssl_init]
providers = provider_sect
[provider_sect]
default = default_sect
legacy = legacy_sect
[default_sect]
activate = 1
[legacy_sect]
activate = 1
`;

async function exportP12(name: string, extra: readonly string[], env?: NodeJS.ProcessEnv): Promise<void> {
  const out = join(dir, `${name}.p12`);
  const args = [
    "pkcs12",
    "-export",
    "-in",
    party.certFile,
    "-inkey",
    party.keyFile,
    "-certfile",
    ca.certFile,
  ];
  const { execFile } = await import("node:child_process");
  await new Promise<void>((resolve, reject) =>
    execFile(
      "openssl",
      [...args, ...extra, "-out", out],
      { env: { ...process.env, ...env } },
      (error, _o, err) => (error === null ? resolve() : reject(new Error(`${error.message}: ${err}`))),
    ),
  );
  files[name] = await readFile(out);
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "openvan-p12-"));
  party = await makeParty(dir, "p12party");
  ca = await makeParty(dir, "p12ca");
  await writeFile(join(dir, "legacy.cnf"), legacyConf);
  await exportP12("modern", ["-passout", "pass:s3cret pass"]);
  await exportP12("des", [
    "-passout",
    "pass:s3cret pass",
    "-certpbe",
    "PBE-SHA1-3DES",
    "-keypbe",
    "PBE-SHA1-3DES",
    "-macalg",
    "sha1",
  ]);
  await exportP12("legacy", ["-legacy", "-passout", "pass:s3cret pass"], {
    OPENSSL_CONF: join(dir, "legacy.cnf"),
  });
  await exportP12("legacy3des", ["-legacy", "-certpbe", "PBE-SHA1-3DES", "-passout", "pass:s3cret pass"], {
    OPENSSL_CONF: join(dir, "legacy.cnf"),
  });
  await exportP12("nopass", ["-passout", "pass:"]);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function partyDer(p: OpensslParty): Buffer {
  return Buffer.from(new X509Certificate(p.certificate.der).raw);
}

describe("readPkcs12", () => {
  it("reads PBES2 (AES-256-CBC, PBKDF2-HMAC-SHA256), the key's certificate first", async () => {
    const { execFile } = await import("node:child_process");
    const info = await new Promise<string>((resolve) =>
      execFile(
        "openssl",
        ["pkcs12", "-in", join(dir, "modern.p12"), "-info", "-noout", "-passin", "pass:s3cret pass"],
        (_e, out, err) => resolve(`${out}${err}`),
      ),
    );
    expect(info).toMatch(/PBES2, PBKDF2, AES-256-CBC/);
    const read = readPkcs12(files.modern as Buffer, "s3cret pass");
    expect(read.certificates).toHaveLength(2);
    expect(Buffer.from(read.certificates[0] as Uint8Array).equals(partyDer(party))).toBe(true);
    expect(Buffer.from(read.certificates[1] as Uint8Array).equals(partyDer(ca))).toBe(true);
    expect(read.privateKey?.asymmetricKeyType).toBe("rsa");
    expect(
      read.privateKey?.export({ type: "pkcs8", format: "pem" }) ===
        party.privateKey.export({ type: "pkcs8", format: "pem" }),
    ).toBe(true);
  });

  it("reads pbeWithSHAAnd3-KeyTripleDES-CBC with a SHA-1 MAC (the PKCS#12 key derivation)", () => {
    const read = readPkcs12(files.des as Buffer, "s3cret pass");
    expect(Buffer.from(read.certificates[0] as Uint8Array).equals(partyDer(party))).toBe(true);
    expect(read.privateKey?.asymmetricKeyType).toBe("rsa");
    const legacy3des = readPkcs12(files.legacy3des as Buffer, "s3cret pass");
    expect(legacy3des.certificates).toHaveLength(2);
  });

  it("reads a file without password", () => {
    expect(readPkcs12(files.nopass as Buffer, null).privateKey).not.toBeNull();
    expect(readPkcs12(files.nopass as Buffer, "").privateKey).not.toBeNull();
  });

  it("refuses RC2-40 (openssl -legacy) naming the algorithm and how to re-export", () => {
    expect(() => readPkcs12(files.legacy as Buffer, "s3cret pass")).toThrow(
      expect.objectContaining({
        code: "AS2_CERTIFICATE_INVALID",
        message: expect.stringMatching(
          /pbeWithSHAAnd40BitRC2-CBC \(RC2-40\).*openssl pkcs12 -in OLD\.p12 -legacy/,
        ),
      }),
    );
  });

  it("says precisely when the password is wrong or missing", () => {
    expect(() => readPkcs12(files.modern as Buffer, "wrong")).toThrow(
      expect.objectContaining({
        code: "AS2_PKCS12_PASSWORD",
        message: expect.stringContaining("does not open"),
      }),
    );
    expect(() => readPkcs12(files.des as Buffer, null)).toThrow(
      expect.objectContaining({
        code: "AS2_PKCS12_PASSWORD",
        message: expect.stringContaining("protected by a password"),
      }),
    );
  });

  it("says a corrupt or cut-off file is corrupt", () => {
    const modern = files.modern as Buffer;
    expect(() => readPkcs12(modern.subarray(0, 700), "s3cret pass")).toThrow(
      expect.objectContaining({
        code: "AS2_CERTIFICATE_INVALID",
        message: expect.stringContaining("corrupt"),
      }),
    );
    // A flipped byte in the encrypted content: the MAC no longer verifies.
    const flipped = Buffer.from(modern);
    flipped[200] = (flipped[200] as number) ^ 0xff;
    expect(() => readPkcs12(flipped, "s3cret pass")).toThrow(
      expect.objectContaining({
        code: "AS2_PKCS12_PASSWORD",
        message: expect.stringContaining("was changed"),
      }),
    );
  });
});
