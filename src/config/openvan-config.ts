import type { JobRunnerOptions, NetworkSettings } from "../network/index.js";

/** The metadata database: an SQLite file (the embedded default) or a PostgreSQL server. */
export type DatabaseConfig =
  | { readonly kind: "sqlite"; readonly path: string }
  | { readonly kind: "postgres"; readonly url: string; readonly schema: string | null };

/** Where message bytes live: a local folder (the embedded default) or an S3 bucket. */
export type BlobConfig =
  | { readonly kind: "fs"; readonly root: string }
  | {
      readonly kind: "s3";
      readonly bucket: string;
      /** Key prefix inside the bucket, ending in `/` ("" for none). */
      readonly prefix: string;
      /** An S3-compatible endpoint; null for AWS itself. */
      readonly endpoint: string | null;
      readonly region: string;
      readonly forcePathStyle: boolean;
      /** Null: the AWS SDK's own credential chain decides. */
      readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string } | null;
    };

export interface TlsConfig {
  readonly certFile: string;
  readonly keyFile: string;
}

export interface HttpConfig {
  readonly host: string;
  /** 0 picks a free port. */
  readonly port: number;
  /** HTTPS with this certificate and key; plain HTTP when null. */
  readonly tls: TlsConfig | null;
  /** Largest size of a request's headers, in bytes. */
  readonly maxHeaderBytes: number;
}

export interface SftpConfig {
  /** Listens on the HTTP channel's address, on this port; 0 picks a free one. */
  readonly port: number;
}

export type LogLevel = "fatal" | "error" | "warn" | "info" | "debug" | "trace" | "silent";

/** Everything `openvan serve` needs to know, validated once and frozen. */
export interface OpenVanConfig {
  /** Absolute path of the data folder (SQLite file, blobs, admin key, demo.json). */
  readonly dataDir: string;
  readonly database: DatabaseConfig;
  readonly blobs: BlobConfig;
  /** Blobs of at most this many bytes are kept in the metadata database; 0: every blob goes to `blobs`. */
  readonly smallBlobMaxBytes: number;
  readonly http: HttpConfig;
  readonly network: NetworkSettings;
  readonly jobs: JobRunnerOptions;
  /** How often the retention sweep runs. */
  readonly retentionSweepMs: number;
  /** How often the sweep for overdue acknowledgments runs. */
  readonly ackOverdueSweepMs: number;
  readonly logLevel: LogLevel;
  /** The SFTP channel; null when it is turned off (`--sftp-port off`, OPENVAN_SFTP_PORT=off). */
  readonly sftp: SftpConfig | null;
  /** The AS2 channel at /as2 on the HTTP listener. */
  readonly as2: {
    /** This network's AS2 id (OPENVAN_AS2_ID). */
    readonly id: string;
    /** Largest AS2 message body, and largest payload after decompression (OPENVAN_AS2_MAX_SIZE). */
    readonly maxBytes: number;
    /** The base URL partners reach this network at (OPENVAN_PUBLIC_URL); the listening URL when null. */
    readonly publicUrl: string | null;
  };
  /** Notification e-mail: sent through `smtpUrl` (smtp:// or smtps://) from `from`; none when it is null. */
  readonly notifications: { readonly smtpUrl: string | null; readonly from: string };
}
