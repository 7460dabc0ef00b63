import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { PGlite, type Extension } from "@electric-sql/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import path from "node:path";
import pg from "pg";
import { inject } from "vitest";
import { openDatabase, pgliteHandle, setDatabase, type DatabaseHandle } from "~/db/client.server.ts";
import { loadReferenceData } from "~/domain/reference/reference.server.ts";

/** What tests/setup/db-template.ts built for this run (null or absent: migrate per file). */
function provided<K extends "pgliteSnapshot" | "postgresTemplate">(key: K) {
  try {
    return inject(key) ?? null;
  } catch {
    return null;
  }
}

/** The PGlite contrib extensions the snapshot's catalog names, loaded by name so a new one needs no edit here. */
async function pgliteExtensions(names: string[]): Promise<Record<string, Extension>> {
  const entries = await Promise.all(
    names.map(async (name) => {
      const module = (await import(/* @vite-ignore */ `@electric-sql/pglite/contrib/${name}`)) as Record<string, Extension>;
      const extension = module[name];
      if (!extension) throw new Error(`PGlite extension ${name} (used by the migrations) not found in @electric-sql/pglite/contrib`);
      return [name, extension] as const;
    }),
  );
  return Object.fromEntries(entries);
}

/**
 * What every test file in a worker process opens alike, made once per process (test files share their worker
 * process: `isolate: false` in vitest.config.ts). The compiled PGlite module above all: V8 optimises PGlite's
 * hot functions while the first files run (seconds of compiling, and one function alone takes ≈ 600 MB to
 * compile), and every later PGlite made from the same module starts with that code instead of compiling it
 * again. Kept on globalThis, which outlives the per-file module state.
 */
const perProcess = globalThis as typeof globalThis & {
  samspillTestPglite?: { module: Promise<WebAssembly.Module>; snapshots: Map<string, Blob> };
};
function sharedPglite() {
  perProcess.samspillTestPglite ??= {
    module: WebAssembly.compile(readFileSync(createRequire(import.meta.url).resolve("@electric-sql/pglite/pglite.wasm"))),
    snapshots: new Map(),
  };
  return perProcess.samspillTestPglite;
}

/** A copy of the run's migrated PGlite snapshot in memory, opened the way openDatabase opens PGlite. */
async function openPgliteCopy(snapshot: { file: string; extensions: string[] }): Promise<DatabaseHandle> {
  const sharedBuffers = process.env.PGLITE_SHARED_BUFFERS;
  const shared = sharedPglite();
  let tarball = shared.snapshots.get(snapshot.file);
  if (!tarball) shared.snapshots.set(snapshot.file, (tarball = new Blob([readFileSync(snapshot.file)])));
  const client = await PGlite.create({
    pgliteWasmModule: await shared.module,
    loadDataDir: tarball,
    extensions: await pgliteExtensions(snapshot.extensions),
    ...(sharedBuffers ? { startParams: [...PGlite.defaultStartParams, "-c", `shared_buffers=${sharedBuffers}`] } : {}),
  });
  const handle = pgliteHandle(client);
  // Applies nothing when the snapshot is current (it is keyed by the drizzle/ folder); a safety net if not.
  await migratePglite(handle.db as never, { migrationsFolder: path.resolve("drizzle") });
  return handle;
}

/**
 * A fresh, migrated database with reference data: in-memory PGlite, or, when
 * DATABASE_URL is set, a new throwaway database on that PostgreSQL server
 * (dropped again by the returned close()). Under Vitest it is a copy of the
 * database tests/setup/db-template.ts migrated once for the whole run;
 * `{ fromEmpty: true }` runs every migration instead (the migration test).
 */
export async function createTestDatabase(options: { fromEmpty?: boolean } = {}): Promise<DatabaseHandle> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const snapshot = options.fromEmpty ? null : provided("pgliteSnapshot");
    if (snapshot) return openPgliteCopy(snapshot);
    const handle = await openDatabase({ pgliteDataDir: "memory://" });
    await loadReferenceData(handle.db);
    return handle;
  }
  const template = options.fromEmpty ? null : provided("postgresTemplate");
  const name = `samspill_test_${randomUUID().replaceAll("-", "")}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(template ? `create database ${name} template ${template}` : `create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  // On a template copy the migrator finds every migration applied and the reference data is there.
  const handle = await openDatabase({ databaseUrl: url.toString() });
  if (!template) await loadReferenceData(handle.db);
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
