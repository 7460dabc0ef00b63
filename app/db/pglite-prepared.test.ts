import { describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { getDatabaseHandle, getDb } from "~/db/client.server.ts";

async function noteCount(): Promise<number> {
  const result = await getDb().execute(sql`select count(*)::int as n from prepared_test_notes`);
  return (result as unknown as { rows: { n: number }[] }).rows[0]!.n;
}

// PGlite only: with PostgreSQL the handle has no exclusive prepared statements (the server shares the database).
describe.skipIf(!!process.env.DATABASE_URL)("statements parsed once on PGlite (the CLI's Brreg import)", () => {
  it("runs with new parameters each time and gives rows as text, SQL NULL as null", async () => {
    const statement = await getDatabaseHandle().prepareExclusive!("select $1::int * 2 as doubled, nullif($2::text, '') as label");
    expect(await statement.run(["21", "svar"])).toEqual([["42", "svar"]]);
    expect(await statement.run(["5", ""])).toEqual([["10", null]]);
    await statement.close();
  });

  it("a failed run says what PostgreSQL said, changes nothing, and the next run works", async () => {
    await getDb().execute(sql`create table prepared_test_notes (n int primary key)`);
    try {
      const statement = await getDatabaseHandle().prepareExclusive!("insert into prepared_test_notes values ($1::int) returning n");
      expect(await statement.run(["1"])).toEqual([["1"]]);
      await expect(statement.run(["1"])).rejects.toThrow(/duplicate key/);
      await expect(statement.run(["ikke et tall"])).rejects.toThrow(/invalid input syntax for type integer/);
      expect(await statement.run(["2"])).toEqual([["2"]]);
      expect(await noteCount()).toBe(2);
      await statement.close();
    } finally {
      await getDb().execute(sql`drop table prepared_test_notes`);
    }
  });

  it("runs inside the transaction the session has open: a rollback takes its writes back", async () => {
    await getDb().execute(sql`create table prepared_test_notes (n int primary key)`);
    try {
      const statement = await getDatabaseHandle().prepareExclusive!("insert into prepared_test_notes values ($1::int)");
      class Undo extends Error {}
      await getDb()
        .transaction(async () => {
          await statement.run(["1"]);
          await statement.run(["2"]);
          throw new Undo();
        })
        .catch((error: unknown) => {
          if (!(error instanceof Undo)) throw error;
        });
      expect(await noteCount()).toBe(0);
      await statement.close();
    } finally {
      await getDb().execute(sql`drop table prepared_test_notes`);
    }
  });

  it("after close the name is free again: running the closed statement fails", async () => {
    const statement = await getDatabaseHandle().prepareExclusive!("select 1");
    await statement.close();
    await expect(statement.run([])).rejects.toThrow(/does not exist/);
  });
});
