export { migrateToLatest } from "./migrations/migrate-to-latest.js";
export type { Database } from "./schema.js";
export type { SqlFlavour } from "./sql-flavour.js";
export { type SqlMetadataStoreOptions, sqlMetadataStore } from "./sql-metadata-store.js";
export { sqlRepositories } from "./sql-repositories.js";
