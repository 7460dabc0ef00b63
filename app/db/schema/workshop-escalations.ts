import { sql } from "drizzle-orm";
import { char, check, index, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./auth.ts";
import { counties } from "./reference.ts";
import { workshopObstacles } from "./workshop-run.ts";
import { workshops } from "./workshops.ts";
import { obstacleThemes } from "../../domain/workshops/workshops.constants.ts";
import { escalationLevels, escalationStatuses } from "../../domain/workshops/escalations.constants.ts";

/**
 * An obstacle a workshop hands up because it needs a change above the kommune
 * (issue 13): to the fylkeskommune or to IMDi. The obstacle's wording is kept
 * as the workshop wrote it then, so a later edit in the room does not change
 * what the receiving body answered. A fylkeskommune may pass it on to IMDi
 * with a reason; the answer goes back to the workshop.
 */
export const workshopEscalations = pgTable(
  "workshop_escalations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workshopId: uuid("workshop_id")
      .notNull()
      .references(() => workshops.id, { onDelete: "cascade" }),
    obstacleId: uuid("obstacle_id")
      .notNull()
      .references(() => workshopObstacles.id, { onDelete: "cascade" }),
    theme: text("theme", { enum: obstacleThemes }).notNull(),
    obstacleText: text("obstacle_text").notNull(),
    /** What the workshop asks of the body above, in its own words (may be empty). */
    note: text("note").notNull().default(""),
    level: text("level", { enum: escalationLevels }).notNull(),
    countyNumber: char("county_number", { length: 2 }).references(() => counties.number),
    /** Set when a fylkeskommune passed it on to IMDi: why. */
    passedOnReason: text("passed_on_reason"),
    passedOnAt: timestamp("passed_on_at", { withTimezone: true }),
    passedOnByUserId: uuid("passed_on_by_user_id").references(() => users.id, { onDelete: "set null" }),
    status: text("status", { enum: escalationStatuses }).notNull().default("open"),
    answer: text("answer"),
    answeredAt: timestamp("answered_at", { withTimezone: true }),
    answeredByUserId: uuid("answered_by_user_id").references(() => users.id, { onDelete: "set null" }),
    createdByUserId: uuid("created_by_user_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("workshop_escalations_obstacle_uq").on(t.obstacleId),
    index("workshop_escalations_workshop_idx").on(t.workshopId),
    index("workshop_escalations_body_idx").on(t.level, t.countyNumber, t.status),
    check(
      "workshop_escalations_body",
      sql`(${t.level} = 'county' and ${t.countyNumber} is not null) or (${t.level} = 'national' and ${t.countyNumber} is null)`,
    ),
    check("workshop_escalations_answer", sql`(${t.status} = 'open') = (${t.answeredAt} is null)`),
  ],
);
