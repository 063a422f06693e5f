import { createPrivateKey, X509Certificate } from "node:crypto";
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { type BuiltMessage, buildSmime } from "../../../src/channels/as2/smime/build-smime.js";
import { type ParsedCertificate, parseCertificate } from "../../../src/channels/as2/smime/certificates.js";
import { decryptEnveloped } from "../../../src/channels/as2/smime/cms-enveloped.js";
import { type Signer, signDetached, verifyDetached } from "../../../src/channels/as2/smime/cms-signed.js";
import { parseMimeEntity } from "../../../src/channels/as2/smime/mime-entity.js";
import { splitMultipartSigned } from "../../../src/channels/as2/smime/multipart-signed.js";
import { allowedAlgorithms } from "../../../src/channels/as2/smime/security-policy.js";
import { freePort, startChild, waitFor } from "../../network/child-server.js";
import { openVanNodeArgs } from "../../openvan-command.js";
import type { BenchSection } from "../bench-section.js";

interface DemoFile {
  readonly as2: { readonly url: string; readonly id: string; readonly certificate: string };
  readonly accounts: readonly {
    readonly as2: { readonly id: string; readonly certificate: string; readonly privateKey: string };
  }[];
}

/**
 * AS2: signed + encrypted (AES-256-CBC, RSA PKCS#1 v1.5 key transport) 10 KB interchanges POSTed to
 * `openvan serve --demo` (its own process, SQLite), each answered with a signed synchronous MDN, beside the bare
 * cost of the receiver's crypto in a loop (decrypt, verify, sign an MDN) on keys of the same size. Goal: OpenVAN
 * at least half the bare rate.
 */
export const as2Section: BenchSection = {
  name: "as2",
  async run(context) {
    const count = context.option("--as2-messages", 400);
    const concurrency = context.option("--as2-concurrency", 16);
    const data = join(context.workDir, "data");
    const port = await freePort();
    const child = startChild(
      openVanNodeArgs([
        "serve",
        "--demo",
        "--data",
        data,
        "--host",
        "127.0.0.1",
        "--port",
        String(port),
        "--sftp-port",
        "off",
        "--log-level",
        "silent",
      ]),
    );
    try {
      await waitFor(child, () => (existsSync(join(data, "demo.json")) ? true : null), "openvan serve --demo");
      const demo = JSON.parse(await readFile(join(data, "demo.json"), "utf8")) as DemoFile;
      const acme = demo.accounts[0]?.as2;
      if (acme === undefined) throw new Error("demo.json has no AS2 account");
      const sender: Signer = {
        certificate: await certificateFile(acme.certificate),
        privateKey: createPrivateKey(await readFile(acme.privateKey, "utf8")),
      };
      const network = await certificateFile(demo.as2.certificate);
      // Messages are built before the clock starts: the sender's work is not the network's.
      const messages = Array.from({ length: count }, (_, i) => message(i + 1, sender, network));
      context.log(
        `${count} messages of ${messages[0]?.body.length ?? 0} bytes (a 10 KB interchange, signed + encrypted)`,
      );

      // Bare: the receiver's crypto alone, one message after another, on an RSA-2048 pair like the network's.
      const bare = Array.from({ length: count }, (_, i) => message(i + 1, sender, sender.certificate));
      const policy = {
        signers: [sender.certificate],
        requireSigned: true,
        requireEncrypted: true,
        ...allowedAlgorithms(false),
      };
      const bareStart = process.hrtime.bigint();
      for (const m of bare) {
        const inner = parseMimeEntity(decryptEnveloped(m.body, [sender], policy).content);
        const type = inner.headers.find((h) => h.name.toLowerCase() === "content-type")?.value ?? "";
        const parts = splitMultipartSigned(inner.body, type);
        verifyDetached(parts.signed, parts.signature, [sender.certificate], ["sha256"]);
        signDetached(Buffer.alloc(700, 0x41), sender, "sha256", new Date());
      }
      const bareRate = count / (Number(process.hrtime.bigint() - bareStart) / 1e9);

      let next = 0;
      let processed = 0;
      const cpuBefore = child.cpuSeconds();
      const start = process.hrtime.bigint();
      await Promise.all(
        Array.from({ length: concurrency }, async () => {
          for (let i = next++; i < count; i = next++) {
            const m = messages[i];
            if (m === undefined) break;
            const response = await fetch(demo.as2.url, {
              method: "POST",
              headers: {
                "AS2-Version": "1.2",
                "AS2-From": acme.id,
                "AS2-To": demo.as2.id,
                "Message-ID": `<bench-${i}-${Date.now()}@acme>`,
                ...Object.fromEntries(m.headers.map((h) => [h.name, h.value])),
                "Disposition-Notification-To": "edi@acme",
                "Disposition-Notification-Options":
                  "signed-receipt-protocol=optional, pkcs7-signature; signed-receipt-micalg=optional, sha-256",
              },
              body: m.body,
            });
            const text = await response.text();
            if (/; processed\r?\n/.test(text) && !/processed\/Error/.test(text)) processed++;
          }
        }),
      );
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      const rate = count / seconds;
      context.log(
        `bare crypto (decrypt + verify + sign an MDN) in a loop: ${bareRate.toFixed(0)} messages/s`,
      );
      context.log(
        `OpenVAN /as2 with signed sync MDNs, ${concurrency} at a time: ${rate.toFixed(0)} messages/s ` +
          `(${((rate / bareRate) * 100).toFixed(0)}% of bare; goal 50%), server CPU ${(child.cpuSeconds() - cpuBefore).toFixed(1)} s`,
      );
      context.log(`MDNs "processed": ${processed} of ${count}`);
      return processed === count && rate >= bareRate / 2;
    } finally {
      await child.stop();
    }
  },
};

function message(n: number, sender: Signer, recipient: ParsedCertificate): BuiltMessage {
  return buildSmime(
    {
      headers: [
        { name: "Content-Type", value: "application/edi-x12" },
        { name: "Content-Transfer-Encoding", value: "binary" },
      ],
      body: Buffer.from(order(n)),
    },
    {
      sign: { signer: sender, digest: "sha256" },
      encrypt: { recipient, cipher: "aes-256-cbc", keyTransport: "rsa-pkcs1" },
      compress: false,
      micDigest: "sha256",
      at: new Date(),
    },
  );
}

async function certificateFile(path: string): Promise<ParsedCertificate> {
  return parseCertificate(new Uint8Array(new X509Certificate(await readFile(path)).raw));
}

/** A purchase order of about 10 KB from ACMEFOODS to GROCERYMART, control number `n`. */
function order(n: number): string {
  const icn = String(n).padStart(9, "0");
  const lines: string[] = [];
  for (let i = 1; i <= 180; i++)
    lines.push(`PO1*${i}*10*EA*9.95**VP*ITEM${String(i).padStart(6, "0")}*UP*012345678905~`);
  return (
    `ISA*00*          *00*          *ZZ*ACMEFOODS      *ZZ*GROCERYMART    *240315*0930*^*00501*${icn}*0*P*>~` +
    `GS*PO*ACMEFOODS*GROCERYMART*20240315*0930*${n}*X*005010~ST*850*0001~BEG*00*SA*PO-${n}**20240315~` +
    `${lines.join("")}SE*${lines.length + 3}*0001~GE*1*${n}~IEA*1*${icn}~`
  );
}
