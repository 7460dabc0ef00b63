import { rm } from "node:fs/promises";
import { BrregImportError, importBrregFile } from "~/domain/organizations/brreg-import.server.ts";
import { getLogger } from "~/logger.server.ts";
import { getEnv } from "~/env.server.ts";
import {
  claimNextJob,
  createProgressReporter,
  failJob,
  finishJob,
  importScopeOfCreator,
  recoverStaleJobs,
  sweepOrphanUploads,
  type JobRow,
} from "./jobs.server.ts";
import { JOB_KINDS, MAX_OUT_OF_SCOPE_EXAMPLES, MAX_REJECTED_EXAMPLES, type BrregJobInput, type BrregJobProgress } from "./jobs.schema.ts";

/**
 * Runs queued jobs, one at a time per instance. Started from server/app.ts's
 * startup(); tests start it (or call runNextJob) themselves.
 */

type Report = (progress: Record<string, unknown>) => void;
type Handler = (job: JobRow, report: Report) => Promise<Record<string, unknown>>;

/** A job failure with what was done before it (e.g. the batches committed). */
class JobFailure extends Error {
  constructor(
    message: string,
    readonly result: Record<string, unknown> | null,
  ) {
    super(message);
  }
}

/**
 * The Brreg import as a job: the CLI's import, with progress, and the uploaded
 * file removed afterwards. It runs for the job's creator, with the scope of
 * their roles now: the filters in the job's input only narrow what is read.
 */
async function runBrregImport(job: JobRow, report: Report): Promise<Record<string, unknown>> {
  const input = job.input as BrregJobInput;
  try {
    const scope = await importScopeOfCreator(job.createdBy);
    const summary = await importBrregFile(input.filePath, {
      scope,
      maxOutOfScopeExamples: MAX_OUT_OF_SCOPE_EXAMPLES,
      municipalities: !input.all && input.municipalities.length ? input.municipalities : undefined,
      forms: input.forms.length ? input.forms : undefined,
      all: input.all,
      dryRun: input.dryRun,
      maxRejectedExamples: MAX_REJECTED_EXAMPLES,
      onProgress: (p) => {
        const progress: BrregJobProgress = {
          bytesRead: p.bytesRead,
          totalBytes: p.totalBytes,
          records: p.records,
          kept: p.counts?.kept ?? 0,
          inserted: p.counts?.inserted ?? 0,
          updated: p.counts?.updated ?? 0,
          unchanged: p.counts?.unchanged ?? 0,
          skipped: p.counts?.skipped ?? 0,
          rejected: p.counts?.rejected ?? 0,
          outOfScope: p.counts?.outOfScope ?? 0,
        };
        report(progress);
      },
    });
    return { ...summary };
  } catch (error) {
    if (error instanceof BrregImportError) throw new JobFailure(error.message, { ...error.summary });
    throw error;
  } finally {
    await rm(input.filePath, { force: true });
  }
}

const handlers: Record<string, Handler> = {
  [JOB_KINDS.brregImport]: runBrregImport,
};

/** The final counts as progress, so a finished job's page shows them in the same places. */
function finalProgress(result: Record<string, unknown> | null, latest: Record<string, unknown> | undefined) {
  if (!result) return latest;
  const pick = (k: string) => (typeof result[k] === "number" ? (result[k] as number) : 0);
  return {
    ...latest,
    records: pick("read"),
    kept: pick("kept"),
    inserted: pick("inserted"),
    updated: pick("updated"),
    unchanged: pick("unchanged"),
    skipped: pick("skipped"),
    rejected: pick("rejected"),
    outOfScope: pick("outOfScope"),
  };
}

/** Claims one queued job and runs it to the end. Returns false when there was none. */
export async function runNextJob(options: { progressIntervalMs?: number } = {}): Promise<boolean> {
  const job = await claimNextJob(Object.keys(handlers));
  if (!job) return false;
  const log = getLogger();
  const reporter = createProgressReporter(job.id, { intervalMs: options.progressIntervalMs });
  log.info({ jobId: job.id, kind: job.kind }, "job started");
  try {
    const result = await handlers[job.kind]!(job, (p) => reporter.report(p));
    await reporter.stop();
    // A completed import's progress reads 100 % of the file.
    const latest = reporter.latest;
    const done = latest && typeof latest.totalBytes === "number" ? { ...latest, bytesRead: latest.totalBytes } : latest;
    await finishJob(job.id, result, finalProgress(result, done));
    log.info({ jobId: job.id, kind: job.kind }, "job succeeded");
  } catch (error) {
    await reporter.stop();
    const message = error instanceof Error ? error.message : String(error);
    const result = error instanceof JobFailure ? error.result : null;
    await failJob(job.id, message, result, finalProgress(result, reporter.latest));
    log.warn({ jobId: job.id, kind: job.kind, err: error }, "job failed");
  }
  return true;
}

export interface JobWorker {
  /** Stops polling and waits (up to `timeoutMs`) for the job in hand; an unfinished one is recovered at the next start. */
  stop(timeoutMs?: number): Promise<void>;
}

/**
 * Polls for queued jobs every `pollMs` (timers unref'd, so they never keep
 * the process alive), after re-queuing or failing jobs a crashed instance
 * left running.
 */
export function startJobWorker(options: { pollMs?: number; staleAfterMs?: number; progressIntervalMs?: number; uploadDir?: string } = {}): JobWorker {
  const pollMs = options.pollMs ?? 2000;
  const log = getLogger();
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let current: Promise<void> | null = null;

  const tick = () => {
    timer = null;
    if (stopped) return;
    current = (async () => {
      while (!stopped && (await runNextJob({ progressIntervalMs: options.progressIntervalMs }))) {
        // one job at a time; look for the next one straight away
      }
    })()
      .catch((error: unknown) => log.error({ err: error }, "job worker failed"))
      .finally(() => {
        current = null;
        if (!stopped) {
          timer = setTimeout(tick, pollMs);
          timer.unref();
        }
      });
  };

  current = recoverStaleJobs({ staleAfterMs: options.staleAfterMs })
    .then(async (r) => {
      if (r.requeued || r.failed) log.warn(r, "recovered jobs left running by a stopped instance");
      const swept = await sweepOrphanUploads(options.uploadDir ?? getEnv().UPLOAD_DIR);
      if (swept) log.warn({ files: swept }, "removed uploads no job needs");
    })
    .catch((error: unknown) => log.error({ err: error }, "recovering stale jobs failed"))
    .finally(() => {
      current = null;
      if (!stopped) tick();
    });

  return {
    async stop(timeoutMs = 10_000) {
      stopped = true;
      if (timer) clearTimeout(timer);
      if (current) {
        let wait: NodeJS.Timeout | undefined;
        await Promise.race([current, new Promise<void>((resolve) => (wait = setTimeout(resolve, timeoutMs).unref()))]);
        clearTimeout(wait);
      }
    },
  };
}
