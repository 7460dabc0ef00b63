import type { ScheduleKind } from "./activities.constants.ts";
import { occurrencesBetween, parseOsloLocal, toOsloWall } from "./schedule.ts";

/**
 * The finder's calendar view: the occurrences of a set of activities in one
 * month (Norwegian time), grouped by day. Pure, so it is cheap to test.
 */
export interface CalendarMonth {
  /** "2026-12" */
  month: string;
  previous: string;
  next: string;
  from: Date;
  to: Date;
}

const MONTH = /^(\d{4})-(\d{2})$/;

function monthKey(year: number, month: number): string {
  const d = new Date(Date.UTC(year, month - 1, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, "0")}`;
}

/** A month from "YYYY-MM"; anything else (or far outside 2000–2100) means the current month in Norway. */
export function calendarMonth(raw: unknown, now = new Date()): CalendarMonth {
  const m = typeof raw === "string" ? MONTH.exec(raw) : null;
  let year: number;
  let month: number;
  if (m && +m[1]! >= 2000 && +m[1]! <= 2100 && +m[2]! >= 1 && +m[2]! <= 12) {
    year = +m[1]!;
    month = +m[2]!;
  } else {
    const wall = toOsloWall(now);
    year = wall.getUTCFullYear();
    month = wall.getUTCMonth() + 1;
  }
  const key = monthKey(year, month);
  const next = monthKey(year, month + 1);
  return {
    month: key,
    previous: monthKey(year, month - 1),
    next,
    from: parseOsloLocal(`${key}-01T00:00`)!,
    to: parseOsloLocal(`${next}-01T00:00`)!,
  };
}

export interface CalendarActivity {
  id: string;
  scheduleKind: ScheduleKind;
  startsAt: Date | null;
  durationMinutes: number | null;
  rrule: string | null;
  extraDates: Date[];
  exceptionDates: Date[];
}

export interface CalendarDay<T> {
  /** "2026-12-01", the day in Norway. */
  day: string;
  entries: { start: Date; end: Date | null; activity: T }[];
}

/** Days with at least one occurrence, in order; each day's entries by start time. */
export function calendarDays<T extends CalendarActivity>(activities: T[], month: CalendarMonth, perActivityLimit = 62): CalendarDay<T>[] {
  const byDay = new Map<string, CalendarDay<T>["entries"]>();
  for (const activity of activities) {
    const occurrences = occurrencesBetween(
      {
        kind: activity.scheduleKind,
        startsAt: activity.startsAt,
        durationMinutes: activity.durationMinutes,
        rrule: activity.rrule,
        extraDates: activity.extraDates ?? [],
        exceptionDates: activity.exceptionDates ?? [],
      },
      month.from,
      month.to,
      perActivityLimit,
    );
    for (const o of occurrences) {
      const day = toOsloWall(o.start).toISOString().slice(0, 10);
      const list = byDay.get(day) ?? [];
      list.push({ start: o.start, end: o.end, activity });
      byDay.set(day, list);
    }
  }
  return [...byDay.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([day, entries]) => ({ day, entries: entries.sort((a, b) => a.start.getTime() - b.start.getTime()) }));
}
