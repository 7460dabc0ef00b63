import { sql } from "drizzle-orm";
import { boolean, char, check, date, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { activityLanguages } from "../../domain/activities/activities.constants.ts";
import { interestStatuses, volunteerAvailability, volunteerRoleKinds } from "../../domain/volunteers/volunteers.constants.ts";
import { activities } from "./activities.ts";
import { users } from "./auth.ts";
import { needs } from "./needs.ts";
import { organizations } from "./organizations.ts";
import { municipalities } from "./reference.ts";

/**
 * A volunteer role an activity or a need seeks (issue 14): homework helper,
 * housing guide, language café host… with its requirements (age, languages,
 * police certificate) and time commitment. Exactly one of activity and need.
 */
export const volunteerRoles = pgTable(
  "volunteer_roles",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    activityId: uuid("activity_id").references(() => activities.id, { onDelete: "cascade" }),
    needId: uuid("need_id").references(() => needs.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: volunteerRoleKinds }).notNull(),
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    minAge: integer("min_age"),
    /** Languages the role needs (besides Norwegian, which is assumed unless said otherwise in the description). */
    languages: text("languages", { enum: activityLanguages })
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** A politiattest is needed when working with children or vulnerable people; the organisation records only the date it saw one. */
    policeCertificateRequired: boolean("police_certificate_required").notNull().default(false),
    /** Free text: "2 hours a week, at least one term". */
    timeCommitment: text("time_commitment").notNull().default(""),
    /** How many the role seeks; null = no set number. */
    places: integer("places"),
    /** Closed roles stay for history but take no new interests. */
    open: boolean("open").notNull().default(true),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("volunteer_roles_activity_idx").on(t.activityId),
    index("volunteer_roles_need_idx").on(t.needId),
    check("volunteer_roles_one_parent", sql`(${t.activityId} is null) <> (${t.needId} is null)`),
    check("volunteer_roles_min_age", sql`${t.minAge} is null or ${t.minAge} between 12 and 99`),
    check("volunteer_roles_places", sql`${t.places} is null or ${t.places} between 1 and 10000`),
  ],
);

/**
 * A member of the public's interest in a volunteer role (no account needed).
 * Personal data: only the receiving organisation (or, for a kommune's own
 * need, that kommune's coordinators) reads it; deleted on withdrawal and after
 * the retention time when not followed up. The e-mail address is confirmed
 * (confirmedAt) before anything is sent to the organisation.
 */
export const volunteerInterests = pgTable(
  "volunteer_interests",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    roleId: uuid("role_id")
      .notNull()
      .references(() => volunteerRoles.id, { onDelete: "cascade" }),
    /** Who receives it: the role's organisation (null = the kommune's own need; its coordinators receive it). */
    organizationId: uuid("organization_id").references(() => organizations.id, { onDelete: "cascade" }),
    municipalityNumber: char("municipality_number", { length: 4 })
      .notNull()
      .references(() => municipalities.number),
    name: text("name").notNull(),
    email: text("email").notNull(),
    phone: text("phone"),
    languages: text("languages", { enum: activityLanguages })
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    message: text("message").notNull().default(""),
    consentVersion: text("consent_version").notNull(),
    /** The volunteer let the kommune contact them about other needs (else coordinators see only counts). */
    contactableByKommune: boolean("contactable_by_kommune").notNull().default(false),
    status: text("status", { enum: interestStatuses }).notNull().default("unconfirmed"),
    /** Hash of the volunteer's own link (confirm, see status, withdraw); the token itself is only in their e-mails. */
    tokenHash: text("token_hash").notNull(),
    confirmedAt: timestamp("confirmed_at", { withTimezone: true }),
    statusChangedAt: timestamp("status_changed_at", { withTimezone: true }).notNull().defaultNow(),
    /** The day the organisation saw a valid politiattest (never the certificate itself). */
    policeCertificateSeenOn: date("police_certificate_seen_on", { mode: "string" }),
    /** Set when the "no answer in 14 days" reminder went out (to the organisation and to the volunteer), so it goes once. */
    unansweredReminderSentAt: timestamp("unanswered_reminder_sent_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("volunteer_interests_token_idx").on(t.tokenHash),
    index("volunteer_interests_organization_idx").on(t.organizationId, t.status),
    index("volunteer_interests_municipality_idx").on(t.municipalityNumber, t.status),
    index("volunteer_interests_email_idx").on(sql`lower(${t.email})`),
    index("volunteer_interests_role_idx").on(t.roleId),
  ],
);

/**
 * A volunteer's light profile, kept only if they want one: languages, kommune,
 * what they like to do and when they are free. Keyed by a confirmed e-mail
 * address; reached through a link mailed to that address (no password).
 */
export const volunteerProfiles = pgTable(
  "volunteer_profiles",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    email: text("email").notNull(),
    name: text("name").notNull(),
    municipalityNumber: char("municipality_number", { length: 4 }).references(() => municipalities.number),
    languages: text("languages", { enum: activityLanguages })
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    roleKinds: text("role_kinds", { enum: volunteerRoleKinds })
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    likesToDo: text("likes_to_do").notNull().default(""),
    availability: text("availability", { enum: volunteerAvailability })
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    contactableByKommune: boolean("contactable_by_kommune").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("volunteer_profiles_email_idx").on(sql`lower(${t.email})`)],
);

/** Sign-in links to a volunteer's own page (profile and interests): hash only, short-lived, used once. */
export const volunteerLinks = pgTable(
  "volunteer_links",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    email: text("email").notNull(),
    tokenHash: text("token_hash").notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("volunteer_links_token_idx").on(t.tokenHash), index("volunteer_links_email_idx").on(sql`lower(${t.email})`, t.createdAt)],
);

/** Who changed an interest's status and when (the organisation's follow-up trail; no free-text notes about the person). */
export const volunteerInterestEvents = pgTable(
  "volunteer_interest_events",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    interestId: uuid("interest_id")
      .notNull()
      .references(() => volunteerInterests.id, { onDelete: "cascade" }),
    status: text("status", { enum: interestStatuses }).notNull(),
    byUserId: uuid("by_user_id").references(() => users.id, { onDelete: "set null" }),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("volunteer_interest_events_interest_idx").on(t.interestId, t.at)],
);
