import { sql } from "drizzle-orm";
import { char, check, date, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { activityThemes, targetGroups } from "../../domain/activities/activities.constants.ts";
import { commitmentStatuses, needStatuses, needUnits } from "../../domain/needs/needs.constants.ts";
import { users } from "./auth.ts";
import { organizations } from "./organizations.ts";
import { municipalities } from "./reference.ts";

/**
 * A need (behov, issue 14): a kommune or an organisation says what it needs
 * from others ("20 housing-guidance volunteers for families settled in
 * March"). Posted by the kommune itself (organization_id null: its
 * coordinators own it) or by an organisation (its members own it).
 */
export const needs = pgTable(
  "needs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    municipalityNumber: char("municipality_number", { length: 4 })
      .notNull()
      .references(() => municipalities.number),
    /** The posting organisation; null = posted by the kommune (its coordinators own it). */
    organizationId: uuid("organization_id").references(() => organizations.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    theme: text("theme", { enum: activityThemes }).notNull(),
    targetGroups: text("target_groups", { enum: targetGroups })
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    unit: text("unit", { enum: needUnits }).notNull(),
    quantity: integer("quantity").notNull(),
    periodStart: date("period_start", { mode: "string" }).notNull(),
    periodEnd: date("period_end", { mode: "string" }),
    /** Answer by this day; after it an open need asks its owner to close or extend it. */
    deadline: date("deadline", { mode: "string" }).notNull(),
    /** Tied to a settlement period: the first day of the month the families arrive ("families arriving in March"). */
    settlementMonth: date("settlement_month", { mode: "string" }),
    contactName: text("contact_name").notNull(),
    contactEmail: text("contact_email"),
    contactPhone: text("contact_phone"),
    status: text("status", { enum: needStatuses }).notNull().default("open"),
    closedAt: timestamp("closed_at", { withTimezone: true }),
    /** Set when the "deadline passed: close or extend" reminder went out for the deadline in expiryReminderFor (once per deadline). */
    expiryReminderSentAt: timestamp("expiry_reminder_sent_at", { withTimezone: true }),
    expiryReminderFor: date("expiry_reminder_for", { mode: "string" }),
    createdByUserId: uuid("created_by_user_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("needs_municipality_idx").on(t.municipalityNumber, t.status, t.deadline),
    index("needs_organization_idx").on(t.organizationId),
    check("needs_quantity", sql`${t.quantity} between 1 and 10000`),
    check("needs_period", sql`${t.periodEnd} is null or ${t.periodEnd} >= ${t.periodStart}`),
    check("needs_contact", sql`${t.contactEmail} is not null or ${t.contactPhone} is not null`),
  ],
);

/** An organisation's answer to a need: how many, from when, a message; the need's owner accepts or declines it. */
export const needCommitments = pgTable(
  "need_commitments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    needId: uuid("need_id")
      .notNull()
      .references(() => needs.id, { onDelete: "cascade" }),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    quantity: integer("quantity").notNull(),
    fromDate: date("from_date", { mode: "string" }).notNull(),
    message: text("message").notNull().default(""),
    status: text("status", { enum: commitmentStatuses }).notNull().default("pending"),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    decidedByUserId: uuid("decided_by_user_id").references(() => users.id, { onDelete: "set null" }),
    createdByUserId: uuid("created_by_user_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("need_commitments_need_idx").on(t.needId, t.status),
    index("need_commitments_organization_idx").on(t.organizationId),
    /** One live commitment per organisation and need: a second answer edits the first. */
    uniqueIndex("need_commitments_one_live")
      .on(t.needId, t.organizationId)
      .where(sql`${t.status} in ('pending', 'accepted')`),
    check("need_commitments_quantity", sql`${t.quantity} between 1 and 10000`),
  ],
);
