import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CipherName, KeyTransport } from "../../../src/channels/as2/smime/algorithms.js";
import { compress, decompress } from "../../../src/channels/as2/smime/cms-compressed.js";
import { decryptEnveloped, encryptEnveloped } from "../../../src/channels/as2/smime/cms-enveloped.js";
import { signDetached, verifyDetached } from "../../../src/channels/as2/smime/cms-signed.js";
import { computeMic } from "../../../src/channels/as2/smime/mic.js";
import { parseMimeEntity } from "../../../src/channels/as2/smime/mime-entity.js";
import { splitMultipartSigned } from "../../../src/channels/as2/smime/multipart-signed.js";
import { makeParty, type OpensslParty, openssl } from "./openssl-peer.js";

const run = promisify(execFile);

// Each case runs against the real `openssl cms`, both ways: what OpenVAN writes, openssl reads, and back.
let dir: string;
let alice: OpensslParty;
let bob: OpensslParty;
let mallory: OpensslParty;
const all = {
  ciphers: [
    "aes-128-cbc",
    "aes-192-cbc",
    "aes-256-cbc",
    "aes-128-gcm",
    "aes-256-gcm",
    "des-ede3-cbc",
  ] as CipherName[],
  keyTransports: ["rsa-pkcs1", "rsa-oaep", "rsa-oaep-sha256"] as KeyTransport[],
};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "openvan-smime-"));
  [alice, bob, mallory] = await Promise.all([
    makeParty(dir, "alice"),
    makeParty(dir, "bob"),
    makeParty(dir, "mallory"),
  ]);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A MIME entity whose binary content ends in a bare LF: the case OpenSSL's own S/MIME reader splits wrongly. */
function entity(content: Uint8Array): Buffer {
  return Buffer.concat([
    Buffer.from(
      'Content-Type: application/edi-x12\r\nContent-Transfer-Encoding: binary\r\nContent-Disposition: attachment; filename="po.edi"\r\n\r\n',
    ),
    content,
  ]);
}
const payload = Buffer.concat([Buffer.from("ISA*00*~\n"), randomBytes(3000), Buffer.from("\r\nIEA*1*1~\n")]);

describe("signatures against openssl cms", () => {
  for (const digest of ["sha1", "sha256", "sha384", "sha512"] as const) {
    it(`openssl verifies OpenVAN's detached ${digest} signature`, async () => {
      const content = entity(payload);
      const der = signDetached(content, alice, digest, new Date());
      await writeFile(join(dir, "c.bin"), content);
      await writeFile(join(dir, "s.der"), der);
      await openssl([
        "cms",
        "-verify",
        "-binary",
        "-inform",
        "DER",
        "-in",
        join(dir, "s.der"),
        "-content",
        join(dir, "c.bin"),
        "-CAfile",
        alice.certFile,
        "-purpose",
        "any",
        "-out",
        "/dev/null",
      ]);
      const printed = (
        await openssl(["cms", "-cmsout", "-print", "-inform", "DER", "-in", join(dir, "s.der")])
      ).toString();
      expect(printed).toContain(digest === "sha1" ? "sha1" : digest);
    });
  }

  it("verifies openssl's multipart/signed, split byte-exactly, and computes the same MIC", async () => {
    const content = entity(payload);
    await writeFile(join(dir, "entity.mime"), content);
    const signed = await openssl([
      "cms",
      "-sign",
      "-binary",
      "-crlfeol",
      "-md",
      "sha256",
      "-in",
      join(dir, "entity.mime"),
      "-signer",
      alice.certFile,
      "-inkey",
      alice.keyFile,
    ]);
    const top = parseMimeEntity(signed);
    const type = top.headers.find((h) => h.name.toLowerCase() === "content-type")?.value ?? "";
    const parts = splitMultipartSigned(top.body, type);
    expect(Buffer.from(parts.signed).equals(content)).toBe(true);
    const result = verifyDetached(parts.signed, parts.signature, [alice.certificate], ["sha256"]);
    expect(result.digest).toBe("sha256");
    const expected = (await openssl(["dgst", "-sha256", "-binary", join(dir, "entity.mime")])).toString(
      "base64",
    );
    expect(computeMic(parts.signed, "sha256")).toBe(`${expected}, sha-256`);
  });

  it("names a changed content, a stranger's signature and a refused digest precisely", async () => {
    const content = entity(payload);
    const der = signDetached(content, mallory, "sha256", new Date());
    expect(() => verifyDetached(content, der, [alice.certificate], ["sha256"])).toThrow(
      expect.objectContaining({ code: "AS2_SIGNER_UNTRUSTED" }),
    );
    const good = signDetached(content, alice, "sha1", new Date());
    expect(() => verifyDetached(content, good, [alice.certificate], ["sha256"])).toThrow(
      expect.objectContaining({ code: "AS2_ALGORITHM_REFUSED" }),
    );
    const changed = Buffer.from(content);
    changed.writeUInt8((changed.at(-5) ?? 0) ^ 1, changed.length - 5);
    expect(() => verifyDetached(changed, good, [alice.certificate], ["sha1"])).toThrow(
      expect.objectContaining({ code: "AS2_SIGNATURE_INVALID" }),
    );
  });
});

describe("encryption against openssl cms", () => {
  const cases: [CipherName, KeyTransport][] = [
    ["aes-128-cbc", "rsa-pkcs1"],
    ["aes-256-cbc", "rsa-pkcs1"],
    ["aes-192-cbc", "rsa-oaep"],
    ["aes-256-cbc", "rsa-oaep-sha256"],
    ["aes-128-gcm", "rsa-oaep"],
    ["aes-256-gcm", "rsa-pkcs1"],
    ["des-ede3-cbc", "rsa-pkcs1"],
  ];
  for (const [cipher, transport] of cases) {
    it(`openssl decrypts OpenVAN's ${cipher} / ${transport}`, async () => {
      const der = encryptEnveloped(payload, bob.certificate, cipher, transport);
      await writeFile(join(dir, "e.der"), der);
      const out = await openssl([
        "cms",
        "-decrypt",
        "-binary",
        "-inform",
        "DER",
        "-in",
        join(dir, "e.der"),
        "-recip",
        bob.certFile,
        "-inkey",
        bob.keyFile,
      ]);
      expect(out.equals(payload)).toBe(true);
    });

    it(`OpenVAN decrypts openssl's ${cipher} / ${transport}`, async () => {
      await writeFile(join(dir, "p.bin"), payload);
      const keyopt =
        transport === "rsa-pkcs1"
          ? []
          : transport === "rsa-oaep"
            ? ["-keyopt", "rsa_padding_mode:oaep"]
            : [
                "-keyopt",
                "rsa_padding_mode:oaep",
                "-keyopt",
                "rsa_oaep_md:sha256",
                "-keyopt",
                "rsa_mgf1_md:sha256",
              ];
      const der = await openssl([
        "cms",
        "-encrypt",
        "-binary",
        `-${cipher}`,
        "-in",
        join(dir, "p.bin"),
        "-recip",
        bob.certFile,
        ...keyopt,
        "-outform",
        "DER",
      ]);
      const out = decryptEnveloped(der, [bob], all);
      expect(Buffer.from(out.content).equals(payload)).toBe(true);
      expect(out).toMatchObject({ cipher, keyTransport: transport });
    });
  }

  it("says decryption-failed for another certificate, and refuses what the profile does not allow", async () => {
    const der = encryptEnveloped(payload, mallory.certificate, "aes-256-cbc", "rsa-pkcs1");
    expect(() => decryptEnveloped(der, [bob], all)).toThrow(
      expect.objectContaining({ code: "AS2_DECRYPTION_FAILED" }),
    );
    const toBob = encryptEnveloped(payload, bob.certificate, "des-ede3-cbc", "rsa-pkcs1");
    expect(() => decryptEnveloped(toBob, [bob], { ...all, ciphers: ["aes-256-cbc"] })).toThrow(
      expect.objectContaining({ code: "AS2_ALGORITHM_REFUSED" }),
    );
    const oaep = encryptEnveloped(payload, bob.certificate, "aes-256-cbc", "rsa-pkcs1");
    expect(() => decryptEnveloped(oaep, [bob], { ...all, keyTransports: ["rsa-oaep"] })).toThrow(
      expect.objectContaining({ code: "AS2_ALGORITHM_REFUSED" }),
    );
  });

  it("shows a corrupted PKCS#1 v1.5 key only as content that does not decrypt", async () => {
    const der = Buffer.from(encryptEnveloped(payload, bob.certificate, "aes-256-cbc", "rsa-pkcs1"));
    // The encrypted key is the 256 bytes after the rsaEncryption NULL: flip one byte of it.
    const at = der.indexOf(Buffer.from([0x04, 0x82, 0x01, 0x00])) + 4 + 17;
    der.writeUInt8((der[at] ?? 0) ^ 0x40, at);
    // The bad padding is not told apart: the content is decrypted with a random key instead, whose output
    // fails the content's own padding check, except about once in 256 keys, when it passes as garbage.
    let outcome: "refused" | "garbage" | "payload";
    try {
      const out = decryptEnveloped(der, [bob], all);
      outcome = Buffer.from(out.content).equals(payload) ? "payload" : "garbage";
    } catch (error) {
      expect(error).toMatchObject({
        code: "AS2_DECRYPTION_FAILED",
        message: expect.stringContaining("content does not decrypt"),
      });
      outcome = "refused";
    }
    expect(outcome).not.toBe("payload");
  });

  it("says AS2_CMS_INVALID for a cut-off envelope", async () => {
    const der = encryptEnveloped(payload, bob.certificate, "aes-256-cbc", "rsa-oaep");
    expect(() => decryptEnveloped(der.subarray(0, 700), [bob], all)).toThrow(
      expect.objectContaining({ code: "AS2_CMS_INVALID" }),
    );
  });
});

describe("compression against openssl cms", () => {
  // Debian's openssl is built without zlib (`cms -compress` says "unsupported compression algorithm"), so the
  // independent side is openssl's ASN.1 reader plus Python's zlib, and a CompressedData DER built by Python.
  it("writes a CompressedData that openssl parses and Python inflates", async () => {
    await writeFile(join(dir, "z.der"), compress(payload));
    const printed = (
      await openssl(["cms", "-cmsout", "-print", "-inform", "DER", "-in", join(dir, "z.der")])
    ).toString();
    expect(printed).toContain("id-smime-ct-compressedData");
    expect(printed).toContain("zlib compression");
    const script = `
import subprocess, sys, zlib
out = subprocess.run(["openssl", "asn1parse", "-inform", "DER", "-in", sys.argv[1]], capture_output=True, text=True).stdout
line = [l for l in out.splitlines() if "OCTET STRING" in l][-1]
offset, rest = line.split(":", 1)
hl = int(rest.split("hl=")[1].split()[0]); ln = int(rest.split("l=")[2].split()[0])
der = open(sys.argv[1], "rb").read()
sys.stdout.buffer.write(zlib.decompress(der[int(offset) + hl:int(offset) + hl + ln]))`;
    const inflated = await runPython(script, [join(dir, "z.der")]);
    expect(inflated.equals(payload)).toBe(true);
  });

  it("encodes a large compressed content as one primitive OCTET STRING (DER readers refuse BER chunks)", async () => {
    await writeFile(join(dir, "zbig.der"), compress(randomBytes(300_000)));
    const parsed = (await openssl(["asn1parse", "-inform", "DER", "-in", join(dir, "zbig.der")])).toString();
    expect(parsed).not.toMatch(/cons: OCTET STRING/);
    expect(parsed.match(/prim: OCTET STRING/g)).toHaveLength(1);
  });

  it("reads a CompressedData built by Python", async () => {
    const script = `
import sys, zlib
def tlv(tag, body):
    n = len(body)
    if n < 128: head = bytes([n])
    else:
        b = n.to_bytes((n.bit_length() + 7) // 8, "big"); head = bytes([0x80 | len(b)]) + b
    return bytes([tag]) + head + body
oid = lambda d: tlv(0x06, d)
data = open(sys.argv[1], "rb").read()
compressed_data = tlv(0x30, tlv(0x02, bytes(1)) + tlv(0x30, oid(bytes.fromhex("2a864886f70d0109100308")))
    + tlv(0x30, oid(bytes.fromhex("2a864886f70d010701")) + tlv(0xa0, tlv(0x04, zlib.compress(data)))))
sys.stdout.buffer.write(tlv(0x30, oid(bytes.fromhex("2a864886f70d0109100109")) + tlv(0xa0, compressed_data)))`;
    await writeFile(join(dir, "p.bin"), payload);
    const theirs = await runPython(script, [join(dir, "p.bin")]);
    expect(Buffer.from(decompress(theirs, 1 << 20)).equals(payload)).toBe(true);
  });

  it("refuses output beyond the limit", () => {
    expect(() => decompress(compress(Buffer.alloc(1 << 20)), 1000)).toThrow(
      expect.objectContaining({ code: "AS2_DECOMPRESSION_FAILED" }),
    );
  });
});

async function runPython(script: string, args: readonly string[]): Promise<Buffer> {
  const file = join(dir, "script.py");
  await writeFile(file, script);
  const { stdout } = await run("python3", [file, ...args], { encoding: "buffer", maxBuffer: 64 << 20 });
  return stdout;
}
