import { z } from "zod";
import { pageNumberSchema } from "~/lib/paging.ts";
import {
  activityLanguages,
  activityStatuses,
  activityThemes,
  activityVisibilities,
  contentLanguages,
  scheduleKinds,
  targetGroups,
  type ContentLanguage,
} from "./activities.constants.ts";
import { checkRrule, formatOsloLocal, parseOsloLocal, toOsloWall, fromOsloWall } from "./schedule.ts";
import { contactEmailSchema } from "~/domain/organizations/organizations.schema.ts";
import { contactPhoneSchema, isUuid, optionalText, typeError, websiteSchema } from "~/lib/validation.ts";
import type { ActivityTranslations } from "~/db/schema/activities.ts";

export const ACTIVITY_PAGE_SIZE = 20;
export const TITLE_MAX = 200;
export const DESCRIPTION_MAX = 5000;

/** Mainland Norway with a margin (Svalbard and Jan Mayen have no kommune in the register). */
export const NORWAY_BOUNDS = { minLat: 57.8, maxLat: 71.4, minLon: 4.0, maxLon: 31.5 } as const;

export function isInNorway(lat: number, lon: number): boolean {
  return lat >= NORWAY_BOUNDS.minLat && lat <= NORWAY_BOUNDS.maxLat && lon >= NORWAY_BOUNDS.minLon && lon <= NORWAY_BOUNDS.maxLon;
}

const requiredText = (max: number) =>
  z
    .string({ error: typeError("validation.required") })
    .trim()
    .min(1, { error: "validation.required" })
    .max(max);
const plainText = (max: number) =>
  z.preprocess(
    (v) => v ?? "",
    z
      .string({ error: typeError("validation.invalid") })
      .trim()
      .max(max),
  );
const optionalPlain = (max: number) =>
  optionalText(
    z
      .string({ error: typeError("validation.invalid") })
      .trim()
      .max(max),
  );

/** A checkbox list: one value arrives as a string, several as an array, none as nothing. */
function choiceList<T extends readonly [string, ...string[]]>(values: T, opts: { min?: number } = {}) {
  return z.preprocess(
    (v) => (v === undefined || v === null || v === "" ? [] : typeof v === "string" ? [v] : v),
    z
      .array(z.enum(values, { error: "validation.invalidChoice" }), { error: "validation.invalidChoice" })
      .min(opts.min ?? 0, { error: "activity.validation.chooseAtLeastOne" })
      .max(values.length)
      .transform((list) => [...new Set(list)]),
  );
}

const optionalInt = (min: number, max: number) =>
  z.preprocess(
    (v) => (v === "" || v === undefined || v === null ? null : typeof v === "string" ? Number(v.trim()) : v),
    z
      .number({ error: "validation.invalid" })
      .int({ error: "activity.validation.wholeNumber" })
      .min(min, { error: "activity.validation.numberRange" })
      .max(max, { error: "activity.validation.numberRange" })
      .nullable(),
  );

const optionalCoordinate = z.preprocess(
  (v) => (v === "" || v === undefined || v === null ? null : typeof v === "string" ? Number(v.trim().replace(",", ".")) : v),
  z.number({ error: "activity.validation.coordinate" }).finite({ error: "activity.validation.coordinate" }).nullable(),
);

const localDateTime = z.string({ error: typeError("activity.validation.dateTime") }).transform((v, ctx) => {
  const parsed = parseOsloLocal(v);
  if (!parsed) {
    ctx.addIssue({ code: "custom", message: "activity.validation.dateTime" });
    return z.NEVER;
  }
  return parsed;
});

const dateOnly = z
  .string({ error: typeError("activity.validation.date") })
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: "activity.validation.date" })
  .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), {
    error: "activity.validation.date",
  });

/** Repeated inputs (several dates): drop empty ones, cap the number. */
function repeated<T extends z.ZodType>(item: T, max: number) {
  return z.preprocess(
    (v) => (v === undefined || v === null ? [] : (typeof v === "string" ? [v] : Array.isArray(v) ? v : [v]).filter((x) => x !== "")),
    z.array(item, { error: "validation.invalid" }).max(max, { error: "activity.validation.tooManyDates" }),
  );
}

const weekdayCodes = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"] as const;

const translationFields = Object.fromEntries(
  contentLanguages.flatMap((lang) => [
    [`title_${lang}`, optionalPlain(TITLE_MAX)],
    [`description_${lang}`, optionalPlain(DESCRIPTION_MAX)],
    [`howToJoin_${lang}`, optionalPlain(2000)],
  ]),
) as Record<`${"title" | "description" | "howToJoin"}_${ContentLanguage}`, ReturnType<typeof optionalPlain>>;

/**
 * One schema for the activity form (and anything else that writes activities).
 * Flat field names so a plain HTML form can post it; the transform assembles
 * translations and the schedule, and cross-field rules land on a named field.
 */
export const activityInputSchema = z
  .object({
    title: requiredText(TITLE_MAX),
    description: requiredText(DESCRIPTION_MAX),
    howToJoin: plainText(2000),
    ...translationFields,
    themes: choiceList(activityThemes, { min: 1 }),
    targetGroups: choiceList(targetGroups, { min: 1 }),
    languages: choiceList(activityLanguages),
    municipality: z.string({ error: "validation.municipality" }).regex(/^\d{4}$/, { error: "validation.municipality" }),
    address: optionalPlain(300),
    postalCode: optionalText(
      z
        .string()
        .trim()
        .regex(/^\d{4}$/, { error: "activity.validation.postalCode" }),
    ),
    postalPlace: optionalPlain(100),
    latitude: optionalCoordinate,
    longitude: optionalCoordinate,
    scheduleKind: z.enum(scheduleKinds, { error: "validation.invalidChoice" }),
    startsAt: z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? null : (v ?? null)), localDateTime.nullable()),
    durationMinutes: optionalInt(5, 24 * 60 * 14),
    repeatFrequency: z.preprocess((v) => (v === "" || v == null ? "WEEKLY" : v), z.enum(["DAILY", "WEEKLY", "MONTHLY"], { error: "validation.invalidChoice" })),
    repeatInterval: optionalInt(1, 52),
    repeatWeekdays: choiceList(weekdayCodes),
    repeatUntil: optionalText(dateOnly),
    /** An RRULE typed by hand; overrides the simple repeat fields. */
    rrule: optionalPlain(500),
    dates: repeated(localDateTime, 100),
    exceptionDates: repeated(dateOnly, 200),
    capacity: optionalInt(1, 100_000),
    isFree: z.preprocess((v) => v === true || v === "on" || v === "true" || v === "yes", z.boolean()),
    costDescription: optionalPlain(300),
    contactName: optionalPlain(200),
    contactEmail: contactEmailSchema,
    contactPhone: contactPhoneSchema,
    registrationUrl: websiteSchema,
    status: z.enum(activityStatuses, { error: "validation.invalidChoice" }),
    seeksVolunteers: z.preprocess((v) => v === true || v === "on" || v === "true" || v === "yes", z.boolean()),
    volunteerTasks: optionalPlain(1000),
    visibility: z.enum(activityVisibilities, { error: "validation.invalidChoice" }),
    partners: z.preprocess(
      (v) => (v === undefined || v === null || v === "" ? [] : typeof v === "string" ? [v] : v),
      z
        .array(z.string().refine(isUuid), { error: "validation.invalid" })
        .max(20, { error: "activity.validation.tooManyPartners" })
        .transform((l) => [...new Set(l)]),
    ),
  })
  .superRefine((input, ctx) => {
    const lat = input.latitude;
    const lon = input.longitude;
    if ((lat === null) !== (lon === null)) {
      ctx.addIssue({ code: "custom", path: [lat === null ? "latitude" : "longitude"], message: "activity.validation.coordinatePair" });
    } else if (lat !== null && lon !== null && !isInNorway(lat, lon)) {
      ctx.addIssue({ code: "custom", path: ["latitude"], message: "activity.validation.outsideNorway" });
    }
    if (input.scheduleKind === "recurring") {
      if (!input.startsAt) ctx.addIssue({ code: "custom", path: ["startsAt"], message: "activity.validation.startRequired" });
      else {
        const problem = checkRrule(buildRrule(input), input.startsAt);
        if (problem) ctx.addIssue({ code: "custom", path: [input.rrule ? "rrule" : "repeatFrequency"], message: `activity.validation.rrule.${problem}` });
      }
      if (input.repeatUntil && input.startsAt && new Date(`${input.repeatUntil}T23:59:59Z`) < input.startsAt) {
        ctx.addIssue({ code: "custom", path: ["repeatUntil"], message: "activity.validation.untilBeforeStart" });
      }
    }
    if (input.scheduleKind === "dates" && !input.startsAt && input.dates.length === 0) {
      ctx.addIssue({ code: "custom", path: ["startsAt"], message: "activity.validation.dateRequired" });
    }
    if (input.seeksVolunteers && !input.volunteerTasks) {
      ctx.addIssue({ code: "custom", path: ["volunteerTasks"], message: "activity.validation.volunteerTasksRequired" });
    }
    if (!input.isFree && !input.costDescription) {
      ctx.addIssue({ code: "custom", path: ["costDescription"], message: "activity.validation.costRequired" });
    }
  })
  .transform((input) => {
    const translations: ActivityTranslations = {};
    for (const lang of contentLanguages) {
      const entry = {
        title: input[`title_${lang}`] ?? undefined,
        description: input[`description_${lang}`] ?? undefined,
        howToJoin: input[`howToJoin_${lang}`] ?? undefined,
      };
      if (entry.title || entry.description || entry.howToJoin) translations[lang] = JSON.parse(JSON.stringify(entry));
    }
    const kind = input.scheduleKind;
    const sortedDates = [...input.dates].sort((a, b) => a.getTime() - b.getTime());
    const startsAt = kind === "ongoing" ? null : kind === "dates" ? (input.startsAt ?? sortedDates[0] ?? null) : input.startsAt;
    const extraDates = kind === "dates" ? sortedDates.filter((d) => d.getTime() !== startsAt?.getTime()) : [];
    // An exception is a date; the occurrence it cancels starts at the schedule's time of day on that date.
    const exceptionDates =
      kind === "recurring" && startsAt
        ? input.exceptionDates.map((day) => fromOsloWall(new Date(`${day}T${toOsloWall(startsAt).toISOString().slice(11, 19)}Z`)))
        : [];
    return {
      title: input.title,
      description: input.description,
      howToJoin: input.howToJoin,
      translations,
      themes: input.themes,
      targetGroups: input.targetGroups,
      languages: input.languages,
      municipalityNumber: input.municipality,
      address: input.address,
      postalCode: input.postalCode,
      postalPlace: input.postalPlace,
      latitude: input.latitude,
      longitude: input.longitude,
      scheduleKind: kind,
      startsAt,
      durationMinutes: kind === "ongoing" ? null : input.durationMinutes,
      rrule: kind === "recurring" ? buildRrule(input) : null,
      extraDates,
      exceptionDates,
      capacity: input.capacity,
      isFree: input.isFree,
      costDescription: input.isFree ? null : input.costDescription,
      contactName: input.contactName,
      contactEmail: input.contactEmail,
      contactPhone: input.contactPhone,
      registrationUrl: input.registrationUrl,
      status: input.status,
      seeksVolunteers: input.seeksVolunteers,
      volunteerTasks: input.seeksVolunteers ? input.volunteerTasks : null,
      visibility: input.visibility,
      partners: input.partners,
    };
  });
export type ActivityInput = z.output<typeof activityInputSchema>;

/** The RRULE body from either the typed rule or the simple repeat fields. */
function buildRrule(input: {
  rrule: string | null;
  repeatFrequency: "DAILY" | "WEEKLY" | "MONTHLY";
  repeatInterval: number | null;
  repeatWeekdays: readonly string[];
  repeatUntil: string | null;
}): string {
  if (input.rrule) return input.rrule.replace(/^RRULE:/i, "").toUpperCase();
  const parts = [`FREQ=${input.repeatFrequency}`];
  if (input.repeatInterval && input.repeatInterval > 1) parts.push(`INTERVAL=${input.repeatInterval}`);
  if (input.repeatFrequency === "WEEKLY" && input.repeatWeekdays.length) parts.push(`BYDAY=${input.repeatWeekdays.join(",")}`);
  if (input.repeatUntil) parts.push(`UNTIL=${input.repeatUntil.replaceAll("-", "")}T235959Z`);
  return parts.join(";");
}

/** Form values for editing an existing activity (the inverse of the transform above). */
export function activityToFormValues(a: {
  title: string;
  description: string;
  howToJoin: string;
  translations: ActivityTranslations;
  scheduleKind: string;
  startsAt: Date | null;
  extraDates: Date[];
  exceptionDates: Date[];
  rrule: string | null;
}) {
  const values: Record<string, string | string[]> = {};
  for (const lang of contentLanguages) {
    const t = a.translations[lang];
    values[`title_${lang}`] = t?.title ?? "";
    values[`description_${lang}`] = t?.description ?? "";
    values[`howToJoin_${lang}`] = t?.howToJoin ?? "";
  }
  values.startsAt = a.startsAt ? formatOsloLocal(a.startsAt) : "";
  values.dates = a.extraDates.map(formatOsloLocal);
  values.exceptionDates = a.exceptionDates.map((d) => formatOsloLocal(d).slice(0, 10));
  values.rrule = a.rrule ?? "";
  return values;
}

/**
 * The finder's query string. Like the organisation list, bad values are
 * dropped rather than refused: an edited or stale link still shows results.
 */
export const activitySearchSort = ["relevance", "next", "distance"] as const;
export type ActivitySearchSort = (typeof activitySearchSort)[number];

function listParam<T extends readonly [string, ...string[]]>(values: T) {
  return z
    .preprocess((v) => (v === undefined || v === null || v === "" ? [] : typeof v === "string" ? v.split(",") : v), z.array(z.string()))
    .transform((list) => [...new Set(list.filter((x): x is T[number] => (values as readonly string[]).includes(x)))])
    .catch([]);
}

const coordinateParam = (min: number, max: number) =>
  z.preprocess((v) => (v === "" || v == null ? undefined : Number(String(v).replace(",", "."))), z.number().min(min).max(max).optional()).catch(undefined);

export const activitySearchQuerySchema = z.object({
  q: z
    .string()
    .catch("")
    .default("")
    .transform((q) => q.replaceAll("\u0000", "").trim().slice(0, 200)),
  municipality: z
    .string()
    .regex(/^\d{4}$/)
    .optional()
    .catch(undefined),
  themes: listParam(activityThemes),
  targetGroups: listParam(targetGroups),
  languages: listParam(activityLanguages),
  days: z
    .preprocess((v) => (v === undefined || v === null || v === "" ? [] : typeof v === "string" ? v.split(",") : v), z.array(z.coerce.number()))
    .transform((l) => [...new Set(l.filter((d) => Number.isInteger(d) && d >= 1 && d <= 7))].sort())
    .catch([]),
  free: z.preprocess((v) => v === true || v === "1" || v === "on" || v === "true", z.boolean()).catch(false),
  volunteers: z.preprocess((v) => v === true || v === "1" || v === "on" || v === "true", z.boolean()).catch(false),
  sort: z.enum(activitySearchSort).optional().catch(undefined),
  lat: coordinateParam(NORWAY_BOUNDS.minLat, NORWAY_BOUNDS.maxLat),
  lon: coordinateParam(NORWAY_BOUNDS.minLon, NORWAY_BOUNDS.maxLon),
  page: pageNumberSchema(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).catch(ACTIVITY_PAGE_SIZE).default(ACTIVITY_PAGE_SIZE),
});
export type ActivitySearchQuery = z.output<typeof activitySearchQuerySchema>;
export type ActivitySearchParams = Partial<Record<keyof z.input<typeof activitySearchQuerySchema>, unknown>>;
