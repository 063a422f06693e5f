import { randomBytes } from "node:crypto";
import { rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { type DemoAs2, seedDemoAs2 } from "../channels/as2/index.js";
import { setSftpLogin } from "../channels/sftp/index.js";
import { OpenVanError } from "../kernel/index.js";
import {
  addIdentity,
  createAccount,
  issueApiKey,
  type NetworkContext,
  parseIdentityAddress,
} from "../network/index.js";
import { type DemoUser, seedDemoUser } from "./seed-demo-user.js";

/** A demo company with its identities and a fresh API key. */
export interface DemoAccount {
  readonly name: string;
  readonly accountId: string;
  readonly identities: readonly string[];
  readonly apiKey: string;
  /** The company's SFTP login, with a password made on this start (null when SFTP is off). */
  readonly sftp: { readonly username: string; readonly password: string } | null;
  /** The company's user (an admin of the account), with a password made on this start: for the portal. */
  readonly user: DemoUser;
  /** The company's AS2 id and PEM files, and the network's (null when not asked for). */
  readonly as2: DemoAs2 | null;
}

export const demoCompanies: readonly { readonly name: string; readonly identities: readonly string[] }[] = [
  { name: "Acme Foods", identities: ["ZZ:ACMEFOODS", "14:5412345000013"] },
  { name: "Grocery Mart", identities: ["ZZ:GROCERYMART", "14:5498765000012"] },
];

/**
 * Seeds the demo companies: creates them (or finds them from an earlier run) with their identities, and issues
 * each a new API key, since a key cannot be shown again once issued; with `sftp` (the default), each also gets
 * an SFTP login with a new password, for the same reason.
 */
export async function seedDemo(
  ctx: NetworkContext,
  options: { sftp?: boolean; as2?: { readonly id: string; readonly dataDir: string } } = {},
): Promise<DemoAccount[]> {
  const out: DemoAccount[] = [];
  for (const company of demoCompanies) {
    const account =
      (await ctx.store.accounts.findByName(company.name)) ?? (await createAccount(ctx, company.name));
    for (const identity of company.identities) {
      const { qualifier, value } = parseIdentityAddress(identity);
      const owner = await ctx.store.identities.findByAddress(qualifier, value);
      if (owner === null) await addIdentity(ctx, account.id, identity);
      else if (owner.accountId !== account.id) {
        throw new OpenVanError("IDENTITY_TAKEN", `the demo identity ${identity} belongs to another account`);
      }
    }
    const { key } = await issueApiKey(ctx, account.id, "account");
    // A fresh password on every start, like the API key: it cannot be read back from its hash.
    const password = randomBytes(12).toString("base64url");
    const sftp =
      options.sftp === false
        ? null
        : { username: (await setSftpLogin(ctx, account.id, { password })).username, password };
    out.push({
      name: company.name,
      accountId: account.id,
      identities: company.identities,
      apiKey: key,
      sftp,
      user: await seedDemoUser(ctx, account.id, company.name),
      as2:
        options.as2 === undefined
          ? null
          : await seedDemoAs2(ctx, account.id, company.identities[0] ?? company.name, options.as2),
    });
  }
  return out;
}

/**
 * Writes DATA_DIR/demo.json, `{"url","sftpPort","accounts":[{"name","identities","apiKey","sftp":{"username",
 * "password"},"user":{"email","password"}}]}`, for scripts; owner-only. `sftpPort` and `sftp` are null when SFTP
 * is off.
 */
export async function writeDemoFile(
  dataDir: string,
  url: string,
  accounts: readonly DemoAccount[],
  sftpPort: number | null = null,
): Promise<string> {
  const file = join(dataDir, "demo.json");
  const as2 = accounts[0]?.as2?.network;
  const body = {
    url,
    sftpPort,
    as2: as2 === undefined ? null : { url: `${url}/as2`, id: as2.id, certificate: as2.certificate },
    accounts: accounts.map((a) => ({
      name: a.name,
      identities: a.identities,
      apiKey: a.apiKey,
      sftp: sftpPort === null ? null : a.sftp,
      user: a.user,
      as2:
        a.as2 === null
          ? null
          : { id: a.as2.id, certificate: a.as2.certificate, privateKey: a.as2.privateKey },
    })),
  };
  // Renamed into place so that a reader never sees half a file.
  const partial = `${file}.${process.pid}.partial`;
  await writeFile(partial, `${JSON.stringify(body, null, 2)}\n`, { mode: 0o600 });
  await rename(partial, file);
  return file;
}
