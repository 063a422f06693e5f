import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { NetworkContext } from "../../../network/index.js";
import { certificatePem } from "../keys/certificate-record.js";
import { generateKeyPair, networkOwner } from "../keys/network-keys.js";
import { createAs2Profile } from "../profiles/as2-profiles.js";

/** A demo company's AS2 set-up: its AS2 id and the PEM files a person sends with (`openssl cms` + `curl`). */
export interface DemoAs2 {
  readonly id: string;
  readonly certificate: string;
  readonly privateKey: string;
  /** The network's side: its AS2 id and certificate file (PEM), the same for every company. */
  readonly network: { readonly id: string; readonly certificate: string };
}

/**
 * Gives a demo company an AS2 profile: its AS2 id (the id of its first identity), a key pair made here (written
 * to DATA/as2-demo/ID.key and ID.crt, owner-only), the certificate in its profile; and writes the network's
 * certificate beside them. A profile from an earlier start is kept, and its files rewritten only when missing
 * keys are made anew (a new pair replaces the profile's certificates).
 */
export async function seedDemoAs2(
  ctx: NetworkContext,
  accountId: string,
  firstIdentity: string,
  network: { readonly id: string; readonly dataDir: string },
): Promise<DemoAs2> {
  const folder = join(network.dataDir, "as2-demo");
  await mkdir(folder, { recursive: true, mode: 0o700 });
  const as2Id = firstIdentity.split(":").at(-1) ?? firstIdentity;
  const now = ctx.clock.now();
  const profile =
    (await ctx.store.as2.findProfileByAs2Id(as2Id)) ??
    (await createAs2Profile(ctx, accountId, { as2Id, requireSigned: true }));
  // A fresh pair on every --demo start, like the API keys: the private key is not kept by the network.
  const pair = await generateKeyPair(as2Id, now);
  for (const old of await ctx.store.as2.listCertificates(profile.id))
    await ctx.store.as2.deleteCertificate(old.id);
  await ctx.store.as2.insertCertificate({ ...pair, owner: profile.id, privateKeyPem: null });
  const files = { certificate: join(folder, `${as2Id}.crt`), privateKey: join(folder, `${as2Id}.key`) };
  await writeFile(files.certificate, certificatePem(pair.der), { mode: 0o600 });
  await writeFile(files.privateKey, pair.privateKeyPem ?? "", { mode: 0o600 });
  const networkFile = join(folder, `${network.id.replace(/[^A-Za-z0-9.-]/g, "_")}.crt`);
  const [own] = (await ctx.store.as2.listCertificates(networkOwner)).slice(-1);
  if (own !== undefined) await writeFile(networkFile, certificatePem(own.der), { mode: 0o644 });
  return { id: as2Id, ...files, network: { id: network.id, certificate: networkFile } };
}
