import { pgTable, text, timestamp, uuid, index } from "drizzle-orm/pg-core";

/** Every e-mail Samspill sends. Without SMTP settings this is the dev outbox. */
export const outboundEmails = pgTable(
  "outbound_emails",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    to: text("to").notNull(),
    subject: text("subject").notNull(),
    text: text("text").notNull(),
    transport: text("transport", { enum: ["smtp", "dev_outbox"] }).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    error: text("error"),
  },
  (t) => [index("outbound_emails_created_idx").on(t.createdAt)],
);
