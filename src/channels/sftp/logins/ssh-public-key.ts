import { createHash } from "node:crypto";
import ssh2 from "ssh2";
import { OpenVanError } from "../../../kernel/index.js";

/** An SSH public key as OpenVAN keeps it. */
export interface SshPublicKey {
  /** `ssh-ed25519`, `ecdsa-sha2-nistp256|384|521` or `ssh-rsa`. */
  readonly algorithm: string;
  readonly bits: number;
  /** `SHA256:…`, as `ssh-keygen -l` prints it. */
  readonly fingerprint: string;
  /** `TYPE BASE64`. */
  readonly publicKey: string;
  readonly comment: string;
}

const minRsaBits = 2048;
const curveBits: Readonly<Record<string, number>> = {
  "ecdsa-sha2-nistp256": 256,
  "ecdsa-sha2-nistp384": 384,
  "ecdsa-sha2-nistp521": 521,
};

/**
 * Reads one public key in the OpenSSH form (`TYPE BASE64 [COMMENT]`, an authorized_keys line without options)
 * and checks that it is one OpenVAN takes: ed25519, ECDSA, or RSA of at least 2048 bits. Anything else throws
 * SSH_KEY_INVALID saying why.
 */
export function parseSshPublicKey(text: string): SshPublicKey {
  const line = text.trim();
  if (line.includes("PRIVATE KEY")) {
    throw invalid(
      "this is a private key; give the public key (the .pub file), and keep the private one secret",
    );
  }
  if (line === "") throw invalid("the key is empty");
  if (/[\r\n]/.test(line)) throw invalid("give one key, on one line");
  const [type = "", data = "", ...rest] = line.split(/\s+/);
  if (type.endsWith("-cert-v01@openssh.com"))
    throw invalid("SSH certificates are not taken; give the plain key");
  if (type === "ssh-dss")
    throw invalid("DSA keys are too weak; use ed25519, ECDSA or RSA of 2048 bits or more");
  if (type !== "ssh-ed25519" && type !== "ssh-rsa" && curveBits[type] === undefined) {
    throw invalid(
      `"${type.slice(0, 40)}" is not an SSH public key type OpenVAN takes (ssh-ed25519, ecdsa-sha2-*, ssh-rsa)`,
    );
  }
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(data)) throw invalid("the key's data is not base64");
  const blob = Buffer.from(data, "base64");
  const parsed = ssh2.utils.parseKey(`${type} ${data}`);
  if (parsed instanceof Error || Array.isArray(parsed)) {
    throw invalid(`the key's data is not a valid ${type} key`);
  }
  if (parsed.type !== type || !parsed.getPublicSSH().equals(blob)) {
    throw invalid(`the key's data is a ${parsed.type} key, not ${type}`);
  }
  const bits = type === "ssh-rsa" ? rsaBits(blob) : (curveBits[type] ?? 256);
  if (type === "ssh-rsa" && bits < minRsaBits) {
    throw invalid(`this RSA key has ${bits} bits; OpenVAN takes RSA keys of ${minRsaBits} bits or more`);
  }
  return {
    algorithm: type,
    bits,
    fingerprint: sshFingerprint(blob),
    publicKey: `${type} ${data}`,
    comment: rest.join(" ").slice(0, 200),
  };
}

/** `SHA256:` and the unpadded base64 of the key blob's SHA-256, the form OpenSSH prints and asks about. */
export function sshFingerprint(blob: Uint8Array): string {
  return `SHA256:${createHash("sha256").update(blob).digest("base64").replace(/=+$/, "")}`;
}

/** The size of an RSA key's modulus: the blob is string "ssh-rsa", mpint e, mpint n (RFC 4253 6.6). */
function rsaBits(blob: Buffer): number {
  let at = 0;
  const next = (): Buffer => {
    const length = blob.readUInt32BE(at);
    const value = blob.subarray(at + 4, at + 4 + length);
    at += 4 + length;
    return value;
  };
  next();
  next();
  const modulus = next();
  let start = 0;
  while (start < modulus.length && modulus[start] === 0) start++;
  if (start === modulus.length) return 0;
  return (modulus.length - start - 1) * 8 + (32 - Math.clz32(modulus[start] as number));
}

function invalid(why: string): OpenVanError {
  return new OpenVanError("SSH_KEY_INVALID", `SSH public key refused: ${why}`);
}
