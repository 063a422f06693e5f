import { randomBytes } from "node:crypto";

const alphabet = "0123456789abcdefghjkmnpqrstvwxyz"; // Crockford base32, lower case

/**
 * A new unique id that sorts by creation time: 10 characters of milliseconds since the epoch, then 16 of
 * randomness (80 bits), e.g. `01jf3m9x2k7q…`. An optional prefix names the kind (`msg_`, `dlv_`).
 */
export function newId(prefix = "", now: number = Date.now()): string {
  let time = "";
  let t = now;
  for (let i = 0; i < 10; i++) {
    time = alphabet[t % 32] + time;
    t = Math.floor(t / 32);
  }
  const random = randomBytes(10);
  let rest = "";
  let acc = 0;
  let bits = 0;
  for (const byte of random) {
    acc = (acc << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      rest += alphabet[(acc >> bits) & 31];
    }
    acc &= (1 << bits) - 1;
  }
  return prefix + time + rest;
}
