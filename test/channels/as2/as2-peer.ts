import { execFile } from "node:child_process";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { type OpensslParty, openssl } from "./openssl-peer.js";

const run = promisify(execFile);

/** How the test peer builds its AS2 message with `openssl cms`. */
export interface PeerMessage {
  readonly sign?: {
    readonly party: OpensslParty;
    readonly digest?: "sha1" | "sha256" | "sha384" | "sha512";
  } | null;
  /** openssl's cipher option (`aes-256-cbc`, `aes-128-gcm` …) and key transport. */
  readonly encrypt?: {
    readonly certFile: string;
    readonly cipher: string;
    readonly oaep?: "sha1" | "sha256";
  } | null;
  readonly from: string;
  readonly to: string;
  readonly messageId: string;
  /** Sync MDN unless async says where; `signed` asks for a signed MDN with this MIC digest. */
  readonly mdn?: { readonly signed: boolean; readonly micalg?: string; readonly asyncUrl?: string } | null;
  /** Cut the HTTP body to this many bytes (a truncated message). */
  readonly truncateTo?: number;
}

export interface PeerResult {
  readonly status: number;
  readonly headers: string;
  readonly body: Buffer;
  /** The MIC the MDN must return: base64 of the digest over the signed entity (or the content), no alg. */
  readonly mic: string;
}

/** Builds an AS2 message with `openssl cms` around `payload` in `dir` and POSTs it with `curl`. */
export async function sendWithCurl(
  dir: string,
  url: string,
  payload: Uint8Array,
  m: PeerMessage,
): Promise<PeerResult> {
  const entity = join(dir, "entity.mime");
  await writeFile(
    entity,
    Buffer.concat([
      Buffer.from(
        'Content-Type: application/edi-x12\r\nContent-Transfer-Encoding: binary\r\nContent-Disposition: attachment; filename="po.edi"\r\n\r\n',
      ),
      payload,
    ]),
  );
  const digest = m.sign?.digest ?? "sha256";
  const micSource = m.sign || m.encrypt ? entity : join(dir, "payload.bin");
  await writeFile(join(dir, "payload.bin"), payload);
  const mic = (await openssl(["dgst", `-${digest}`, "-binary", micSource])).toString("base64");
  let document: Buffer = await readFile(entity);
  if (m.sign) {
    document = await openssl([
      "cms",
      "-sign",
      "-binary",
      "-crlfeol",
      "-md",
      digest,
      "-in",
      entity,
      "-signer",
      m.sign.party.certFile,
      "-inkey",
      m.sign.party.keyFile,
    ]);
  }
  let contentType: string;
  let body: Buffer;
  if (m.encrypt) {
    await writeFile(join(dir, "document.mime"), document);
    const keyopt =
      m.encrypt.oaep === undefined
        ? []
        : m.encrypt.oaep === "sha1"
          ? ["-keyopt", "rsa_padding_mode:oaep"]
          : [
              "-keyopt",
              "rsa_padding_mode:oaep",
              "-keyopt",
              "rsa_oaep_md:sha256",
              "-keyopt",
              "rsa_mgf1_md:sha256",
            ];
    body = await openssl([
      "cms",
      "-encrypt",
      "-binary",
      `-${m.encrypt.cipher}`,
      "-in",
      join(dir, "document.mime"),
      "-recip",
      m.encrypt.certFile,
      ...keyopt,
      "-outform",
      "DER",
    ]);
    contentType = 'application/pkcs7-mime; smime-type=enveloped-data; name="smime.p7m"';
  } else if (m.sign) {
    const crlf = document.indexOf("\r\n\r\n");
    const split = crlf >= 0 ? crlf : document.indexOf("\n\n");
    const head = document
      .subarray(0, split)
      .toString("latin1")
      .replace(/\r?\n[ \t]+/g, " ");
    contentType = /content-type:\s*(.*)/i.exec(head)?.[1]?.trim() ?? "";
    body = document.subarray(split + (crlf >= 0 ? 4 : 2));
  } else {
    contentType = "application/edi-x12";
    body = Buffer.from(payload);
  }
  if (m.truncateTo !== undefined) body = body.subarray(0, m.truncateTo);
  await writeFile(join(dir, "body"), body);
  const headers = [
    "AS2-Version: 1.2",
    `AS2-From: ${m.from}`,
    `AS2-To: ${m.to}`,
    `Message-ID: <${m.messageId}>`,
    "Subject: EDI via AS2",
    "MIME-Version: 1.0",
    `Content-Type: ${contentType}`,
    "Expect:",
  ];
  if (m.mdn) {
    headers.push("Disposition-Notification-To: edi@example.invalid");
    if (m.mdn.signed) {
      headers.push(
        `Disposition-Notification-Options: signed-receipt-protocol=optional, pkcs7-signature; signed-receipt-micalg=optional, ${m.mdn.micalg ?? "sha-256"}`,
      );
    }
    if (m.mdn.asyncUrl) headers.push(`Receipt-Delivery-Option: ${m.mdn.asyncUrl}`);
  }
  const { stdout } = await run("curl", [
    "-sS",
    "-X",
    "POST",
    ...headers.flatMap((h) => ["-H", h]),
    "--data-binary",
    `@${join(dir, "body")}`,
    "-D",
    join(dir, "response.headers"),
    "-o",
    join(dir, "response.body"),
    "-w",
    "%{http_code}",
    `${url}/as2`,
  ]);
  return {
    status: Number(stdout),
    headers: await readFile(join(dir, "response.headers"), "latin1"),
    body: await readFile(join(dir, "response.body")),
    mic,
  };
}

/** The fields of an MDN checked by `openssl cms -verify` (the report is text, which openssl's S/MIME reader splits right). */
export async function verifyMdnWithOpenssl(
  dir: string,
  result: { headers: string; body: Buffer },
  signerCertFile: string | null,
): Promise<Record<string, string>> {
  const contentType = /^content-type:\s*(.*)$/im.exec(result.headers)?.[1]?.trim() ?? "";
  const mime = Buffer.concat([Buffer.from(`Content-Type: ${contentType}\r\n\r\n`), result.body]);
  await writeFile(join(dir, "mdn.mime"), mime);
  let report: Buffer = mime;
  if (signerCertFile !== null) {
    report = await openssl([
      "cms",
      "-verify",
      "-inform",
      "SMIME",
      "-in",
      join(dir, "mdn.mime"),
      "-CAfile",
      signerCertFile,
      "-purpose",
      "any",
    ]);
  }
  const text = report.toString("latin1").replace(/\r?\n[ \t]+/g, " ");
  const fields: Record<string, string> = {};
  for (const name of [
    "Reporting-UA",
    "Original-Message-ID",
    "Disposition",
    "Received-Content-MIC",
    "Final-Recipient",
  ]) {
    const value = new RegExp(`^${name}:\\s*(.*?)\\r?$`, "im").exec(text)?.[1];
    if (value !== undefined) fields[name] = value;
  }
  return fields;
}
