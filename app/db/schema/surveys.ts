import { sql } from "drizzle-orm";
import { boolean, char, index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./auth.ts";
import { organizationIdColumn } from "./organizations.ts";
import { surveySenderLevels, urgencies } from "../../domain/surveys/surveys.constants.ts";
import { organizationKinds } from "../../domain/organizations/organizations.constants.ts";

/** Whom a survey was sent to, as the sender chose them. */
export interface SurveyCriteria {
  kinds: string[];
  municipalities: string[];
  counties: string[];
}

/**
 * A competence-needs survey (issue 12) sent by IMDi or a fylkeskommune to
 * organisations chosen by kind, kommune or fylke. A fylkeskommune's survey
 * carries its county number: its advisors see only their own.
 */
export const surveys = pgTable(
  "surveys",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    title: text("title").notNull(),
    intro: text("intro").notNull().default(""),
    senderLevel: text("sender_level", { enum: surveySenderLevels }).notNull(),
    countyNumber: char("county_number", { length: 2 }),
    criteria: jsonb("criteria").$type<SurveyCriteria>().notNull(),
    closesAt: timestamp("closes_at", { withTimezone: true }).notNull(),
    closedAt: timestamp("closed_at", { withTimezone: true }),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    isDemo: boolean("is_demo").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("surveys_county_idx").on(t.countyNumber)],
);

/**
 * One organisation a survey went to. The link's token is stored only as its
 * SHA-256. Kind and fylke are copied in when it is sent, so results group by
 * what the organisation was then.
 */
export const surveyRecipients = pgTable(
  "survey_recipients",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    surveyId: uuid("survey_id")
      .notNull()
      .references(() => surveys.id, { onDelete: "cascade" }),
    organizationId: organizationIdColumn(),
    tokenHash: text("token_hash").notNull(),
    email: text("email").notNull(),
    kind: text("kind", { enum: organizationKinds }).notNull(),
    countyNumber: char("county_number", { length: 2 }).notNull(),
    sentAt: timestamp("sent_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("survey_recipients_survey_org_idx").on(t.surveyId, t.organizationId), uniqueIndex("survey_recipients_token_idx").on(t.tokenHash)],
);

/** An organisation's answer: one per recipient (the primary key), changeable until the survey closes. */
export const surveyAnswers = pgTable("survey_answers", {
  recipientId: uuid("recipient_id")
    .primaryKey()
    .references(() => surveyRecipients.id, { onDelete: "cascade" }),
  topics: text("topics")
    .array()
    .notNull()
    .default(sql`'{}'::text[]`),
  forms: text("forms")
    .array()
    .notNull()
    .default(sql`'{}'::text[]`),
  urgency: text("urgency", { enum: urgencies }).notNull(),
  answeredAt: timestamp("answered_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});
