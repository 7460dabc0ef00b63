import rrulePackage from "rrule";
import { ACTIVITY_TIME_ZONE, type ScheduleKind } from "./activities.constants.ts";

// rrule ships CommonJS; its named exports are not visible to Node's ESM loader.
const { RRule, Frequency } = rrulePackage;

/**
 * Schedules are written as wall-clock times in Norway ("Tuesdays 18:00"), so a
 * weekly activity stays at 18:00 across daylight-saving changes. rrule works in
 * "floating" time: we hand it the wall clock encoded as UTC and convert each
 * result back to the instant it means in Europe/Oslo.
 */

export interface Schedule {
  kind: ScheduleKind;
  startsAt: Date | null;
  durationMinutes: number | null;
  rrule: string | null;
  extraDates: Date[];
  exceptionDates: Date[];
}

export interface Occurrence {
  start: Date;
  end: Date | null;
}

/** Recurrence frequencies people use for activities; finer ones would flood the calendar. */
const allowedFrequencies = new Set<number>([Frequency.DAILY, Frequency.WEEKLY, Frequency.MONTHLY, Frequency.YEARLY]);
export const MAX_RRULE_COUNT = 1000;
/** How far ahead recurrences are expanded when a rule has no end. */
export const EXPANSION_HORIZON_DAYS = 366 * 2;

const wallFormatter = new Intl.DateTimeFormat("en-GB", {
  timeZone: ACTIVITY_TIME_ZONE,
  hourCycle: "h23",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
});

/** The wall-clock time in Norway of an instant, encoded as a UTC date ("floating"). */
export function toOsloWall(instant: Date): Date {
  const parts = Object.fromEntries(wallFormatter.formatToParts(instant).map((p) => [p.type, p.value]));
  return new Date(Date.UTC(+parts.year!, +parts.month! - 1, +parts.day!, +parts.hour!, +parts.minute!, +parts.second!));
}

/** The instant a Norwegian wall-clock time (encoded as UTC) means. Times skipped by DST move forward. */
export function fromOsloWall(wall: Date): Date {
  // The offset is +1 or +2 hours; try both and keep the one that maps back to the same wall time.
  for (const offsetHours of [1, 2]) {
    const candidate = new Date(wall.getTime() - offsetHours * 3_600_000);
    if (toOsloWall(candidate).getTime() === wall.getTime()) return candidate;
  }
  return new Date(wall.getTime() - 3_600_000);
}

/** Parses "YYYY-MM-DDTHH:mm" (a datetime-local input) as Norwegian time. */
export function parseOsloLocal(value: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})$/.exec(value.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi] = m.map(Number) as [number, number, number, number, number, number];
  const wall = new Date(Date.UTC(y, mo - 1, d, h, mi));
  if (wall.getUTCFullYear() !== y || wall.getUTCMonth() !== mo - 1 || wall.getUTCDate() !== d || h > 23 || mi > 59) return null;
  return fromOsloWall(wall);
}

/** The value of a datetime-local input for an instant, in Norwegian time. */
export function formatOsloLocal(instant: Date): string {
  return toOsloWall(instant).toISOString().slice(0, 16);
}

export type RruleProblem = "syntax" | "frequency" | "count" | "never";

/**
 * Checks an RRULE body ("FREQ=WEEKLY;BYDAY=TU"): it must parse, repeat at most
 * daily, have a sane COUNT, and produce at least one occurrence. A rule without
 * an end is allowed (a weekly café runs until it is ended); it is expanded only
 * up to a horizon.
 */
export function checkRrule(body: string, startsAt: Date): RruleProblem | null {
  let options;
  try {
    if (!/^[A-Z0-9=;,+\-:]+$/i.test(body) || body.length > 500) return "syntax";
    options = RRule.parseString(body.replace(/^RRULE:/i, ""));
  } catch {
    return "syntax";
  }
  if (options.freq === undefined || options.freq === null) return "syntax";
  if (!allowedFrequencies.has(options.freq)) return "frequency";
  if (options.count != null && (options.count < 1 || options.count > MAX_RRULE_COUNT)) return "count";
  if (options.interval != null && (options.interval < 1 || options.interval > 1000)) return "syntax";
  try {
    const rule = new RRule({ ...options, dtstart: toOsloWall(startsAt) });
    const first = rule.after(new Date(toOsloWall(startsAt).getTime() - 1), true);
    if (!first) return "never";
  } catch {
    return "syntax";
  }
  return null;
}

function buildRule(schedule: Schedule) {
  if (schedule.kind !== "recurring" || !schedule.rrule || !schedule.startsAt) return null;
  try {
    const options = RRule.parseString(schedule.rrule.replace(/^RRULE:/i, ""));
    return new RRule({ ...options, dtstart: toOsloWall(schedule.startsAt) });
  } catch {
    return null;
  }
}

/**
 * Occurrences starting in [from, to), at most `limit`, in order. One-off dates,
 * the recurrence and extra dates are merged; exception dates are removed.
 */
export function occurrencesBetween(schedule: Schedule, from: Date, to: Date, limit = 500): Occurrence[] {
  if (schedule.kind === "ongoing") return [];
  const starts: Date[] = [];
  const rule = buildRule(schedule);
  if (rule) {
    const horizon = new Date(Math.min(to.getTime(), from.getTime() + EXPANSION_HORIZON_DAYS * 86_400_000));
    let n = 0;
    rule.between(toOsloWall(from), toOsloWall(horizon), true, (wall) => {
      const instant = fromOsloWall(wall);
      if (instant >= from && instant < to) starts.push(instant);
      return ++n < limit * 2;
    });
  } else if (schedule.kind === "dates" && schedule.startsAt) {
    starts.push(schedule.startsAt);
  }
  for (const d of schedule.extraDates) if (d >= from && d < to) starts.push(d);
  const excluded = new Set(schedule.exceptionDates.map((d) => d.getTime()));
  const unique = [...new Set(starts.map((d) => d.getTime()))].filter((t) => !excluded.has(t)).sort((a, b) => a - b);
  const duration = schedule.durationMinutes ? schedule.durationMinutes * 60_000 : null;
  return unique.slice(0, limit).map((t) => ({ start: new Date(t), end: duration ? new Date(t + duration) : null }));
}

/** The next `count` occurrences after `now` (an ongoing occurrence counts when it has not ended). */
export function nextOccurrences(schedule: Schedule, now = new Date(), count = 5): Occurrence[] {
  const lookBack = schedule.durationMinutes ? schedule.durationMinutes * 60_000 : 0;
  const from = new Date(now.getTime() - lookBack);
  return occurrencesBetween(schedule, from, new Date(from.getTime() + EXPANSION_HORIZON_DAYS * 86_400_000), count).filter((o) => (o.end ?? o.start) >= now);
}

/** ISO weekday (Monday = 1) of an instant in Norway. */
export function osloWeekday(instant: Date): number {
  const day = toOsloWall(instant).getUTCDay();
  return day === 0 ? 7 : day;
}

/**
 * What the database keeps beside the schedule so search can filter and sort
 * without expanding rules: the next start and the weekdays of the coming weeks.
 */
export function derivedScheduleFields(schedule: Schedule, now = new Date()) {
  const upcoming = occurrencesBetween(schedule, now, new Date(now.getTime() + 366 * 86_400_000), 60);
  const weekdays = [...new Set(upcoming.map((o) => osloWeekday(o.start)))].sort();
  return { nextOccurrenceAt: upcoming[0]?.start ?? null, weekdays };
}

/** A short, language-neutral summary of the recurrence for display helpers: frequency, interval and weekdays. */
export function describeRrule(
  body: string | null,
): { freq: "daily" | "weekly" | "monthly" | "yearly"; interval: number; weekdays: number[]; until: Date | null; count: number | null } | null {
  if (!body) return null;
  try {
    const o = RRule.parseString(body.replace(/^RRULE:/i, ""));
    const freq = ({ [Frequency.DAILY]: "daily", [Frequency.WEEKLY]: "weekly", [Frequency.MONTHLY]: "monthly", [Frequency.YEARLY]: "yearly" } as const)[
      o.freq as 0 | 1 | 2 | 3
    ];
    if (!freq) return null;
    const byweekday = o.byweekday == null ? [] : Array.isArray(o.byweekday) ? o.byweekday : [o.byweekday];
    const weekdays = byweekday.map((w) => (typeof w === "number" ? w : (w as { weekday: number }).weekday) + 1);
    return { freq, interval: o.interval ?? 1, weekdays, until: o.until ?? null, count: o.count ?? null };
  } catch {
    return null;
  }
}
