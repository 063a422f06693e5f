import { OpenVanError } from "../kernel/index.js";

const units: Readonly<Record<string, number>> = {
  "": 1,
  b: 1,
  kb: 1024,
  kib: 1024,
  mb: 1024 ** 2,
  mib: 1024 ** 2,
  gb: 1024 ** 3,
  gib: 1024 ** 3,
  tb: 1024 ** 4,
  tib: 1024 ** 4,
};

/** A size such as `16KB`, `512MB` or `64GB` (binary units: 1 KB = 1024 bytes), in bytes. */
export function parseByteSize(text: string, setting: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*([a-z]*)$/i.exec(text.trim());
  const unit = match === null ? undefined : units[(match[2] as string).toLowerCase()];
  const bytes = match === null || unit === undefined ? Number.NaN : Math.floor(Number(match[1]) * unit);
  if (!Number.isSafeInteger(bytes) || bytes <= 0) {
    throw new OpenVanError(
      "CONFIG_INVALID",
      `${setting}: "${text}" is not a size; write a positive number of bytes or a number and a unit (KB, MB, GB, TB), e.g. 64GB`,
      { setting },
    );
  }
  return bytes;
}
