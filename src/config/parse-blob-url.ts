import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { OpenVanError } from "../kernel/index.js";
import type { BlobConfig } from "./openvan-config.js";

export interface S3Credentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
}

/**
 * `s3://BUCKET[/PREFIX]?endpoint=URL&region=R&forcePathStyle=true` selects S3 (or an S3-compatible server);
 * `file:///PATH` or a plain path a local folder (relative to `cwd`).
 */
export function parseBlobUrl(
  text: string,
  setting: string,
  cwd: string,
  credentials: S3Credentials | null,
): BlobConfig {
  const trimmed = text.trim();
  if (/^file:/i.test(trimmed)) return { kind: "fs", root: fileURLToPath(trimmed) };
  if (!/^s3:\/\//i.test(trimmed)) {
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed)) {
      throw invalid(
        setting,
        `"${trimmed}" is not a blob store URL; write s3://BUCKET?endpoint=… or a folder`,
      );
    }
    return { kind: "fs", root: resolve(cwd, trimmed) };
  }
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    throw invalid(setting, `"${trimmed}" is not a valid URL`);
  }
  const bucket = url.hostname;
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket)) {
    throw invalid(
      setting,
      `"${bucket}" is not an S3 bucket name (3-63 lower-case letters, digits, dots, dashes)`,
    );
  }
  const known = new Set(["endpoint", "region", "forcePathStyle"]);
  for (const name of url.searchParams.keys()) {
    if (!known.has(name))
      throw invalid(setting, `unknown parameter "${name}" (known: ${[...known].join(", ")})`);
  }
  const endpoint = url.searchParams.get("endpoint");
  if (endpoint !== null && !/^https?:\/\/[^/]/.test(endpoint)) {
    throw invalid(setting, `endpoint "${endpoint}" is not an http:// or https:// URL`);
  }
  const forcePathStyle = url.searchParams.get("forcePathStyle");
  if (forcePathStyle !== null && forcePathStyle !== "true" && forcePathStyle !== "false") {
    throw invalid(setting, `forcePathStyle must be true or false, not "${forcePathStyle}"`);
  }
  return {
    kind: "s3",
    bucket,
    prefix: keyPrefix(decodeURIComponent(url.pathname.replace(/^\/+/, ""))),
    endpoint,
    region: url.searchParams.get("region") ?? "us-east-1",
    forcePathStyle: forcePathStyle === "true",
    credentials,
  };
}

/** `prod` and `prod/` both put keys under `prod/`. */
function keyPrefix(path: string): string {
  return path === "" || path.endsWith("/") ? path : `${path}/`;
}

function invalid(setting: string, what: string): OpenVanError {
  return new OpenVanError("CONFIG_INVALID", `${setting}: ${what}`, { setting });
}
