import { and, eq, sql } from "drizzle-orm";
import { getDb } from "~/db/client.server.ts";
import { scheduledRuns } from "~/db/schema/index.ts";
import { getLogger } from "~/logger.server.ts";

/**
 * The reminders on their cadence, from inside the app (SCHEDULER=true), on every instance at once without running
 * anything twice: each task's time is cut into periods (an hour, a day, a week), and the instance whose insert of
 * the row (task, period) into scheduled_runs lands runs that period; the others' inserts hit the primary key and
 * they move on. A period whose run failed, or whose instance died, is not retried: the next period catches up,
 * since every reminder also claims its own row before it is sent ("each once"). Operators who prefer cron keep
 * SCHEDULER off and run the same tasks with `samspill <area> reminders`.
 */

const HOUR = 60 * 60_000;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;
/** 1970-01-01 was a Thursday: weekly periods start on Mondays (00:00 UTC). */
const WEEK_OFFSET = 4 * DAY;

export interface ScheduledTask {
  /** Stable name, the key in scheduled_runs (the CLI command it stands for). */
  name: string;
  periodMs: number;
  offsetMs?: number;
  run(now: Date): Promise<Record<string, number>>;
}

export const scheduledTasks: readonly ScheduledTask[] = [
  {
    name: "events reminders",
    periodMs: HOUR,
    run: async (now) => (await import("~/domain/events/registrations.server.ts")).sendEventReminders(now),
  },
  {
    name: "workshops reminders",
    periodMs: HOUR,
    run: async (now) => (await import("~/domain/workshops/participants.server.ts")).sendWorkshopReminders(now),
  },
  {
    name: "workshops action-reminders",
    periodMs: DAY,
    run: async (now) => (await import("~/domain/workshops/followup.server.ts")).sendActionReminders(now),
  },
  {
    name: "workshops digest",
    periodMs: WEEK,
    offsetMs: WEEK_OFFSET,
    run: async (now) => (await import("~/domain/workshops/followup.server.ts")).sendActionDigest(now),
  },
  {
    name: "placements reminders",
    periodMs: DAY,
    run: async (now) => (await import("~/domain/placements/checkins.server.ts")).sendCheckinReminders(now),
  },
  {
    name: "volunteers reminders",
    periodMs: DAY,
    run: async (now) => (await import("~/domain/volunteers/reminders.server.ts")).sendUnansweredReminders(now),
  },
  {
    name: "volunteers retention",
    periodMs: DAY,
    run: async (now) => ({ ...(await (await import("~/domain/volunteers/retention.server.ts")).runVolunteerRetention(now)) }),
  },
  {
    name: "needs reminders",
    periodMs: DAY,
    run: async (now) => (await import("~/domain/needs/reminders.server.ts")).sendNeedReminders(now),
  },
];

/** The start of the period `now` falls in, as the key stored in scheduled_runs. */
export function periodOf(now: Date, periodMs: number, offsetMs = 0): string {
  const start = Math.floor((now.getTime() - offsetMs) / periodMs) * periodMs + offsetMs;
  return new Date(start).toISOString();
}

/** True for the one caller whose row for (task, period) is new: that caller runs the period. */
export async function claimRun(task: string, period: string, instance: string): Promise<boolean> {
  const rows = await getDb()
    .insert(scheduledRuns)
    .values({ task, period, instance })
    .onConflictDoNothing({ target: [scheduledRuns.task, scheduledRuns.period] })
    .returning({ task: scheduledRuns.task });
  return rows.length === 1;
}

export interface TickOptions {
  instance: string;
  /** Overrides every task's period (tests: seconds instead of hours). */
  periodMs?: number;
  tasks?: readonly ScheduledTask[];
}

/** Runs every task whose current period nobody has claimed yet; returns the names of those this call ran. */
export async function runDueTasks(now: Date, options: TickOptions): Promise<string[]> {
  const log = getLogger();
  const ran: string[] = [];
  for (const task of options.tasks ?? scheduledTasks) {
    const period = options.periodMs ? periodOf(now, options.periodMs) : periodOf(now, task.periodMs, task.offsetMs);
    if (!(await claimRun(task.name, period, options.instance))) continue;
    ran.push(task.name);
    const done = and(eq(scheduledRuns.task, task.name), eq(scheduledRuns.period, period));
    try {
      const result = await task.run(now);
      await getDb()
        .update(scheduledRuns)
        .set({ finishedAt: sql`now()`, result })
        .where(done);
      log.info({ task: task.name, period, ...result }, "scheduled task done");
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      await getDb()
        .update(scheduledRuns)
        .set({ finishedAt: sql`now()`, error: message.slice(0, 2000) })
        .where(done)
        .catch(() => undefined);
      log.error({ err: error, task: task.name, period }, "scheduled task failed");
    }
  }
  return ran;
}

export interface Scheduler {
  stop(): Promise<void>;
}

/**
 * Checks about every `tickMs` (and once at start) which periods are due. Ticks never overlap within an instance;
 * across instances the claim decides. Each wait is drawn between half and one and a half `tickMs`, so instances
 * started together do not stay in step (and which of them runs a period varies).
 */
export function startScheduler(options: TickOptions & { tickMs?: number }): Scheduler {
  const log = getLogger();
  const tickMs = options.tickMs ?? 60_000;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const tick = async () => {
    try {
      await runDueTasks(new Date(), options);
    } catch (error) {
      log.error({ err: error }, "scheduler tick failed");
    }
    if (stopped) return;
    timer = setTimeout(() => (running = tick()), tickMs * (0.5 + Math.random()));
    timer.unref();
  };
  let running = tick();
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
