import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { defaultNetworkSettings } from "../network/index.js";
import { loadConfig } from "./load-config.js";

const cwd = "/srv/openvan";

describe("loadConfig", () => {
  it("defaults to SQLite and blobs in ./data, HTTP on 8080", () => {
    const config = loadConfig({ env: {}, cwd });
    expect(config).toMatchObject({
      dataDir: "/srv/openvan/data",
      database: { kind: "sqlite", path: "/srv/openvan/data/openvan.db" },
      blobs: { kind: "fs", root: "/srv/openvan/data/blobs" },
      http: { host: "0.0.0.0", port: 8080, tls: null, maxHeaderBytes: 16384 },
      network: defaultNetworkSettings,
      retentionSweepMs: 3600_000,
      logLevel: "info",
    });
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.http)).toBe(true);
  });

  it("lets flags win over the environment", () => {
    const config = loadConfig({
      env: { OPENVAN_DATA_DIR: "/var/lib/openvan", OPENVAN_PORT: "9000", OPENVAN_HOST: "::" },
      overrides: { dataDir: "here", port: "0" },
      cwd,
    });
    expect(config.dataDir).toBe("/srv/openvan/here");
    expect(config.database).toEqual({ kind: "sqlite", path: "/srv/openvan/here/openvan.db" });
    expect(config.http).toMatchObject({ port: 0, host: "::" });
  });

  it("reads PostgreSQL and S3 settings", () => {
    const config = loadConfig({
      env: {
        OPENVAN_DATABASE_URL: "postgres://van@db.internal:5432/openvan",
        OPENVAN_DATABASE_SCHEMA: "node_a",
        OPENVAN_BLOB_URL:
          "s3://openvan-blobs/prod?endpoint=http://127.0.0.1:9000&region=eu-west-1&forcePathStyle=true",
        OPENVAN_S3_ACCESS_KEY_ID: "AKIA",
        OPENVAN_S3_SECRET_ACCESS_KEY: "secret",
      },
      cwd,
    });
    expect(config.database).toEqual({
      kind: "postgres",
      url: "postgres://van@db.internal:5432/openvan",
      schema: "node_a",
    });
    expect(config.blobs).toEqual({
      kind: "s3",
      bucket: "openvan-blobs",
      prefix: "prod/",
      endpoint: "http://127.0.0.1:9000",
      region: "eu-west-1",
      forcePathStyle: true,
      credentials: { accessKeyId: "AKIA", secretAccessKey: "secret" },
    });
  });

  it("reads durations and sizes with units", () => {
    const config = loadConfig({
      env: {
        OPENVAN_RETENTION: "7d",
        OPENVAN_ORPHAN_BLOB_AGE: "2d",
        OPENVAN_RESEND_WINDOW: "90s",
        OPENVAN_DUPLICATE_WINDOW: "12h",
        OPENVAN_MAX_MESSAGE_SIZE: "5GB",
        OPENVAN_MAX_HEADER_SIZE: "32KB",
        OPENVAN_MAX_JOB_ATTEMPTS: "3",
        OPENVAN_WORKERS: "8",
        OPENVAN_JOB_LEASE: "5s",
        OPENVAN_LOG_LEVEL: "WARN",
      },
      cwd,
    });
    expect(config.network).toEqual({
      retentionMs: 7 * 86_400_000,
      orphanBlobAgeMs: 2 * 86_400_000,
      resendWindowMs: 90_000,
      duplicateWindowMs: 12 * 3600_000,
      maxMessageBytes: 5 * 1024 ** 3,
      maxJobAttempts: 3,
      outboundAllow: { private: false, ranges: [] },
    });
    expect(config.http.maxHeaderBytes).toBe(32 * 1024);
    expect(config.jobs.concurrency).toBe(8);
    expect(config.jobs.leaseMs).toBe(5000);
    expect(config.logLevel).toBe("warn");
  });

  it("connects to public addresses only, unless OPENVAN_OUTBOUND_ALLOW or --outbound-allow allows more", () => {
    expect(loadConfig({ env: {}, cwd }).network.outboundAllow).toEqual({ private: false, ranges: [] });
    const listed = loadConfig({ env: { OPENVAN_OUTBOUND_ALLOW: "127.0.0.1/32, 10.20.0.0/16" }, cwd });
    expect(listed.network.outboundAllow).toEqual({
      private: false,
      ranges: ["127.0.0.1/32", "10.20.0.0/16"],
    });
    expect(Object.isFrozen(listed.network.outboundAllow.ranges)).toBe(true);
    const flag = loadConfig({
      env: { OPENVAN_OUTBOUND_ALLOW: "127.0.0.1" },
      overrides: { outboundAllow: "private" },
      cwd,
    });
    expect(flag.network.outboundAllow).toEqual({ private: true, ranges: [] });
    expect(() => loadConfig({ env: { OPENVAN_OUTBOUND_ALLOW: "localhost" }, cwd })).toThrow(
      'OPENVAN_OUTBOUND_ALLOW: "localhost" is not an IP address, a CIDR range (address/prefix) or the word private',
    );
    expect(() => loadConfig({ env: {}, overrides: { outboundAllow: "10.0.0.0/40" }, cwd })).toThrow(
      /^--outbound-allow: "10.0.0.0\/40"/,
    );
  });

  it("keeps messages of up to 64 KB in the database unless told another size, or 0 for none", () => {
    expect(loadConfig({ env: {}, cwd }).smallBlobMaxBytes).toBe(64 * 1024);
    expect(loadConfig({ env: { OPENVAN_SMALL_BLOB_MAX: "1MB" }, cwd }).smallBlobMaxBytes).toBe(1024 ** 2);
    expect(loadConfig({ env: { OPENVAN_SMALL_BLOB_MAX: "0" }, cwd }).smallBlobMaxBytes).toBe(0);
    expect(() => loadConfig({ env: { OPENVAN_SMALL_BLOB_MAX: "lots" }, cwd })).toThrow(
      /OPENVAN_SMALL_BLOB_MAX/,
    );
  });

  it("checks that both TLS files are given and readable", () => {
    const dir = mkdtempSync(join(tmpdir(), "openvan-config-"));
    writeFileSync(join(dir, "cert.pem"), "x");
    writeFileSync(join(dir, "key.pem"), "x");
    const config = loadConfig({
      env: { OPENVAN_TLS_KEY: "key.pem" },
      overrides: { tlsCert: "cert.pem" },
      cwd: dir,
    });
    expect(config.http.tls).toEqual({ certFile: join(dir, "cert.pem"), keyFile: join(dir, "key.pem") });
    expect(() => loadConfig({ env: {}, overrides: { tlsCert: "cert.pem" }, cwd: dir })).toThrow(
      "--tls-key / OPENVAN_TLS_KEY: is missing",
    );
    expect(() =>
      loadConfig({ env: {}, overrides: { tlsCert: "nope.pem", tlsKey: "key.pem" }, cwd: dir }),
    ).toThrow(`--tls-cert: cannot read the file ${join(dir, "nope.pem")}`);
  });

  it.each([
    [{ OPENVAN_PORT: "eighty" }, 'OPENVAN_PORT: "eighty" is not a whole number from 0 to 65535'],
    [{ OPENVAN_PORT: "70000" }, "OPENVAN_PORT"],
    [{ OPENVAN_RETENTION: "30" }, 'OPENVAN_RETENTION: "30" is not a duration'],
    [{ OPENVAN_ORPHAN_BLOB_AGE: "10m" }, 'OPENVAN_ORPHAN_BLOB_AGE: "10m" is shorter than 1h'],
    [{ OPENVAN_MAX_MESSAGE_SIZE: "lots" }, 'OPENVAN_MAX_MESSAGE_SIZE: "lots" is not a size'],
    [{ OPENVAN_DATABASE_URL: "mysql://x" }, 'OPENVAN_DATABASE_URL: "mysql://x" is not a database URL'],
    [
      { OPENVAN_DATABASE_URL: "postgres://u:hunter2@h/db", OPENVAN_DATABASE_SCHEMA: "Bad-Name" },
      "OPENVAN_DATABASE_SCHEMA",
    ],
    [{ OPENVAN_BLOB_URL: "s3://B?region=x" }, 'OPENVAN_BLOB_URL: "B" is not an S3 bucket name'],
    [{ OPENVAN_BLOB_URL: "s3://bucket?endpont=x" }, 'OPENVAN_BLOB_URL: unknown parameter "endpont"'],
    [
      { OPENVAN_BLOB_URL: "s3://bucket", OPENVAN_S3_ACCESS_KEY_ID: "A" },
      "OPENVAN_S3_SECRET_ACCESS_KEY: is missing",
    ],
    [{ OPENVAN_LOG_LEVEL: "loud" }, "OPENVAN_LOG_LEVEL"],
    [{ OPENVAN_WORKERS: "0" }, "OPENVAN_WORKERS"],
  ])("refuses %o, naming the setting", (env, message) => {
    expect(() => loadConfig({ env, cwd })).toThrow(message);
    try {
      loadConfig({ env, cwd });
    } catch (error) {
      expect(error).toMatchObject({ code: "CONFIG_INVALID" });
      expect(String(error)).not.toContain("hunter2");
    }
  });

  it("names the flag when the bad value came from the command line", () => {
    expect(() => loadConfig({ env: { OPENVAN_PORT: "1" }, overrides: { port: "-1" }, cwd })).toThrow(
      /^--port: /,
    );
  });

  it("takes sqlite: and file: URLs and plain folders", () => {
    const config = loadConfig({
      env: { OPENVAN_DATABASE_URL: "sqlite:db/van.db", OPENVAN_BLOB_URL: "file:///mnt/blobs" },
      cwd,
    });
    expect(config.database).toEqual({ kind: "sqlite", path: "/srv/openvan/db/van.db" });
    expect(config.blobs).toEqual({ kind: "fs", root: "/mnt/blobs" });
    expect(loadConfig({ env: { OPENVAN_BLOB_URL: "store" }, cwd }).blobs).toEqual({
      kind: "fs",
      root: "/srv/openvan/store",
    });
  });
});
