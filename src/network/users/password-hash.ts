import { type Algorithm, hash, verify } from "@node-rs/argon2";

/**
 * argon2id at OWASP's recommended cost (19 MiB, 2 passes, 1 lane): about 0.1 s of one core per hash here.
 * The work runs on libuv's thread pool, so a login does not stall the event loop.
 */
const options = {
  // Algorithm.Argon2id: the package's enum is a `const enum`, which this project's TypeScript settings cannot
  // read from a declaration file.
  algorithm: 2 as Algorithm,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;

/**
 * The hash of a password nobody knows, with the same parameters: a login for an unknown e-mail address is
 * verified against it, so that it costs as long as one for a known address and the timing tells nothing.
 */
const nobodysHash =
  "$argon2id$v=19$m=19456,t=2,p=1$HTwgLKcGujL20NcIIW4X3g$3I5XFCNCG8cA4+5ZNfOF8Ax+4R4qncqlS81P+NXycwU";

/** An argon2id PHC string (`$argon2id$v=19$m=…`) with a fresh random salt. */
export function hashPassword(password: string): Promise<string> {
  return hash(password, options);
}

/**
 * Whether `password` matches `passwordHash` (null: no such user, checked against a hash nobody matches at the
 * same cost). The comparison inside argon2 is constant-time.
 */
export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  try {
    const ok = await verify(passwordHash ?? nobodysHash, password);
    return ok && passwordHash !== null;
  } catch {
    // A stored hash argon2 cannot read matches nothing.
    return false;
  }
}
