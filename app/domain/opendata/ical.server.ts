import ical, { type ICalCalendar } from "ical-generator";
import { and, asc, eq, gte, inArray, ne } from "drizzle-orm";
import { getDb } from "~/db/client.server.ts";
import { activities, municipalities, organizations } from "~/db/schema/index.ts";
import { getEnv } from "~/env.server.ts";
import { activityColumns, getActivity, stalenessCutoffs, type ActivityRow } from "~/domain/activities/activities.server.ts";
import { ACTIVITY_TIME_ZONE } from "~/domain/activities/activities.constants.ts";
import { toOsloWall } from "~/domain/activities/schedule.ts";
import type { Actor } from "~/domain/auth/actor.ts";
import { isUuid } from "~/lib/validation.ts";
import { AppError } from "~/lib/errors.ts";
import { getTranslator } from "~/i18n/translate.ts";
import type { Locale } from "~/i18n/config.ts";

/**
 * iCalendar (RFC 5545) files: a feed per kommune and per organisation (public
 * activities only, whoever asks) and a file per activity (whoever may read
 * the activity, as on its page). Times are Norwegian wall-clock times with
 * TZID=Europe/Oslo and a VTIMEZONE, so a weekly 18:00 stays at 18:00 across
 * daylight-saving changes in every calendar program.
 *
 * A recurring activity is one VEVENT with its RRULE, cancelled dates as EXDATE
 * and extra dates as RDATE; an activity on dates is one VEVENT per date;
 * ongoing activities (no fixed times) are left out.
 */

export const FEED_MAX_ACTIVITIES = 2000;

/** Europe/Oslo since 1996 (EU rules): CEST from the last Sunday of March, CET from the last Sunday of October. */
export const OSLO_VTIMEZONE = [
  "BEGIN:VTIMEZONE",
  "TZID:Europe/Oslo",
  "X-LIC-LOCATION:Europe/Oslo",
  "BEGIN:DAYLIGHT",
  "TZOFFSETFROM:+0100",
  "TZOFFSETTO:+0200",
  "TZNAME:CEST",
  "DTSTART:19700329T020000",
  "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
  "END:DAYLIGHT",
  "BEGIN:STANDARD",
  "TZOFFSETFROM:+0200",
  "TZOFFSETTO:+0100",
  "TZNAME:CET",
  "DTSTART:19701025T030000",
  "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
  "END:STANDARD",
  "END:VTIMEZONE",
].join("\r\n");

/** "20260106T170000": the Norwegian wall-clock time of an instant, as iCalendar local time. */
export function osloIcalTime(instant: Date): string {
  return toOsloWall(instant).toISOString().replace(/[-:]/g, "").slice(0, 15);
}

/**
 * ical-generator formats plain Dates with the server's own time zone when a
 * TZID is set; handing it a Temporal-shaped plain date-time makes it print the
 * Norwegian wall clock we computed, whatever the server's TZ is.
 */
export function osloDateTime(instant: Date) {
  const w = toOsloWall(instant);
  const fields = {
    year: w.getUTCFullYear(),
    month: w.getUTCMonth() + 1,
    day: w.getUTCDate(),
    hour: w.getUTCHours(),
    minute: w.getUTCMinutes(),
    second: w.getUTCSeconds(),
  };
  const text = w.toISOString().slice(0, 19);
  const zoned = {
    ...fields,
    timeZoneId: ACTIVITY_TIME_ZONE,
    toPlainDateTime: () => plain,
    withTimeZone: () => zoned,
    toInstant: () => ({
      epochMilliseconds: instant.getTime(),
      toJSON: () => instant.toISOString(),
      toString: () => instant.toISOString(),
      toZonedDateTimeISO: () => zoned,
    }),
    toJSON: () => text,
    toString: () => text,
  };
  const plain = {
    ...fields,
    toPlainDate: () => ({ year: fields.year, month: fields.month, day: fields.day, toJSON: () => text.slice(0, 10), toString: () => text.slice(0, 10) }),
    toZonedDateTime: () => zoned,
    toJSON: () => text,
    toString: () => text,
  };
  return plain as never;
}

type CalendarActivity = Pick<
  ActivityRow,
  | "id"
  | "title"
  | "description"
  | "howToJoin"
  | "address"
  | "postalCode"
  | "postalPlace"
  | "latitude"
  | "longitude"
  | "scheduleKind"
  | "startsAt"
  | "durationMinutes"
  | "rrule"
  | "extraDates"
  | "exceptionDates"
  | "updatedAt"
>;

export function newCalendar(name: string): ICalCalendar {
  return ical({
    name,
    prodId: { company: "Samspill", product: "Samspill", language: "NB" },
    // No calendar-wide zone name: DTSTAMP then stays in UTC as RFC 5545 wants; events carry their TZID.
    timezone: { name: null, generator: (tz) => (tz === ACTIVITY_TIME_ZONE ? OSLO_VTIMEZONE : null) },
    ttl: 60 * 60 * 6,
  });
}

function addActivity(calendar: ICalCalendar, a: CalendarActivity, locale: Locale) {
  if (a.scheduleKind === "ongoing" || !a.startsAt) return 0;
  const t = getTranslator(locale);
  const url = new URL(`/aktiviteter/${a.id}`, getEnv().PUBLIC_URL).toString();
  const description = [a.description, a.howToJoin ? t("opendata.calendar.howToJoin", { text: a.howToJoin }) : "", t("opendata.calendar.readMore", { url })]
    .filter(Boolean)
    .join("\n\n");
  const place = [a.address, [a.postalCode, a.postalPlace].filter(Boolean).join(" ")].filter(Boolean).join(", ");
  const common = {
    summary: a.title,
    description,
    url,
    timezone: ACTIVITY_TIME_ZONE,
    location: place ? { title: place, geo: a.latitude != null && a.longitude != null ? { lat: a.latitude, lon: a.longitude } : undefined } : null,
    lastModified: a.updatedAt,
    stamp: a.updatedAt,
  };
  const end = (start: Date) => (a.durationMinutes ? osloDateTime(new Date(start.getTime() + a.durationMinutes * 60_000)) : undefined);
  if (a.scheduleKind === "recurring" && a.rrule) {
    const lines = [`RRULE:${a.rrule.replace(/^RRULE:/i, "")}`];
    if (a.exceptionDates.length) lines.push(`EXDATE;TZID=${ACTIVITY_TIME_ZONE}:${a.exceptionDates.map(osloIcalTime).join(",")}`);
    if (a.extraDates.length) lines.push(`RDATE;TZID=${ACTIVITY_TIME_ZONE}:${a.extraDates.map(osloIcalTime).join(",")}`);
    calendar.createEvent({ ...common, id: `${a.id}@samspill`, start: osloDateTime(a.startsAt), end: end(a.startsAt), repeating: lines.join("\n") });
    return 1;
  }
  const excluded = new Set(a.exceptionDates.map((d) => d.getTime()));
  const dates = [...new Map([a.startsAt, ...a.extraDates].map((d) => [d.getTime(), d])).values()]
    .filter((d) => !excluded.has(d.getTime()))
    .sort((x, y) => x.getTime() - y.getTime());
  for (const d of dates) {
    calendar.createEvent({ ...common, id: `${a.id}-${osloIcalTime(d)}@samspill`, start: osloDateTime(d), end: end(d) });
  }
  return dates.length;
}

export interface CalendarFile {
  body: string;
  filename: string;
  events: number;
}

function toFile(calendar: ICalCalendar, filename: string, events: number): CalendarFile {
  return { body: calendar.toString(), filename, events };
}

/** Public, current, with times: what goes into the public feeds (the finder's rules for anonymous visitors). */
async function publicFeedActivities(filter: ReturnType<typeof eq>, now: Date) {
  const { hiddenBefore } = stalenessCutoffs(now);
  return getDb()
    .select(activityColumns)
    .from(activities)
    .where(
      and(
        filter,
        eq(activities.visibility, "public"),
        inArray(activities.status, ["planned", "active"]),
        gte(activities.lastConfirmedAt, hiddenBefore),
        ne(activities.scheduleKind, "ongoing"),
      ),
    )
    .orderBy(asc(activities.startsAt), asc(activities.id))
    .limit(FEED_MAX_ACTIVITIES);
}

/** GET /kommuner/:number/aktiviteter.ics */
export async function municipalityCalendar(number: unknown, options: { locale?: Locale; now?: Date } = {}): Promise<CalendarFile> {
  const locale = options.locale ?? "nb";
  if (typeof number !== "string" || !/^\d{4}$/.test(number)) throw new AppError("not_found", "errors.notFound");
  const [municipality] = await getDb()
    .select({ number: municipalities.number, name: municipalities.name })
    .from(municipalities)
    .where(eq(municipalities.number, number));
  if (!municipality) throw new AppError("not_found", "errors.notFound");
  const rows = await publicFeedActivities(eq(activities.municipalityNumber, number), options.now ?? new Date());
  const calendar = newCalendar(getTranslator(locale)("opendata.calendar.municipality", { name: municipality.name }));
  let events = 0;
  for (const row of rows) events += addActivity(calendar, row, locale);
  return toFile(calendar, `samspill-${number}.ics`, events);
}

/** GET /organisasjoner/:id/aktiviteter.ics */
export async function organizationCalendar(id: unknown, options: { locale?: Locale; now?: Date } = {}): Promise<CalendarFile> {
  const locale = options.locale ?? "nb";
  if (!isUuid(id)) throw new AppError("not_found", "errors.notFound");
  const [organization] = await getDb().select({ id: organizations.id, name: organizations.name }).from(organizations).where(eq(organizations.id, id));
  if (!organization) throw new AppError("not_found", "errors.notFound");
  const rows = await publicFeedActivities(eq(activities.organizationId, id), options.now ?? new Date());
  const calendar = newCalendar(getTranslator(locale)("opendata.calendar.organization", { name: organization.name }));
  let events = 0;
  for (const row of rows) events += addActivity(calendar, row, locale);
  return toFile(calendar, `samspill-organisasjon-${id}.ics`, events);
}

/**
 * GET /aktiviteter/:id/kalender.ics: one activity, for whoever may read it
 * (getActivity's rules: internal ones only for their organisation and
 * coordinators; 404 otherwise). An ongoing activity has no times: `file` is
 * null and the route answers 404 with a short explanation.
 */
export async function activityCalendar(actor: Actor, id: unknown, options: { locale?: Locale; now?: Date } = {}) {
  const locale = options.locale ?? "nb";
  const { activity } = await getActivity(actor, id, options.now ?? new Date());
  const t = getTranslator(locale);
  if (activity.scheduleKind === "ongoing" || !activity.startsAt) {
    const url = new URL(`/aktiviteter/${activity.id}`, getEnv().PUBLIC_URL).toString();
    return { file: null, explanation: t("opendata.calendar.noTimes", { title: activity.title, url }), visibility: activity.visibility };
  }
  const calendar = newCalendar(t("opendata.calendar.activity", { title: activity.title }));
  const events = addActivity(calendar, activity, locale);
  return { file: toFile(calendar, `samspill-aktivitet-${activity.id}.ics`, events), explanation: null, visibility: activity.visibility };
}
