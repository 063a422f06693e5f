import { OpenVanError } from "../kernel/index.js";

const units: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, h: 3600_000, d: 86_400_000 };

/** A duration such as `500ms`, `90s`, `10m`, `12h` or `30d`, in milliseconds. `setting` names it in errors. */
export function parseDuration(text: string, setting: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)$/.exec(text.trim());
  const unit = match === null ? undefined : units[match[2] as string];
  if (match === null || unit === undefined) {
    throw new OpenVanError(
      "CONFIG_INVALID",
      `${setting}: "${text}" is not a duration; write a number and a unit (ms, s, m, h, d), e.g. 30d`,
      { setting },
    );
  }
  return Math.round(Number(match[1]) * unit);
}
