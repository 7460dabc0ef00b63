import { sql, type SQL } from "drizzle-orm";
import { pgTable, text, timestamp, uuid, boolean, integer, doublePrecision, jsonb, char, smallint, primaryKey, index, customType } from "drizzle-orm/pg-core";
import { users } from "./auth.ts";
import { municipalities } from "./reference.ts";
import { organizationIdColumn } from "./organizations.ts";
import {
  activityStatuses,
  activityVisibilities,
  partnershipStatuses,
  scheduleKinds,
  type ContentLanguage,
} from "../../domain/activities/activities.constants.ts";

export * from "../../domain/activities/activities.constants.ts";

const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });

/** Title, description and how-to-join in one of the optional content languages. */
export interface ActivityTranslation {
  title?: string;
  description?: string;
  howToJoin?: string;
}
export type ActivityTranslations = Partial<Record<ContentLanguage, ActivityTranslation>>;

/**
 * Norwegian stemming over accent-free text ("språkkafeen" and "sprakkafe"
 * meet), title weighted above description; nynorsk shares the norwegian
 * stemmer; English text gets the english one. samspill_unaccent is an
 * IMMUTABLE wrapper of unaccent (see the migration), which a generated column needs.
 * The tag words (labels of themes, target groups, languages in every finder
 * language, and the kommune name; already folded) come last with weight D and
 * the 'simple' configuration: they are in eight languages and several
 * scripts, and a stemmed query word is a prefix query, which matches the
 * unstemmed label word ("lekser" → leks:* finds "leksehjelp").
 */
const searchDocument: SQL = sql`
  setweight(to_tsvector('norwegian', samspill_unaccent(coalesce(title, ''))), 'A')
  || setweight(to_tsvector('norwegian', samspill_unaccent(coalesce(translations->'nn'->>'title', ''))), 'A')
  || setweight(to_tsvector('english', samspill_unaccent(coalesce(translations->'en'->>'title', ''))), 'A')
  || setweight(to_tsvector('norwegian', samspill_unaccent(coalesce(description, ''))), 'B')
  || setweight(to_tsvector('norwegian', samspill_unaccent(coalesce(translations->'nn'->>'description', ''))), 'C')
  || setweight(to_tsvector('english', samspill_unaccent(coalesce(translations->'en'->>'description', ''))), 'C')
  || setweight(to_tsvector('simple', coalesce(tag_words, '')), 'D')`;

/** A column naming an activity, deleted with it (partnerships, pair decisions, suggestions). */
export function activityIdColumn(name = "activity_id") {
  return uuid(name)
    .notNull()
    .references(() => activities.id, { onDelete: "cascade" });
}

export const activities = pgTable(
  "activities",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: organizationIdColumn(),
    municipalityNumber: char("municipality_number", { length: 4 })
      .notNull()
      .references(() => municipalities.number),
    /** Bokmål, required. Other languages live in `translations`. */
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    howToJoin: text("how_to_join").notNull().default(""),
    translations: jsonb("translations").$type<ActivityTranslations>().notNull().default({}),
    themes: text("themes")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    targetGroups: text("target_groups")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    languages: text("languages")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    address: text("address"),
    postalCode: text("postal_code"),
    postalPlace: text("postal_place"),
    latitude: doublePrecision("latitude"),
    longitude: doublePrecision("longitude"),
    scheduleKind: text("schedule_kind", { enum: scheduleKinds }).notNull().default("ongoing"),
    /** First occurrence (recurring: DTSTART), stored as an instant; shown in Europe/Oslo. */
    startsAt: timestamp("starts_at", { withTimezone: true }),
    durationMinutes: integer("duration_minutes"),
    /** RFC 5545 RRULE body without DTSTART, e.g. "FREQ=WEEKLY;BYDAY=TU". */
    rrule: text("rrule"),
    /** One-off dates (kind "dates"), or extra dates added to a recurrence. */
    extraDates: timestamp("extra_dates", { withTimezone: true })
      .array()
      .notNull()
      .default(sql`'{}'::timestamptz[]`),
    /** Occurrences that are cancelled (EXDATE). */
    exceptionDates: timestamp("exception_dates", { withTimezone: true })
      .array()
      .notNull()
      .default(sql`'{}'::timestamptz[]`),
    /**
     * Derived from the schedule on every write and refreshed periodically: the
     * next start after now (for "sort by next occurrence") and the weekdays it
     * falls on (ISO, Monday = 1; for the day-of-week filter).
     */
    nextOccurrenceAt: timestamp("next_occurrence_at", { withTimezone: true }),
    weekdays: smallint("weekdays")
      .array()
      .notNull()
      .default(sql`'{}'::smallint[]`),
    capacity: integer("capacity"),
    isFree: boolean("is_free").notNull().default(true),
    costDescription: text("cost_description"),
    contactName: text("contact_name"),
    contactEmail: text("contact_email"),
    contactPhone: text("contact_phone"),
    registrationUrl: text("registration_url"),
    status: text("status", { enum: activityStatuses }).notNull().default("active"),
    seeksVolunteers: boolean("seeks_volunteers").notNull().default(false),
    volunteerTasks: text("volunteer_tasks"),
    visibility: text("visibility", { enum: activityVisibilities }).notNull().default("public"),
    lastConfirmedAt: timestamp("last_confirmed_at", { withTimezone: true }).notNull().defaultNow(),
    /** When a coordinator last reminded the organisation to confirm it. */
    reminderSentAt: timestamp("reminder_sent_at", { withTimezone: true }),
    isDemo: boolean("is_demo").notNull().default(false),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    /** Filled on every write by `tagWordsFor` (tag-words.ts); searched through `search_vector`. */
    tagWords: text("tag_words").notNull().default(""),
    searchVector: tsvector("search_vector").generatedAlwaysAs(searchDocument),
  },
  (t) => [
    index("activities_search_idx").using("gin", t.searchVector),
    index("activities_themes_idx").using("gin", t.themes),
    index("activities_target_groups_idx").using("gin", t.targetGroups),
    index("activities_languages_idx").using("gin", t.languages),
    index("activities_municipality_next_idx").on(t.municipalityNumber, t.nextOccurrenceAt),
    index("activities_next_idx").on(t.nextOccurrenceAt),
    index("activities_organization_idx").on(t.organizationId),
    index("activities_confirmed_idx").on(t.lastConfirmedAt),
    index("activities_point_idx").on(t.latitude, t.longitude),
  ],
);

/**
 * Other organisations that run an activity together with its owner. The
 * owner only asks: a row is "pending" until the partner organisation
 * confirms, so nobody can be named a partner (publicly, or to read
 * partners-only activities) without its consent.
 */
export const activityPartners = pgTable(
  "activity_partners",
  {
    activityId: activityIdColumn(),
    organizationId: organizationIdColumn(),
    status: text("status", { enum: partnershipStatuses }).notNull().default("pending"),
    requestedAt: timestamp("requested_at", { withTimezone: true }).notNull().defaultNow(),
    requestedBy: uuid("requested_by").references(() => users.id, { onDelete: "set null" }),
    confirmedAt: timestamp("confirmed_at", { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.activityId, t.organizationId] }), index("activity_partners_org_idx").on(t.organizationId)],
);

/**
 * Distinct accent-free words of activity titles and descriptions, for "did you
 * mean": a typo is matched against this small table by trigram similarity and
 * the search runs again with the corrected word.
 */
export const searchWords = pgTable(
  "search_words",
  {
    word: text("word").primaryKey(),
  },
  (t) => [index("search_words_trgm_idx").using("gin", sql`${t.word} gin_trgm_ops`)],
);
