/**
 * Value lists for activities (tiltak), shared by the database schema, the
 * validation schemas, the finder and the API. Free of Drizzle so pages can
 * import them without pulling database code into the browser bundle.
 */

/**
 * What an activity offers refugees. These are not the 2016 report's obstacle themes: those are about how the
 * actors work together (arenas, division of responsibility, instruments, reception centres, housing guidance,
 * employer follow-up, placements vs lasting work, competence mapping) and belong to development workshops.
 * "social_network" is a social meeting place for refugees, not the report's cross-sector møteplass; "mentoring"
 * is mentoring of refugees, not the 2022 report's veiledning (guidance to organisations).
 */
export const activityThemes = [
  "language",
  "homework_help",
  "work",
  "housing",
  "health",
  "social_network",
  "culture_leisure",
  "sports_outdoors",
  "practical_help",
  "digital_skills",
  "parenting",
  "mentoring",
] as const;
export type ActivityTheme = (typeof activityThemes)[number];

export const targetGroups = [
  "everyone",
  "children",
  "youth",
  "adults",
  "women",
  "men",
  "families",
  "seniors",
  "newly_settled",
  "job_seekers",
  // Asylum seekers living in a reception centre (asylmottak), before settlement in a kommune.
  "reception_centre_residents",
] as const;
export type TargetGroup = (typeof targetGroups)[number];

/** Languages an activity can be held in (ISO 639 codes; "prs" is Dari). */
export const activityLanguages = [
  "nb",
  "nn",
  "en",
  "uk",
  "ar",
  "ti",
  "so",
  "prs",
  "fa",
  "ps",
  "ku",
  "ru",
  "pl",
  "fr",
  "es",
  "sw",
  "am",
  "tr",
  "ur",
  "vi",
  "th",
  "my",
] as const;
export type ActivityLanguage = (typeof activityLanguages)[number];

/**
 * Languages an organisation may write an activity's text in, besides the
 * required bokmål. These are the finder's interface languages.
 */
export const contentLanguages = ["nn", "en", "uk", "ar", "ti", "so", "prs"] as const;
export type ContentLanguage = (typeof contentLanguages)[number];

export const activityStatuses = ["planned", "active", "paused", "ended"] as const;
export type ActivityStatus = (typeof activityStatuses)[number];

/**
 * public: everyone; partners: the organisation, its confirmed partner
 * organisations and those who coordinate the kommune; internal: the organisation and coordinators.
 */
export const activityVisibilities = ["public", "partners", "internal"] as const;
export type ActivityVisibility = (typeof activityVisibilities)[number];

/**
 * A partnership the owner asked for is pending until the partner
 * organisation confirms it; only confirmed partners are shown and may read
 * partners-only activities. A declined request is deleted, not kept.
 */
export const partnershipStatuses = ["pending", "confirmed"] as const;
export type PartnershipStatus = (typeof partnershipStatuses)[number];

/**
 * dates: one or more one-off dates; recurring: an RFC 5545 RRULE from a first
 * date; ongoing: no fixed times (e.g. "get in touch and we find a time").
 */
export const scheduleKinds = ["dates", "recurring", "ongoing"] as const;
export type ScheduleKind = (typeof scheduleKinds)[number];

/** ISO weekday numbers, Monday = 1. */
export const weekdays = [1, 2, 3, 4, 5, 6, 7] as const;

export const ACTIVITY_TIME_ZONE = "Europe/Oslo";

/** A recurring activity's repeat and days as the activity form offers them (RFC 5545 codes, what the rrule is built from). */
export const repeatFrequencies = ["DAILY", "WEEKLY", "MONTHLY"] as const;
export type RepeatFrequency = (typeof repeatFrequencies)[number];
export const rruleWeekdays = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"] as const;
export type RruleWeekday = (typeof rruleWeekdays)[number];
