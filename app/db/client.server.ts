import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { unaccent } from "@electric-sql/pglite/contrib/unaccent";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import pg from "pg";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { prepareOnPglite, type PreparedStatement } from "./pglite-prepared.server.ts";
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
  /**
   * PGlite only: parses a statement once for many runs (`prepareOnPglite`). Its runs bypass PGlite's
   * locks, so only a process that has the database to itself (the CLI) may use it.
   */
  prepareExclusive?: (text: string) => Promise<PreparedStatement>;
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

/**
 * A start-up problem an operator fixes (a data folder that cannot be written, a database that does not answer):
 * server.ts prints its message alone, without a stack trace, and exits 1.
 */
export class DatabaseStartError extends Error {
  override name = "DatabaseStartError";
}

const folderProblems: Record<string, string> = {
  EACCES: "permission denied",
  EPERM: "operation not permitted",
  EROFS: "the file system is read-only",
  ENOSPC: "the disk is full",
  EDQUOT: "the disk quota is used up",
  ENOTDIR: "part of the path is a file, not a folder",
  EEXIST: "a file with that name is in the way",
};

/** The PGlite folder exists and takes a write, or a DatabaseStartError that says why not, in words. */
function ensureWritableFolder(dataDir: string): void {
  try {
    mkdirSync(dataDir, { recursive: true });
    const probe = path.join(dataDir, `.write-test-${process.pid}`);
    writeFileSync(probe, "samspill");
    rmSync(probe);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "";
    const reason = folderProblems[code] ?? (error instanceof Error ? error.message : String(error));
    throw new DatabaseStartError(
      `The database folder ${path.resolve(dataDir)} cannot be written (${reason}${code ? `, ${code}` : ""}). Check PGLITE_DATA_DIR, the folder's owner and permissions, and the free disk space; or set DATABASE_URL to use a PostgreSQL server.`,
    );
  }
}

/** pg's client with its own connect timeout (the pool's `connectionTimeoutMillis` also bounds the wait for a turn). */
class ClientWithConnectTimeout extends pg.Client {
  constructor(config?: string | pg.ClientConfig) {
    super(typeof config === "string" ? { connectionString: config, connectionTimeoutMillis: 8000 } : { ...config, connectionTimeoutMillis: 8000 });
  }
}

export async function openDatabase(options: OpenOptions): Promise<DatabaseHandle> {
  const migrationsFolder = options.migrationsFolder ?? path.resolve("drizzle");
  if (options.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: 10,
      // Opening a connection to a server that does not answer fails after 8 s as "database unavailable" (a 503,
      // app/lib/db-unavailable.server.ts) rather than hanging (a refused one fails at once).
      Client: ClientWithConnectTimeout,
      // Waiting for a turn when all 10 are busy is bounded more loosely: a burst of writes that lock the same rows
      // (40 workshop participants voting at once) can queue for several seconds on a busy machine, and should
      // wait, not fail. No statement timeout: the Brreg import and national roll-ups run long statements here.
      connectionTimeoutMillis: 30_000,
      // A server that vanished without closing its sockets (a failover, a cut network) is noticed on a quiet
      // connection instead of leaving a query waiting for an answer that never comes.
      keepAlive: true,
      keepAliveInitialDelayMillis: 10_000,
    });
    // The pool listens for errors only on idle connections. One a request holds between two queries (inside a
    // transaction) that the server ends (a restart: 57P01) emits "error" with nobody listening, and that would end
    // the process. With this listener the connection's next query fails instead (a 503), and the pool drops it.
    pool.on("connect", (client) => client.on("error", () => undefined));
    // An idle connection the server closes (restart, failover, a dropped test database) is emitted
    // on the pool; without a listener that would crash the process. The pool discards the client,
    // the next query opens a new one, and /readyz reports a database that stays away.
    pool.on("error", () => undefined);
    const db = drizzlePg(pool, { schema }) as unknown as Database;
    try {
      await pool.query("select 1");
    } catch (error) {
      await pool.end().catch(() => undefined);
      const url = new URL(options.databaseUrl);
      throw new DatabaseStartError(
        `The PostgreSQL server in DATABASE_URL (${url.hostname}:${url.port || 5432}, database ${url.pathname.slice(1) || "(default)"}) does not answer: ${error instanceof Error ? error.message : String(error)}. Check that it runs and the address, user and password.`,
      );
    }
    await migratePostgres(pool, db, migrationsFolder);
    return {
      db,
      driver: "postgres",
      ping: async () => void (await pool.query("select 1")),
      poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
      close: () => pool.end(),
    };
  }
  const dataDir = options.pgliteDataDir ?? "memory://";
  if (!dataDir.startsWith("memory://")) ensureWritableFolder(dataDir);
  const sharedBuffers = options.pgliteSharedBuffers ?? process.env.PGLITE_SHARED_BUFFERS;
  if (sharedBuffers && !/^\d+(kB|MB|GB)$/.test(sharedBuffers)) throw new Error(`PGLITE_SHARED_BUFFERS: use a size like 512MB or 1GB, not "${sharedBuffers}"`);
  const client = await PGlite.create(dataDir, {
    extensions: { pg_trgm, unaccent },
    ...(sharedBuffers ? { startParams: [...PGlite.defaultStartParams, "-c", `shared_buffers=${sharedBuffers}`] } : {}),
  });
  const handle = pgliteHandle(client);
  // drizzle-kit's own migrate exits silently on CREATE EXTENSION with PGlite, so migrate in code.
  await migratePglite(handle.db as never, { migrationsFolder });
  return handle;
}

/** The handle of an open PGlite database (openDatabase's, and the tests' copies of a snapshot). */
export function pgliteHandle(client: PGlite): DatabaseHandle {
  return {
    db: drizzlePglite(client, { schema }) as unknown as Database,
    driver: "pglite",
    ping: async () => void (await client.query("select 1")),
    prepareExclusive: (text) => prepareOnPglite(client, text),
    close: () => client.close(),
  };
}

/** Any fixed number, the same in every instance: the key of the advisory lock migrations run under. */
export const MIGRATION_LOCK_KEY = 7_240_315_001;

/**
 * Several instances starting at once on one PostgreSQL would each run the same migrations (CREATE TABLE twice,
 * duplicate journal rows): they take turns under a session-level advisory lock, and the later ones find nothing
 * left to do. PGlite is one process's database, so it needs no lock.
 */
async function migratePostgres(pool: pg.Pool, db: Database, migrationsFolder: string): Promise<void> {
  const lock = await pool.connect();
  try {
    await lock.query("select pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
    await migratePg(db as never, { migrationsFolder });
  } finally {
    // A connection that cannot unlock is broken: the pool discards it (and the server ends the session, and the lock).
    const broken = await lock.query("select pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]).then(
      () => undefined,
      (error: unknown) => (error instanceof Error ? error : new Error(String(error))),
    );
    lock.release(broken);
  }
}

/** Applies the migrations in `migrationsFolder` that this database has not had yet (restore of an older backup). */
export async function runMigrations(handle: DatabaseHandle, migrationsFolder: string = path.resolve("drizzle")): Promise<void> {
  if (handle.driver === "postgres") await migratePostgres((handle.db as unknown as { $client: pg.Pool }).$client, handle.db, migrationsFolder);
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
