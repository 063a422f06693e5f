import { accessSync, constants } from "node:fs";
import { join, resolve } from "node:path";
import { OpenVanError } from "../kernel/index.js";
import type { NetworkSettings } from "../network/index.js";
import { defaultJobRunnerOptions, defaultNetworkSettings, parseOutboundAllow } from "../network/index.js";
import type { LogLevel, OpenVanConfig, SftpConfig, TlsConfig } from "./openvan-config.js";
import { parseBlobUrl, type S3Credentials } from "./parse-blob-url.js";
import { parseByteSize } from "./parse-byte-size.js";
import { parseDatabaseUrl } from "./parse-database-url.js";
import { parseDuration } from "./parse-duration.js";

/** Settings given on the command line; they win over the environment. */
export interface ConfigOverrides {
  readonly dataDir?: string;
  readonly host?: string;
  readonly port?: string | number;
  readonly tlsCert?: string;
  readonly tlsKey?: string;
  readonly logLevel?: string;
  readonly sftpPort?: string | number;
  readonly outboundAllow?: string;
}

export interface LoadConfigOptions {
  readonly overrides?: ConfigOverrides;
  /** The environment to read `OPENVAN_*` settings from; the process's own when omitted. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** The folder relative paths are resolved against; the process's working folder when omitted. */
  readonly cwd?: string;
}

const logLevels: readonly LogLevel[] = ["fatal", "error", "warn", "info", "debug", "trace", "silent"];

/**
 * The one place OpenVAN reads its settings: command-line overrides first, then `OPENVAN_*` environment
 * variables, then defaults. Every value is checked here; a bad one throws CONFIG_INVALID naming the setting.
 */
export function loadConfig(options: LoadConfigOptions = {}): OpenVanConfig {
  const overrides = options.overrides ?? {};
  const env = options.env ?? process.env;
  const cwd = options.cwd ?? process.cwd();
  const setting = (
    flag: keyof ConfigOverrides | null,
    name: string,
  ): { value: string; name: string } | null => {
    const given = flag === null ? undefined : overrides[flag];
    if (given !== undefined && String(given).trim() !== "")
      return { value: String(given).trim(), name: flagName(flag) };
    const fromEnv = env[name]?.trim();
    return fromEnv === undefined || fromEnv === "" ? null : { value: fromEnv, name };
  };

  const dataDir = resolve(cwd, setting("dataDir", "OPENVAN_DATA_DIR")?.value ?? "data");
  const schema = setting(null, "OPENVAN_DATABASE_SCHEMA");
  if (schema !== null && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema.value)) {
    throw invalid(schema.name, `"${schema.value}" is not a schema name (lower-case letters, digits, _)`);
  }
  const databaseUrl = setting(null, "OPENVAN_DATABASE_URL");
  const database =
    databaseUrl === null
      ? { kind: "sqlite" as const, path: join(dataDir, "openvan.db") }
      : parseDatabaseUrl(databaseUrl.value, databaseUrl.name, cwd, schema?.value ?? null);

  const blobUrl = setting(null, "OPENVAN_BLOB_URL");
  const blobs =
    blobUrl === null
      ? { kind: "fs" as const, root: join(dataDir, "blobs") }
      : parseBlobUrl(blobUrl.value, blobUrl.name, cwd, s3Credentials(setting));

  const smallBlobs = setting(null, "OPENVAN_SMALL_BLOB_MAX");
  const smallBlobMaxBytes = smallBlobs?.value === "0" ? 0 : byteSize(smallBlobs, 64 * 1024);
  const port = setting("port", "OPENVAN_PORT");
  const network = {
    retentionMs: duration(setting(null, "OPENVAN_RETENTION"), defaultNetworkSettings.retentionMs),
    orphanBlobAgeMs: orphanBlobAge(setting(null, "OPENVAN_ORPHAN_BLOB_AGE")),
    duplicateWindowMs: duration(
      setting(null, "OPENVAN_DUPLICATE_WINDOW"),
      defaultNetworkSettings.duplicateWindowMs,
    ),
    resendWindowMs: duration(setting(null, "OPENVAN_RESEND_WINDOW"), defaultNetworkSettings.resendWindowMs),
    maxMessageBytes: byteSize(
      setting(null, "OPENVAN_MAX_MESSAGE_SIZE"),
      defaultNetworkSettings.maxMessageBytes,
    ),
    maxJobAttempts: integer(
      setting(null, "OPENVAN_MAX_JOB_ATTEMPTS"),
      defaultNetworkSettings.maxJobAttempts,
      1,
      100,
    ),
    outboundAllow: outboundAllow(setting("outboundAllow", "OPENVAN_OUTBOUND_ALLOW")),
  };
  const config: OpenVanConfig = {
    dataDir,
    database,
    blobs,
    smallBlobMaxBytes,
    http: {
      host: setting("host", "OPENVAN_HOST")?.value ?? "0.0.0.0",
      port: port === null ? 8080 : integer(port, 8080, 0, 65535),
      tls: tls(setting("tlsCert", "OPENVAN_TLS_CERT"), setting("tlsKey", "OPENVAN_TLS_KEY"), cwd),
      maxHeaderBytes: byteSize(setting(null, "OPENVAN_MAX_HEADER_SIZE"), 16 * 1024),
    },
    network,
    jobs: {
      ...defaultJobRunnerOptions,
      concurrency: integer(setting(null, "OPENVAN_WORKERS"), defaultJobRunnerOptions.concurrency, 1, 256),
      leaseMs: duration(setting(null, "OPENVAN_JOB_LEASE"), defaultJobRunnerOptions.leaseMs),
    },
    retentionSweepMs: duration(setting(null, "OPENVAN_RETENTION_SWEEP"), 3600_000),
    ackOverdueSweepMs: duration(setting(null, "OPENVAN_ACK_OVERDUE_SWEEP"), 60_000),
    logLevel: logLevel(setting("logLevel", "OPENVAN_LOG_LEVEL")),
    sftp: sftp(
      setting("sftpPort", "OPENVAN_SFTP_PORT"),
      port === null ? 8080 : integer(port, 8080, 0, 65535),
    ),
    as2: {
      id: as2Id(setting(null, "OPENVAN_AS2_ID")),
      maxBytes: byteSize(setting(null, "OPENVAN_AS2_MAX_SIZE"), 256 * 1024 ** 2),
      publicUrl: setting(null, "OPENVAN_PUBLIC_URL")?.value.replace(/\/+$/, "") ?? null,
    },
    notifications: {
      smtpUrl: smtpUrl(setting(null, "OPENVAN_SMTP_URL")),
      from: setting(null, "OPENVAN_SMTP_FROM")?.value ?? "OpenVAN <openvan@localhost>",
    },
  };
  return deepFreeze(config);
}

type Setting = { value: string; name: string } | null;

/** The network's AS2 id: 1-128 printable ASCII characters (RFC 4130 section 6.2), OPENVAN by default. */
function as2Id(given: Setting): string {
  if (given === null) return "OPENVAN";
  if (!/^[\x21-\x7e]([\x20-\x7e]{0,126}[\x21-\x7e])?$/.test(given.value) || /["\\]/.test(given.value)) {
    throw invalid(
      given.name,
      `"${given.value}" is not an AS2 id (1-128 printable ASCII characters, no quote or backslash)`,
    );
  }
  return given.value;
}

function flagName(flag: keyof ConfigOverrides | null): string {
  const names: Record<keyof ConfigOverrides, string> = {
    dataDir: "--data",
    host: "--host",
    port: "--port",
    tlsCert: "--tls-cert",
    tlsKey: "--tls-key",
    logLevel: "--log-level",
    sftpPort: "--sftp-port",
    outboundAllow: "--outbound-allow",
  };
  return flag === null ? "" : names[flag];
}

function s3Credentials(setting: (flag: null, name: string) => Setting): S3Credentials | null {
  const id = setting(null, "OPENVAN_S3_ACCESS_KEY_ID");
  const secret = setting(null, "OPENVAN_S3_SECRET_ACCESS_KEY");
  if (id === null && secret === null) return null;
  if (id === null || secret === null) {
    const missing = id === null ? "OPENVAN_S3_ACCESS_KEY_ID" : "OPENVAN_S3_SECRET_ACCESS_KEY";
    throw invalid(
      missing,
      "is missing; set both OPENVAN_S3_ACCESS_KEY_ID and OPENVAN_S3_SECRET_ACCESS_KEY, or neither",
    );
  }
  return { accessKeyId: id.value, secretAccessKey: secret.value };
}

function tls(cert: Setting, key: Setting, cwd: string): TlsConfig | null {
  if (cert === null && key === null) return null;
  if (cert === null || key === null) {
    const missing = cert === null ? "--tls-cert / OPENVAN_TLS_CERT" : "--tls-key / OPENVAN_TLS_KEY";
    throw invalid(missing, "is missing; HTTPS needs both a certificate and its private key");
  }
  return { certFile: readable(cert, cwd), keyFile: readable(key, cwd) };
}

function readable(file: { value: string; name: string }, cwd: string): string {
  const path = resolve(cwd, file.value);
  try {
    accessSync(path, constants.R_OK);
  } catch {
    throw invalid(file.name, `cannot read the file ${path}`);
  }
  return path;
}

function duration(given: Setting, fallback: number): number {
  return given === null ? fallback : parseDuration(given.value, given.name);
}

/** At least an hour: a shorter margin could take the blob of an upload whose records are being committed. */
function orphanBlobAge(given: Setting): number {
  const ms = duration(given, defaultNetworkSettings.orphanBlobAgeMs);
  if (given !== null && ms < 3600_000) throw invalid(given.name, `"${given.value}" is shorter than 1h`);
  return ms;
}

function byteSize(given: Setting, fallback: number): number {
  return given === null ? fallback : parseByteSize(given.value, given.name);
}

function integer(given: Setting, fallback: number, min: number, max: number): number {
  if (given === null) return fallback;
  const value = /^\d+$/.test(given.value) ? Number(given.value) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw invalid(given.name, `"${given.value}" is not a whole number from ${min} to ${max}`);
  }
  return value;
}

function smtpUrl(given: Setting): string | null {
  if (given === null) return null;
  const url = URL.canParse(given.value) ? new URL(given.value) : null;
  if (url === null || (url.protocol !== "smtp:" && url.protocol !== "smtps:") || url.hostname === "")
    throw invalid(given.name, "is not an SMTP URL (smtp://user:password@host:port or smtps://…)");
  return given.value;
}

/**
 * The SFTP port, or null for `off`. By default 2222; a node that takes any free HTTP port (0) takes any free SFTP
 * port too, so that several such nodes can run side by side on one machine.
 */
function sftp(given: Setting, httpPort: number): SftpConfig | null {
  if (given?.value.toLowerCase() === "off") return null;
  return { port: given === null ? (httpPort === 0 ? 0 : 2222) : integer(given, 2222, 0, 65535) };
}

/** Public addresses only, unless the operator allows ranges (or every non-public address with `private`). */
function outboundAllow(given: Setting): NetworkSettings["outboundAllow"] {
  return given === null ? defaultNetworkSettings.outboundAllow : parseOutboundAllow(given.value, given.name);
}

function logLevel(given: Setting): LogLevel {
  if (given === null) return "info";
  const level = logLevels.find((l) => l === given.value.toLowerCase());
  if (level === undefined)
    throw invalid(given.name, `"${given.value}" is not one of ${logLevels.join(", ")}`);
  return level;
}

function invalid(setting: string, what: string): OpenVanError {
  return new OpenVanError("CONFIG_INVALID", `${setting}: ${what}`, { setting });
}

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
