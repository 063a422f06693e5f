import { openS3BlobStore } from "../../src/storage/blob-s3/open-s3-blob-store.js";
import { openPostgresStore } from "../../src/storage/postgres/open-postgres-store.js";
import { countS3Objects, openPostgresS3Env, testDatabaseUrl } from "../support/postgres-s3-env.js";
import { describeApiE2e } from "./api-e2e-suite.js";

/** The machine's PostgreSQL (a fresh schema per run) and s3rver, an S3-API server on a temporary folder. */
const prefix = "blobs/";

describeApiE2e("PostgreSQL and S3 (s3rver)", async () => {
  const environment = await openPostgresS3Env("e2e");
  const { endpoint, bucket, credentials } = environment.s3;
  const store = await openPostgresStore({ url: testDatabaseUrl, schema: environment.schema });
  const blobs = await openS3BlobStore({
    endpoint,
    bucket,
    region: "us-east-1",
    forcePathStyle: true,
    credentials,
    prefix,
  });
  return {
    store,
    blobs,
    countBlobs: () => countS3Objects(environment.s3, prefix),
    async close() {
      await blobs.close();
      await store.close();
      await environment.close();
    },
  };
});
