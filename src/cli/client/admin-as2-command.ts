import { readFile, writeFile } from "node:fs/promises";
import type { Command } from "commander";
import type { CliIo } from "../cli-io.js";
import { runClientAction } from "./run-client-action.js";
import { clientFor, type ServerOptions, withServerOptions } from "./server-options.js";

/** An AS2 profile as the API shows it. */
interface As2Profile {
  readonly id: string;
  readonly accountId: string;
  readonly as2Id: string;
  readonly url: string | null;
  readonly signDigest: string | null;
  readonly cipher: string | null;
  readonly mdn: string;
}

interface As2Certificate {
  readonly id: string;
  readonly usage: string;
  readonly subject: string;
  readonly notAfter: string;
  readonly sha256: string;
  readonly pem: string;
}

interface As2Options extends ServerOptions {
  readonly json?: boolean;
}

interface ProfileOptions extends As2Options {
  readonly as2Url?: string;
  readonly legacy?: boolean;
  readonly oaepOnly?: boolean;
  readonly unsignedOk?: boolean;
  readonly requireEncrypted?: boolean;
  readonly sign?: string;
  readonly cipher?: string;
  readonly keyTransport?: string;
  readonly compress?: boolean;
  readonly mdn?: "sync" | "async" | "none";
  readonly unsignedMdn?: boolean;
}

type SetExitCode = (code: number) => void;

/**
 * `openvan admin as2 show | profile add|list|set|remove | cert add|generate|list`: the network's AS2 id and certificate,
 * accounts' AS2 profiles and their partners' certificates. Needs an admin key.
 */
export function addAdminAs2Commands(admin: Command, io: CliIo, setExitCode: SetExitCode): void {
  const as2 = admin
    .command("as2")
    .description("AS2: the network's id and certificate, partner profiles and certificates");
  const run = (work: () => Promise<number>) => runClientAction(io, setExitCode, work);
  const out = (options: As2Options, value: unknown, line: string): void =>
    void io.stdout.write(options.json ? `${JSON.stringify(value)}\n` : `${line}\n`);

  leaf(as2.command("show").description("this network's AS2 id, URL and certificate (PEM)")).action(
    async (options: As2Options) =>
      run(async () => {
        const net = await clientFor(options).callJson<{ as2Id: string; url: string; certificate: string }>(
          "GET",
          "/api/v1/admin/as2",
        );
        out(options, net, `AS2 id ${net.as2Id}  URL ${net.url}\n${net.certificate.trimEnd()}`);
        return 0;
      }),
  );

  const profile = as2.command("profile").description("accounts' AS2 profiles");
  profileOptions(
    leaf(
      profile
        .command("add")
        .description("give an account an AS2 profile")
        .argument("<account-id>")
        .argument("<as2-id>"),
    ),
  ).action(async (accountId: string, as2Id: string, options: ProfileOptions) =>
    run(async () => {
      const created = await clientFor(options).callJson<As2Profile>(
        "POST",
        `/api/v1/admin/accounts/${encodeURIComponent(accountId)}/as2-profiles`,
        { as2Id, ...profileBody(options) },
      );
      out(options, created, profileLine(created));
      return 0;
    }),
  );
  leaf(profile.command("list").description("an account's AS2 profiles").argument("<account-id>")).action(
    async (accountId: string, options: As2Options) =>
      run(async () => {
        const { items } = await clientFor(options).callJson<{ items: As2Profile[] }>(
          "GET",
          `/api/v1/admin/accounts/${encodeURIComponent(accountId)}/as2-profiles`,
        );
        for (const item of items) out(options, item, profileLine(item));
        return 0;
      }),
  );
  profileOptions(
    leaf(profile.command("set").description("change an AS2 profile").argument("<profile-id>")),
  ).action(async (profileId: string, options: ProfileOptions) =>
    run(async () => {
      const changed = await clientFor(options).callJson<As2Profile>(
        "PATCH",
        `/api/v1/admin/as2-profiles/${encodeURIComponent(profileId)}`,
        profileBody(options),
      );
      out(options, changed, profileLine(changed));
      return 0;
    }),
  );
  leaf(
    profile
      .command("remove")
      .description("remove an AS2 profile and its certificates")
      .argument("<profile-id>"),
  ).action(async (profileId: string, options: As2Options) =>
    run(async () => {
      await clientFor(options).callJson(
        "DELETE",
        `/api/v1/admin/as2-profiles/${encodeURIComponent(profileId)}`,
      );
      return 0;
    }),
  );

  const cert = as2
    .command("cert")
    .description('certificates of AS2 profiles, and the network\'s own key pairs (profile id "network")');
  leaf(
    cert
      .command("add")
      .description(
        'add a partner\'s certificate (PEM, DER or PKCS#12 file) to an AS2 profile; with "network" for ' +
          "<profile-id>, import a key pair for this network from PKCS#12",
      )
      .argument("<profile-id>")
      .argument("<file>")
      .option("--usage <usage>", "sign, encrypt or both", "both")
      .option("--password <password>", "the PKCS#12 file's password (or OPENVAN_PKCS12_PASSWORD)"),
  ).action(
    async (profileId: string, file: string, options: As2Options & { usage: string; password?: string }) =>
      run(async () => {
        const bytes = await readFile(file);
        const text = bytes.includes("-----BEGIN") ? bytes.toString("latin1") : bytes.toString("base64");
        const password = options.password ?? process.env.OPENVAN_PKCS12_PASSWORD;
        if (profileId === "network") {
          const made = await clientFor(options).callJson<As2Certificate>(
            "POST",
            "/api/v1/admin/as2/certificates",
            {
              certificate: bytes.toString("base64"),
              ...(password === undefined ? {} : { password }),
            },
          );
          out(options, made, certificateLine(made));
          return 0;
        }
        const { items } = await clientFor(options).callJson<{ items: As2Certificate[] }>(
          "POST",
          `/api/v1/admin/as2-profiles/${encodeURIComponent(profileId)}/certificates`,
          { certificate: text, usage: options.usage, ...(password === undefined ? {} : { password }) },
        );
        for (const item of items) out(options, item, certificateLine(item));
        return 0;
      }),
  );
  leaf(
    cert
      .command("generate")
      .description(
        "generate a self-signed RSA key pair for an AS2 profile (the private key is printed or written once, " +
          'never stored) or, with "network", a new key pair for this network (kept, never exported)',
      )
      .argument("<profile-id>")
      .option("--bits <bits>", "RSA key size: 2048 or 3072 (4096 too)", "2048")
      .option("--days <days>", "validity in days", "1825")
      .option("--usage <usage>", "sign, encrypt or both (profiles)", "both")
      .option("--key-out <file>", "write the profile's private key (PEM) to this file, mode 0600"),
  ).action(
    async (
      profileId: string,
      options: As2Options & { bits: string; days: string; usage: string; keyOut?: string },
    ) =>
      run(async () => {
        const body = { bits: Number(options.bits), days: Number(options.days) };
        if (profileId === "network") {
          const made = await clientFor(options).callJson<As2Certificate>(
            "POST",
            "/api/v1/admin/as2/certificates/generate",
            body,
          );
          out(options, made, certificateLine(made));
          return 0;
        }
        const made = await clientFor(options).callJson<As2Certificate & { privateKey: string }>(
          "POST",
          `/api/v1/admin/as2-profiles/${encodeURIComponent(profileId)}/certificates/generate`,
          { ...body, usage: options.usage },
        );
        if (options.keyOut !== undefined) {
          await writeFile(options.keyOut, made.privateKey, { mode: 0o600 });
          const { privateKey: _kept, ...shown } = made;
          out(options, shown, `${certificateLine(made)}\nprivate key written to ${options.keyOut}`);
        } else {
          out(options, made, `${certificateLine(made)}\n${made.pem.trimEnd()}\n${made.privateKey.trimEnd()}`);
        }
        return 0;
      }),
  );
  leaf(
    cert.command("list").description("the certificates of an AS2 profile").argument("<profile-id>"),
  ).action(async (profileId: string, options: As2Options) =>
    run(async () => {
      const { items } = await clientFor(options).callJson<{ items: As2Certificate[] }>(
        "GET",
        `/api/v1/admin/as2-profiles/${encodeURIComponent(profileId)}/certificates`,
      );
      for (const item of items) out(options, item, certificateLine(item));
      return 0;
    }),
  );
}

function profileOptions(command: Command): Command {
  return command
    .option("--as2-url <url>", "the partner's AS2 URL, for deliveries pushed to it")
    .option("--legacy", "accept SHA-1 signatures and 3DES from this partner")
    .option("--oaep-only", "refuse RSA PKCS#1 v1.5 key transport (accept RSA-OAEP only)")
    .option("--unsigned-ok", "accept unsigned messages")
    .option("--require-encrypted", "refuse unencrypted messages")
    .option("--sign <digest>", "sign what is sent with sha256, sha384, sha512 (or none)")
    .option("--cipher <cipher>", "encrypt what is sent with aes-128-cbc … aes-256-gcm (or none)")
    .option("--key-transport <kt>", "rsa-oaep, rsa-oaep-sha256 or rsa-pkcs1")
    .option("--compress", "compress what is sent (RFC 5402)")
    .option("--mdn <mode>", "the MDN asked for: sync, async or none")
    .option("--unsigned-mdn", "ask for unsigned MDNs");
}

function profileBody(o: ProfileOptions): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  if (o.as2Url !== undefined) body.url = o.as2Url;
  if (o.legacy) body.legacy = true;
  if (o.oaepOnly) body.allowRsaPkcs1 = false;
  if (o.unsignedOk) body.requireSigned = false;
  if (o.requireEncrypted) body.requireEncrypted = true;
  if (o.sign !== undefined) body.signDigest = o.sign === "none" ? null : o.sign;
  if (o.cipher !== undefined) body.cipher = o.cipher === "none" ? null : o.cipher;
  if (o.keyTransport !== undefined) body.keyTransport = o.keyTransport;
  if (o.compress) body.compress = true;
  if (o.mdn !== undefined) body.mdn = o.mdn;
  if (o.unsignedMdn) body.mdnSigned = false;
  return body;
}

function leaf(command: Command): Command {
  return withServerOptions(command).option("--json", "print the server's answer as JSON");
}

/** `PROFILE-ID  AS2-ID  sign sha256, encrypt aes-256-cbc, MDN sync  URL`. */
function profileLine(p: As2Profile): string {
  const sending = `sign ${p.signDigest ?? "none"}, encrypt ${p.cipher ?? "none"}, MDN ${p.mdn}`;
  return `${p.id}  ${p.as2Id}  ${sending}  ${p.url ?? ""}`.trimEnd();
}

/** `CERT-ID  USAGE  until NOT-AFTER  SUBJECT  SHA256`. */
function certificateLine(c: As2Certificate): string {
  return `${c.id}  ${c.usage}  until ${c.notAfter}  ${c.subject}  ${c.sha256}`;
}
