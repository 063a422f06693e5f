import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { newId } from "../../kernel/index.js";
import { describeMetadataStoreContract } from "../contract/metadata-store.contract.js";
import { openPostgresStore } from "./open-postgres-store.js";

/** The PostgreSQL the machine runs for tests; this file works in schemas of its own, dropped at the end. */
const url = "postgres://postgres@127.0.0.1:5432/test";
const schemas: string[] = [];
function freshSchema(): string {
  const schema = `openvan_test_${newId()}`;
  schemas.push(schema);
  return schema;
}

afterAll(async () => {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (const schema of schemas) await client.query(`drop schema if exists ${schema} cascade`);
  } finally {
    await client.end();
  }
});

describeMetadataStoreContract("PostgreSQL", () => openPostgresStore({ url, schema: freshSchema() }));

describe("openPostgresStore", () => {
  it("migrates a schema once and finds its records again on reopening", async () => {
    const schema = freshSchema();
    const account = { id: "acc_1", name: "Acme Foods", createdAt: "2026-03-01T00:00:00.000Z" };
    const first = await openPostgresStore({ url, schema });
    await first.accounts.insert(account);
    await first.close();
    const second = await openPostgresStore({ url, schema });
    expect(await second.accounts.get(account.id)).toEqual(account);
    await second.close();
  });

  it("reports a server that does not answer as STORAGE_UNAVAILABLE", async () => {
    await expect(openPostgresStore({ url: "postgres://postgres@127.0.0.1:1/test" })).rejects.toMatchObject({
      code: "STORAGE_UNAVAILABLE",
    });
  });

  it("refuses a schema name it would have to quote", async () => {
    await expect(openPostgresStore({ url, schema: 'x"; drop table y; --' })).rejects.toMatchObject({
      code: "INTERNAL_INVALID_ARGUMENT",
    });
  });
});
