import BetterSqlite3 from "better-sqlite3";
import { Kysely, SqliteDialect, sql } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { PreparedQueries } from "./prepared-queries.js";
import type { Database } from "./schema.js";

let db: Kysely<Database>;

beforeEach(async () => {
  db = new Kysely<Database>({ dialect: new SqliteDialect({ database: new BetterSqlite3(":memory:") }) });
  await sql`create table accounts (id text primary key, name text not null, created_at text not null)`.execute(
    db,
  );
});

afterEach(async () => {
  await db.destroy();
});

describe("PreparedQueries", () => {
  it("compiles a query once and runs it with fresh values, constants kept", async () => {
    const prepared = new PreparedQueries();
    let builds = 0;
    const insert = (id: string, name: string) =>
      prepared.run(
        db,
        "insert",
        (d, v: { id: string; name: string }) => {
          builds++;
          return d.insertInto("accounts").values({ ...v, created_at: "2026-03-01" });
        },
        { id, name },
      );
    await insert("acc_1", "Acme Foods");
    await insert("acc_2", "Grocery Mart");
    const byName = (name: string) =>
      prepared.run(
        db,
        "byName",
        (d, v: { name: string }) => d.selectFrom("accounts").selectAll().where("name", "=", v.name),
        { name },
      );
    expect((await byName("Grocery Mart")).rows).toEqual([
      { id: "acc_2", name: "Grocery Mart", created_at: "2026-03-01" },
    ]);
    expect((await byName("nobody")).rows).toEqual([]);
    expect(builds).toBe(1);
    const renamed = await prepared.run(
      db,
      "rename",
      (d, v: { id: string; name: string }) =>
        d.updateTable("accounts").set({ name: v.name }).where("id", "=", v.id),
      { id: "acc_1", name: "Acme" },
    );
    expect(renamed.numAffectedRows).toBe(1n);
  });

  it("runs in a transaction as well as on the database", async () => {
    const prepared = new PreparedQueries();
    const insert = (on: Kysely<Database>, id: string) =>
      prepared.run(
        on,
        "insert",
        (d, v: { id: string }) => d.insertInto("accounts").values({ ...v, name: v.id, created_at: "x" }),
        { id },
      );
    await expect(
      db.transaction().execute(async (trx) => {
        await insert(trx, "acc_1");
        throw new Error("rolled back");
      }),
    ).rejects.toThrow("rolled back");
    await insert(db, "acc_2");
    expect((await db.selectFrom("accounts").select("id").execute()).map((r) => r.id)).toEqual(["acc_2"]);
  });

  it("runs a query with its values in order, checked against the SQL once", async () => {
    const prepared = new PreparedQueries();
    const rows = (ids: string[]) =>
      prepared.runInOrder(
        db,
        "two",
        (d, v) =>
          d.insertInto("accounts").values([
            { id: v.id_0 as string, name: v.name_0 as string, created_at: v.at_0 as string },
            { id: v.id_1 as string, name: v.name_1 as string, created_at: v.at_1 as string },
          ]),
        () => ["id_0", "name_0", "at_0", "id_1", "name_1", "at_1"],
        ids.flatMap((id) => [id, `name of ${id}`, "2026-03-01"]),
      );
    await rows(["acc_1", "acc_2"]);
    await rows(["acc_3", "acc_4"]);
    expect(await db.selectFrom("accounts").select(["id", "name"]).orderBy("id").execute()).toEqual(
      ["acc_1", "acc_2", "acc_3", "acc_4"].map((id) => ({ id, name: `name of ${id}` })),
    );
    const misnamed = prepared.runInOrder(
      db,
      "swapped",
      (d, v) =>
        d
          .insertInto("accounts")
          .values({ id: v.b as string, name: v.a as string, created_at: v.c as string }),
      () => ["a", "b", "c"],
      ["acc_5", "Acme", "2026-03-01"],
    );
    await expect(misnamed).rejects.toThrow(
      "prepared query swapped: the SQL does not take its values in the order given",
    );
  });

  it("refuses a query that changes a value instead of passing it through", async () => {
    const prepared = new PreparedQueries();
    await expect(
      prepared.run(
        db,
        "upper",
        (d, v: { name: string }) => d.selectFrom("accounts").selectAll().where("name", "=", String(v.name)),
        { name: "acme" },
      ),
    ).rejects.toThrow("prepared query upper: name must reach the SQL as parameters, unchanged");
  });
});
