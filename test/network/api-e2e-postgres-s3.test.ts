import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ListObjectsV2Command, S3Client } from "@aws-sdk/client-s3";
import pg from "pg";
import S3rver from "s3rver";
import { newId } from "../../src/kernel/index.js";
import { openS3BlobStore } from "../../src/storage/blob-s3/open-s3-blob-store.js";
import { openPostgresStore } from "../../src/storage/postgres/open-postgres-store.js";
import { describeApiE2e } from "./api-e2e-suite.js";

/** The machine's PostgreSQL (a fresh schema per run) and s3rver, an S3-API server on a temporary folder. */
const url = "postgres://postgres@127.0.0.1:5432/test";
const bucket = "openvan-e2e";
const prefix = "blobs/";
const credentials = { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" };

describeApiE2e("PostgreSQL and S3 (s3rver)", async () => {
  const schema = `openvan_e2e_${newId()}`;
  const folder = await mkdtemp(join(tmpdir(), "openvan-e2e-s3-"));
  const server = new S3rver({
    address: "127.0.0.1",
    port: 0,
    silent: true,
    directory: folder,
    configureBuckets: [{ name: bucket }],
  });
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  const store = await openPostgresStore({ url, schema });
  const blobs = await openS3BlobStore({
    endpoint,
    bucket,
    region: "us-east-1",
    forcePathStyle: true,
    credentials,
    prefix,
  });
  const client = new S3Client({ endpoint, region: "us-east-1", forcePathStyle: true, credentials });
  return {
    store,
    blobs,
    async countBlobs() {
      let count = 0;
      let token: string | undefined;
      do {
        const page = await client.send(
          new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }),
        );
        count += page.KeyCount ?? 0;
        token = page.NextContinuationToken;
      } while (token !== undefined);
      return count;
    },
    async close() {
      client.destroy();
      await blobs.close();
      await store.close();
      await server.close();
      await rm(folder, { recursive: true, force: true });
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      try {
        await admin.query(`drop schema if exists ${schema} cascade`);
      } finally {
        await admin.end();
      }
    },
  };
});
