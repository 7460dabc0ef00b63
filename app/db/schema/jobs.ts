import { pgTable, text, timestamp, uuid, jsonb, index, primaryKey } from "drizzle-orm/pg-core";
import { users } from "./auth.ts";

export const jobStatuses = ["queued", "running", "succeeded", "failed"] as const;
export type JobStatus = (typeof jobStatuses)[number];

/**
 * Long work run in the background (e.g. a Brreg import uploaded on the web).
 * Kept in the database so any app instance can pick a job up and any can show
 * its progress; a worker claims one with FOR UPDATE SKIP LOCKED.
 */
export const jobs = pgTable(
  "jobs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    kind: text("kind").notNull(),
    status: text("status", { enum: jobStatuses }).notNull().default("queued"),
    input: jsonb("input").$type<Record<string, unknown>>().notNull().default({}),
    /** Latest progress report, e.g. { read, inserted, updated, rate, etaSeconds }. */
    progress: jsonb("progress").$type<Record<string, unknown>>().notNull().default({}),
    result: jsonb("result").$type<Record<string, unknown>>(),
    error: text("error"),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp("started_at", { withTimezone: true }),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
    heartbeatAt: timestamp("heartbeat_at", { withTimezone: true }),
  },
  (t) => [index("jobs_status_idx").on(t.status, t.createdAt), index("jobs_kind_idx").on(t.kind, t.createdAt)],
);

/**
 * One row per run of a scheduled task (reminders) and period: every instance's scheduler tries to insert it when
 * the period is due, and only the one whose insert lands runs the task (app/domain/jobs/scheduler.server.ts).
 */
export const scheduledRuns = pgTable(
  "scheduled_runs",
  {
    task: text("task").notNull(),
    /** The period's start (ISO 8601, UTC): an hourly task has one row per hour. */
    period: text("period").notNull(),
    /** INSTANCE_NAME of the instance that ran it (or its process id). */
    instance: text("instance").notNull(),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
    result: jsonb("result").$type<Record<string, unknown>>(),
    error: text("error"),
  },
  (t) => [primaryKey({ columns: [t.task, t.period] }), index("scheduled_runs_started_idx").on(t.startedAt)],
);
