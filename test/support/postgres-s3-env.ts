import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ListObjectsV2Command, S3Client } from "@aws-sdk/client-s3";
import pg from "pg";
import S3rver from "s3rver";
import { newId } from "../../src/kernel/index.js";

/** The machine's PostgreSQL, reached as the tests' scripts set it up (scripts/test-peers.sh). */
export const testDatabaseUrl = "postgres://postgres@127.0.0.1:5432/test";

/** A schema name no other test uses: `openvan_<name>_<fresh id>`. */
export function freshSchemaName(name: string): string {
  return `openvan_${name}_${newId().toLowerCase()}`;
}

/** Drops a schema a test made in the machine's PostgreSQL, with everything in it. */
export async function dropTestSchema(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: testDatabaseUrl });
  await client.connect();
  try {
    await client.query(`drop schema if exists ${schema} cascade`);
  } finally {
    await client.end();
  }
}

/**
 * A scaled-out environment for `openvan serve` processes: a fresh schema in the machine's PostgreSQL and a
 * bucket on an S3-API server (s3rver) started on a free loopback port, with the OPENVAN_* variables that point
 * servers at them. `close` stops the S3 server and drops the schema.
 */
export interface PostgresS3Env {
  readonly dir: string;
  readonly schema: string;
  readonly s3: S3Endpoint;
  readonly env: Record<string, string>;
  close(): Promise<void>;
}

export interface S3Endpoint {
  readonly endpoint: string;
  readonly bucket: string;
  readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string };
}

/** Objects under `prefix` in the bucket, counted through the S3 API: what a store really left there. */
export async function countS3Objects(s3: S3Endpoint, prefix: string): Promise<number> {
  const client = new S3Client({
    endpoint: s3.endpoint,
    region: "us-east-1",
    forcePathStyle: true,
    credentials: s3.credentials,
  });
  try {
    let count = 0;
    let token: string | undefined;
    do {
      const page = await client.send(
        new ListObjectsV2Command({ Bucket: s3.bucket, Prefix: prefix, ContinuationToken: token }),
      );
      count += page.KeyCount ?? 0;
      token = page.NextContinuationToken;
    } while (token !== undefined);
    return count;
  } finally {
    client.destroy();
  }
}

export async function openPostgresS3Env(
  name: string,
  extra: Record<string, string> = {},
): Promise<PostgresS3Env> {
  const schema = freshSchemaName(name);
  const bucket = `openvan-${name}`;
  const dir = await mkdtemp(join(tmpdir(), `openvan-${name}-`));
  const s3 = new S3rver({
    address: "127.0.0.1",
    port: 0,
    silent: true,
    directory: join(dir, "s3"),
    configureBuckets: [{ name: bucket }],
  });
  const { port } = await s3.run();
  const endpoint = `http://127.0.0.1:${port}`;
  return {
    dir,
    schema,
    s3: { endpoint, bucket, credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" } },
    env: {
      OPENVAN_DATABASE_URL: testDatabaseUrl,
      OPENVAN_DATABASE_SCHEMA: schema,
      OPENVAN_BLOB_URL: `s3://${bucket}/blobs?endpoint=http://127.0.0.1:${port}&region=us-east-1&forcePathStyle=true`,
      OPENVAN_S3_ACCESS_KEY_ID: "S3RVER",
      OPENVAN_S3_SECRET_ACCESS_KEY: "S3RVER",
      ...extra,
    },
    async close() {
      await s3.close();
      await rm(dir, { recursive: true, force: true });
      await dropTestSchema(schema);
    },
  };
}
