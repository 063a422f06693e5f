import { randomBytes } from "node:crypto";

const alphabet = "0123456789abcdefghjkmnpqrstvwxyz"; // Crockford base32, lower case

/**
 * The last id's time and random part. Ids made in the same millisecond (or when a test clock stands still)
 * count up from it, so that ids sort in the order they were made. This is shared by every OpenVAN instance
 * in the process on purpose: it only ever makes ids more ordered, never less unique.
 */
let lastTime = -1;
const lastRandom = new Uint8Array(10);

/**
 * A new unique id that sorts by creation: 10 characters of milliseconds since the epoch, then 16 of
 * randomness (80 bits), e.g. `01jf3m9x2k7q…`. An optional prefix names the kind (`msg_`, `dlv_`).
 */
export function newId(prefix = "", now: number = Date.now()): string {
  let time = now;
  if (time <= lastTime) {
    time = lastTime;
    increment(lastRandom);
  } else {
    lastTime = time;
    lastRandom.set(randomBytes(10));
  }
  return prefix + encodeTime(time) + encodeRandom(lastRandom);
}

/**
 * The 10 characters that begin (after their prefix) the ids made at `ms`: an id made earlier sorts before it,
 * one made at or after it does not.
 */
export function idTimePrefix(ms: number): string {
  return encodeTime(ms);
}

function increment(bytes: Uint8Array): void {
  for (let i = bytes.length - 1; i >= 0; i--) {
    const next = ((bytes[i] as number) + 1) & 0xff;
    bytes[i] = next;
    if (next !== 0) return;
  }
}

function encodeTime(ms: number): string {
  let out = "";
  let t = ms;
  for (let i = 0; i < 10; i++) {
    out = alphabet[t % 32] + out;
    t = Math.floor(t / 32);
  }
  return out;
}

function encodeRandom(bytes: Uint8Array): string {
  let out = "";
  let acc = 0;
  let bits = 0;
  for (const byte of bytes) {
    acc = (acc << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += alphabet[(acc >> bits) & 31];
    }
    acc &= (1 << bits) - 1;
  }
  return out;
}
