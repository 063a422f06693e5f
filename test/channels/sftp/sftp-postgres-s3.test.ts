import { countS3Objects, openPostgresS3Env } from "../../support/postgres-s3-env.js";
import { describeSftpE2e } from "./sftp-e2e-suite.js";

/** The scaled-out backend: a fresh schema in the machine's PostgreSQL and a bucket on s3rver. */
describeSftpE2e(
  "PostgreSQL and S3 (s3rver)",
  async () => {
    const environment = await openPostgresS3Env("sftp");
    return {
      env: { ...environment.env, OPENVAN_SMALL_BLOB_MAX: "0" },
      countBlobs: () => countS3Objects(environment.s3, "blobs/"),
      close: () => environment.close(),
    };
  },
  { full: false },
);
