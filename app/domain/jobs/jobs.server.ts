import { and, desc, eq, inArray, lt, sql } from "drizzle-orm";
import { existsSync } from "node:fs";
import { readdir, rm, stat } from "node:fs/promises";
import path from "node:path";
import { getDb, type Queryable } from "~/db/client.server.ts";
import { getEnv } from "~/env.server.ts";
import { jobs, municipalities, roleGrants } from "~/db/schema/index.ts";
import { recordAudit } from "~/domain/audit/audit.server.ts";
import { coordinatedMunicipalities, isNationalAdmin, type Actor, type UserActor } from "~/domain/auth/actor.ts";
import type { BrregImportScope } from "~/domain/organizations/brreg-import.server.ts";
import { AppError } from "~/lib/errors.ts";
import { isUuid, parseInput } from "~/lib/validation.ts";
import { JOB_KINDS, RECENT_JOBS_LIMIT, brregImportOptionsSchema, type BrregJobInput, type BrregJobProgress } from "./jobs.schema.ts";

/**
 * A small job queue in the `jobs` table. Any instance may run jobs: a worker
 * claims the oldest queued job with `FOR UPDATE SKIP LOCKED` (two instances
 * never get the same one), reports progress and a heartbeat while it runs,
 * and marks it succeeded or failed. A job whose heartbeat stops (the instance
 * crashed or was killed) is found at the next start and re-queued once, or
 * failed.
 */

export type JobRow = typeof jobs.$inferSelect;

/** A running job not heard from for this long is taken to be dead. */
export const STALE_AFTER_MS = 5 * 60_000;

// ---------------------------------------------------------------- the queue

export async function enqueueJob(db: Queryable, job: { kind: string; input: Record<string, unknown>; createdBy: string | null }): Promise<JobRow> {
  const [row] = await db.insert(jobs).values({ kind: job.kind, input: job.input, createdBy: job.createdBy }).returning();
  return row!;
}

/**
 * Takes the oldest queued job of these kinds and marks it running, in one
 * statement. Rows another transaction has locked are skipped, so concurrent
 * claimers (other instances) each get a different job or none.
 */
export async function claimNextJob(kinds: string[]): Promise<JobRow | null> {
  if (kinds.length === 0) return null;
  const next = sql`(select ${jobs.id} from ${jobs}
    where ${jobs.status} = 'queued' and ${inArray(jobs.kind, kinds)}
    order by ${jobs.createdAt}, ${jobs.id}
    limit 1
    for update skip locked)`;
  const [row] = await getDb()
    .update(jobs)
    .set({ status: "running", startedAt: sql`now()`, heartbeatAt: sql`now()`, finishedAt: null, error: null })
    .where(and(eq(jobs.id, next), eq(jobs.status, "queued")))
    .returning();
  return row ?? null;
}

/** Stores the latest progress (if given) and a fresh heartbeat, while the job is still running. */
export async function reportProgress(jobId: string, progress?: Record<string, unknown>): Promise<void> {
  await getDb()
    .update(jobs)
    .set(progress ? { progress, heartbeatAt: sql`now()` } : { heartbeatAt: sql`now()` })
    .where(and(eq(jobs.id, jobId), eq(jobs.status, "running")));
}

export async function finishJob(jobId: string, result: Record<string, unknown>, progress?: Record<string, unknown>): Promise<void> {
  await getDb()
    .update(jobs)
    .set({ status: "succeeded", result, ...(progress ? { progress } : {}), finishedAt: sql`now()`, heartbeatAt: sql`now()` })
    .where(eq(jobs.id, jobId));
}

export async function failJob(jobId: string, error: string, result?: Record<string, unknown> | null, progress?: Record<string, unknown>): Promise<void> {
  await getDb()
    .update(jobs)
    .set({
      status: "failed",
      error: error.slice(0, 2000),
      result: result ?? null,
      ...(progress ? { progress } : {}),
      finishedAt: sql`now()`,
      heartbeatAt: sql`now()`,
    })
    .where(eq(jobs.id, jobId));
}

/**
 * Throttled progress: `report` keeps the latest value and writes it at most
 * once per `intervalMs` (one write at a time); a heartbeat is also written
 * every `heartbeatMs` when nothing new was reported (a long database batch).
 */
export function createProgressReporter(jobId: string, options: { intervalMs?: number; heartbeatMs?: number } = {}) {
  const intervalMs = options.intervalMs ?? 1000;
  const heartbeatMs = options.heartbeatMs ?? 15_000;
  let latest: Record<string, unknown> | undefined;
  let lastWrite = 0;
  let writing: Promise<void> | null = null;
  const write = (progress?: Record<string, unknown>) => {
    lastWrite = Date.now();
    writing = reportProgress(jobId, progress)
      .catch(() => undefined)
      .finally(() => (writing = null));
    return writing;
  };
  const timer = setInterval(
    () => {
      if (!writing && Date.now() - lastWrite >= heartbeatMs) void write(latest);
    },
    Math.min(heartbeatMs, 5000),
  );
  timer.unref();
  return {
    report(progress: Record<string, unknown>) {
      latest = progress;
      if (!writing && Date.now() - lastWrite >= intervalMs) void write(progress);
    },
    /** The latest progress reported. */
    get latest() {
      return latest;
    },
    /** Stops the heartbeat and waits for a write in flight. */
    async stop() {
      clearInterval(timer);
      if (writing) await writing;
    },
  };
}

/**
 * Finds running jobs whose heartbeat is older than `staleAfterMs`: their
 * instance died. A Brreg import whose file is still here is re-queued once
 * (the import is idempotent); otherwise the job is failed and its file removed.
 */
export async function recoverStaleJobs(options: { staleAfterMs?: number } = {}): Promise<{ requeued: number; failed: number }> {
  const staleAfterMs = options.staleAfterMs ?? STALE_AFTER_MS;
  const db = getDb();
  const stale = await db
    .select()
    .from(jobs)
    .where(
      and(
        eq(jobs.status, "running"),
        lt(sql`coalesce(${jobs.heartbeatAt}, ${jobs.startedAt}, ${jobs.createdAt})`, sql`now() - ${`${staleAfterMs} milliseconds`}::interval`),
      ),
    );
  let requeued = 0;
  let failed = 0;
  for (const job of stale) {
    const input = job.input as Partial<BrregJobInput>;
    const filePath = typeof input.filePath === "string" ? input.filePath : null;
    const attempt = typeof input.attempt === "number" ? input.attempt : 1;
    if (filePath && existsSync(filePath) && attempt < 2) {
      const [row] = await db
        .update(jobs)
        .set({ status: "queued", input: { ...job.input, attempt: attempt + 1 }, startedAt: null, heartbeatAt: null })
        .where(and(eq(jobs.id, job.id), eq(jobs.status, "running")))
        .returning({ id: jobs.id });
      if (row) requeued++;
    } else {
      await failJob(job.id, "interrupted: the server stopped while the job was running", job.result, job.progress);
      if (filePath) await rm(filePath, { force: true });
      failed++;
    }
  }
  return { requeued, failed };
}

/**
 * Removes files in the upload folder that no queued or running job needs and
 * that are older than `olderThanMs` (an upload cut off by a crash, a job
 * failed elsewhere). The age keeps uploads in progress on other instances safe.
 */
export async function sweepOrphanUploads(uploadDir: string, options: { olderThanMs?: number; now?: number } = {}): Promise<number> {
  const olderThanMs = options.olderThanMs ?? 24 * 60 * 60_000;
  const now = options.now ?? Date.now();
  let names: string[];
  try {
    names = await readdir(uploadDir);
  } catch {
    return 0;
  }
  const active = await getDb()
    .select({ input: jobs.input })
    .from(jobs)
    .where(inArray(jobs.status, ["queued", "running"]));
  const needed = new Set(active.map((j) => (typeof j.input.filePath === "string" ? path.resolve(j.input.filePath) : "")));
  let removed = 0;
  for (const name of names) {
    const filePath = path.resolve(uploadDir, name);
    if (needed.has(filePath)) continue;
    const info = await stat(filePath).catch(() => null);
    if (!info?.isFile() || now - info.mtimeMs < olderThanMs) continue;
    await rm(filePath, { force: true });
    removed++;
  }
  return removed;
}

// ------------------------------------------------- the Brreg import, for people

export interface ImportScope {
  national: boolean;
  /** For coordinators: the kommuner every import of theirs is limited to. */
  municipalities: { number: string; name: string }[];
  /** The largest file the upload accepts (UPLOAD_MAX_BYTES). */
  maxUploadBytes: number;
}

/**
 * Who may import from Enhetsregisteret: national admins (any units, any
 * filters) and municipal coordinators (only units in the kommuner they
 * coordinate). Everyone else is refused.
 */
export async function getImportScope(actor: Actor): Promise<ImportScope> {
  if (actor.kind !== "user") throw new AppError("unauthenticated", "errors.unauthenticated");
  const maxUploadBytes = getEnv().UPLOAD_MAX_BYTES;
  if (isNationalAdmin(actor)) return { national: true, municipalities: [], maxUploadBytes };
  const own = coordinatedMunicipalities(actor);
  if (own.length === 0) throw new AppError("forbidden", "errors.forbidden");
  const rows = await getDb()
    .select({ number: municipalities.number, name: municipalities.name })
    .from(municipalities)
    .where(inArray(municipalities.number, own))
    .orderBy(municipalities.name);
  return { national: false, municipalities: rows, maxUploadBytes };
}

/** A queued import whose creator may not (or no longer) import: the job fails and writes nothing. */
export class ImportNotAllowedError extends Error {}

/**
 * The scope a queued import runs with, from its creator's roles as they are
 * when it runs (not as they were when it was queued, and never from the file or
 * the job's input): national admins every organisation, municipal coordinators
 * the kommuner they coordinate now. The same rule as getImportScope.
 */
export async function importScopeOfCreator(userId: string | null): Promise<BrregImportScope> {
  if (!userId) throw new ImportNotAllowedError("Nobody to run the import for: the user who queued it no longer exists. Nothing was imported.");
  const grants = await getDb()
    .select({ role: roleGrants.role, municipalityNumber: roleGrants.municipalityNumber })
    .from(roleGrants)
    .where(eq(roleGrants.userId, userId));
  if (grants.some((g) => g.role === "national_admin")) return { national: true };
  const own = grants.filter((g) => g.role === "municipal_coordinator" && g.municipalityNumber).map((g) => g.municipalityNumber!);
  if (own.length === 0) {
    throw new ImportNotAllowedError("The user who queued this import may no longer import (no coordinator or national admin role). Nothing was imported.");
  }
  return { national: false, municipalities: [...new Set(own)].sort() };
}

/** Throws unless the actor may import at all: for the upload handler, before it reads a byte. */
export async function assertMayImport(actor: Actor): Promise<UserActor> {
  await getImportScope(actor);
  return actor as UserActor;
}

export interface UploadedFile {
  filePath: string;
  fileName: string;
  fileBytes: number;
}

/**
 * Queues an import of an uploaded file, with the form's filters. A
 * coordinator's import is forced to their own kommuner (those they chose
 * among them, else all of them) and cannot use "all units".
 */
export async function enqueueBrregImport(actor: Actor, file: UploadedFile, rawOptions: unknown): Promise<JobRow> {
  const scope = await getImportScope(actor);
  const user = actor as UserActor;
  const options = parseInput(brregImportOptionsSchema, rawOptions);
  let kommuner = [...new Set(options.municipalities)];
  let all = options.all;
  if (scope.national) {
    if (kommuner.length) {
      const known = await getDb().select({ number: municipalities.number }).from(municipalities).where(inArray(municipalities.number, kommuner));
      const knownSet = new Set(known.map((k) => k.number));
      const unknown = kommuner.filter((k) => !knownSet.has(k));
      if (unknown.length) {
        throw new AppError("validation", "common.errorSummary", {
          municipalities: { key: "jobs.validation.unknownKommune", values: { numbers: unknown.join(", ") } },
        });
      }
    }
  } else {
    const own = scope.municipalities.map((m) => m.number);
    const chosen = kommuner.filter((k) => own.includes(k));
    kommuner = chosen.length ? chosen : own;
    all = false;
  }
  const input: BrregJobInput = {
    filePath: file.filePath,
    fileName: file.fileName.slice(0, 255),
    fileBytes: file.fileBytes,
    municipalities: kommuner,
    forms: [...new Set(options.forms)],
    all,
    dryRun: options.dryRun,
    attempt: 1,
  };
  return getDb().transaction(async (tx) => {
    const job = await enqueueJob(tx, { kind: JOB_KINDS.brregImport, input, createdBy: user.userId });
    const { filePath: _path, ...audited } = input;
    await recordAudit(tx, user, { action: "job.brreg_import.queued", entityType: "job", entityId: job.id, after: audited });
    return job;
  });
}

/** A job as its page shows it: the row plus rate, ETA and share done, computed from progress. */
export interface ImportJobView extends Pick<BrregJobInput, "fileName" | "fileBytes" | "municipalities" | "forms" | "all" | "dryRun"> {
  id: string;
  status: JobRow["status"];
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  error: string | null;
  progress: Partial<BrregJobProgress>;
  result: Record<string, unknown> | null;
  /** Records per second since the job started. */
  rate: number | null;
  /** Share of the file's bytes read, 0..1, when the size is known. */
  fraction: number | null;
  etaSeconds: number | null;
  isDone: boolean;
  createdByMe: boolean;
}

export function viewImportJob(job: JobRow, actor: Actor, now: Date = new Date()): ImportJobView {
  const input = job.input as Partial<BrregJobInput>;
  const progress = job.progress as Partial<BrregJobProgress>;
  const isDone = job.status === "succeeded" || job.status === "failed";
  const end = job.finishedAt ?? now;
  const elapsedMs = job.startedAt ? Math.max(0, end.getTime() - job.startedAt.getTime()) : 0;
  const records = typeof progress.records === "number" ? progress.records : 0;
  const rate = elapsedMs > 0 ? Math.round((records * 1000) / elapsedMs) : null;
  const fraction =
    typeof progress.totalBytes === "number" && progress.totalBytes > 0 && typeof progress.bytesRead === "number"
      ? Math.min(1, progress.bytesRead / progress.totalBytes)
      : null;
  const etaSeconds =
    job.status === "running" && fraction !== null && fraction > 0 && elapsedMs > 0 ? Math.round((elapsedMs * (1 - fraction)) / fraction / 1000) : null;
  return {
    id: job.id,
    status: job.status,
    fileName: typeof input.fileName === "string" ? input.fileName : "",
    fileBytes: typeof input.fileBytes === "number" ? input.fileBytes : 0,
    municipalities: Array.isArray(input.municipalities) ? input.municipalities : [],
    forms: Array.isArray(input.forms) ? input.forms : [],
    all: input.all === true,
    dryRun: input.dryRun === true,
    createdAt: job.createdAt.toISOString(),
    startedAt: job.startedAt?.toISOString() ?? null,
    finishedAt: job.finishedAt?.toISOString() ?? null,
    error: job.error,
    progress,
    result: job.result ?? null,
    rate,
    fraction,
    etaSeconds,
    isDone,
    createdByMe: actor.kind === "user" && job.createdBy === actor.userId,
  };
}

/** Recent import jobs the actor may see: national admins all of them, coordinators their own. */
export async function listImportJobs(actor: Actor, now: Date = new Date()): Promise<ImportJobView[]> {
  const scope = await getImportScope(actor);
  const user = actor as UserActor;
  const rows = await getDb()
    .select()
    .from(jobs)
    .where(and(eq(jobs.kind, JOB_KINDS.brregImport), scope.national ? undefined : eq(jobs.createdBy, user.userId)))
    .orderBy(desc(jobs.createdAt), desc(jobs.id))
    .limit(RECENT_JOBS_LIMIT);
  return rows.map((row) => viewImportJob(row, actor, now));
}

/** One import job, for its creator and national admins; unknown ids and others' jobs are "not found". */
export async function getImportJob(
  actor: Actor,
  jobId: string,
  now: Date = new Date(),
): Promise<ImportJobView & { kommuner: { number: string; name: string }[] }> {
  await getImportScope(actor);
  if (!isUuid(jobId)) throw new AppError("not_found", "errors.notFound");
  const [row] = await getDb()
    .select()
    .from(jobs)
    .where(and(eq(jobs.id, jobId), eq(jobs.kind, JOB_KINDS.brregImport)));
  if (!row) throw new AppError("not_found", "errors.notFound");
  // Another importer's job is not theirs to know about.
  if (!isNationalAdmin(actor) && row.createdBy !== (actor as UserActor).userId) throw new AppError("not_found", "errors.notFound");
  const view = viewImportJob(row, actor, now);
  const kommuner = view.municipalities.length
    ? await getDb()
        .select({ number: municipalities.number, name: municipalities.name })
        .from(municipalities)
        .where(inArray(municipalities.number, view.municipalities))
        .orderBy(municipalities.name)
    : [];
  return { ...view, kommuner };
}
