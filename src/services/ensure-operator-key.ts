import { access, chmod, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { ensureOperatorAccount, type NetworkContext } from "../network/index.js";

export interface OperatorKey {
  /** DATA_DIR/admin-key: where the operator's admin key was written. */
  readonly file: string;
  /** True when the key was made now; false when the operator already had one. */
  readonly created: boolean;
  /** Whether the file is there: a node sharing the database with the one that made the key has none. */
  readonly inFile: boolean;
}

export const operatorAccountName = "operator";

/**
 * First start: when the operator account has no admin key yet, makes the account and a key of the admin scope
 * and writes the key to DATA_DIR/admin-key, readable by its owner only. Later starts change nothing. Nodes
 * starting together on one database make one account and one key between them (see ensureOperatorAccount).
 */
export async function ensureOperatorKey(ctx: NetworkContext, dataDir: string): Promise<OperatorKey> {
  const file = join(dataDir, "admin-key");
  const { issued } = await ensureOperatorAccount(ctx, operatorAccountName);
  if (issued === null) {
    const inFile = await access(file).then(
      () => true,
      () => false,
    );
    return { file, created: false, inFile };
  }
  await writeFile(file, `${issued.key}\n`, { mode: 0o600 });
  await chmod(file, 0o600);
  return { file, created: true, inFile: true };
}
