import { sql } from "drizzle-orm";
import { boolean, char, index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./auth.ts";
import { municipalities } from "./reference.ts";
import { organizationIdColumn } from "./organizations.ts";
import { activityIdColumn } from "./activities.ts";
import { storyStatuses } from "../../domain/stories/stories.constants.ts";

/**
 * A good-practice story (erfaring) an organisation tells about one of its
 * activities (issue 12). The activity's kommune (and its fylke) are copied in
 * when the story is written: the kommune's coordinators review it, and the
 * public lists find "others in your fylke" by them.
 */
export const stories = pgTable(
  "stories",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: organizationIdColumn(),
    activityId: activityIdColumn(),
    municipalityNumber: char("municipality_number", { length: 4 })
      .notNull()
      .references(() => municipalities.number),
    countyNumber: char("county_number", { length: 2 }).notNull(),
    title: text("title").notNull(),
    whatWasDone: text("what_was_done").notNull(),
    forWhom: text("for_whom").notNull(),
    whatWorked: text("what_worked").notNull(),
    whatDidNotWork: text("what_did_not_work").notNull().default(""),
    cost: text("cost").notNull().default(""),
    contactName: text("contact_name").notNull(),
    contactEmail: text("contact_email"),
    contactPhone: text("contact_phone"),
    /** Competence topics (app/domain/competence/topics.ts). */
    topics: text("topics")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** The activity's themes when the story was written, so similar activities find it. */
    activityThemes: text("activity_themes")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    status: text("status", { enum: storyStatuses }).notNull().default("pending"),
    reviewComment: text("review_comment"),
    reviewedBy: uuid("reviewed_by").references(() => users.id, { onDelete: "set null" }),
    reviewedAt: timestamp("reviewed_at", { withTimezone: true }),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    isDemo: boolean("is_demo").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("stories_municipality_status_idx").on(t.municipalityNumber, t.status),
    index("stories_county_status_idx").on(t.countyNumber, t.status),
    index("stories_organization_idx").on(t.organizationId),
    index("stories_activity_idx").on(t.activityId),
  ],
);
