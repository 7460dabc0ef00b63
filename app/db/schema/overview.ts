import { pgTable, text, timestamp, uuid, integer, char, primaryKey, index, smallint } from "drizzle-orm/pg-core";
import { users } from "./auth.ts";
import { municipalities } from "./reference.ts";
import { activityIdColumn } from "./activities.ts";
import { organizations } from "./organizations.ts";

/**
 * Refugee settlement per kommune and year: IMDi's request (anmodning), the
 * kommune's decision (vedtak), those actually settled (bosatt), and optionally
 * how many are in the introduction programme. A missing row or a null figure
 * means "not reported" — never zero.
 */
export const settlementFigures = pgTable(
  "settlement_figures",
  {
    municipalityNumber: char("municipality_number", { length: 4 })
      .notNull()
      .references(() => municipalities.number),
    year: smallint("year").notNull(),
    requested: integer("requested"),
    decided: integer("decided"),
    settled: integer("settled"),
    inIntroductionProgramme: integer("in_introduction_programme"),
    updatedBy: uuid("updated_by").references(() => users.id, { onDelete: "set null" }),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.municipalityNumber, t.year] }), index("settlement_figures_year_idx").on(t.year)],
);

/** What a kommune has chosen for its overview, e.g. below how many activities a theme counts as a gap. */
export const municipalityOverviewSettings = pgTable("municipality_overview_settings", {
  municipalityNumber: char("municipality_number", { length: 4 })
    .primaryKey()
    .references(() => municipalities.number),
  /** A theme or target group with fewer active activities than this is a gap ("thin coverage"). */
  gapThreshold: integer("gap_threshold").notNull().default(2),
  updatedBy: uuid("updated_by").references(() => users.id, { onDelete: "set null" }),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Whom an organisation calls in the kommune about voluntary and integration work: shown on the public kommune page
 * once a coordinator of the kommune chooses to publish it. A role address or phone (at least one), never a
 * person's account data.
 */
export const municipalityContacts = pgTable("municipality_contacts", {
  municipalityNumber: char("municipality_number", { length: 4 })
    .primaryKey()
    .references(() => municipalities.number),
  /** Who answers, e.g. "Frivillighetskoordinator, flyktningtjenesten". */
  name: text("name").notNull(),
  email: text("email"),
  phone: text("phone"),
  updatedBy: uuid("updated_by").references(() => users.id, { onDelete: "set null" }),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * "These are distinct": a pair of activities a coordinator has judged not to
 * be parallel initiatives. Stored with the pair ordered (a < b) and both
 * activities' updatedAt at the time, so the pair comes back if either changes.
 */
export const activityPairDecisions = pgTable(
  "activity_pair_decisions",
  {
    activityA: activityIdColumn("activity_a"),
    activityB: activityIdColumn("activity_b"),
    decision: text("decision", { enum: ["distinct"] })
      .notNull()
      .default("distinct"),
    activityAUpdatedAt: timestamp("activity_a_updated_at", { withTimezone: true }).notNull(),
    activityBUpdatedAt: timestamp("activity_b_updated_at", { withTimezone: true }).notNull(),
    decidedBy: uuid("decided_by").references(() => users.id, { onDelete: "set null" }),
    decidedAt: timestamp("decided_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.activityA, t.activityB] }), index("activity_pair_decisions_b_idx").on(t.activityB)],
);

/** "Suggest collaboration": who suggested which pair, when; the e-mails go to both organisations. */
export const collaborationSuggestions = pgTable(
  "collaboration_suggestions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    activityA: activityIdColumn("activity_a"),
    activityB: activityIdColumn("activity_b"),
    message: text("message"),
    suggestedBy: uuid("suggested_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("collaboration_suggestions_pair_idx").on(t.activityA, t.activityB)],
);

/**
 * Follow-up of a possible parallel initiative once someone suggested working together: suggested → in contact →
 * decided distinct. "Partners" is not stored here: a pair counts as partners when either organisation has confirmed
 * the other as partner on its activity (activity_partners), so it goes through the partner confirmation. The pair is
 * ordered (a < b); the kommune is the activities' own, kept so a kommune's figures are one indexed count.
 */
export const pairFollowUpStatuses = ["suggested", "in_contact", "distinct"] as const;
export type PairFollowUpStatus = (typeof pairFollowUpStatuses)[number];
export const activityPairFollowUps = pgTable(
  "activity_pair_follow_ups",
  {
    activityA: activityIdColumn("activity_a"),
    activityB: activityIdColumn("activity_b"),
    municipalityNumber: char("municipality_number", { length: 4 })
      .notNull()
      .references(() => municipalities.number),
    status: text("status", { enum: pairFollowUpStatuses }).notNull(),
    /** The organisation whose admin suggested it; null when one who coordinates the kommune did. */
    suggestedByOrganizationId: uuid("suggested_by_organization_id").references(() => organizations.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedBy: uuid("updated_by").references(() => users.id, { onDelete: "set null" }),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.activityA, t.activityB] }),
    index("activity_pair_follow_ups_b_idx").on(t.activityB),
    index("activity_pair_follow_ups_kommune_idx").on(t.municipalityNumber, t.status),
  ],
);

/**
 * Pre-aggregated coverage per kommune: activity counts, capacity and
 * volunteer requests by theme and by target group (dimension "theme" /
 * "target_group", plus dimension "total" with key "all"). Refreshed for one
 * kommune whenever one of its activities changes, so roll-ups over 357
 * kommuner read a few thousand rows instead of every activity.
 */
export const municipalityCoverage = pgTable(
  "municipality_coverage",
  {
    municipalityNumber: char("municipality_number", { length: 4 })
      .notNull()
      .references(() => municipalities.number),
    /** "public": what the public summary counts; "all": every activity that is not ended. */
    scope: text("scope", { enum: ["public", "all"] }).notNull(),
    dimension: text("dimension", { enum: ["total", "theme", "target_group"] }).notNull(),
    key: text("key").notNull(),
    activityCount: integer("activity_count").notNull().default(0),
    organizationCount: integer("organization_count").notNull().default(0),
    capacity: integer("capacity").notNull().default(0),
    seekingVolunteers: integer("seeking_volunteers").notNull().default(0),
    refreshedAt: timestamp("refreshed_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.municipalityNumber, t.scope, t.dimension, t.key] })],
);
