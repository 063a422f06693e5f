import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { idTimePrefix, newId, OpenVanError } from "../../kernel/index.js";
import { blobNotFound, checkRange, emptyStream, MeasuringStream } from "../blob-common/index.js";
import type { BlobStore } from "../ports/index.js";

export interface S3BlobStoreOptions {
  /** Any S3-API server; omitted (or null) for AWS itself. */
  readonly endpoint?: string | null;
  readonly bucket: string;
  readonly region: string;
  /** Omitted (or null): the SDK's default chain (environment, shared profile, instance or task role). */
  readonly credentials?: { readonly accessKeyId: string; readonly secretAccessKey: string } | null;
  /** `endpoint/bucket/key` addressing, which most S3-API servers other than AWS need. */
  readonly forcePathStyle?: boolean;
  /** Put before every key, e.g. `blobs/`. */
  readonly prefix?: string;
  /** Bytes per part of a multipart upload (at least 5 MiB); memory use is about partSize × queueSize. */
  readonly partSize?: number;
  /** Parts uploaded at once. */
  readonly queueSize?: number;
}

/**
 * Blobs as objects in an S3 bucket. An upload streams through a hash into a multipart upload, a few parts in
 * memory at a time; an upload that fails or grows past its limit is aborted, so no object appears. The AWS
 * SDK is loaded here, on first use, so that an installation on local disk never loads it.
 */
export async function openS3BlobStore(options: S3BlobStoreOptions): Promise<BlobStore> {
  const [
    { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, S3Client },
    { Upload },
  ] = await Promise.all([import("@aws-sdk/client-s3"), import("@aws-sdk/lib-storage")]);
  const client = new S3Client({
    region: options.region,
    forcePathStyle: options.forcePathStyle ?? false,
    ...(options.credentials ? { credentials: { ...options.credentials } } : {}),
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
  });
  const Bucket = options.bucket;
  const prefix = options.prefix ?? "";
  const objectKey = (key: string) => `${prefix}${key}`;

  async function size(key: string): Promise<number | null> {
    try {
      const head = await client.send(new HeadObjectCommand({ Bucket, Key: objectKey(key) }));
      return head.ContentLength ?? 0;
    } catch (error) {
      if (errorName(error) === "NotFound" || errorName(error) === "NoSuchKey") return null;
      throw error;
    }
  }

  return {
    async put(source, putOptions) {
      const key = newId();
      const measuring = new MeasuringStream(putOptions?.maxBytes);
      const upload = new Upload({
        client,
        params: { Bucket, Key: objectKey(key), Body: measuring },
        ...(options.partSize === undefined ? {} : { partSize: options.partSize }),
        ...(options.queueSize === undefined ? {} : { queueSize: options.queueSize }),
      });
      // The first failure is the one to report: the source's error (or BLOB_TOO_LARGE) makes the upload fail
      // too, and a failed upload stops the source.
      const failures: unknown[] = [];
      const feeding = pipeline(source, measuring).catch(async (error: unknown) => {
        failures.push(error);
        await upload.abort();
      });
      const uploading = upload.done().catch((error: unknown) => {
        failures.push(error);
        measuring.destroy(error instanceof Error ? error : new Error(String(error)));
      });
      await Promise.all([feeding, uploading]);
      if (failures.length === 0) return { key, ...measuring.result() };
      await client.send(new DeleteObjectCommand({ Bucket, Key: objectKey(key) })).catch(() => {});
      throw failures[0];
    },

    async get(key, range) {
      if (range !== undefined) checkRange(range);
      if (range !== undefined && range.start === range.end) {
        if ((await size(key)) === null) throw blobNotFound(key);
        return emptyStream();
      }
      try {
        const { Body } = await client.send(
          new GetObjectCommand({
            Bucket,
            Key: objectKey(key),
            ...(range === undefined ? {} : { Range: `bytes=${range.start}-${range.end - 1}` }),
          }),
        );
        if (Body instanceof Readable) return Body;
        throw new TypeError("The S3 client returned a body that is not a Node.js stream.");
      } catch (error) {
        if (errorName(error) === "NoSuchKey") throw blobNotFound(key, error);
        // A range that starts past the end: S3 refuses it where a file would give no bytes.
        if (errorName(error) === "InvalidRange") return emptyStream();
        throw error;
      }
    },

    size,

    async delete(key) {
      await client.send(new DeleteObjectCommand({ Bucket, Key: objectKey(key) }));
    },

    async listOlderThan(before, after, limit) {
      if (after !== null && !keyPattern.test(after)) {
        throw new OpenVanError("INTERNAL_INVALID_ARGUMENT", `${after} is not a key of this blob store.`);
      }
      // S3 lists in key order, and a key begins with the time its upload began: past the first key that began
      // at or after `before`, no object was written before it. Other objects under the prefix (not keys this
      // store makes) are left alone. LastModified of a multipart upload is when it began.
      const young = idTimePrefix(before.getTime());
      const keys: string[] = [];
      let startAfter = after === null ? undefined : objectKey(after);
      for (;;) {
        const page = await client.send(
          new ListObjectsV2Command({
            Bucket,
            Prefix: prefix,
            ...(startAfter === undefined ? {} : { StartAfter: startAfter }),
            MaxKeys: 1000,
          }),
        );
        for (const object of page.Contents ?? []) {
          if (object.Key === undefined) continue;
          startAfter = object.Key;
          const key = object.Key.slice(prefix.length);
          if (!keyPattern.test(key)) continue;
          if (key.slice(0, 10) >= young) return keys;
          if (object.LastModified === undefined || object.LastModified.getTime() >= before.getTime())
            continue;
          keys.push(key);
          if (keys.length === limit) return keys;
        }
        if (!page.IsTruncated) return keys;
      }
    },

    async close() {
      client.destroy();
    },
  };
}

/** Keys are ids made by this store; anything else under the prefix is not one of its blobs. */
const keyPattern = /^[0-9a-z]{26}$/;

function errorName(error: unknown): unknown {
  return (error as { name?: unknown } | null)?.name;
}
