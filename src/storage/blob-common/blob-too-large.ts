import { OpenVanError } from "../../kernel/index.js";

export function blobTooLarge(maxBytes: number): OpenVanError {
  return new OpenVanError("BLOB_TOO_LARGE", `The upload is larger than the limit of ${maxBytes} bytes.`, {
    maxBytes,
  });
}
