import { stat } from "node:fs/promises";
import { getTableName, SQL, sql } from "drizzle-orm";
import { getDatabaseHandle, getDb, type Queryable } from "~/db/client.server.ts";
import type { PreparedStatement } from "~/db/pglite-prepared.server.ts";
import { arrayParam } from "~/db/sql.ts";
import { municipalities, organizations } from "~/db/schema/index.ts";
import { recordAudit } from "~/domain/audit/audit.server.ts";
import { anonymous } from "~/domain/auth/actor.ts";
import type { OutOfScopeReason, OutOfScopeRecord } from "./brreg-import.constants.ts";
import {
  BrregReadError,
  describeStreamError,
  emptyReadCounts,
  readBatches,
  type BrregFilters,
  type OrganizationRow,
  type ReadBatch,
  type ReadOptions,
  type RejectedExample,
} from "./brreg-read.ts";

export {
  AscendingIds,
  enhetSchema,
  isKept,
  JsonArrayError,
  JsonArraySplitter,
  kindOf,
  mapEnhet,
  OrgNumberSet,
  type Enhet,
  type RejectedExample,
} from "./brreg-read.ts";

/**
 * Import of organisations from Enhetsregisteret's bulk file (Brønnøysund):
 * a JSON array of `enhet` objects, usually gzipped. The file is streamed
 * (a real one is ≈ 1 GB unzipped), records are upserted by org number in
 * batches, each batch in one statement (atomic), so a fatal error (truncated
 * file, broken JSON) never leaves a half-applied batch; batches committed
 * before it stay, and a re-run is idempotent. Reading the file is
 * `brreg-read.ts`; this module writes what it reads.
 */

/**
 * Whose import this is, decided by the caller from who runs it (never from the
 * file or the job's filters). `national`: an operator on the command line or a
 * national admin, who may create and change any organisation. `municipalities`:
 * a municipal coordinator, who may create organisations only in these kommuner
 * and change only organisations that already serve one of them (judged on the
 * database before each batch); the import never adds or removes their links to
 * other kommuner. Everything else is left out and listed in the summary.
 */
export type BrregImportScope = { national: true } | { national: false; municipalities: readonly string[] };

/** The scope of an operator's import (the CLI) and a national admin's. */
export const NATIONAL_IMPORT: BrregImportScope = { national: true };

export interface BrregImportOptions extends BrregFilters {
  /** Who runs the import: required, so no caller gets an unscoped import by leaving it out. */
  scope: BrregImportScope;
  /** Count what would change, then roll every batch back. */
  dryRun?: boolean;
  /**
   * The caller has the database to itself (the CLI on the embedded PGlite, which no other process can open):
   * a national import into a register that holds few organisations yet (the first load of the whole
   * register) then runs as one bulk load (see `BULK_LOAD_MAX_EXISTING`).
   */
  exclusiveDatabase?: boolean;
  batchSize?: number;
  /** How many rejected records to keep as examples in the summary (default 20). */
  maxRejectedExamples?: number;
  /** How many records left out by the scope to list in the summary (default 100). */
  maxOutOfScopeExamples?: number;
  /** Called after each chunk of the file (≈ 256 kB) and at the end, with the bytes of the file read so far. */
  onProgress?: (progress: BrregImportProgress) => void;
}

export interface BrregImportProgress {
  bytesRead: number;
  totalBytes: number;
  records: number;
  /** The running counts so far (inserted/updated count committed batches only). */
  counts?: Pick<BrregImportSummary, "kept" | "inserted" | "updated" | "unchanged" | "skipped" | "rejected" | "outOfScope">;
}

export interface BrregImportSummary {
  read: number;
  kept: number;
  inserted: number;
  updated: number;
  unchanged: number;
  /** Valid records left out by the filters. */
  skipped: number;
  /** Records whose org number appeared earlier in the file; the later one wins. */
  duplicatesInFile: number;
  rejected: number;
  rejectedByReason: Record<string, number>;
  rejectedExamples: RejectedExample[];
  /** Kept records a scoped import may not create or change (committed batches only, like inserted). */
  outOfScope: number;
  outOfScopeByReason: Partial<Record<OutOfScopeReason, number>>;
  /** The first of them (see maxOutOfScopeExamples). */
  outOfScopeExamples: OutOfScopeRecord[];
  /** The kommuner the import was limited to, or null for a national one. */
  scopeMunicipalities: string[] | null;
  /** Kept units that are deleted, bankrupt or being wound up, stored as inactive. */
  inactive: number;
  committedBatches: number;
  dryRun: boolean;
  /** Written in one transaction, the name indexes rebuilt at its end: all or nothing. */
  bulkLoad: boolean;
  durationMs: number;
  recordsPerSecond: number;
}

/** A fatal error: the summary tells what was committed before it. */
export class BrregImportError extends Error {
  constructor(
    message: string,
    readonly summary: BrregImportSummary,
    /** The import had started (the file could be opened): the run goes into the audit log. */
    readonly recordable = false,
  ) {
    super(message);
    this.name = "BrregImportError";
  }
}

const MAX_OUT_OF_SCOPE_EXAMPLES = 100;
const DEFAULT_BATCH_SIZE = 1000;

const columnsOwnedByBrreg = ["address", "postalCode", "postalPlace", "inFrivillighetsregisteret", "active", "brregOrganizationForm"] as const;
/** Columns a person may have edited on a manual record: the import keeps them there. */
const columnsOwnedByBrregOnlyForBrregRows = ["name", "kind", "website", "contactEmail", "contactPhone"] as const;

/** The SQL name of a column of `organizations`, quoted. */
function col(name: keyof OrganizationRow): string {
  return `"${organizations[name].name}"`;
}

/** The batch's rows as `json_to_recordset` declares them (org and kommune numbers as char, so the indexes serve the joins). */
const recordColumns: [keyof OrganizationRow, string][] = [
  ["orgNumber", "char(9)"],
  ["name", "text"],
  ["kind", "text"],
  ["website", "text"],
  ["contactEmail", "text"],
  ["contactPhone", "text"],
  ["address", "text"],
  ["postalCode", "text"],
  ["postalPlace", "text"],
  ["inFrivillighetsregisteret", "boolean"],
  ["active", "boolean"],
  ["brregOrganizationForm", "text"],
];

/** The assignments of an update from `source` (`excluded` in an upsert, the batch's alias in an update). */
function assignments(source: string): { set: string[]; current: string[]; next: string[] } {
  const set: string[] = [];
  const current: string[] = [];
  const next: string[] = [];
  for (const name of columnsOwnedByBrreg) {
    set.push(`${col(name)} = ${source}.${col(name)}`);
    current.push(`o.${col(name)}`);
    next.push(`${source}.${col(name)}`);
  }
  for (const name of columnsOwnedByBrregOnlyForBrregRows) {
    const value = `case when o."source" = 'manual' then o.${col(name)} else ${source}.${col(name)} end`;
    set.push(`${col(name)} = ${value}`);
    current.push(`o.${col(name)}`);
    next.push(value);
  }
  set.push(`"brreg_updated_at" = now()`, `"updated_at" = now()`);
  return { set, current, next };
}

const names = recordColumns.map(([name]) => col(name));
const inputCte = `with input as (
  select * from json_to_recordset({{batch}}::json) as r("id" uuid, ${recordColumns.map(([name, type]) => `${col(name)} ${type}`).join(", ")}, "municipality_number" char(4))
)`;

/**
 * A national import: one statement per batch, the batch as one JSON parameter
 * (no per-row parameters to build or bind): upsert by org number — a row is
 * only touched when a value differs, so unchanged rows cost no write — then the
 * kommune links of Brreg-owned rows follow the address (manual rows keep
 * theirs: a person chose them). The rows that were there before are the
 * upsert's updated rows plus the records it did not return (unchanged): only
 * those are looked up again, so a batch of new units costs no second probe of
 * the org-number index. Returns how many rows were inserted and how many
 * written (inserted + updated).
 */
function buildNationalStatement(): string {
  const { set, current, next } = assignments("excluded");
  return `${inputCte}, up as (
  insert into "organizations" as o ("id", ${names.join(", ")}, "source", "brreg_updated_at")
  select "id", ${names.join(", ")}, 'brreg', now() from input
  on conflict ("org_number") do update set ${set.join(", ")}
  where (${current.join(", ")}) is distinct from (${next.join(", ")})
  returning o."id", o."org_number", (o.xmax = 0) as inserted, o."source"
), existing as (
  select u."id", i."municipality_number" from up u join input i on i."org_number" = u."org_number" where not u.inserted and u."source" = 'brreg'
  union all
  select o."id", i."municipality_number" from input i join "organizations" o on o."org_number" = i."org_number"
  where o."source" = 'brreg' and not exists (select from up u where u."org_number" = i."org_number")
), unlinked as (
  delete from "organization_municipalities" om using existing e
  where om."organization_id" = e."id" and om."municipality_number" is distinct from e."municipality_number"
), linked as (
  insert into "organization_municipalities" ("organization_id", "municipality_number")
  select e."id", e."municipality_number" from existing e where e."municipality_number" is not null
  union all
  select u."id", i."municipality_number" from up u join input i on i."org_number" = u."org_number"
  where u.inserted and i."municipality_number" is not null
  on conflict do nothing
)
select (count(*) filter (where inserted))::int as inserted, count(*)::int as written from up`;
}

/**
 * A coordinator's import, the same work limited to their kommuner (`{{scope}}`,
 * a parameter from their roles). Every record is judged against the database
 * as it was before the statement (all its parts read one snapshot), in the
 * same statement, so the check costs one join per batch:
 * - a new org number may be created only when the record's kommune is in scope;
 * - an existing organisation may be changed only when it already serves a
 *   kommune in scope, and only when the record keeps it in scope (moving it
 *   to another kommune is for a national import);
 * - links are added only to kommuner in scope and removed only there: its
 *   links to other kommuner are never touched.
 * New rows are inserted with `do nothing` on conflict, so a row that appears
 * meanwhile (another import) is never changed unjudged. Returns the counts and
 * the records left out with their reasons.
 */
function buildScopedStatement(): string {
  const { set, current, next } = assignments("a");
  // As text, so the check is a hashed lookup in a filter: as char(4) it becomes an index condition
  // that probes the index once per kommune in scope (a national-sized scope: ≈ 40× slower per row).
  const inScope = (expression: string) => `(${expression}::text = any({{scope}}))`;
  return `${inputCte}, judged as (
  select i.*, o."id" as existing_id, o."source" as existing_source,
    case
      when o."id" is null then case when ${inScope(`i."municipality_number"`)} then null else 'kommune_outside_scope' end
      when not exists (
        select 1 from "organization_municipalities" om where om."organization_id" = o."id" and ${inScope(`om."municipality_number"`)}
      ) then 'exists_outside_scope'
      when ${inScope(`i."municipality_number"`)} then null
      else 'kommune_outside_scope'
    end as refusal
  from input i left join "organizations" o on o."org_number" = i."org_number"
), allowed as (
  select * from judged where refusal is null
), inserted as (
  insert into "organizations" ("id", ${names.join(", ")}, "source", "brreg_updated_at")
  select "id", ${names.join(", ")}, 'brreg', now() from allowed where existing_id is null
  on conflict ("org_number") do nothing
  returning "id", "org_number"
), updated as (
  update "organizations" o set ${set.join(", ")}
  from allowed a
  where o."id" = a.existing_id and (${current.join(", ")}) is distinct from (${next.join(", ")})
  returning o."id"
), unlinked as (
  delete from "organization_municipalities" om using allowed a
  where a.existing_source = 'brreg' and om."organization_id" = a.existing_id
    and ${inScope(`om."municipality_number"`)} and om."municipality_number" <> a."municipality_number"
), new_kommune as materialized (
  -- The kommune of each new row by org number, looked up below: joining the rows inserted back to the
  -- batch gets a nested loop (the planner expects one row of each), quadratic in the batch's size.
  select jsonb_object_agg(a."org_number", a."municipality_number") as by_org from allowed a where a.existing_id is null
), linked as (
  insert into "organization_municipalities" ("organization_id", "municipality_number")
  select a.existing_id, a."municipality_number" from allowed a where a.existing_source = 'brreg'
  union all
  select n."id", (k.by_org ->> n."org_number"::text)::char(4) from inserted n cross join new_kommune k
  on conflict do nothing
)
select (select count(*) from inserted)::int as inserted,
  ((select count(*) from inserted) + (select count(*) from updated))::int as written,
  (select json_agg(json_build_object('orgNumber', j."org_number", 'name', j."name", 'reason', j.refusal)) from judged j where j.refusal is not null) as refused`;
}

/** A statement's text split at its `{{name}}` placeholders, bound to parameters when run. */
function template(text: string): (params: Record<string, unknown>) => SQL {
  const parts = text.split(/\{\{(\w+)\}\}/);
  return (params) => {
    const chunks: SQL[] = [];
    parts.forEach((part, i) => {
      if (i % 2 === 0) chunks.push(sql.raw(part));
      else {
        if (!(part in params)) throw new Error(`No value for {{${part}}}`);
        const value = params[part];
        chunks.push(value instanceof SQL ? value : sql`${value}`);
      }
    });
    return sql.join(chunks);
  };
}

const nationalStatementText = buildNationalStatement();
const nationalStatement = template(nationalStatementText);
const scopedStatement = template(buildScopedStatement());

class DryRunRollback extends Error {}

/** A database failure while writing a batch, told apart from a file that cannot be read. */
class BatchWriteError extends Error {}

/**
 * The database's own message: Drizzle's error repeats the statement and its parameters (here the
 * whole batch as JSON, ≈ 300 kB), which must not end up in the summary, the audit log or a job page.
 */
function databaseMessage(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  const message = cause instanceof Error ? cause.message : String(cause);
  return message.length > 500 ? `${message.slice(0, 500)}…` : message;
}

interface BatchResult {
  inserted: number;
  updated: number;
  /** Records the scope left out, in the batch's order. */
  refused: OutOfScopeRecord[];
}

/** Writes one batch (its JSON) and says what changed. */
type BatchWriter = (json: string) => Promise<BatchResult>;

function writeBatch(db: Queryable, scope: BrregImportScope): BatchWriter {
  return async (json) => {
    const statement = scope.national ? nationalStatement({ batch: json }) : scopedStatement({ batch: json, scope: arrayParam(scope.municipalities, "text") });
    const result = await db.execute(statement);
    const row = (result as unknown as { rows: { inserted: number; written: number; refused?: OutOfScopeRecord[] | string | null }[] }).rows[0];
    const inserted = Number(row?.inserted ?? 0);
    // node-postgres parses json, PGlite too; a string is parsed here in case a driver does not.
    const refused = typeof row?.refused === "string" ? (JSON.parse(row.refused) as OutOfScopeRecord[]) : (row?.refused ?? []);
    return { inserted, updated: Number(row?.written ?? 0) - inserted, refused };
  };
}

/** The national statement parsed once (the CLI on PGlite: see `prepareOnPglite` for why), each batch its parameter. */
function writePrepared(statement: PreparedStatement): BatchWriter {
  return async (json) => {
    const [row] = await statement.run([json]);
    const inserted = Number(row?.[0] ?? 0);
    return { inserted, updated: Number(row?.[1] ?? 0) - inserted, refused: [] };
  };
}

/**
 * Streams the file at `filePath` (gzip or plain, detected by its first two
 * bytes) and upserts the units the filters keep and the scope allows (records
 * outside the scope are counted and listed). Invalid records are counted
 * and skipped; a file that cannot be read to its end throws BrregImportError.
 */
export async function importBrregFile(filePath: string, options: BrregImportOptions): Promise<BrregImportSummary> {
  const db = getDb();
  if (!(options.exclusiveDatabase && options.scope.national && !options.dryRun && (await isNearlyEmpty(db)))) {
    const summary = await importInto(db, filePath, options, false).catch(async (error: unknown) => {
      if (error instanceof BrregImportError && error.recordable) await recordRun(error.summary, error.message).catch(() => undefined);
      throw error;
    });
    await recordRun(summary, null);
    return summary;
  }
  let summary: BrregImportSummary;
  try {
    summary = await db.transaction(async (tx) => {
      const rebuildIndexes = await dropRebuildableIndexes(tx);
      const result = await importInto(tx, filePath, options, true);
      await rebuildIndexes();
      return result;
    });
  } catch (error) {
    if (!(error instanceof BrregImportError)) throw error;
    // The transaction was rolled back: of what the summary counted as written, nothing was.
    const nothingWritten: BrregImportSummary = { ...error.summary, inserted: 0, updated: 0, unchanged: 0, committedBatches: 0 };
    const failure = new BrregImportError(error.message, nothingWritten);
    if (error.recordable) await recordRun(nothingWritten, failure.message).catch(() => undefined);
    throw failure;
  }
  await recordRun(summary, null);
  return summary;
}

/**
 * Up to this many organisations, a national import by a caller with the database to itself is a bulk load:
 * one transaction, the name indexes dropped first and built again at the end. Building the trigram index
 * over a million names at once costs a fraction of keeping it up to date row by row (on PGlite at 1.1 M
 * records, about 15 s against 35 s), and a random-order file then no longer inserts into the name B-tree at
 * random pages. One transaction also keeps the register whole if the load stops: a killed process or a
 * truncated file leaves no half-loaded register and no missing index (a re-run starts clean).
 */
const BULK_LOAD_MAX_EXISTING = 10_000;

async function isNearlyEmpty(db: Queryable): Promise<boolean> {
  const result = await db.execute(sql`select count(*)::int as n from (select from ${organizations} limit ${BULK_LOAD_MAX_EXISTING + 1}) as o`);
  return Number((result as unknown as { rows: { n: number }[] }).rows[0]?.n ?? 0) <= BULK_LOAD_MAX_EXISTING;
}

/**
 * Drops the secondary indexes of `organizations` that a bulk load rebuilds (not the primary key nor
 * the unique org-number index the upsert needs), in the caller's transaction; the returned function
 * creates them again from their own definitions, as the migrations made them.
 */
async function dropRebuildableIndexes(tx: Queryable): Promise<() => Promise<void>> {
  const result = await tx.execute(sql`
    select c.relname as name, pg_get_indexdef(i.indexrelid) as definition
    from pg_index i join pg_class c on c.oid = i.indexrelid
    where i.indrelid = ${getTableName(organizations)}::regclass and not i.indisunique and not i.indisprimary`);
  const indexes = (result as unknown as { rows: { name: string; definition: string }[] }).rows;
  for (const index of indexes) await tx.execute(sql.raw(`drop index "${index.name}"`));
  return async () => {
    // PostgreSQL's default (64MB) would grow PGlite's memory for good; the build takes as long with less.
    await tx.execute(sql`set local maintenance_work_mem = '16MB'`);
    for (const index of indexes) await tx.execute(sql.raw(index.definition));
  };
}

/**
 * The import itself, every batch written with `db` (a transaction in a bulk load). `bulkLoad`: the
 * summary says so, and the caller records the run once the transaction has ended.
 */
async function importInto(db: Queryable, filePath: string, options: BrregImportOptions, bulkLoad: boolean): Promise<BrregImportSummary> {
  const started = performance.now();
  const counts = emptyReadCounts();
  const written = { inserted: 0, updated: 0, unchanged: 0, outOfScope: 0, committedBatches: 0 };
  const outOfScopeByReason: Partial<Record<OutOfScopeReason, number>> = {};
  const outOfScopeExamples: OutOfScopeRecord[] = [];
  const summary = (): BrregImportSummary => {
    const durationMs = Math.round(performance.now() - started);
    return {
      ...counts,
      ...written,
      outOfScopeByReason,
      outOfScopeExamples,
      scopeMunicipalities: options.scope.national ? null : [...options.scope.municipalities],
      dryRun: !!options.dryRun,
      bulkLoad,
      durationMs,
      recordsPerSecond: durationMs > 0 ? Math.round((counts.read * 1000) / durationMs) : counts.read,
    };
  };

  // The CLI on PGlite parses the national statement once (see prepareOnPglite); each run joins the
  // transaction open in the session (the bulk load's, or a dry run's below).
  const prepared =
    options.exclusiveDatabase && options.scope.national
      ? await getDatabaseHandle().prepareExclusive?.(nationalStatementText.replaceAll("{{batch}}", "$1"))
      : undefined;
  const writerFor = (queryable: Queryable): BatchWriter => (prepared ? writePrepared(prepared) : writeBatch(queryable, options.scope));
  const write = async (batch: ReadBatch) => {
    let result: BatchResult = { inserted: 0, updated: 0, refused: [] };
    try {
      if (options.dryRun) {
        await db.transaction(async (tx) => {
          result = await writerFor(tx)(batch.json);
          throw new DryRunRollback();
        });
      } else {
        // One statement: atomic on its own, no transaction around it needed.
        result = await writerFor(db)(batch.json);
      }
    } catch (error) {
      if (!(error instanceof DryRunRollback)) {
        throw new BatchWriteError(`Writing a batch to the database failed (rolled back): ${databaseMessage(error)}`);
      }
    }
    written.inserted += result.inserted;
    written.updated += result.updated;
    written.unchanged += batch.size - result.inserted - result.updated - result.refused.length;
    const maxExamples = options.maxOutOfScopeExamples ?? MAX_OUT_OF_SCOPE_EXAMPLES;
    for (const record of result.refused) {
      written.outOfScope++;
      outOfScopeByReason[record.reason] = (outOfScopeByReason[record.reason] ?? 0) + 1;
      if (outOfScopeExamples.length < maxExamples) outOfScopeExamples.push(record);
    }
    if (!options.dryRun) written.committedBatches++;
  };

  const progress = { bytesRead: 0, totalBytes: 0 };
  try {
    progress.totalBytes = (await stat(filePath)).size;
  } catch (error) {
    throw new BrregImportError(describeStreamError(error, false), summary());
  }
  const report = () =>
    options.onProgress?.({
      bytesRead: progress.bytesRead,
      totalBytes: progress.totalBytes,
      records: counts.read,
      counts: {
        kept: counts.kept,
        inserted: written.inserted,
        updated: written.updated,
        unchanged: written.unchanged,
        skipped: counts.skipped,
        rejected: counts.rejected,
        outOfScope: written.outOfScope,
      },
    });

  const known = new Set((await db.select({ number: municipalities.number }).from(municipalities)).map((m) => m.number));
  const readOptions: ReadOptions = {
    municipalities: options.municipalities,
    forms: options.forms,
    all: options.all,
    batchSize: options.batchSize ?? DEFAULT_BATCH_SIZE,
    maxRejectedExamples: options.maxRejectedExamples,
    knownMunicipalities: known,
    // National: in org-number order; scoped: the records left out are listed in the file's order.
    sorted: options.scope.national,
  };
  const batches = readBatches(filePath, readOptions, counts, progress, report);

  // At most one batch is being written while the next one is read: by the database server
  // (PostgreSQL); with PGlite in turn on this thread.
  let writing: Promise<void> | null = null;
  /** Waits for the batch in flight; throws its BatchWriteError if it failed. */
  const drain = async () => {
    const inFlight = writing;
    writing = null;
    if (inFlight) await inFlight;
  };
  try {
    for await (const batch of batches) {
      await drain();
      writing = write(batch);
      writing.catch(() => undefined); // handled when drained
    }
    await drain();
    report();
  } catch (failure) {
    // The batch in hand was never written: nothing of it is half-applied. The one in flight
    // (if any) is waited for, so the summary tells exactly what was committed.
    let error = failure;
    // A failed write in flight wins: the database is the thing to look at then.
    await drain().catch((writeError: unknown) => (error = writeError));
    if (error instanceof BatchWriteError) throw new BrregImportError(error.message, summary(), true);
    if (error instanceof BrregReadError) {
      throw new BrregImportError(`${error.message} (stopped after record ${counts.read.toLocaleString("en")})`, summary(), true);
    }
    throw error;
  } finally {
    // In a transaction that failed, PostgreSQL may refuse even this; the session's end frees it then.
    await prepared?.close().catch(() => undefined);
  }
  return summary();
}

/** One audit entry per run, by the system (no user, no IP), with the counts and the scope (the job's own entry names who queued it). */
async function recordRun(summary: BrregImportSummary, error: string | null): Promise<void> {
  if (summary.dryRun) return;
  const { rejectedExamples: _examples, outOfScopeExamples: _outOfScope, ...counts } = summary;
  await getDb().transaction(async (tx) => {
    await recordAudit(tx, anonymous(null), {
      action: "brreg.import",
      entityType: "organization",
      after: error ? { ...counts, error } : counts,
    });
  });
}
