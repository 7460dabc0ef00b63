import { and, asc, desc, eq, lt, type SQL } from "drizzle-orm";
import { getDb, type Queryable } from "~/db/client.server.ts";
import { auditLog } from "~/db/schema/index.ts";
import { AppError } from "~/lib/errors.ts";
import { isNationalAdmin, isOrganizationAdmin, type Actor } from "~/domain/auth/actor.ts";
import { auditChanges } from "./audit-changes.ts";

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

/**
 * "This is still right": an organisation or activity confirmed as current.
 * `stamp` moves its lastConfirmedAt; the audit entry records just that, in
 * the same transaction.
 */
export async function confirmAsCurrent(
  actor: Actor,
  entry: Pick<AuditEntryInput, "action" | "entityType" | "entityId" | "organizationId">,
  previous: Date | null,
  now: Date,
  stamp: (tx: Queryable) => Promise<unknown>,
): Promise<void> {
  await getDb().transaction(async (tx) => {
    await stamp(tx);
    await recordAudit(tx, actor, { ...entry, before: { lastConfirmedAt: previous }, after: { lastConfirmedAt: now } });
  });
}

export const AUDIT_PAGE_SIZE = 50;

/** A page of entries newest first, `before` being the cursor (an entry id). */
async function auditPage<T extends { id: number }>(
  select: (filter: SQL | undefined) => Promise<T[]>,
  filters: SQL[],
  before: number | undefined,
): Promise<{ entries: T[]; nextBefore: number | null }> {
  if (before) filters.push(lt(auditLog.id, before));
  const rows = await select(and(...filters));
  return {
    entries: rows.slice(0, AUDIT_PAGE_SIZE),
    nextBefore: rows.length > AUDIT_PAGE_SIZE ? rows[AUDIT_PAGE_SIZE - 1]!.id : null,
  };
}

/**
 * The full audit log, for national admins: every column its page shows
 * (the IP address among them), newest first; `before` is the cursor (an entry
 * id), `action`/`entityType` narrow the list. The actor's user id and the
 * organisation id stay on the server: the page shows neither.
 */
export async function listAuditEntries(actor: Actor, options: { before?: number; action?: string; entityType?: string } = {}) {
  if (!isNationalAdmin(actor)) throw new AppError(actor.kind === "user" ? "forbidden" : "unauthenticated", "errors.forbidden");
  const filters: SQL[] = [];
  if (options.action) filters.push(eq(auditLog.action, options.action));
  if (options.entityType) filters.push(eq(auditLog.entityType, options.entityType));
  return auditPage(
    (where) =>
      getDb()
        .select({
          id: auditLog.id,
          at: auditLog.at,
          actorEmail: auditLog.actorEmail,
          action: auditLog.action,
          entityType: auditLog.entityType,
          entityId: auditLog.entityId,
          before: auditLog.before,
          after: auditLog.after,
          ip: auditLog.ip,
        })
        .from(auditLog)
        .where(where)
        .orderBy(desc(auditLog.id))
        .limit(AUDIT_PAGE_SIZE + 1),
    filters,
    options.before,
  );
}

/**
 * An organisation's entries, for its admins and national admins, as its log
 * page shows them: when, who (by e-mail), what, and the fields that changed
 * (auditChanges). No IP address, user id, entity id or whole snapshot: the
 * page shows none of them, and an organisation admin may not read them.
 */
export async function listOrganizationAuditEntries(actor: Actor, organizationId: string, options: { before?: number } = {}) {
  if (!isNationalAdmin(actor) && !isOrganizationAdmin(actor, organizationId)) {
    throw new AppError(actor.kind === "user" ? "forbidden" : "unauthenticated", "errors.forbidden");
  }
  const page = await auditPage(
    (where) =>
      getDb()
        .select({ id: auditLog.id, at: auditLog.at, actorEmail: auditLog.actorEmail, action: auditLog.action, before: auditLog.before, after: auditLog.after })
        .from(auditLog)
        .where(where)
        .orderBy(desc(auditLog.id))
        .limit(AUDIT_PAGE_SIZE + 1),
    [eq(auditLog.organizationId, organizationId)],
    options.before,
  );
  return {
    entries: page.entries.map(({ before, after, ...entry }) => ({ ...entry, changes: auditChanges(before, after) })),
    nextBefore: page.nextBefore,
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
