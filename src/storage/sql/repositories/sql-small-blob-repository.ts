import type { Kysely } from "kysely";
import type { SmallBlobRepository } from "../../ports/index.js";
import type { PreparedQueries } from "../prepared-queries.js";
import type { Database } from "../schema.js";

export function sqlSmallBlobRepository(db: Kysely<Database>, prepared: PreparedQueries): SmallBlobRepository {
  return {
    async insert(blob) {
      const row = {
        key: blob.key,
        content: blob.content,
        size: blob.content.length,
        sha256: blob.sha256,
        created_at: blob.createdAt,
      };
      await prepared.run(
        db,
        "smallBlobs.insert",
        (d, v: typeof row) => d.insertInto("small_blobs").values(v),
        row,
      );
    },
    async content(key) {
      const row = await db
        .selectFrom("small_blobs")
        .select("content")
        .where("key", "=", key)
        .executeTakeFirst();
      return row === undefined ? null : row.content;
    },
    async size(key) {
      const row = await db.selectFrom("small_blobs").select("size").where("key", "=", key).executeTakeFirst();
      return row === undefined ? null : Number(row.size);
    },
    async delete(key) {
      await db.deleteFrom("small_blobs").where("key", "=", key).execute();
    },
  };
}
