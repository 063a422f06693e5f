import { OpenVanError } from "../../kernel/index.js";

export function blobNotFound(key: string, cause?: unknown): OpenVanError {
  return new OpenVanError(
    "BLOB_NOT_FOUND",
    `There is no blob ${key}.`,
    { key },
    cause === undefined ? undefined : { cause },
  );
}
