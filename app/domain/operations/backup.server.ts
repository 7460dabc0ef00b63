import { sql } from "drizzle-orm";
import { closeSync, cpSync, createReadStream, createWriteStream, mkdtempSync, openSync, readFileSync, readSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { pipeline } from "node:stream/promises";
import { Readable } from "node:stream";
import { createGunzip, createGzip } from "node:zlib";
import { openDatabase, runMigrations, type DatabaseHandle, type OpenOptions, type Queryable } from "~/db/client.server.ts";

/**
 * `samspill backup` / `samspill restore` (issue 15): a logical backup that
 * both engines read and write alike — PGlite to PostgreSQL and back — as
 * gzipped JSON lines: a header naming the schema version (the number of
 * migrations applied), then each table's rows in foreign-key order, each table
 * closed by its row count and a checksum computed by the database itself, and
 * a final line saying the file is complete.
 *
 * Backup reads one consistent snapshot (REPEATABLE READ). Restore runs in one
 * transaction: a truncated or altered file, or a checksum that differs after
 * loading, rolls everything back. A file from a newer schema is refused; one
 * from an older schema is loaded at its own version and then migrated.
 * Generated columns (search vectors) are not stored: the database recomputes them.
 */

export const BACKUP_FORMAT = "samspill-backup";
export const BACKUP_FORMAT_VERSION = 1;
/** Rows per read while backing up and per insert while restoring: large enough to be quick, small enough for memory. */
const BATCH_ROWS = 2_000;

export interface BackupHeader {
  format: typeof BACKUP_FORMAT;
  formatVersion: number;
  createdAt: string;
  driver: DatabaseHandle["driver"];
  /** Migrations applied to the database the backup was taken from, and the last one's tag. */
  schema: { migrations: number; lastTag: string | null };
}

export interface TableSummary {
  table: string;
  rows: number;
  checksum: string;
}

/** What an operator can cause: a file that is not a backup, from a newer version, a database that is not empty… */
export class BackupError extends Error {}

interface JournalEntry {
  idx: number;
  when: number;
  tag: string;
}

function readJournal(migrationsFolder: string): JournalEntry[] {
  return (JSON.parse(readFileSync(path.join(migrationsFolder, "meta/_journal.json"), "utf8")) as { entries: JournalEntry[] }).entries;
}

async function rows<T>(db: Queryable, query: ReturnType<typeof sql>): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

/** How many migrations this database has applied (drizzle's own table), 0 for a database never migrated. */
export async function appliedMigrations(db: Queryable): Promise<number> {
  const [exists] = await rows<{ present: boolean }>(db, sql`select to_regclass('drizzle.__drizzle_migrations') is not null as present`);
  if (!exists?.present) return 0;
  const [count] = await rows<{ n: number }>(db, sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
  return count?.n ?? 0;
}

interface TableInfo {
  name: string;
  /** Stored columns in table order (generated columns left out: the database recomputes them). */
  columns: string[];
  generated: string[];
}

/**
 * The public schema's tables in an order where every table comes after the
 * tables it references (self-references aside), so a restore with checks on
 * would also load cleanly; ties by name, so the order is stable.
 */
export async function listTables(db: Queryable): Promise<TableInfo[]> {
  const tables = await rows<{ name: string; columns: string[]; generated: string[] }>(
    db,
    sql`select c.relname as name,
          coalesce(array_agg(a.attname::text order by a.attnum) filter (where a.attgenerated = ''), '{}') as columns,
          coalesce(array_agg(a.attname::text order by a.attnum) filter (where a.attgenerated <> ''), '{}') as generated
        from pg_class c
        join pg_namespace n on n.oid = c.relnamespace and n.nspname = 'public'
        join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
        where c.relkind in ('r', 'p')
        group by c.relname`,
  );
  const references = await rows<{ child: string; parent: string }>(
    db,
    sql`select distinct child.relname as child, parent.relname as parent
        from pg_constraint k
        join pg_class child on child.oid = k.conrelid
        join pg_class parent on parent.oid = k.confrelid
        join pg_namespace n on n.oid = child.relnamespace and n.nspname = 'public'
        where k.contype = 'f' and child.oid <> parent.oid`,
  );
  const byName = new Map(tables.map((t) => [t.name, t]));
  const parents = new Map<string, Set<string>>(tables.map((t) => [t.name, new Set()]));
  for (const r of references) parents.get(r.child)?.add(r.parent);
  const ordered: TableInfo[] = [];
  const done = new Set<string>();
  const names = [...byName.keys()].sort();
  while (ordered.length < names.length) {
    const ready = names.filter((n) => !done.has(n) && [...parents.get(n)!].every((p) => done.has(p) || !byName.has(p)));
    // A cycle between tables (none today) would stall the sort: take the rest by name; the restore's replica mode loads them anyway.
    const next = ready.length > 0 ? ready : names.filter((n) => !done.has(n));
    for (const n of next) {
      done.add(n);
      ordered.push(byName.get(n)!);
    }
  }
  return ordered;
}

const ident = (name: string) => sql.raw(`"${name.replaceAll('"', '""')}"`);

/** The row as canonical jsonb of its stored columns (jsonb orders keys, so both engines write the same text). */
function rowJson(table: TableInfo) {
  return table.generated.length === 0 ? sql`to_jsonb(t)` : sql`(to_jsonb(t) - ${`{${table.generated.join(",")}}`}::text[])`;
}

/** An order-independent checksum of a table's stored rows, computed by the database. */
async function tableChecksum(db: Queryable, table: TableInfo): Promise<TableSummary> {
  const [result] = await rows<{ rows: number; checksum: string | null }>(
    db,
    sql`select count(*)::int as rows, md5(coalesce(string_agg(h, '' order by h), '')) as checksum
        from (select md5(${rowJson(table)}::text) as h from ${ident(table.name)} t) hashed`,
  );
  return { table: table.name, rows: result?.rows ?? 0, checksum: result?.checksum ?? "" };
}

/** Every table's row count and checksum, in restore order: the test and the restore compare these. */
export async function tableChecksums(db: Queryable): Promise<TableSummary[]> {
  const tables = await listTables(db);
  const out: TableSummary[] = [];
  for (const table of tables) out.push(await tableChecksum(db, table));
  return out;
}

/** Timestamps as text the same way on both engines, whatever the server's own time zone. */
async function utcSession(db: Queryable): Promise<void> {
  await db.execute(sql`set local timezone = 'UTC'`);
}

export interface BackupSummary {
  file: string;
  header: BackupHeader;
  tables: TableSummary[];
}

/** Writes a backup of `handle`'s database to `file` (gzipped JSON lines) from one consistent snapshot. */
export async function writeBackup(handle: DatabaseHandle, file: string, onTable?: (summary: TableSummary) => void): Promise<BackupSummary> {
  const migrationsFolder = path.resolve("drizzle");
  const journal = readJournal(migrationsFolder);
  return handle.db.transaction(
    async (tx) => {
      await utcSession(tx);
      const applied = await appliedMigrations(tx);
      const header: BackupHeader = {
        format: BACKUP_FORMAT,
        formatVersion: BACKUP_FORMAT_VERSION,
        createdAt: new Date().toISOString(),
        driver: handle.driver,
        schema: { migrations: applied, lastTag: journal[applied - 1]?.tag ?? null },
      };
      const tables = await listTables(tx);
      const summaries: TableSummary[] = [];
      async function* lines(): AsyncGenerator<string> {
        yield JSON.stringify(header) + "\n";
        for (const table of tables) {
          yield JSON.stringify({ table: table.name, columns: table.columns }) + "\n";
          let after = "(0,0)";
          let count = 0;
          for (;;) {
            // ctid pages through the snapshot without needing a key on every table.
            const batch = await rows<{ c: string; r: string }>(
              tx,
              sql`select ctid::text as c, ${rowJson(table)}::text as r from ${ident(table.name)} t where ctid > ${after}::tid order by ctid limit ${BATCH_ROWS}`,
            );
            if (batch.length === 0) break;
            for (const row of batch) yield row.r + "\n";
            count += batch.length;
            after = batch[batch.length - 1]!.c;
          }
          const summary = await tableChecksum(tx, table);
          if (summary.rows !== count) throw new Error(`${table.name}: read ${count} rows, the snapshot has ${summary.rows}`);
          summaries.push(summary);
          onTable?.(summary);
          yield JSON.stringify({ end: table.name, rows: summary.rows, checksum: summary.checksum }) + "\n";
        }
        yield JSON.stringify({ complete: true, tables: tables.length }) + "\n";
      }
      await pipeline(Readable.from(lines()), createGzip(), createWriteStream(file));
      return { file, header, tables: summaries };
    },
    { isolationLevel: "repeatable read", accessMode: "read only" },
  );
}

/** Reads a backup's lines (gzipped or plain); a file that is not a backup is refused at its first line. */
async function* readLines(file: string): AsyncGenerator<unknown> {
  // The first two bytes say gzip or not; a backup can be hundreds of megabytes, so only they are read.
  const head = Buffer.alloc(2);
  const fd = openSync(file, "r");
  try {
    readSync(fd, head, 0, 2, 0);
  } finally {
    closeSync(fd);
  }
  const gzipped = head[0] === 0x1f && head[1] === 0x8b;
  const source = createReadStream(file);
  const input = gzipped ? source.pipe(createGunzip()) : source;
  const reader = createInterface({ input, crlfDelay: Infinity });
  let n = 0;
  try {
    for await (const line of reader) {
      n += 1;
      if (line.length === 0) continue;
      try {
        yield JSON.parse(line);
      } catch {
        throw new BackupError(`Line ${n} of ${file} is not JSON: the file is damaged or not a Samspill backup.`);
      }
    }
  } catch (error) {
    if (error instanceof BackupError) throw error;
    throw new BackupError(`${file} cannot be read to the end (${error instanceof Error ? error.message : String(error)}): the file is damaged or cut short.`);
  }
}

/** The header of a backup file, checked: a clear error for anything that is not one. */
export async function readBackupHeader(file: string): Promise<BackupHeader> {
  for await (const first of readLines(file)) return checkHeader(first, file);
  throw new BackupError(`${file} is empty: not a Samspill backup.`);
}

function checkHeader(value: unknown, file: string): BackupHeader {
  const h = value as Partial<BackupHeader> | null;
  if (!h || h.format !== BACKUP_FORMAT) throw new BackupError(`${file} is not a Samspill backup (no "${BACKUP_FORMAT}" header).`);
  if (h.formatVersion !== BACKUP_FORMAT_VERSION)
    throw new BackupError(`${file} is in backup format ${h.formatVersion}; this version of Samspill reads format ${BACKUP_FORMAT_VERSION}.`);
  if (!h.schema || !Number.isInteger(h.schema.migrations) || h.schema.migrations < 1) throw new BackupError(`${file} names no schema version.`);
  return h as BackupHeader;
}

/** A copy of the migrations folder that ends at migration `count`, so a database can be built at an older backup's version. */
function migrationsUpTo(count: number, migrationsFolder: string): { folder: string; cleanup: () => void } {
  const journalPath = path.join(migrationsFolder, "meta/_journal.json");
  const journal = JSON.parse(readFileSync(journalPath, "utf8")) as { entries: JournalEntry[] };
  if (journal.entries.length === count) return { folder: migrationsFolder, cleanup: () => undefined };
  const folder = mkdtempSync(path.join(tmpdir(), "samspill-migrations-"));
  cpSync(migrationsFolder, folder, { recursive: true });
  writeFileSync(path.join(folder, "meta/_journal.json"), JSON.stringify({ ...journal, entries: journal.entries.slice(0, count) }));
  return { folder, cleanup: () => rmSync(folder, { recursive: true, force: true }) };
}

/** Tables whose rows the app writes at every start (kommuner and fylker): their presence does not make a database "in use". */
const REFERENCE_TABLES = new Set(["counties", "municipalities"]);

export interface RestoreOptions {
  /** Replace what the database holds (else a database with data is refused). */
  replace?: boolean;
  migrationsFolder?: string;
}

export interface RestoreSummary {
  header: BackupHeader;
  tables: TableSummary[];
  /** Migrations applied after loading (a backup from an older version is brought up to this one). */
  migratedFrom: number;
  migratedTo: number;
}

/**
 * Restores `file` into a database: `target` names one to open (the CLI: the configured database, built at the
 * backup's schema version when it is new), or is an open handle at the backup's version (tests). Everything is
 * loaded in one transaction, with triggers and foreign-key checks held off while it loads
 * (session_replication_role = replica: the rows were consistent when backed up, and the checksums prove they still
 * are), so a failure anywhere changes nothing. Then the database is migrated to this version. The caller closes the
 * returned handle.
 */
export async function restoreBackup(
  file: string,
  target: OpenOptions | { handle: DatabaseHandle },
  options: RestoreOptions = {},
): Promise<{ handle: DatabaseHandle; summary: RestoreSummary }> {
  const migrationsFolder = options.migrationsFolder ?? path.resolve("drizzle");
  const header = await readBackupHeader(file);
  const latest = readJournal(migrationsFolder).length;
  if (header.schema.migrations > latest) {
    throw new BackupError(
      `This backup is from a newer version of Samspill (schema ${header.schema.migrations}, last migration ${header.schema.lastTag ?? "?"}); this version knows ${latest} migrations. Restore it with that version or a later one; nothing was changed.`,
    );
  }
  const opened = !("handle" in target);
  let handle: DatabaseHandle;
  if ("handle" in target) handle = target.handle;
  else {
    const atBackupVersion = migrationsUpTo(header.schema.migrations, migrationsFolder);
    try {
      handle = await openDatabase({ ...target, migrationsFolder: atBackupVersion.folder });
    } finally {
      atBackupVersion.cleanup();
    }
  }
  try {
    const applied = await appliedMigrations(handle.db);
    if (applied !== header.schema.migrations) {
      throw new BackupError(
        `The database is at schema ${applied}, the backup at ${header.schema.migrations}: restore an older backup into an empty database (a new PGLITE_DATA_DIR or an empty PostgreSQL database); nothing was changed.`,
      );
    }
    const tables = await handle.db.transaction(async (tx) => loadBackup(tx, file, options));
    // A backup from an older version is brought up to this one.
    if (applied < latest) await runMigrations(handle, migrationsFolder);
    const migratedTo = await appliedMigrations(handle.db);
    return { handle, summary: { header, tables, migratedFrom: applied, migratedTo } };
  } catch (error) {
    if (opened) await handle.close().catch(() => undefined);
    throw error;
  }
}

async function loadBackup(tx: Queryable, file: string, options: RestoreOptions): Promise<TableSummary[]> {
  await utcSession(tx);
  try {
    await tx.execute(sql`set local session_replication_role = replica`);
  } catch {
    throw new BackupError(
      "Restore needs a database role that may set session_replication_role (a superuser, or on PostgreSQL 15+ one granted SET on it): it holds off triggers and foreign-key checks while the rows load. Nothing was changed.",
    );
  }
  const tables = await listTables(tx);
  const known = new Map(tables.map((t) => [t.name, t]));
  if (!options.replace) {
    for (const table of tables) {
      if (REFERENCE_TABLES.has(table.name)) continue;
      const [any] = await rows<{ present: boolean }>(tx, sql`select exists (select 1 from ${ident(table.name)}) as present`);
      if (any?.present)
        throw new BackupError(
          `The database already holds data (table ${table.name}). Use --replace to replace everything in it, or restore into an empty database; nothing was changed.`,
        );
    }
  }
  await tx.execute(
    sql`truncate ${sql.join(
      tables.map((t) => ident(t.name)),
      sql`, `,
    )} restart identity cascade`,
  );

  const loaded: TableSummary[] = [];
  let current: { table: TableInfo; columns: string[]; batch: string[]; count: number } | null = null;
  let complete = false;
  let first = true;
  const flush = async () => {
    if (!current || current.batch.length === 0) return;
    const cols = sql.join(
      current.columns.map((c) => ident(c)),
      sql`, `,
    );
    await tx.execute(
      sql`insert into ${ident(current.table.name)} (${cols}) select ${cols} from jsonb_populate_recordset(null::${ident(current.table.name)}, ${"[" + current.batch.join(",") + "]"}::jsonb)`,
    );
    current.batch = [];
  };
  for await (const line of readLines(file)) {
    if (first) {
      first = false;
      continue;
    }
    if (complete) throw new BackupError(`${file} has lines after its end marker: the file is damaged.`);
    const record = line as Record<string, unknown>;
    if (current === null) {
      if (record.complete === true) {
        complete = true;
        continue;
      }
      const name = String(record.table ?? "");
      const table = known.get(name);
      if (!table) throw new BackupError(`${file} holds table "${name}", which this database does not have at the backup's schema version.`);
      const columns = Array.isArray(record.columns) ? record.columns.map(String) : [];
      const unknown = columns.filter((c) => !table.columns.includes(c));
      if (unknown.length > 0) throw new BackupError(`${file}: table ${name} has columns this database does not: ${unknown.join(", ")}.`);
      current = { table, columns, batch: [], count: 0 };
      continue;
    }
    if (typeof record.end === "string") {
      await flush();
      const summary = await tableChecksum(tx, current.table);
      if (record.end !== current.table.name || summary.rows !== record.rows || summary.checksum !== record.checksum) {
        throw new BackupError(
          `Table ${current.table.name} does not match the backup after loading (${summary.rows} rows, backup says ${String(record.rows)}; checksums ${summary.checksum === record.checksum ? "equal" : "differ"}): the file is damaged; nothing was changed.`,
        );
      }
      loaded.push(summary);
      current = null;
      continue;
    }
    current.batch.push(JSON.stringify(record));
    current.count += 1;
    if (current.batch.length >= BATCH_ROWS) await flush();
  }
  if (!complete) throw new BackupError(`${file} ends before its end marker: the file is cut short; nothing was changed.`);
  // Sequences (the audit log's id) continue after the restored rows.
  const serials = await rows<{ tbl: string; col: string; seq: string }>(
    tx,
    sql`select c.relname as tbl, a.attname as col, pg_get_serial_sequence(format('%I', c.relname), a.attname) as seq
        from pg_class c
        join pg_namespace n on n.oid = c.relnamespace and n.nspname = 'public'
        join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
        where c.relkind = 'r' and pg_get_serial_sequence(format('%I', c.relname), a.attname) is not null`,
  );
  for (const s of serials) {
    await tx.execute(
      sql`select setval(${s.seq}::regclass, coalesce((select max(${ident(s.col)}) from ${ident(s.tbl)}), 1), (select count(*) > 0 from ${ident(s.tbl)}))`,
    );
  }
  return loaded;
}
