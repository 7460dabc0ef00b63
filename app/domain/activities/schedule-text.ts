import { describeRrule, toOsloWall } from "./schedule.ts";
import type { ScheduleKind } from "./activities.constants.ts";

/**
 * The parts a page needs to say a schedule in words ("every Tuesday and
 * Thursday 16:30–18:00"), free of any language: the page picks the sentence.
 */
export interface ScheduleSummary {
  kind: ScheduleKind;
  freq: "daily" | "weekly" | "monthly" | "yearly" | null;
  interval: number;
  /** ISO weekdays, Monday = 1, in week order. */
  weekdays: number[];
  /** Wall-clock time in Norway, "16:30"; null for ongoing activities. */
  startTime: string | null;
  endTime: string | null;
  until: Date | null;
}

/** "HH:mm" of an instant in Norway. */
export function osloTime(instant: Date): string {
  return toOsloWall(instant).toISOString().slice(11, 16);
}

export function scheduleSummary(a: {
  scheduleKind: ScheduleKind;
  startsAt: Date | null;
  durationMinutes: number | null;
  rrule: string | null;
}): ScheduleSummary {
  const rule = a.scheduleKind === "recurring" ? describeRrule(a.rrule) : null;
  const startTime = a.scheduleKind !== "ongoing" && a.startsAt ? osloTime(a.startsAt) : null;
  const endTime = startTime && a.startsAt && a.durationMinutes ? osloTime(new Date(a.startsAt.getTime() + a.durationMinutes * 60_000)) : null;
  return {
    kind: a.scheduleKind,
    freq: rule?.freq ?? null,
    interval: rule?.interval ?? 1,
    weekdays: [...new Set(rule?.weekdays ?? [])].sort((x, y) => x - y),
    startTime,
    endTime,
    until: rule?.until ?? null,
  };
}
