import type { BlobConfig, DatabaseConfig } from "../config/index.js";
import type { Clock } from "../kernel/index.js";
import type { BlobStore, MetadataStore } from "../storage/ports/index.js";

export interface Stores {
  readonly store: MetadataStore;
  readonly blobs: BlobStore;
}

/**
 * Opens the metadata store and the blob store the configuration chose. Each adapter is loaded only when it is
 * chosen, so the embedded default never loads the PostgreSQL driver or the S3 SDK.
 */
export async function openStores(database: DatabaseConfig, blobs: BlobConfig, clock: Clock): Promise<Stores> {
  const store = await openMetadataStore(database, clock);
  try {
    return { store, blobs: await openBlobStore(blobs) };
  } catch (error) {
    await store.close();
    throw error;
  }
}

async function openMetadataStore(database: DatabaseConfig, clock: Clock): Promise<MetadataStore> {
  if (database.kind === "postgres") {
    const { openPostgresStore } = await import("../storage/postgres/open-postgres-store.js");
    return openPostgresStore({
      url: database.url,
      clock,
      ...(database.schema ? { schema: database.schema } : {}),
    });
  }
  const { openSqliteStore } = await import("../storage/sqlite/open-sqlite-store.js");
  return openSqliteStore({ path: database.path, clock });
}

async function openBlobStore(blobs: BlobConfig): Promise<BlobStore> {
  if (blobs.kind === "s3") {
    const { openS3BlobStore } = await import("../storage/blob-s3/open-s3-blob-store.js");
    return openS3BlobStore({
      bucket: blobs.bucket,
      prefix: blobs.prefix,
      endpoint: blobs.endpoint,
      region: blobs.region,
      forcePathStyle: blobs.forcePathStyle,
      credentials: blobs.credentials,
    });
  }
  const { openFsBlobStore } = await import("../storage/blob-fs/fs-blob-store.js");
  return openFsBlobStore({ root: blobs.root });
}
