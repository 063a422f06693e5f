import { execFile } from "node:child_process";
import { createPrivateKey, type KeyObject, X509Certificate } from "node:crypto";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { type ParsedCertificate, parseCertificate } from "../../../src/channels/as2/smime/certificates.js";

const run = promisify(execFile);

/** Runs `openssl` with these arguments; rejects with its stderr when it fails. */
export async function openssl(args: readonly string[], input?: Uint8Array): Promise<Buffer> {
  const child = run("openssl", [...args], { encoding: "buffer", maxBuffer: 256 * 1024 * 1024 });
  if (input !== undefined) {
    child.child.stdin?.end(input);
  }
  const { stdout } = await child;
  return stdout;
}

/** One AS2 party made by `openssl req`: a self-signed RSA-2048 certificate and its PKCS#8 key, as files and parsed. */
export interface OpensslParty {
  readonly name: string;
  readonly keyFile: string;
  readonly certFile: string;
  readonly certificate: ParsedCertificate;
  readonly privateKey: KeyObject;
}

export async function makeParty(dir: string, name: string, days = 3650): Promise<OpensslParty> {
  const keyFile = join(dir, `${name}.key`);
  const certFile = join(dir, `${name}.crt`);
  await openssl([
    "req",
    "-x509",
    "-newkey",
    "rsa:2048",
    "-sha256",
    "-nodes",
    "-days",
    String(days),
    "-subj",
    `/CN=${name}`,
    "-addext",
    "keyUsage=critical,digitalSignature,keyEncipherment",
    "-keyout",
    keyFile,
    "-out",
    certFile,
  ]);
  const pem = await readFile(certFile, "utf8");
  return {
    name,
    keyFile,
    certFile,
    certificate: parseCertificate(new Uint8Array(new X509Certificate(pem).raw)),
    privateKey: createPrivateKey(await readFile(keyFile, "utf8")),
  };
}
