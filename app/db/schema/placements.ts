import { sql } from "drizzle-orm";
import { boolean, char, check, date, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import {
  checkinAttendance,
  checkinKinds,
  checkinNextSteps,
  earlyEndReasons,
  employerSupportNeeds,
  followUpStatuses,
  incentiveKinds,
  languageRequirements,
  placementKinds,
  placementOutcomes,
  placementSectors,
  placementStatuses,
} from "../../domain/placements/placements.constants.ts";
import { users } from "./auth.ts";
import { organizations } from "./organizations.ts";
import { municipalities } from "./reference.ts";

/**
 * An employer's placement (issue 14): practice placement, job,
 * apprenticeship, mentoring or language practice at work. Not an activity: no
 * price, no calendar. Names the public follow-up contact (a kommune unit or a
 * NAV office from the register), who confirms that they will follow up.
 */
export const placements = pgTable(
  "placements",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    employerOrganizationId: uuid("employer_organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: placementKinds }).notNull(),
    title: text("title").notNull(),
    occupation: text("occupation").notNull(),
    sector: text("sector", { enum: placementSectors }).notNull(),
    description: text("description").notNull().default(""),
    municipalityNumber: char("municipality_number", { length: 4 })
      .notNull()
      .references(() => municipalities.number),
    periodStart: date("period_start", { mode: "string" }).notNull(),
    periodEnd: date("period_end", { mode: "string" }),
    languageRequirement: text("language_requirement", { enum: languageRequirements }).notNull().default("none"),
    places: integer("places").notNull(),
    supportNeeds: text("support_needs", { enum: employerSupportNeeds })
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** The public follow-up contact: a municipality_unit or nav_office organisation from the register. */
    followUpOrganizationId: uuid("follow_up_organization_id").references(() => organizations.id, { onDelete: "set null" }),
    followUpStatus: text("follow_up_status", { enum: followUpStatuses }).notNull().default("requested"),
    followUpAnsweredAt: timestamp("follow_up_answered_at", { withTimezone: true }),
    followUpAnsweredByUserId: uuid("follow_up_answered_by_user_id").references(() => users.id, { onDelete: "set null" }),
    /** Incentives the employer asked the follow-up contact about through this placement, and when. */
    incentivesRequested: text("incentives_requested", { enum: incentiveKinds })
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    incentiveRequestMessage: text("incentive_request_message").notNull().default(""),
    incentiveRequestedAt: timestamp("incentive_requested_at", { withTimezone: true }),
    contactName: text("contact_name").notNull(),
    contactEmail: text("contact_email"),
    contactPhone: text("contact_phone"),
    status: text("status", { enum: placementStatuses }).notNull().default("open"),
    /** Shown in the public list of placements (else only the employer and the follow-up contact see it). */
    isPublic: boolean("is_public").notNull().default(true),
    createdByUserId: uuid("created_by_user_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("placements_employer_idx").on(t.employerOrganizationId, t.status),
    index("placements_municipality_idx").on(t.municipalityNumber, t.status),
    index("placements_follow_up_idx").on(t.followUpOrganizationId, t.followUpStatus),
    check("placements_places", sql`${t.places} between 1 and 1000`),
    check("placements_period", sql`${t.periodEnd} is null or ${t.periodEnd} >= ${t.periodStart}`),
    check("placements_contact", sql`${t.contactEmail} is not null or ${t.contactPhone} is not null`),
  ],
);

/**
 * Outcomes per placement and period, as counts (never names): "2 completed,
 * 1 became lasting work in 2026-Q4". ended_early carries a reason.
 */
export const placementOutcomeCounts = pgTable(
  "placement_outcome_counts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    placementId: uuid("placement_id")
      .notNull()
      .references(() => placements.id, { onDelete: "cascade" }),
    /** The first day of the month the places ended in (or were extended / turned into work). */
    periodMonth: date("period_month", { mode: "string" }).notNull(),
    outcome: text("outcome", { enum: placementOutcomes }).notNull(),
    earlyEndReason: text("early_end_reason", { enum: earlyEndReasons }),
    count: integer("count").notNull(),
    recordedByUserId: uuid("recorded_by_user_id").references(() => users.id, { onDelete: "set null" }),
    recordedAt: timestamp("recorded_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("placement_outcome_counts_placement_idx").on(t.placementId, t.periodMonth),
    uniqueIndex("placement_outcome_counts_one_row").on(t.placementId, t.periodMonth, t.outcome, sql`coalesce(${t.earlyEndReason}, '')`),
    check("placement_outcome_counts_count", sql`${t.count} between 1 and 1000`),
    check("placement_outcome_counts_reason", sql`(${t.outcome} = 'ended_early') = (${t.earlyEndReason} is not null)`),
    check("placement_outcome_counts_month", sql`extract(day from ${t.periodMonth}) = 1`),
  ],
);

/**
 * Scheduled follow-up check-ins (after two weeks, midway, at the end, extra),
 * reminded to the follow-up contact, answered with a short structured form.
 * The notes are for the employer and the follow-up contact only.
 */
export const placementCheckins = pgTable(
  "placement_checkins",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    placementId: uuid("placement_id")
      .notNull()
      .references(() => placements.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: checkinKinds }).notNull(),
    dueOn: date("due_on", { mode: "string" }).notNull(),
    completedAt: timestamp("completed_at", { withTimezone: true }),
    completedByUserId: uuid("completed_by_user_id").references(() => users.id, { onDelete: "set null" }),
    attendance: text("attendance", { enum: checkinAttendance }),
    needsSupport: boolean("needs_support"),
    nextStep: text("next_step", { enum: checkinNextSteps }),
    note: text("note").notNull().default(""),
    /** Set when the "check-in due" reminder went out for the date in reminderFor, so it goes once per due date. */
    reminderSentAt: timestamp("reminder_sent_at", { withTimezone: true }),
    reminderFor: date("reminder_for", { mode: "string" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("placement_checkins_placement_idx").on(t.placementId, t.dueOn),
    index("placement_checkins_due_idx")
      .on(t.dueOn)
      .where(sql`${t.completedAt} is null`),
    check(
      "placement_checkins_answered",
      sql`${t.completedAt} is null or (${t.attendance} is not null and ${t.needsSupport} is not null and ${t.nextStep} is not null)`,
    ),
  ],
);
