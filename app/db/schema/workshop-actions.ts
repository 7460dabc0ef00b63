import { sql } from "drizzle-orm";
import { check, date, index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./auth.ts";
import { organizations } from "./organizations.ts";
import { workshopSolutions } from "./workshop-run.ts";
import { workshops } from "./workshops.ts";

/** not_started → in_progress → done, or dropped. Free of Drizzle types so pages can import the list. */
export const workshopActionStatuses = ["not_started", "in_progress", "done", "dropped"] as const;
export type WorkshopActionStatus = (typeof workshopActionStatuses)[number];

/** What the change log records: the follow-up session's "what moved since last time" reads these, not guesses. */
export const workshopActionChangeKinds = ["created", "status", "deadline", "note", "edited", "deleted"] as const;
export type WorkshopActionChangeKind = (typeof workshopActionChangeKinds)[number];

/**
 * The action plan of a workshop (issue 13): actions, most made from a
 * solution, each owned by an organisation from the register with a named
 * contact and a deadline. Follow-up (status, notes) goes on after the
 * workshop closes.
 */
export const workshopActions = pgTable(
  "workshop_actions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workshopId: uuid("workshop_id")
      .notNull()
      .references(() => workshops.id, { onDelete: "cascade" }),
    solutionId: uuid("solution_id").references(() => workshopSolutions.id, { onDelete: "set null" }),
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    ownerOrganizationId: uuid("owner_organization_id")
      .notNull()
      .references(() => organizations.id),
    contactName: text("contact_name").notNull(),
    /** Entered by a workshop manager as the owner's contact: reminders go here (informing, not acting on the address's behalf). */
    contactEmail: text("contact_email"),
    contactPhone: text("contact_phone"),
    deadline: date("deadline", { mode: "string" }).notNull(),
    status: text("status", { enum: workshopActionStatuses }).notNull().default("not_started"),
    /** Set when the "deadline soon" reminder went out for the deadline in dueReminderFor, so a second run sends none; a moved deadline gets a new one. */
    dueReminderSentAt: timestamp("due_reminder_sent_at", { withTimezone: true }),
    dueReminderFor: date("due_reminder_for", { mode: "string" }),
    overdueReminderSentAt: timestamp("overdue_reminder_sent_at", { withTimezone: true }),
    overdueReminderFor: date("overdue_reminder_for", { mode: "string" }),
    createdByUserId: uuid("created_by_user_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("workshop_actions_workshop_idx").on(t.workshopId, t.deadline),
    index("workshop_actions_owner_idx").on(t.ownerOrganizationId),
    check("workshop_actions_contact", sql`${t.contactEmail} is not null or ${t.contactPhone} is not null`),
  ],
);

/** Dated progress notes; who wrote them is shown by body or organisation (author_label), not by person. */
export const workshopActionNotes = pgTable(
  "workshop_action_notes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    actionId: uuid("action_id")
      .notNull()
      .references(() => workshopActions.id, { onDelete: "cascade" }),
    text: text("text").notNull(),
    authorLabel: text("author_label").notNull(),
    authorOrganizationId: uuid("author_organization_id").references(() => organizations.id, { onDelete: "set null" }),
    authorUserId: uuid("author_user_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("workshop_action_notes_action_idx").on(t.actionId, t.createdAt)],
);

/** The action plan's change log; a deleted action keeps its entries (action_id set null, the title kept). */
export const workshopActionChanges = pgTable(
  "workshop_action_changes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workshopId: uuid("workshop_id")
      .notNull()
      .references(() => workshops.id, { onDelete: "cascade" }),
    actionId: uuid("action_id").references(() => workshopActions.id, { onDelete: "set null" }),
    actionTitle: text("action_title").notNull(),
    kind: text("kind", { enum: workshopActionChangeKinds }).notNull(),
    fromValue: text("from_value"),
    toValue: text("to_value"),
    actorUserId: uuid("actor_user_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("workshop_action_changes_workshop_idx").on(t.workshopId, t.createdAt)],
);
