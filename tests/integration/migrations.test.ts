import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { getDb, type Database, type DatabaseHandle } from "~/db/client.server.ts";
import { createTestDatabase } from "../setup/db.ts";

/**
 * Every other test file gets a copy of a database migrated once per run
 * (tests/setup/db-template.ts). This one runs the real migrations from an
 * empty database, as a deployment does, and checks the copies match it.
 */

/** The shape of the schema (tables, columns, constraints, indexes, extensions) and the reference data's size. */
async function fingerprint(db: Database) {
  const rows = async (query: ReturnType<typeof sql>) => ((await db.execute(query)) as unknown as { rows: Record<string, unknown>[] }).rows;
  return {
    extensions: await rows(sql`select extname from pg_extension order by extname`),
    columns: await rows(sql`
      select table_name, column_name, data_type, is_nullable, column_default
      from information_schema.columns where table_schema = 'public'
      order by table_name, column_name`),
    constraints: await rows(sql`
      select conrelid::regclass::text as rel, conname, pg_get_constraintdef(oid) as def
      from pg_constraint where connamespace = 'public'::regnamespace
      order by rel, conname`),
    indexes: await rows(sql`select tablename, indexname, indexdef from pg_indexes where schemaname = 'public' order by tablename, indexname`),
    migrations: await rows(sql`select hash from drizzle.__drizzle_migrations order by created_at`),
    referenceData: await rows(sql`select (select count(*) from counties)::int as counties, (select count(*) from municipalities)::int as municipalities`),
  };
}

describe("migrations from an empty database", () => {
  let fresh: DatabaseHandle;
  beforeAll(async () => {
    fresh = await createTestDatabase({ fromEmpty: true });
  }, 120_000);
  afterAll(async () => {
    await fresh?.close();
  });

  test("apply, load the reference data, and give the schema every test file's copy has", async () => {
    const fromEmpty = await fingerprint(fresh.db);
    expect(fromEmpty.referenceData).toEqual([{ counties: 15, municipalities: 357 }]);
    expect(fromEmpty.extensions.map((e) => e.extname)).toEqual(expect.arrayContaining(["pg_trgm", "unaccent"]));
    expect(fromEmpty.columns.length).toBeGreaterThan(0);
    expect(await fingerprint(getDb())).toEqual(fromEmpty);
  });
});
