import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { unaccent } from "@electric-sql/pglite/contrib/unaccent";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import pg from "pg";
import { mkdirSync } from "node:fs";
import path from "node:path";
import * as schema from "./schema/index.ts";

export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;
/** A database handle or an open transaction: domain functions accept either. */
export type Queryable = Database | Parameters<Parameters<Database["transaction"]>[0]>[0];

export interface DatabaseHandle {
  db: Database;
  driver: "pglite" | "postgres";
  /** Runs a trivial query; throws when the database cannot answer. */
  ping(): Promise<void>;
  /** The PostgreSQL pool's connections (metrics); absent on PGlite, which has one in-process connection. */
  poolStats?: () => { total: number; idle: number; waiting: number };
  close(): Promise<void>;
}

export interface OpenOptions {
  /** A postgres:// URL; when absent, PGlite is used. */
  databaseUrl?: string;
  /** PGlite data folder, or "memory://" for an in-memory database. */
  pgliteDataDir?: string;
  migrationsFolder?: string;
  /**
   * PGlite's shared_buffers, e.g. "1GB" (default: env PGLITE_SHARED_BUFFERS, else
   * PostgreSQL's 128MB). Large databases are 3–5× faster with buffers that hold
   * the working set (STACK-NOTES "Full-text search at national scale").
   */
  pgliteSharedBuffers?: string;
}

export async function openDatabase(options: OpenOptions): Promise<DatabaseHandle> {
  const migrationsFolder = options.migrationsFolder ?? path.resolve("drizzle");
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 10 });
    // An idle connection the server closes (restart, failover, a dropped test database) is emitted
    // on the pool; without a listener that would crash the process. The pool discards the client,
    // the next query opens a new one, and /readyz reports a database that stays away.
    pool.on("error", () => undefined);
    const db = drizzlePg(pool, { schema }) as unknown as Database;
    await migratePg(db as never, { migrationsFolder });
    return {
      db,
      driver: "postgres",
      ping: async () => void (await pool.query("select 1")),
      poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
      close: () => pool.end(),
    };
  }
  const dataDir = options.pgliteDataDir ?? "memory://";
  if (!dataDir.startsWith("memory://")) mkdirSync(dataDir, { recursive: true });
  const sharedBuffers = options.pgliteSharedBuffers ?? process.env.PGLITE_SHARED_BUFFERS;
  if (sharedBuffers && !/^\d+(kB|MB|GB)$/.test(sharedBuffers)) throw new Error(`PGLITE_SHARED_BUFFERS: use a size like 512MB or 1GB, not "${sharedBuffers}"`);
  const client = await PGlite.create(dataDir, {
    extensions: { pg_trgm, unaccent },
    ...(sharedBuffers ? { startParams: [...PGlite.defaultStartParams, "-c", `shared_buffers=${sharedBuffers}`] } : {}),
  });
  const db = drizzlePglite(client, { schema }) as unknown as Database;
  // drizzle-kit's own migrate exits silently on CREATE EXTENSION with PGlite, so migrate in code.
  await migratePglite(db as never, { migrationsFolder });
  return {
    db,
    driver: "pglite",
    ping: async () => void (await client.query("select 1")),
    close: () => client.close(),
  };
}

/** Applies the migrations in `migrationsFolder` that this database has not had yet (restore of an older backup). */
export async function runMigrations(handle: DatabaseHandle, migrationsFolder: string = path.resolve("drizzle")): Promise<void> {
  if (handle.driver === "postgres") await migratePg(handle.db as never, { migrationsFolder });
  else await migratePglite(handle.db as never, { migrationsFolder });
}

let current: DatabaseHandle | undefined;

/** Sets the process-wide database (at start-up, or per test worker). */
export function setDatabase(handle: DatabaseHandle | undefined): void {
  current = handle;
}

export function getDatabaseHandle(): DatabaseHandle {
  if (!current) throw new Error("Database not opened: call openDatabase() and setDatabase() at start-up.");
  return current;
}

export function getDb(): Database {
  return getDatabaseHandle().db;
}
