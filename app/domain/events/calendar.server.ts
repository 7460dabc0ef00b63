import type { ICalCalendar } from "ical-generator";
import { and, asc, eq, gte, isNotNull, isNull, or, sql } from "drizzle-orm";
import { getDb } from "~/db/client.server.ts";
import { counties, events, municipalities } from "~/db/schema/index.ts";
import { getEnv } from "~/env.server.ts";
import { ACTIVITY_TIME_ZONE } from "~/domain/activities/activities.constants.ts";
import { newCalendar, osloDateTime } from "~/domain/opendata/ical.server.ts";
import type { Locale } from "~/i18n/config.ts";
import { getTranslator } from "~/i18n/translate.ts";
import { AppError } from "~/lib/errors.ts";
import { isUuid } from "~/lib/validation.ts";

/**
 * iCalendar files for events (issue 12): one per event, and a feed per kommune
 * and per fylke of its scheduled events from the last 30 days on. Events are
 * public, so the files are the same for everyone. Times carry TZID=Europe/Oslo,
 * so a monthly network meeting stays at 10:00 across daylight-saving changes.
 */

export const EVENT_FEED_MAX = 1000;

type CalendarEvent = Pick<
  typeof events.$inferSelect,
  "id" | "title" | "description" | "startsAt" | "durationMinutes" | "rrule" | "place" | "videoUrl" | "status" | "updatedAt"
>;

const calendarColumns = {
  id: events.id,
  title: events.title,
  description: events.description,
  startsAt: events.startsAt,
  durationMinutes: events.durationMinutes,
  rrule: events.rrule,
  place: events.place,
  videoUrl: events.videoUrl,
  status: events.status,
  updatedAt: events.updatedAt,
};

function addEvent(calendar: ICalCalendar, e: CalendarEvent, locale: Locale) {
  const t = getTranslator(locale);
  const url = new URL(`/arrangementer/${e.id}`, getEnv().PUBLIC_URL).toString();
  const description = [e.description, e.videoUrl ? t("events.calendar.video", { url: e.videoUrl }) : "", t("events.calendar.readMore", { url })]
    .filter(Boolean)
    .join("\n\n");
  calendar.createEvent({
    id: `${e.id}@samspill-arrangement`,
    summary: e.status === "cancelled" ? t("events.calendar.cancelledTitle", { title: e.title }) : e.title,
    description,
    url,
    timezone: ACTIVITY_TIME_ZONE,
    location: e.place ?? e.videoUrl ?? null,
    start: osloDateTime(e.startsAt),
    end: osloDateTime(new Date(e.startsAt.getTime() + e.durationMinutes * 60_000)),
    ...(e.rrule ? { repeating: `RRULE:${e.rrule}` } : {}),
    lastModified: e.updatedAt,
    stamp: e.updatedAt,
    ...(e.status === "cancelled" ? { status: "CANCELLED" as never } : {}),
  });
}

/** GET /arrangementer/:id/kalender.ics. */
export async function eventCalendar(id: unknown, options: { locale?: Locale } = {}) {
  const locale = options.locale ?? "nb";
  if (!isUuid(id)) throw new AppError("not_found", "errors.notFound");
  const [e] = await getDb().select(calendarColumns).from(events).where(eq(events.id, id));
  if (!e) throw new AppError("not_found", "errors.notFound");
  const calendar = newCalendar(e.title);
  addEvent(calendar, e, locale);
  return { body: calendar.toString(), filename: `samspill-arrangement-${e.id}.ics` };
}

function feedFilter(now: Date) {
  const since = new Date(now.getTime() - 30 * 24 * 60 * 60 * 1000);
  return and(
    eq(events.status, "scheduled"),
    or(gte(sql`coalesce(${events.lastStartsAt}, ${events.startsAt})`, since), and(isNotNull(events.rrule), isNull(events.lastStartsAt))),
  );
}

/** GET /kommuner/:number/arrangementer.ics: events held in the kommune. */
export async function municipalityEventFeed(number: unknown, options: { locale?: Locale; now?: Date } = {}) {
  const locale = options.locale ?? "nb";
  if (typeof number !== "string" || !/^\d{4}$/.test(number)) throw new AppError("not_found", "errors.notFound");
  const [m] = await getDb().select({ name: municipalities.name }).from(municipalities).where(eq(municipalities.number, number));
  if (!m) throw new AppError("not_found", "errors.notFound");
  const rows = await getDb()
    .select(calendarColumns)
    .from(events)
    .where(and(eq(events.municipalityNumber, number), feedFilter(options.now ?? new Date())))
    .orderBy(asc(events.startsAt))
    .limit(EVENT_FEED_MAX);
  const calendar = newCalendar(getTranslator(locale)("events.calendar.municipality", { name: m.name }));
  for (const row of rows) addEvent(calendar, row, locale);
  return { body: calendar.toString(), filename: `samspill-arrangementer-${number}.ics`, events: rows.length };
}

/** GET /fylker/:number/arrangementer.ics: events of the fylke (held in it, or organised by the fylkeskommune). */
export async function countyEventFeed(number: unknown, options: { locale?: Locale; now?: Date } = {}) {
  const locale = options.locale ?? "nb";
  if (typeof number !== "string" || !/^\d{2}$/.test(number)) throw new AppError("not_found", "errors.notFound");
  const [c] = await getDb().select({ name: counties.name }).from(counties).where(eq(counties.number, number));
  if (!c) throw new AppError("not_found", "errors.notFound");
  const rows = await getDb()
    .select(calendarColumns)
    .from(events)
    .where(and(eq(events.countyNumber, number), feedFilter(options.now ?? new Date())))
    .orderBy(asc(events.startsAt))
    .limit(EVENT_FEED_MAX);
  const calendar = newCalendar(getTranslator(locale)("events.calendar.county", { name: c.name }));
  for (const row of rows) addEvent(calendar, row, locale);
  return { body: calendar.toString(), filename: `samspill-arrangementer-fylke-${number}.ics`, events: rows.length };
}
