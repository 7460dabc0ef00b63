import { describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { getDb } from "~/db/client.server.ts";
import { scheduledRuns } from "~/db/schema/index.ts";
import { claimRun, periodOf, runDueTasks, scheduledTasks, type ScheduledTask } from "./scheduler.server.ts";

const HOUR = 60 * 60_000;

describe("periodOf", () => {
  it("cuts time into hours, days (UTC) and weeks from Monday", () => {
    const now = new Date("2026-12-09T13:45:10.000Z"); // a Wednesday
    expect(periodOf(now, HOUR)).toBe("2026-12-09T13:00:00.000Z");
    expect(periodOf(now, 24 * HOUR)).toBe("2026-12-09T00:00:00.000Z");
    const digest = scheduledTasks.find((task) => task.name === "workshops digest")!;
    expect(periodOf(now, digest.periodMs, digest.offsetMs)).toBe("2026-12-07T00:00:00.000Z");
  });

  it("covers every reminder and retention command of the CLI, each with its own name", () => {
    const names = scheduledTasks.map((task) => task.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toEqual(
      expect.arrayContaining([
        "events reminders",
        "workshops reminders",
        "workshops action-reminders",
        "placements reminders",
        "volunteers reminders",
        "volunteers retention",
        "needs reminders",
      ]),
    );
  });
});

describe("runDueTasks", () => {
  it("runs a period once however many instances tick at the same moment", async () => {
    let runs = 0;
    const task: ScheduledTask = {
      name: `test task ${Math.random()}`,
      periodMs: HOUR,
      run: async () => {
        runs += 1;
        return { done: 1 };
      },
    };
    const now = new Date("2026-12-09T13:45:10.000Z");
    const ran = await Promise.all(["a", "b", "c", "d"].map((instance) => runDueTasks(now, { instance, tasks: [task] })));
    expect(runs).toBe(1);
    expect(ran.flat()).toEqual([task.name]);
    // Later in the same hour: nothing; the next hour: once more.
    await runDueTasks(new Date("2026-12-09T13:59:59.000Z"), { instance: "a", tasks: [task] });
    expect(runs).toBe(1);
    await runDueTasks(new Date("2026-12-09T14:00:00.000Z"), { instance: "b", tasks: [task] });
    expect(runs).toBe(2);
    const rows = await getDb()
      .select({ period: scheduledRuns.period, finished: sql<boolean>`${scheduledRuns.finishedAt} is not null`, result: scheduledRuns.result })
      .from(scheduledRuns)
      .where(sql`${scheduledRuns.task} = ${task.name}`)
      .orderBy(scheduledRuns.period);
    expect(rows).toEqual([
      { period: "2026-12-09T13:00:00.000Z", finished: true, result: { done: 1 } },
      { period: "2026-12-09T14:00:00.000Z", finished: true, result: { done: 1 } },
    ]);
  });

  it("records a failed run with its error and does not retry it in the same period", async () => {
    let calls = 0;
    const task: ScheduledTask = {
      name: `failing task ${Math.random()}`,
      periodMs: HOUR,
      run: async () => {
        calls += 1;
        throw new Error("SMTP said no");
      },
    };
    const now = new Date("2026-12-09T08:10:00.000Z");
    await runDueTasks(now, { instance: "a", tasks: [task] });
    await runDueTasks(now, { instance: "b", tasks: [task] });
    expect(calls).toBe(1);
    const [row] = await getDb()
      .select()
      .from(scheduledRuns)
      .where(sql`${scheduledRuns.task} = ${task.name}`);
    expect(row).toMatchObject({ instance: "a", error: "SMTP said no" });
    expect(await claimRun(task.name, "2026-12-09T08:00:00.000Z", "c")).toBe(false);
  });

  it("the real tasks run on an empty database", async () => {
    const ran = await runDueTasks(new Date(), { instance: "test" });
    expect(ran).toEqual(scheduledTasks.map((task) => task.name));
    const failed = await getDb()
      .select()
      .from(scheduledRuns)
      .where(sql`${scheduledRuns.error} is not null and ${scheduledRuns.instance} = 'test'`);
    expect(failed).toEqual([]);
  });
});
