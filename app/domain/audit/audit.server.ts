import { and, asc, desc, eq, lt, type SQL } from "drizzle-orm";
import { getDb, type Queryable } from "~/db/client.server.ts";
import { auditLog } from "~/db/schema/index.ts";
import { AppError } from "~/lib/errors.ts";
import { isNationalAdmin, isOrganizationAdmin, type Actor } from "~/domain/auth/actor.ts";

export interface AuditEntryInput {
  action: string;
  entityType: string;
  entityId?: string | null;
  organizationId?: string | null;
  before?: unknown;
  after?: unknown;
}

/** Fields never written to the audit log, whatever the entity. */
const secretFields = new Set(["passwordHash", "password", "token", "codeVerifier"]);

function scrub(value: unknown): unknown {
  if (value === undefined) return null;
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map(scrub);
  if (value instanceof Date) return value.toISOString();
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>)
      .filter(([k]) => !secretFields.has(k))
      .map(([k, v]) => [k, scrub(v)]),
  );
}

/** Records who changed what. Call it inside the same transaction as the change. */
export async function recordAudit(db: Queryable, actor: Actor, entry: AuditEntryInput): Promise<void> {
  await db.insert(auditLog).values({
    actorUserId: actor.kind === "user" ? actor.userId : null,
    actorEmail: actor.kind === "user" ? actor.email : null,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId ?? null,
    organizationId: entry.organizationId ?? null,
    before: scrub(entry.before),
    after: scrub(entry.after),
    ip: actor.ip,
  });
}

export const AUDIT_PAGE_SIZE = 50;

/**
 * Audit entries the actor may read: national admins read everything,
 * organisation admins the entries about their organisation. Newest first;
 * `before` is the cursor (an entry id), `action`/`entityType` narrow the list.
 */
export async function listAuditEntries(
  actor: Actor,
  options: { organizationId?: string; before?: number; action?: string; entityType?: string } = {},
) {
  const filters: SQL[] = [];
  if (options.organizationId) {
    if (!isNationalAdmin(actor) && !isOrganizationAdmin(actor, options.organizationId)) {
      throw new AppError("forbidden", "errors.forbidden");
    }
    filters.push(eq(auditLog.organizationId, options.organizationId));
  } else if (!isNationalAdmin(actor)) {
    throw new AppError(actor.kind === "user" ? "forbidden" : "unauthenticated", "errors.forbidden");
  }
  if (options.before) filters.push(lt(auditLog.id, options.before));
  if (options.action) filters.push(eq(auditLog.action, options.action));
  if (options.entityType) filters.push(eq(auditLog.entityType, options.entityType));
  const rows = await getDb()
    .select()
    .from(auditLog)
    .where(and(...filters))
    .orderBy(desc(auditLog.id))
    .limit(AUDIT_PAGE_SIZE + 1);
  return {
    entries: rows.slice(0, AUDIT_PAGE_SIZE),
    nextBefore: rows.length > AUDIT_PAGE_SIZE ? rows[AUDIT_PAGE_SIZE - 1]!.id : null,
  };
}

/** The actions and entity types that occur in the log, for the national admin's filter. */
export async function listAuditFacets(actor: Actor) {
  if (!isNationalAdmin(actor)) throw new AppError(actor.kind === "user" ? "forbidden" : "unauthenticated", "errors.forbidden");
  const db = getDb();
  const [actions, entityTypes] = await Promise.all([
    db.selectDistinct({ value: auditLog.action }).from(auditLog).orderBy(asc(auditLog.action)),
    db.selectDistinct({ value: auditLog.entityType }).from(auditLog).orderBy(asc(auditLog.entityType)),
  ]);
  return { actions: actions.map((r) => r.value), entityTypes: entityTypes.map((r) => r.value) };
}
