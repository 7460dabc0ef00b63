import { sql } from "drizzle-orm";
import { boolean, char, check, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./auth.ts";
import { organizations } from "./organizations.ts";
import { counties, municipalities } from "./reference.ts";
import {
  DEFAULT_OBSTACLE_VOTES,
  DEFAULT_SOLUTION_VOTES,
  MAX_VOTES_PER_PARTICIPANT,
  obstacleThemes,
  participantSectors,
  participantStatuses,
  workshopOrganiserLevels,
  workshopSessionKinds,
  workshopStatuses,
} from "../../domain/workshops/workshops.constants.ts";

/**
 * A development workshop (utviklingsverksted, issue 13): the kommune,
 * volunteers and employers meet, map obstacles, find solutions, divide
 * responsibility and follow up an action plan. Organised by a kommune, or by a
 * fylkeskommune for one or several kommuner (workshop_municipalities).
 */
export const workshops = pgTable(
  "workshops",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    title: text("title").notNull(),
    purpose: text("purpose").notNull().default(""),
    /** Obstacle themes in focus (the report's themes); participants may still add obstacles under any theme. */
    focusThemes: text("focus_themes", { enum: obstacleThemes })
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    organiserLevel: text("organiser_level", { enum: workshopOrganiserLevels }).notNull(),
    organiserMunicipalityNumber: char("organiser_municipality_number", { length: 4 }).references(() => municipalities.number),
    organiserCountyNumber: char("organiser_county_number", { length: 2 }).references(() => counties.number),
    /** Who leads the room, as shown to participants. */
    facilitatorName: text("facilitator_name").notNull().default(""),
    facilitatorUserId: uuid("facilitator_user_id").references(() => users.id, { onDelete: "set null" }),
    status: text("status", { enum: workshopStatuses }).notNull().default("planning"),
    /** Seats; null = no limit. Registrations beyond it are waitlisted. */
    capacity: integer("capacity"),
    obstacleVotesPerParticipant: integer("obstacle_votes_per_participant").notNull().default(DEFAULT_OBSTACLE_VOTES),
    solutionVotesPerParticipant: integer("solution_votes_per_participant").notNull().default(DEFAULT_SOLUTION_VOTES),
    /** Short code shown in the room (and as a QR code) to join without an account; reaches only this workshop. */
    joinCode: text("join_code").notNull(),
    createdByUserId: uuid("created_by_user_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    closedAt: timestamp("closed_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("workshops_join_code_uq").on(t.joinCode),
    index("workshops_organiser_municipality_idx").on(t.organiserMunicipalityNumber),
    index("workshops_organiser_county_idx").on(t.organiserCountyNumber),
    check(
      "workshops_organiser",
      sql`(${t.organiserLevel} = 'municipality' and ${t.organiserMunicipalityNumber} is not null and ${t.organiserCountyNumber} is null) or (${t.organiserLevel} = 'county' and ${t.organiserCountyNumber} is not null and ${t.organiserMunicipalityNumber} is null)`,
    ),
    check("workshops_capacity", sql`${t.capacity} is null or ${t.capacity} > 0`),
    check("workshops_obstacle_votes", sql`${t.obstacleVotesPerParticipant} between 1 and ${sql.raw(String(MAX_VOTES_PER_PARTICIPANT))}`),
    check("workshops_solution_votes", sql`${t.solutionVotesPerParticipant} between 1 and ${sql.raw(String(MAX_VOTES_PER_PARTICIPANT))}`),
  ],
);

/** The kommuner a workshop is for (one for a kommune's own; one or several for a fylkeskommune's). */
export const workshopMunicipalities = pgTable(
  "workshop_municipalities",
  {
    workshopId: uuid("workshop_id")
      .notNull()
      .references(() => workshops.id, { onDelete: "cascade" }),
    municipalityNumber: char("municipality_number", { length: 4 })
      .notNull()
      .references(() => municipalities.number),
  },
  (t) => [primaryKey({ columns: [t.workshopId, t.municipalityNumber] }), index("workshop_municipalities_municipality_idx").on(t.municipalityNumber)],
);

export const workshopSessions = pgTable(
  "workshop_sessions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workshopId: uuid("workshop_id")
      .notNull()
      .references(() => workshops.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: workshopSessionKinds }).notNull().default("workshop"),
    startsAt: timestamp("starts_at", { withTimezone: true }).notNull(),
    durationMinutes: integer("duration_minutes").notNull(),
    place: text("place"),
    videoUrl: text("video_url"),
    /** Set when the day-before reminder went out, so a second run of the job sends none. */
    reminderSentAt: timestamp("reminder_sent_at", { withTimezone: true }),
  },
  (t) => [
    index("workshop_sessions_workshop_idx").on(t.workshopId, t.startsAt),
    check("workshop_sessions_duration", sql`${t.durationMinutes} between 15 and 1440`),
  ],
);

/**
 * A person taking part: invited from the register (user and/or organisation),
 * invited by e-mail, or joined in the room with the join code (no account:
 * identified by a device token kept in a cookie, stored here only as a hash).
 */
export const workshopParticipants = pgTable(
  "workshop_participants",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workshopId: uuid("workshop_id")
      .notNull()
      .references(() => workshops.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    email: text("email"),
    userId: uuid("user_id").references(() => users.id, { onDelete: "set null" }),
    organizationId: uuid("organization_id").references(() => organizations.id, { onDelete: "set null" }),
    sector: text("sector", { enum: participantSectors }).notNull(),
    status: text("status", { enum: participantStatuses }).notNull().default("invited"),
    /** Hash of the registration link's token (the link itself is signed and expires: invite_expires_at). */
    inviteTokenHash: text("invite_token_hash"),
    inviteExpiresAt: timestamp("invite_expires_at", { withTimezone: true }),
    /** Hash of the device token of someone who joined with the code (cookie), or who registered by link. */
    deviceTokenHash: text("device_token_hash"),
    /** Set once the person showed they read mail at this address (clicked the registration link). */
    emailVerifiedAt: timestamp("email_verified_at", { withTimezone: true }),
    /** Whether the participant shows under their name to other participants, or only by sector. */
    showName: boolean("show_name").notNull().default(true),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    registeredAt: timestamp("registered_at", { withTimezone: true }),
  },
  (t) => [
    index("workshop_participants_workshop_idx").on(t.workshopId, t.status),
    uniqueIndex("workshop_participants_user_uq").on(t.workshopId, t.userId),
    uniqueIndex("workshop_participants_email_uq").on(t.workshopId, sql`lower(${t.email})`),
    uniqueIndex("workshop_participants_invite_token_uq").on(t.inviteTokenHash),
    uniqueIndex("workshop_participants_device_token_uq").on(t.deviceTokenHash),
    index("workshop_participants_user_idx").on(t.userId),
  ],
);
