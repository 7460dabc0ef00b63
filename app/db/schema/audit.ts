import { pgTable, text, timestamp, uuid, bigserial, jsonb, index } from "drizzle-orm/pg-core";

/**
 * Every change to shared data: who, when, what, before and after.
 * Actor id is kept as plain text (not a foreign key) so entries survive account deletion.
 */
export const auditLog = pgTable(
  "audit_log",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    actorUserId: uuid("actor_user_id"),
    actorEmail: text("actor_email"),
    action: text("action").notNull(),
    entityType: text("entity_type").notNull(),
    entityId: text("entity_id"),
    /** The organisation the change concerns, so organisation admins can read their own entries. */
    organizationId: uuid("organization_id"),
    before: jsonb("before"),
    after: jsonb("after"),
    ip: text("ip"),
  },
  (t) => [index("audit_log_at_idx").on(t.at), index("audit_log_org_idx").on(t.organizationId, t.at)],
);
