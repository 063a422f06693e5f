export type { BlobInfo, BlobPutOptions, BlobStore } from "./blob-store.js";
export type * from "./metadata-store.js";
export type * from "./records.js";
