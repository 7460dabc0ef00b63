/**
 * Vitest global setup: migrates a database and loads the reference data ONCE
 * per run, so each test file gets a copy instead of running every migration
 * itself (≈ 8 s per file on 2 busy cores; a copy takes well under a second).
 *
 * - PGlite (no DATABASE_URL): the migrated data folder, dumped to a tarball in
 *   the OS temp folder. Its name is a hash of everything that shapes it (the
 *   drizzle/ folder, the reference data and its loader, the database client,
 *   the PGlite version), so a stale copy is never reused, and an unchanged tree
 *   reuses the copy from an earlier run.
 * - PostgreSQL (DATABASE_URL): a migrated template database for this run;
 *   each test file's database is `CREATE DATABASE … TEMPLATE` it. Dropped at
 *   the end of the run.
 *
 * tests/setup/db.ts falls back to migrating per file when this setup did not
 * run (another config); tests/integration/migrations.test.ts keeps the real
 * migration path from an empty database tested.
 */
import { createHash, randomUUID } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { openDatabase } from "~/db/client.server.ts";
import { loadReferenceData } from "~/domain/reference/reference.server.ts";

declare module "vitest" {
  export interface ProvidedContext {
    /** PGlite: the migrated data folder's tarball and the extensions it uses. */
    pgliteSnapshot: { file: string; extensions: string[] } | null;
    /** PostgreSQL: the migrated template database's name. */
    postgresTemplate: string | null;
  }
}

const root = path.resolve(import.meta.dirname, "../..");

/** Everything that decides the migrated database's contents. */
const INPUTS = [
  "drizzle",
  "app/db/reference",
  "app/domain/reference/reference.server.ts",
  "app/db/client.server.ts",
  "node_modules/@electric-sql/pglite/package.json",
];

function filesUnder(relative: string): string[] {
  const full = path.join(root, relative);
  if (!existsSync(full)) return [];
  if (!statSync(full).isDirectory()) return [relative];
  return readdirSync(full, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((entry) => filesUnder(path.join(relative, entry.name)));
}

export function inputsHash(): string {
  const hash = createHash("sha256");
  for (const file of INPUTS.flatMap(filesUnder)) {
    hash
      .update(file)
      .update("\0")
      .update(readFileSync(path.join(root, file)))
      .update("\0");
  }
  return hash.digest("hex").slice(0, 24);
}

async function buildPgliteSnapshot(): Promise<{ file: string; extensions: string[] }> {
  const dir = path.join(tmpdir(), "samspill-test-db");
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `pglite-${inputsHash()}.tar`);
  const metaFile = `${file}.json`;
  if (existsSync(file) && existsSync(metaFile)) {
    return { file, extensions: JSON.parse(readFileSync(metaFile, "utf8")) as string[] };
  }
  const handle = await openDatabase({ pgliteDataDir: "memory://" });
  try {
    await loadReferenceData(handle.db);
    const client = (handle.db as unknown as { $client: import("@electric-sql/pglite").PGlite }).$client;
    const extensions = (await client.query<{ extname: string }>("select extname from pg_extension where extname <> 'plpgsql' order by extname")).rows.map(
      (r) => r.extname,
    );
    const dump = await client.dumpDataDir("none");
    // Written under a unique name and renamed, so a run started meanwhile never reads half a file.
    const partial = `${file}.${randomUUID()}.partial`;
    writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
    const partialMeta = `${metaFile}.${randomUUID()}.partial`;
    writeFileSync(partialMeta, JSON.stringify(extensions));
    renameSync(partialMeta, metaFile);
    renameSync(partial, file);
    return { file, extensions };
  } finally {
    await handle.close();
  }
}

async function withAdmin<T>(serverUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.end();
  }
}

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    project.provide("pgliteSnapshot", await buildPgliteSnapshot());
    project.provide("postgresTemplate", null);
    return undefined;
  }
  const name = `samspill_tmpl_${randomUUID().replaceAll("-", "")}`;
  await withAdmin(serverUrl, (admin) => admin.query(`create database ${name}`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ databaseUrl: url.toString() });
  try {
    await loadReferenceData(handle.db);
  } finally {
    // A template must have no open connections while it is copied.
    await handle.close();
  }
  project.provide("pgliteSnapshot", null);
  project.provide("postgresTemplate", name);
  return async () => {
    await withAdmin(serverUrl, (admin) => admin.query(`drop database if exists ${name} with (force)`));
  };
}
