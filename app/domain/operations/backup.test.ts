import { randomUUID } from "node:crypto";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { getDatabaseHandle, getDb, openDatabase, type DatabaseHandle, type OpenOptions } from "~/db/client.server.ts";
import { createTestDatabase } from "../../../tests/setup/db.ts";
import { seedDemoData } from "~/domain/demo/seed.server.ts";
import { appliedMigrations, BackupError, readBackupHeader, restoreBackup, tableChecksums, writeBackup, type TableSummary } from "./backup.server.ts";

/**
 * Backup and restore (issue 15): a round trip yields identical data, table by
 * table (row count and a checksum of every row); a damaged or newer file, or a
 * database already in use, is refused and changes nothing. Runs on PGlite and,
 * in the PostgreSQL pass, on PostgreSQL.
 */

const work = mkdtempSync(path.join(tmpdir(), "samspill-backup-test-"));
const created: string[] = [];

/** A database never migrated, to restore into as the CLI does: in memory (PGlite), or a new database on the test's PostgreSQL server. */
async function emptyTarget(): Promise<OpenOptions> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) return { pgliteDataDir: "memory://" };
  const name = `samspill_restore_${randomUUID().replaceAll("-", "")}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  created.push(name);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { databaseUrl: url.toString() };
}

/** A migrated database with reference data only (as the app leaves a new one), kept open: the test reads it after a refused restore. */
async function openTarget(): Promise<{ handle: DatabaseHandle }> {
  const handle = await createTestDatabase();
  opened.push(handle);
  return { handle };
}
const opened: DatabaseHandle[] = [];

let backupFile: string;
let original: TableSummary[];

beforeAll(async () => {
  await seedDemoData();
  backupFile = path.join(work, "demo.samspill.gz");
  await writeBackup(getDatabaseHandle(), backupFile);
  original = await tableChecksums(getDb());
}, 120_000);

afterAll(async () => {
  for (const handle of opened) await handle.close();
  rmSync(work, { recursive: true, force: true });
  const serverUrl = process.env.DATABASE_URL;
  if (serverUrl && created.length > 0) {
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    for (const name of created) await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
});

/** The backup's lines, to make damaged copies of it. */
function backupLines(): string[] {
  return gunzipSync(readFileSync(backupFile)).toString("utf8").trimEnd().split("\n");
}

function writeCopy(name: string, lines: string[]): string {
  const file = path.join(work, name);
  writeFileSync(file, gzipSync(lines.join("\n") + "\n"));
  return file;
}

describe("backup → restore", () => {
  it("restores the demo database exactly: every table's row count and checksum equal the original's", async () => {
    expect(original.filter((t) => t.rows > 0).length, "the demo fills many tables").toBeGreaterThan(30);
    const { handle, summary } = await restoreBackup(backupFile, await emptyTarget());
    try {
      // From a database never migrated, as `samspill restore` into a new PGLITE_DATA_DIR or an empty PostgreSQL database.
      expect(await tableChecksums(handle.db)).toEqual(original);
      expect(summary.tables).toEqual(original);
      expect(summary.migratedTo).toBe(summary.header.schema.migrations);
      // The audit log's id sequence continues after the restored rows (no duplicate key on the next change).
      const rows = (await handle.db.execute(
        sql`select max(id) as max, nextval(pg_get_serial_sequence('audit_log', 'id')) as next from audit_log`,
      )) as unknown as {
        rows: { max: string; next: string }[];
      };
      expect(Number(rows.rows[0]!.next)).toBeGreaterThan(Number(rows.rows[0]!.max));
    } finally {
      await handle.close();
    }
  }, 120_000);

  it("the header names the schema version this database is at", async () => {
    const header = await readBackupHeader(backupFile);
    expect(header.schema.migrations).toBe(await appliedMigrations(getDb()));
    expect(header.schema.lastTag).toMatch(/^\d{4}_/);
  });

  it("refuses a file from a newer schema with a clear message, before touching any database", async () => {
    const lines = backupLines();
    const header = JSON.parse(lines[0]!) as { schema: { migrations: number; lastTag: string } };
    header.schema = { migrations: header.schema.migrations + 1, lastTag: "9999_from_the_future" };
    const newer = writeCopy("newer.gz", [JSON.stringify(header), ...lines.slice(1)]);
    const target = await emptyTarget();
    await expect(restoreBackup(newer, target)).rejects.toThrow(/newer version of Samspill.*9999_from_the_future.*nothing was changed/s);
    await expect(restoreBackup(newer, await openTarget())).rejects.toThrow(BackupError);
  });

  it("refuses what is not a backup, a file cut short or altered, and a database in use unless told to replace it — and a refusal changes nothing", async () => {
    const target = await openTarget();
    await restoreBackup(backupFile, target);
    expect(await tableChecksums(target.handle.db)).toEqual(original);

    await expect(restoreBackup(backupFile, target)).rejects.toThrow(/already holds data.*--replace/s);

    const notABackup = path.join(work, "not-a-backup.json");
    writeFileSync(notABackup, '{"hello":"world"}\n');
    await expect(restoreBackup(notABackup, target, { replace: true })).rejects.toThrow(/not a Samspill backup/);

    const lines = backupLines();
    const cut = writeCopy("cut.gz", lines.slice(0, Math.floor(lines.length * 0.8)));
    await expect(restoreBackup(cut, target, { replace: true })).rejects.toThrow(/cut short/);

    // One organisation's name changed in the file: its table's checksum no longer matches.
    const altered = lines.map((line) =>
      line.includes('"name": "Hamar frivilligsentral"') ? line.replace("Hamar frivilligsentral", "Hamar frivilligsentral!") : line,
    );
    expect(altered).not.toEqual(lines);
    await expect(restoreBackup(writeCopy("altered.gz", altered), target, { replace: true })).rejects.toThrow(/organizations does not match the backup/);

    expect(await tableChecksums(target.handle.db), "every refused restore left the database as it was").toEqual(original);
    await restoreBackup(backupFile, target, { replace: true });
    expect(await tableChecksums(target.handle.db)).toEqual(original);
  }, 180_000);

  it("restores a backup from an older version at its own version, then migrates it to this one", async () => {
    // A database one migration behind, with one organisation in it.
    const journalPath = path.resolve("drizzle/meta/_journal.json");
    const journal = JSON.parse(readFileSync(journalPath, "utf8")) as { entries: unknown[] };
    const olderFolder = path.join(work, "migrations-older");
    cpSync(path.resolve("drizzle"), olderFolder, { recursive: true });
    writeFileSync(path.join(olderFolder, "meta/_journal.json"), JSON.stringify({ ...journal, entries: journal.entries.slice(0, -1) }));
    const older = await openDatabase({ ...(await emptyTarget()), migrationsFolder: olderFolder });
    const olderFile = path.join(work, "older.gz");
    try {
      await older.db.execute(sql`insert into organizations (name, kind) values ('Eldre forening', 'voluntary')`);
      await writeBackup(older, olderFile);
      expect((await readBackupHeader(olderFile)).schema.migrations).toBe(journal.entries.length - 1);
      // Into a database at the backup's version (the CLI builds one when the target is new; this one is the source itself).
      const { summary } = await restoreBackup(olderFile, { handle: older }, { replace: true });
      expect(summary).toMatchObject({ migratedFrom: journal.entries.length - 1, migratedTo: journal.entries.length });
      expect(await appliedMigrations(older.db)).toBe(journal.entries.length);
      const names = (await older.db.execute(sql`select name from organizations`)) as unknown as { rows: { name: string }[] };
      expect(names.rows.map((r) => r.name)).toEqual(["Eldre forening"]);
    } finally {
      await older.close();
    }
  }, 180_000);
});
