export type * from "./acknowledgments.js";
export type * from "./as2.js";
export type { BlobInfo, BlobPutOptions, BlobStore } from "./blob-store.js";
export type * from "./metadata-store.js";
export type * from "./outbound.js";
export type * from "./partner-guides.js";
export type * from "./records.js";
export type * from "./sftp-logins.js";
export type * from "./users.js";
