import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { OpenVanError } from "../kernel/index.js";
import {
  addIdentity,
  createAccount,
  issueApiKey,
  type NetworkContext,
  parseIdentityAddress,
} from "../network/index.js";

/** A demo company with its identities and a fresh API key. */
export interface DemoAccount {
  readonly name: string;
  readonly accountId: string;
  readonly identities: readonly string[];
  readonly apiKey: string;
}

export const demoCompanies: readonly { readonly name: string; readonly identities: readonly string[] }[] = [
  { name: "Acme Foods", identities: ["ZZ:ACMEFOODS", "14:5412345000013"] },
  { name: "Grocery Mart", identities: ["ZZ:GROCERYMART", "14:5498765000012"] },
];

/**
 * Seeds the demo companies: creates them (or finds them from an earlier run) with their identities, and issues
 * each a new API key, since a key cannot be shown again once issued.
 */
export async function seedDemo(ctx: NetworkContext): Promise<DemoAccount[]> {
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
    out.push({ name: company.name, accountId: account.id, identities: company.identities, apiKey: key });
  }
  return out;
}

/** Writes DATA_DIR/demo.json, `{"url","accounts":[{"name","identities","apiKey"}]}`, for scripts; owner-only. */
export async function writeDemoFile(
  dataDir: string,
  url: string,
  accounts: readonly DemoAccount[],
): Promise<string> {
  const file = join(dataDir, "demo.json");
  const body = {
    url,
    accounts: accounts.map((a) => ({ name: a.name, identities: a.identities, apiKey: a.apiKey })),
  };
  await writeFile(file, `${JSON.stringify(body, null, 2)}\n`, { mode: 0o600 });
  return file;
}
