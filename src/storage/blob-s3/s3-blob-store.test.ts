import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import S3rver from "s3rver";
import { describe, expect, it } from "vitest";
import { countS3Objects } from "../../../test/support/postgres-s3-env.js";
import { describeBlobStoreContract } from "../contract/blob-store.contract.js";
import { openS3BlobStore } from "./open-s3-blob-store.js";

/** s3rver serves the S3 API from a temporary folder, on a free port of the loopback interface. */
const bucket = "openvan-test";
const prefix = "blobs/";
const credentials = { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" };
const folder = mkdtempSync(join(tmpdir(), "openvan-s3rver-"));
const server = new S3rver({
  address: "127.0.0.1",
  port: 0,
  silent: true,
  directory: folder,
  configureBuckets: [{ name: bucket }],
});
let endpoint = "";

/** Objects under the prefix, listed through the S3 API. */
function countStored(): Promise<number> {
  return countS3Objects({ endpoint, bucket, credentials }, prefix);
}

describeBlobStoreContract(
  "S3 (s3rver)",
  async () => {
    const { port } = await server.run();
    endpoint = `http://127.0.0.1:${port}`;
    return openS3BlobStore({
      endpoint,
      bucket,
      region: "us-east-1",
      forcePathStyle: true,
      credentials,
      prefix,
    });
  },
  async () => {
    await server.close();
    rmSync(folder, { recursive: true, force: true });
  },
  countStored,
);

describe("openS3BlobStore", () => {
  it("lists only its own keys under its prefix, never other objects in the bucket", async () => {
    // A server of its own: the contract suite's stops when the suite ends.
    const directory = mkdtempSync(join(tmpdir(), "openvan-s3rver-"));
    const own = new S3rver({
      address: "127.0.0.1",
      port: 0,
      silent: true,
      directory,
      configureBuckets: [{ name: bucket }],
    });
    const endpoint = `http://127.0.0.1:${(await own.run()).port}`;
    const { PutObjectCommand, S3Client } = await import("@aws-sdk/client-s3");
    const client = new S3Client({ endpoint, region: "us-east-1", forcePathStyle: true, credentials });
    const store = await openS3BlobStore({
      endpoint,
      bucket,
      region: "us-east-1",
      forcePathStyle: true,
      credentials,
      prefix: "listing/",
    });
    try {
      const foreign = ["listing/notes.txt", "listing/01abc/part", "elsewhere/01kmzx0000000000000000000a"];
      for (const Key of foreign) await client.send(new PutObjectCommand({ Bucket: bucket, Key, Body: "x" }));
      const { key } = await store.put(
        (async function* () {
          yield Buffer.from("ISA*00*~");
        })(),
      );
      expect(await store.listOlderThan(new Date(Date.now() + 60_000), null, 10)).toEqual([key]);
      expect(await store.listOlderThan(new Date(Date.now() + 60_000), key, 10)).toEqual([]);
      expect(await store.listOlderThan(new Date(Date.now() - 60_000), null, 10)).toEqual([]);
    } finally {
      await store.close();
      client.destroy();
      await own.close();
      rmSync(directory, { recursive: true, force: true });
    }
  });

  it("loads the AWS SDK only when an S3 blob store is opened", () => {
    // In a fresh process, on the build of src/ (made once per test run): the SDK's modules appear in the
    // module cache only once openS3BlobStore has run.
    const dist = new URL("../../../dist/storage/", import.meta.url).href;
    const script = `
      import { createRequire } from "node:module";
      const cache = createRequire(import.meta.url).cache;
      const loaded = () => Object.keys(cache).filter((path) => path.includes("@aws-sdk")).length;
      await import("${dist}blob-fs/fs-blob-store.js");
      const { openS3BlobStore } = await import("${dist}blob-s3/open-s3-blob-store.js");
      const before = loaded();
      const store = await openS3BlobStore({ bucket: "b", region: "us-east-1" });
      await store.close();
      console.log(JSON.stringify({ before, after: loaded() }));`;
    const out = execFileSync(process.execPath, ["--input-type=module", "--no-warnings", "-e", script], {
      encoding: "utf8",
    });
    const { before, after } = JSON.parse(out) as { before: number; after: number };
    expect(before).toBe(0);
    expect(after).toBeGreaterThan(0);
  });
});
