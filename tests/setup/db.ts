import { randomUUID } from "node:crypto";
import pg from "pg";
import { openDatabase, setDatabase, type DatabaseHandle } from "~/db/client.server.ts";
import { loadReferenceData } from "~/domain/reference/reference.server.ts";

/**
 * A fresh, migrated database with reference data: in-memory PGlite, or, when
 * DATABASE_URL is set, a new throwaway database on that PostgreSQL server
 * (dropped again by the returned close()).
 */
export async function createTestDatabase(): Promise<DatabaseHandle> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const handle = await openDatabase({ pgliteDataDir: "memory://" });
    await loadReferenceData(handle.db);
    return handle;
  }
  const name = `samspill_test_${randomUUID().replaceAll("-", "")}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ databaseUrl: url.toString() });
  await loadReferenceData(handle.db);
  return {
    ...handle,
    close: async () => {
      await handle.close();
      const dropper = new pg.Client({ connectionString: serverUrl });
      await dropper.connect();
      await dropper.query(`drop database if exists ${name} with (force)`);
      await dropper.end();
    },
  };
}

export async function useTestDatabase(): Promise<DatabaseHandle> {
  const handle = await createTestDatabase();
  setDatabase(handle);
  return handle;
}
