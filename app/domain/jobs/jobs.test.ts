import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { copyFileSync, existsSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { getDb } from "~/db/client.server.ts";
import { jobs, organizationMunicipalities, organizations } from "~/db/schema/index.ts";
import { anonymous } from "~/domain/auth/actor.ts";
import { createActor, createOrganization } from "../../../tests/factories.ts";
import {
  claimNextJob,
  createProgressReporter,
  enqueueBrregImport,
  enqueueJob,
  getImportJob,
  listImportJobs,
  recoverStaleJobs,
  sweepOrphanUploads,
  viewImportJob,
  type JobRow,
} from "./jobs.server.ts";
import { runNextJob, startJobWorker } from "./worker.server.ts";
import { JOB_KINDS } from "./jobs.schema.ts";
import { appErrorOf } from "../../../tests/app-error.ts";

const dir = mkdtempSync(path.join(tmpdir(), "samspill-jobs-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A copy of a fixture, as the upload handler would have left it (the job deletes it). */
function upload(name: string) {
  const filePath = path.join(dir, `${Math.random().toString(36).slice(2)}-${name}`);
  copyFileSync(path.resolve("tests/fixtures/brreg", name), filePath);
  return { filePath, fileName: name, fileBytes: 1 };
}

async function kommunerOf(orgNumber: string) {
  return getDb()
    .select({ number: organizationMunicipalities.municipalityNumber })
    .from(organizationMunicipalities)
    .innerJoin(organizations, eq(organizations.id, organizationMunicipalities.organizationId))
    .where(eq(organizations.orgNumber, orgNumber));
}

beforeEach(async () => {
  await getDb().delete(jobs);
  await getDb().delete(organizations).where(eq(organizations.source, "brreg"));
});

describe("the job queue", () => {
  it("gives a queued job to exactly one of two concurrent claimers, oldest first", async () => {
    const a = await enqueueJob(getDb(), { kind: "test_kind", input: { n: 1 }, createdBy: null });
    const [first, second] = await Promise.all([claimNextJob(["test_kind"]), claimNextJob(["test_kind"])]);
    expect([first?.id, second?.id].filter(Boolean)).toEqual([a.id]);
    const [row] = await getDb().select().from(jobs).where(eq(jobs.id, a.id));
    expect(row).toMatchObject({ status: "running" });
    expect(row!.startedAt).not.toBeNull();
    expect(row!.heartbeatAt).not.toBeNull();
  });

  it("gives two claimers two different jobs, and nothing of another kind or already running", async () => {
    await enqueueJob(getDb(), { kind: "test_kind", input: {}, createdBy: null });
    await enqueueJob(getDb(), { kind: "test_kind", input: {}, createdBy: null });
    await enqueueJob(getDb(), { kind: "other_kind", input: {}, createdBy: null });
    const claimed = await Promise.all([claimNextJob(["test_kind"]), claimNextJob(["test_kind"]), claimNextJob(["test_kind"])]);
    const ids = claimed.filter(Boolean).map((j) => j!.id);
    expect(ids).toHaveLength(2);
    expect(new Set(ids).size).toBe(2);
    expect(await claimNextJob([])).toBeNull();
  });

  it("throttles progress writes to one per interval and keeps the latest in hand", async () => {
    const job = await enqueueJob(getDb(), { kind: "test_kind", input: {}, createdBy: null });
    await claimNextJob(["test_kind"]);
    const reporter = createProgressReporter(job.id, { intervalMs: 60_000 });
    for (let i = 1; i <= 100; i++) reporter.report({ records: i });
    await reporter.stop();
    const [row] = await getDb().select().from(jobs).where(eq(jobs.id, job.id));
    expect(row!.progress).toEqual({ records: 1 });
    expect(reporter.latest).toEqual({ records: 100 });
  });

  it("re-queues a job whose instance died while its file is still there, and fails it the second time", async () => {
    const file = upload("enheter-sample.json");
    const job = await enqueueJob(getDb(), { kind: JOB_KINDS.brregImport, input: { ...file, attempt: 1 }, createdBy: null });
    await claimNextJob([JOB_KINDS.brregImport]);
    await getDb()
      .update(jobs)
      .set({ heartbeatAt: sql`now() - interval '10 minutes'` })
      .where(eq(jobs.id, job.id));
    // A fresh heartbeat is left alone.
    expect(await recoverStaleJobs({ staleAfterMs: 60 * 60_000 })).toEqual({ requeued: 0, failed: 0 });
    expect(await recoverStaleJobs({ staleAfterMs: 60_000 })).toEqual({ requeued: 1, failed: 0 });
    const [requeued] = await getDb().select().from(jobs).where(eq(jobs.id, job.id));
    expect(requeued).toMatchObject({ status: "queued", input: { attempt: 2 } });

    await claimNextJob([JOB_KINDS.brregImport]);
    await getDb()
      .update(jobs)
      .set({ heartbeatAt: sql`now() - interval '10 minutes'` })
      .where(eq(jobs.id, job.id));
    expect(await recoverStaleJobs({ staleAfterMs: 60_000 })).toEqual({ requeued: 0, failed: 1 });
    const [failed] = await getDb().select().from(jobs).where(eq(jobs.id, job.id));
    expect(failed!.status).toBe("failed");
    expect(failed!.error).toMatch(/interrupted/);
    expect(existsSync(file.filePath)).toBe(false);
  });
});

describe("leftover uploads", () => {
  it("removes old files no queued or running job needs, and keeps recent ones and those in use", async () => {
    const folder = mkdtempSync(path.join(dir, "sweep-"));
    const old = Date.now() / 1000 - 2 * 24 * 3600;
    for (const name of ["orphan.json", "in-use.json", "recent.json"]) writeFileSync(path.join(folder, name), "[]");
    utimesSync(path.join(folder, "orphan.json"), old, old);
    utimesSync(path.join(folder, "in-use.json"), old, old);
    await enqueueJob(getDb(), { kind: JOB_KINDS.brregImport, input: { filePath: path.join(folder, "in-use.json") }, createdBy: null });
    expect(await sweepOrphanUploads(folder)).toBe(1);
    expect(readdirSync(folder).sort()).toEqual(["in-use.json", "recent.json"]);
    expect(await sweepOrphanUploads(path.join(folder, "missing"))).toBe(0);
  });
});

describe("a running import's figures", () => {
  it("computes rate, share of the file read and time left from progress; no ETA before any byte or once done", () => {
    const now = new Date("2026-11-23T12:00:10Z");
    const base = {
      id: "00000000-0000-4000-8000-00000000j001",
      kind: JOB_KINDS.brregImport,
      input: { fileName: "enheter.json.gz", fileBytes: 100 },
      result: null,
      error: null,
      createdBy: null,
      createdAt: new Date("2026-11-23T12:00:00Z"),
      startedAt: new Date("2026-11-23T12:00:00Z"),
      finishedAt: null,
      heartbeatAt: now,
    } satisfies Omit<JobRow, "status" | "progress">;
    const running = viewImportJob({ ...base, status: "running", progress: { bytesRead: 25, totalBytes: 100, records: 1000 } }, anonymous(), now);
    expect(running).toMatchObject({ rate: 100, fraction: 0.25, etaSeconds: 30, isDone: false });
    const justStarted = viewImportJob({ ...base, status: "running", progress: {} }, anonymous(), now);
    expect(justStarted).toMatchObject({ fraction: null, etaSeconds: null, rate: 0 });
    const done = viewImportJob(
      { ...base, status: "succeeded", finishedAt: new Date("2026-11-23T12:00:05Z"), progress: { bytesRead: 100, totalBytes: 100, records: 1000 } },
      anonymous(),
      now,
    );
    expect(done).toMatchObject({ rate: 200, fraction: 1, etaSeconds: null, isDone: true });
  });
});

describe("Brreg import jobs", () => {
  it("a coordinator of Hamar imports a file and gets the organisations of Hamar only, whatever filters were sent", async () => {
    const hamar = await createActor({ roles: [{ role: "municipal_coordinator", municipalityNumber: "3403" }] });
    const file = upload("enheter-sample.json");
    const job = await enqueueBrregImport(hamar, file, { municipalities: "3905, 4602", all: "on" });
    expect(job.input).toMatchObject({ municipalities: ["3403"], all: false, dryRun: false });

    expect(await runNextJob({ progressIntervalMs: 0 })).toBe(true);
    const view = await getImportJob(hamar, job.id);
    expect(view.status).toBe("succeeded");
    expect(view.isDone).toBe(true);
    expect(view.result).toMatchObject({ read: 5, kept: 1, inserted: 1, skipped: 4, rejected: 0 });
    expect(view.progress).toMatchObject({ records: 5, inserted: 1, skipped: 4 });
    expect(view.fraction).toBe(1);
    expect(await kommunerOf("995260182")).toEqual([{ number: "3403" }]);
    expect(await kommunerOf("980308243")).toEqual([]);
    // The uploaded file is gone once the job is done.
    expect(existsSync(file.filePath)).toBe(false);
  });

  it("a national admin imports with the CLI's filters, and a dry run writes nothing", async () => {
    const admin = await createActor({ roles: [{ role: "national_admin" }] });
    const dry = await enqueueBrregImport(admin, upload("enheter-sample.json.gz"), { municipalities: ["3905"], forms: "as", dryRun: "on" });
    expect(dry.input).toMatchObject({ municipalities: ["3905"], forms: ["AS"], dryRun: true });
    await runNextJob();
    expect((await getImportJob(admin, dry.id)).result).toMatchObject({ kept: 2, inserted: 2, dryRun: true });
    expect(await getDb().select().from(organizations).where(eq(organizations.source, "brreg"))).toHaveLength(0);

    const all = await enqueueBrregImport(admin, upload("enheter-sample.json.gz"), { all: "on" });
    await runNextJob();
    expect((await getImportJob(admin, all.id)).result).toMatchObject({ kept: 5, inserted: 5 });
  });

  it("a truncated gzip file fails the job with a clear error and writes nothing half-way", async () => {
    const admin = await createActor({ roles: [{ role: "national_admin" }] });
    const file = upload("truncated.json.gz");
    const job = await enqueueBrregImport(admin, file, {});
    await runNextJob();
    const view = await getImportJob(admin, job.id);
    expect(view.status).toBe("failed");
    expect(view.error).toMatch(/truncated/i);
    expect(view.finishedAt).not.toBeNull();
    expect(view.result).toMatchObject({ inserted: 0, committedBatches: 0 });
    expect(await getDb().select().from(organizations).where(eq(organizations.source, "brreg"))).toHaveLength(0);
    expect(existsSync(file.filePath)).toBe(false);
  });

  it("refuses organisation members, county-less users and anonymous visitors; checks the filters", async () => {
    const org = await createOrganization();
    const member = await createActor({ memberships: [{ organizationId: org.id, role: "admin" }] });
    await expect(enqueueBrregImport(member, upload("enheter-sample.json"), {})).rejects.toBeAppError("forbidden");
    await expect(listImportJobs(member)).rejects.toBeAppError("forbidden");
    await expect(enqueueBrregImport(anonymous(), upload("enheter-sample.json"), {})).rejects.toBeAppError("unauthenticated");
    expect(await getDb().select().from(jobs)).toHaveLength(0);

    const admin = await createActor({ roles: [{ role: "national_admin" }] });
    const bad = await appErrorOf(enqueueBrregImport(admin, upload("enheter-sample.json"), { municipalities: "9999" }), "validation");
    expect(bad.fieldErrors.municipalities?.key).toBe("jobs.validation.unknownKommune");
    for (const input of [
      { municipalities: "<script>alert(1)</script>" },
      { forms: "'; drop table jobs; --" },
      { municipalities: "x".repeat(10_000) },
      { forms: { a: 1 } },
      { municipalities: Array.from({ length: 500 }, () => "3403") },
    ]) {
      await expect(enqueueBrregImport(admin, upload("enheter-sample.json"), input)).rejects.toBeAppError("validation");
    }
    expect(await getDb().select().from(jobs)).toHaveLength(0);
  });

  it("shows a job to its creator and national admins only", async () => {
    const hamar = await createActor({ roles: [{ role: "municipal_coordinator", municipalityNumber: "3403" }] });
    const tonsberg = await createActor({ roles: [{ role: "municipal_coordinator", municipalityNumber: "3905" }] });
    const admin = await createActor({ roles: [{ role: "national_admin" }] });
    const member = await createActor();
    const job = await enqueueBrregImport(hamar, upload("enheter-sample.json"), {});
    expect((await getImportJob(hamar, job.id)).createdByMe).toBe(true);
    expect((await getImportJob(admin, job.id)).createdByMe).toBe(false);
    await expect(getImportJob(tonsberg, job.id)).rejects.toBeAppError("not_found");
    await expect(getImportJob(member, job.id)).rejects.toBeAppError("forbidden");
    await expect(getImportJob(hamar, "not-a-uuid")).rejects.toBeAppError("not_found");
    expect((await listImportJobs(hamar)).map((j) => j.id)).toEqual([job.id]);
    expect(await listImportJobs(tonsberg)).toEqual([]);
    expect((await listImportJobs(admin)).map((j) => j.id)).toContain(job.id);
    await runNextJob();
  });

  it("the worker picks up a queued job by itself and stops cleanly", async () => {
    const admin = await createActor({ roles: [{ role: "national_admin" }] });
    const job = await enqueueBrregImport(admin, upload("enheter-sample.json"), {});
    const worker = startJobWorker({ pollMs: 50, uploadDir: dir });
    try {
      for (let i = 0; i < 100; i++) {
        if ((await getImportJob(admin, job.id)).isDone) break;
        await new Promise((r) => setTimeout(r, 50));
      }
    } finally {
      await worker.stop();
    }
    expect((await getImportJob(admin, job.id)).status).toBe("succeeded");
  });
});
