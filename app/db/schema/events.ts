import { boolean, char, check, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { users } from "./auth.ts";
import { organizations } from "./organizations.ts";
import { counties, municipalities } from "./reference.ts";

/**
 * Courses, webinars, network meetings, conferences and cross-sector meeting
 * places (issue 12), with registrations and a waitlist, and the standing
 * networks whose meetings they can be. The value lists live in
 * app/domain/events/events.constants.ts, repeated here as literals so the
 * schema has no import into app/domain.
 */
const eventTypes = ["course", "webinar", "network_meeting", "conference", "meeting_place"] as const;
const eventLevels = ["local", "regional", "national"] as const;
const organiserLevels = ["municipality", "county", "national", "organization"] as const;
const eventStatuses = ["scheduled", "cancelled"] as const;
const registrationStatuses = ["pending", "confirmed", "waitlisted", "cancelled"] as const;
const tokenPurposes = ["confirm", "cancel"] as const;

/** A standing group run by a body (e.g. Integreringsnettverk Innlandet, run by Innlandet fylkeskommune). */
export const networks = pgTable(
  "networks",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    organiserLevel: text("organiser_level", { enum: organiserLevels }).notNull(),
    organiserMunicipalityNumber: char("organiser_municipality_number", { length: 4 }).references(() => municipalities.number),
    organiserCountyNumber: char("organiser_county_number", { length: 2 }).references(() => counties.number),
    /** The fylke the network belongs to, for lists and the county page (null for national networks). */
    countyNumber: char("county_number", { length: 2 }).references(() => counties.number),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("networks_county_idx").on(t.countyNumber)],
);

/** A member of a network: an organisation or a kommune. */
export const networkMembers = pgTable(
  "network_members",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    networkId: uuid("network_id")
      .notNull()
      .references(() => networks.id, { onDelete: "cascade" }),
    organizationId: uuid("organization_id").references(() => organizations.id, { onDelete: "cascade" }),
    municipalityNumber: char("municipality_number", { length: 4 }).references(() => municipalities.number),
  },
  (t) => [
    uniqueIndex("network_members_org_uq").on(t.networkId, t.organizationId),
    uniqueIndex("network_members_municipality_uq").on(t.networkId, t.municipalityNumber),
    index("network_members_organization_idx").on(t.organizationId),
    check("network_members_one_kind", sql`(${t.organizationId} is null) <> (${t.municipalityNumber} is null)`),
  ],
);

export const events = pgTable(
  "events",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    type: text("type", { enum: eventTypes }).notNull(),
    level: text("level", { enum: eventLevels }).notNull(),
    organiserLevel: text("organiser_level", { enum: organiserLevels }).notNull(),
    organiserMunicipalityNumber: char("organiser_municipality_number", { length: 4 }).references(() => municipalities.number),
    organiserCountyNumber: char("organiser_county_number", { length: 2 }).references(() => counties.number),
    organiserOrganizationId: uuid("organiser_organization_id").references(() => organizations.id, { onDelete: "cascade" }),
    /** Where it happens (null for online-only national events); the kommune feed reads it. */
    municipalityNumber: char("municipality_number", { length: 4 }).references(() => municipalities.number),
    /** The fylke it belongs to: the kommune's, or the organising fylkeskommune's; the county feed reads it. */
    countyNumber: char("county_number", { length: 2 }).references(() => counties.number),
    startsAt: timestamp("starts_at", { withTimezone: true }).notNull(),
    durationMinutes: integer("duration_minutes").notNull(),
    /** An RRULE body for a recurring event (registration is for the series). */
    rrule: text("rrule"),
    /** The start of the last occurrence; null for a series without an end. */
    lastStartsAt: timestamp("last_starts_at", { withTimezone: true }),
    place: text("place"),
    videoUrl: text("video_url"),
    /** Null: no limit. */
    capacity: integer("capacity"),
    audience: text("audience")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    registrationDeadline: timestamp("registration_deadline", { withTimezone: true }),
    networkId: uuid("network_id").references(() => networks.id, { onDelete: "set null" }),
    status: text("status", { enum: eventStatuses }).notNull().default("scheduled"),
    cancelledAt: timestamp("cancelled_at", { withTimezone: true }),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("events_starts_idx").on(t.startsAt),
    index("events_municipality_idx").on(t.municipalityNumber, t.startsAt),
    index("events_county_idx").on(t.countyNumber, t.startsAt),
    index("events_network_idx").on(t.networkId, t.startsAt),
    index("events_organiser_org_idx").on(t.organiserOrganizationId),
    check("events_capacity_positive", sql`${t.capacity} is null or ${t.capacity} > 0`),
    check("events_duration_positive", sql`${t.durationMinutes} > 0`),
  ],
);

/**
 * One person's place at an event. `pending` is an e-mail registration whose
 * address has not confirmed the link yet: it holds no seat. Confirmed seats
 * never exceed the capacity and a registration is promoted from the waitlist
 * at most once: both are enforced by triggers (drizzle/*_events_capacity.sql),
 * not only by the code that locks the event row.
 */
export const eventRegistrations = pgTable(
  "event_registrations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    eventId: uuid("event_id")
      .notNull()
      .references(() => events.id, { onDelete: "cascade" }),
    userId: uuid("user_id").references(() => users.id, { onDelete: "set null" }),
    /** Lower-cased. */
    email: text("email").notNull(),
    name: text("name").notNull(),
    organizationName: text("organization_name"),
    status: text("status", { enum: registrationStatuses }).notNull(),
    locale: text("locale").notNull().default("nb"),
    emailVerifiedAt: timestamp("email_verified_at", { withTimezone: true }),
    /** When it joined the queue it is in (the waitlist's order). */
    queuedAt: timestamp("queued_at", { withTimezone: true }).notNull().defaultNow(),
    promotedAt: timestamp("promoted_at", { withTimezone: true }),
    cancelledAt: timestamp("cancelled_at", { withTimezone: true }),
    attended: boolean("attended"),
    reminderSentAt: timestamp("reminder_sent_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("event_registrations_event_idx").on(t.eventId, t.status, t.queuedAt),
    index("event_registrations_user_idx").on(t.userId),
    uniqueIndex("event_registrations_active_email_uq")
      .on(t.eventId, t.email)
      .where(sql`${t.status} <> 'cancelled'`),
  ],
);

/** Links in registration e-mails: only the hash of the token is kept. */
export const eventRegistrationTokens = pgTable(
  "event_registration_tokens",
  {
    tokenHash: text("token_hash").primaryKey(),
    registrationId: uuid("registration_id")
      .notNull()
      .references(() => eventRegistrations.id, { onDelete: "cascade" }),
    purpose: text("purpose", { enum: tokenPurposes }).notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("event_registration_tokens_registration_idx").on(t.registrationId)],
);

/** Something a member wants on a network meeting's agenda. */
export const networkAgendaItems = pgTable(
  "network_agenda_items",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    networkId: uuid("network_id")
      .notNull()
      .references(() => networks.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    proposedBy: uuid("proposed_by").references(() => users.id, { onDelete: "set null" }),
    /** Who it came from, as shown: an organisation's or a kommune's name. */
    proposedByName: text("proposed_by_name").notNull(),
    /** The meeting it was put on; null while it waits in the backlog. */
    eventId: uuid("event_id").references(() => events.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("network_agenda_items_network_idx").on(t.networkId, t.createdAt)],
);

/** A decision made at a meeting; open ones are carried to the next meeting's page until done. */
export const networkDecisions = pgTable(
  "network_decisions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    networkId: uuid("network_id")
      .notNull()
      .references(() => networks.id, { onDelete: "cascade" }),
    eventId: uuid("event_id")
      .notNull()
      .references(() => events.id, { onDelete: "cascade" }),
    text: text("text").notNull(),
    done: boolean("done").notNull().default(false),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("network_decisions_network_idx").on(t.networkId, t.createdAt)],
);
