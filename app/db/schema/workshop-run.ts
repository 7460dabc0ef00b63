import { sql } from "drizzle-orm";
import { type AnyPgColumn, check, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./auth.ts";
import { workshopParticipants, workshops } from "./workshops.ts";
import { obstacleThemes } from "../../domain/workshops/workshops.constants.ts";

/**
 * Running a workshop (issue 13): obstacles (hindringer) by the report's
 * themes, dot votes on them, solutions (løsninger) per prioritised obstacle
 * and votes on those. A merged duplicate points at the obstacle it was merged
 * into and no longer counts; its votes move there.
 */
export const workshopObstacles = pgTable(
  "workshop_obstacles",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workshopId: uuid("workshop_id")
      .notNull()
      .references(() => workshops.id, { onDelete: "cascade" }),
    theme: text("theme", { enum: obstacleThemes }).notNull(),
    text: text("text").notNull(),
    /** Who added it (null when the facilitator wrote it up without taking part, or the participant was removed). */
    participantId: uuid("participant_id").references(() => workshopParticipants.id, { onDelete: "set null" }),
    createdByUserId: uuid("created_by_user_id").references(() => users.id, { onDelete: "set null" }),
    mergedIntoId: uuid("merged_into_id").references((): AnyPgColumn => workshopObstacles.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("workshop_obstacles_workshop_idx").on(t.workshopId, t.theme), index("workshop_obstacles_theme_idx").on(t.theme)],
);

export const workshopObstacleVotes = pgTable(
  "workshop_obstacle_votes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workshopId: uuid("workshop_id")
      .notNull()
      .references(() => workshops.id, { onDelete: "cascade" }),
    obstacleId: uuid("obstacle_id")
      .notNull()
      .references(() => workshopObstacles.id, { onDelete: "cascade" }),
    participantId: uuid("participant_id")
      .notNull()
      .references(() => workshopParticipants.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("workshop_obstacle_votes_uq").on(t.obstacleId, t.participantId),
    index("workshop_obstacle_votes_participant_idx").on(t.workshopId, t.participantId),
  ],
);

export const workshopSolutions = pgTable(
  "workshop_solutions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workshopId: uuid("workshop_id")
      .notNull()
      .references(() => workshops.id, { onDelete: "cascade" }),
    obstacleId: uuid("obstacle_id")
      .notNull()
      .references(() => workshopObstacles.id, { onDelete: "cascade" }),
    text: text("text").notNull(),
    participantId: uuid("participant_id").references(() => workshopParticipants.id, { onDelete: "set null" }),
    createdByUserId: uuid("created_by_user_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("workshop_solutions_obstacle_idx").on(t.obstacleId), index("workshop_solutions_workshop_idx").on(t.workshopId)],
);

export const workshopSolutionVotes = pgTable(
  "workshop_solution_votes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workshopId: uuid("workshop_id")
      .notNull()
      .references(() => workshops.id, { onDelete: "cascade" }),
    solutionId: uuid("solution_id")
      .notNull()
      .references(() => workshopSolutions.id, { onDelete: "cascade" }),
    participantId: uuid("participant_id")
      .notNull()
      .references(() => workshopParticipants.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("workshop_solution_votes_uq").on(t.solutionId, t.participantId),
    index("workshop_solution_votes_participant_idx").on(t.workshopId, t.participantId),
  ],
);

/**
 * Settings for running a workshop that only this part uses: how many of the
 * top-voted obstacles go on to solutions (the facilitator chooses; 5 unless set).
 */
export const workshopRunSettings = pgTable(
  "workshop_run_settings",
  {
    workshopId: uuid("workshop_id")
      .primaryKey()
      .references(() => workshops.id, { onDelete: "cascade" }),
    prioritisedCount: integer("prioritised_count").notNull().default(5),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check("workshop_run_settings_prioritised", sql`${t.prioritisedCount} between 1 and 20`)],
);
