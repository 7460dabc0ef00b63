import { and, asc, count, desc, eq, inArray, isNull, or, sql, type SQL } from "drizzle-orm";
import { getDb, type Queryable } from "~/db/client.server.ts";
import { municipalities, needCommitments, needs, organizationMunicipalities, organizations } from "~/db/schema/index.ts";
import { AppError } from "~/lib/errors.ts";
import { clampPage, pageBounds, pageCount } from "~/lib/paging.ts";
import { isUuid, parseInput } from "~/lib/validation.ts";
import {
  canCoordinateMunicipality,
  coordinatedMunicipalities,
  isNationalAdmin,
  isOrganizationMember,
  type Actor,
  type UserActor,
} from "~/domain/auth/actor.ts";
import { recordAudit } from "~/domain/audit/audit.server.ts";
import { osloDate } from "~/domain/competence/working-days.ts";
import { extendNeedSchema, needSchema, newNeedSchema, type NeedListFilter } from "./needs.schema.ts";

/**
 * Needs (behov, issue 14): what a kommune or an organisation needs from others. Who may do what:
 * - the OWNER edits it, decides on commitments, closes or extends it: for a kommune's own need (organization_id null)
 *   that kommune's coordinators; for an organisation's need, that organisation's members; national admins for all;
 * - any organisation member may commit for their own organisation (not to their organisation's own need);
 * - everyone sees an open or fulfilled need's title, description and progress; the contact (e-mail, phone) only
 *   signed-in organisation members, the owner and those who coordinate the need's kommune; commitments' messages and
 *   who committed what only the owner; an organisation sees its own commitment.
 * A closed (withdrawn) need is seen only by its owner.
 */

export const NEEDS_PAGE_SIZE = 20;

export type NeedRow = typeof needs.$inferSelect;

/** Accepted quantity per need, as one SQL expression (no query per row). Written out with an alias: Drizzle leaves columns unqualified in a single-table select, and an unqualified "id" inside the subquery would be the commitment's. */
const acceptedSum = sql<number>`coalesce((select sum(nc.quantity) from need_commitments nc where nc.need_id = "needs"."id" and nc.status = 'accepted'), 0)::int`;

export function todayOf(now: Date): string {
  return osloDate(now);
}

/** The owner rule, from the need's own row. */
export function mayManageNeed(actor: Actor, need: Pick<NeedRow, "municipalityNumber" | "organizationId">): boolean {
  if (actor.kind !== "user") return false;
  if (isNationalAdmin(actor)) return true;
  if (need.organizationId === null) return coordinatedMunicipalities(actor).includes(need.municipalityNumber);
  return isOrganizationMember(actor, need.organizationId);
}

/** May see the need's contact e-mail and phone. */
export function maySeeNeedContact(actor: Actor, need: Pick<NeedRow, "municipalityNumber" | "organizationId">): boolean {
  if (actor.kind !== "user") return false;
  return mayManageNeed(actor, need) || actor.memberships.length > 0 || canCoordinateMunicipality(actor, need.municipalityNumber);
}

export async function loadNeed(db: Queryable, id: string): Promise<NeedRow> {
  if (!isUuid(id)) throw new AppError("not_found", "errors.notFound");
  const [row] = await db.select().from(needs).where(eq(needs.id, id));
  if (!row) throw new AppError("not_found", "errors.notFound");
  return row;
}

/** The need, for its owner; a need the actor may not even see is "not found", one they see but do not own "forbidden". */
export async function requireNeedOwner(actor: Actor, id: string, db: Queryable = getDb()): Promise<{ user: UserActor; need: NeedRow }> {
  if (actor.kind !== "user") throw new AppError("unauthenticated", "errors.unauthenticated");
  const need = await loadNeed(db, id);
  if (!mayManageNeed(actor, need))
    throw new AppError(need.status === "closed" ? "not_found" : "forbidden", need.status === "closed" ? "errors.notFound" : "errors.forbidden");
  return { user: actor, need };
}

/** Where the actor may post a need: as the kommune (coordinated kommuner) or as one of their organisations (its kommuner). */
export async function postingOptions(actor: Actor) {
  if (actor.kind !== "user") return { kommuner: [], organizations: [] };
  const own = coordinatedMunicipalities(actor);
  const orgIds = actor.memberships.map((m) => m.organizationId);
  const db = getDb();
  const [kommuner, orgRows] = await Promise.all([
    own.length
      ? db
          .select({ number: municipalities.number, name: municipalities.name })
          .from(municipalities)
          .where(inArray(municipalities.number, own))
          .orderBy(asc(municipalities.name))
      : Promise.resolve([]),
    orgIds.length
      ? db
          .select({ id: organizations.id, name: organizations.name, number: municipalities.number, municipalityName: municipalities.name })
          .from(organizations)
          .innerJoin(organizationMunicipalities, eq(organizationMunicipalities.organizationId, organizations.id))
          .innerJoin(municipalities, eq(municipalities.number, organizationMunicipalities.municipalityNumber))
          .where(inArray(organizations.id, orgIds))
          .orderBy(asc(organizations.name), asc(municipalities.name))
      : Promise.resolve([]),
  ]);
  const byOrg = new Map<string, { id: string; name: string; municipalities: { number: string; name: string }[] }>();
  for (const r of orgRows) {
    const o = byOrg.get(r.id) ?? { id: r.id, name: r.name, municipalities: [] };
    o.municipalities.push({ number: r.number, name: r.municipalityName });
    byOrg.set(r.id, o);
  }
  return { kommuner, organizations: [...byOrg.values()] };
}

function auditable(n: Partial<NeedRow>) {
  // Contact details stay out of the audit log's before/after: only what the need asks for.
  return { title: n.title, theme: n.theme, unit: n.unit, quantity: n.quantity, deadline: n.deadline, settlementMonth: n.settlementMonth, status: n.status };
}

/** Posts a need. The kommune and the posting organisation are checked against the actor's own scope. */
export async function createNeed(actor: Actor, raw: unknown, now = new Date()): Promise<{ id: string }> {
  if (actor.kind !== "user") throw new AppError("unauthenticated", "errors.unauthenticated");
  const options = await postingOptions(actor);
  if (options.kommuner.length === 0 && options.organizations.length === 0) throw new AppError("forbidden", "errors.forbidden");
  const input = parseInput(newNeedSchema, raw);
  const organizationId = input.owner === "kommune" ? null : input.owner;
  const allowed =
    organizationId === null
      ? options.kommuner.some((k) => k.number === input.municipalityNumber)
      : (options.organizations.find((o) => o.id === organizationId)?.municipalities.some((m) => m.number === input.municipalityNumber) ?? false);
  if (!allowed) {
    const field = organizationId !== null && !options.organizations.some((o) => o.id === organizationId) ? "owner" : "municipalityNumber";
    throw new AppError("validation", "common.errorSummary", { [field]: { key: field === "owner" ? "needs.error.owner" : "needs.error.municipality" } });
  }
  if (input.deadline < todayOf(now)) throw new AppError("validation", "common.errorSummary", { deadline: { key: "needs.error.deadlinePast" } });
  const { owner: _owner, ...fields } = input;
  return getDb().transaction(async (tx) => {
    const [row] = await tx
      .insert(needs)
      .values({ ...fields, organizationId, createdByUserId: actor.userId, createdAt: now, updatedAt: now })
      .returning();
    await recordAudit(tx, actor, { action: "need.created", entityType: "need", entityId: row!.id, organizationId, after: auditable(row!) });
    return { id: row!.id };
  });
}

/**
 * Sets the status from the accepted commitments after a change: an open need whose accepted commitments cover it is
 * fulfilled; a fulfilled one that no longer is (a withdrawn commitment, a raised quantity) opens again.
 */
export async function settleNeedStatus(tx: Queryable, needId: string, now: Date): Promise<"open" | "fulfilled" | "closed"> {
  const [row] = await tx.select({ status: needs.status, quantity: needs.quantity, accepted: acceptedSum }).from(needs).where(eq(needs.id, needId));
  if (!row || row.status === "closed") return row?.status ?? "closed";
  const next = row.accepted >= row.quantity ? "fulfilled" : "open";
  if (next !== row.status) {
    await tx
      .update(needs)
      .set({ status: next, closedAt: next === "fulfilled" ? now : null, updatedAt: now })
      .where(eq(needs.id, needId));
  }
  return next;
}

export async function updateNeed(actor: Actor, id: string, raw: unknown, now = new Date()): Promise<void> {
  const { user, need } = await requireNeedOwner(actor, id);
  if (need.status === "closed") throw new AppError("conflict", "needs.error.closed");
  const input = parseInput(needSchema, raw);
  // An unchanged deadline may lie in the past (the need has expired); a new one may not.
  if (input.deadline !== need.deadline && input.deadline < todayOf(now)) {
    throw new AppError("validation", "common.errorSummary", { deadline: { key: "needs.error.deadlinePast" } });
  }
  await getDb().transaction(async (tx) => {
    const [after] = await tx
      .update(needs)
      .set({ ...input, updatedAt: now })
      .where(eq(needs.id, id))
      .returning();
    await settleNeedStatus(tx, id, now);
    await recordAudit(tx, user, {
      action: "need.updated",
      entityType: "need",
      entityId: id,
      organizationId: need.organizationId,
      before: auditable(need),
      after: auditable(after!),
    });
  });
}

/** The owner withdraws an open (or fulfilled) need. */
export async function closeNeed(actor: Actor, id: string, now = new Date()): Promise<void> {
  const { user, need } = await requireNeedOwner(actor, id);
  if (need.status === "closed") throw new AppError("conflict", "needs.error.closed");
  await getDb().transaction(async (tx) => {
    await tx.update(needs).set({ status: "closed", closedAt: now, updatedAt: now }).where(eq(needs.id, id));
    await recordAudit(tx, user, {
      action: "need.closed",
      entityType: "need",
      entityId: id,
      organizationId: need.organizationId,
      before: { status: need.status },
      after: { status: "closed" },
    });
  });
}

/** The owner says an open need is met, even when the commitments do not add up to it. */
export async function markNeedFulfilled(actor: Actor, id: string, now = new Date()): Promise<void> {
  const { user, need } = await requireNeedOwner(actor, id);
  if (need.status !== "open") throw new AppError("conflict", "needs.error.notOpen");
  await getDb().transaction(async (tx) => {
    await tx
      .update(needs)
      .set({ status: "fulfilled", closedAt: now, updatedAt: now })
      .where(and(eq(needs.id, id), eq(needs.status, "open")));
    await recordAudit(tx, user, {
      action: "need.fulfilled",
      entityType: "need",
      entityId: id,
      organizationId: need.organizationId,
      before: { status: "open" },
      after: { status: "fulfilled" },
    });
  });
}

/** A new deadline for an open need (typically one whose deadline has passed); it must not lie in the past. */
export async function extendNeed(actor: Actor, id: string, raw: unknown, now = new Date()): Promise<void> {
  const { user, need } = await requireNeedOwner(actor, id);
  if (need.status !== "open") throw new AppError("conflict", "needs.error.notOpen");
  const { deadline } = parseInput(extendNeedSchema, raw);
  if (deadline < todayOf(now)) throw new AppError("validation", "common.errorSummary", { deadline: { key: "needs.error.deadlinePast" } });
  await getDb().transaction(async (tx) => {
    await tx.update(needs).set({ deadline, updatedAt: now }).where(eq(needs.id, id));
    await recordAudit(tx, user, {
      action: "need.extended",
      entityType: "need",
      entityId: id,
      organizationId: need.organizationId,
      before: { deadline: need.deadline },
      after: { deadline },
    });
  });
}

/** The needs the actor owns, as a condition (none for the anonymous). */
function ownedCondition(actor: Actor): SQL | null {
  if (actor.kind !== "user") return null;
  if (isNationalAdmin(actor)) return sql`true`;
  const parts: SQL[] = [];
  const kommuner = coordinatedMunicipalities(actor);
  if (kommuner.length) parts.push(and(isNull(needs.organizationId), inArray(needs.municipalityNumber, kommuner))!);
  const orgs = actor.memberships.map((m) => m.organizationId);
  if (orgs.length) parts.push(inArray(needs.organizationId, orgs));
  return parts.length ? (or(...parts) ?? null) : null;
}

/**
 * The list: open needs for everyone (filters: kommune, theme, settlement month), or with `egne` the needs the actor
 * owns in any status. Paged in SQL; the accepted quantity is one subquery per row in the same statement.
 */
export async function listNeeds(actor: Actor, filter: NeedListFilter, requestedPage: number) {
  const conditions: SQL[] = [];
  const owned = ownedCondition(actor);
  const ours = filter.egne && owned !== null;
  conditions.push(ours ? owned : eq(needs.status, "open"));
  if (filter.kommune) conditions.push(eq(needs.municipalityNumber, filter.kommune));
  if (filter.tema) conditions.push(eq(needs.theme, filter.tema));
  if (filter.bosetting) conditions.push(eq(needs.settlementMonth, `${filter.bosetting}-01`));
  const where = and(...conditions);
  const db = getDb();
  const [{ total }] = (await db.select({ total: count() }).from(needs).where(where)) as [{ total: number }];
  const pages = pageCount(total, NEEDS_PAGE_SIZE);
  const page = clampPage(requestedPage, pages);
  const { limit, offset } = pageBounds(page, NEEDS_PAGE_SIZE);
  const rows = await db
    .select({
      id: needs.id,
      title: needs.title,
      theme: needs.theme,
      unit: needs.unit,
      quantity: needs.quantity,
      deadline: needs.deadline,
      settlementMonth: needs.settlementMonth,
      status: needs.status,
      municipalityNumber: needs.municipalityNumber,
      municipalityName: municipalities.name,
      organizationName: organizations.name,
      accepted: acceptedSum,
    })
    .from(needs)
    .innerJoin(municipalities, eq(municipalities.number, needs.municipalityNumber))
    .leftJoin(organizations, eq(organizations.id, needs.organizationId))
    .where(where)
    .orderBy(asc(needs.deadline), desc(needs.createdAt), asc(needs.id))
    .limit(limit)
    .offset(offset);
  return { rows, total, page, pageCount: pages, ours, mayFilterOwn: owned !== null };
}

/** Settlement months that open needs are tied to, for the list's filter. */
export async function settlementMonthsInUse(): Promise<string[]> {
  const rows = await getDb()
    .selectDistinct({ month: needs.settlementMonth })
    .from(needs)
    .where(and(eq(needs.status, "open"), sql`${needs.settlementMonth} is not null`))
    .orderBy(asc(needs.settlementMonth))
    .limit(24);
  return rows.map((r) => r.month!.slice(0, 7));
}

/** Kommuner with open needs, for the list's filter. */
export async function municipalitiesWithNeeds() {
  return getDb()
    .selectDistinct({ number: municipalities.number, name: municipalities.name })
    .from(needs)
    .innerJoin(municipalities, eq(municipalities.number, needs.municipalityNumber))
    .where(eq(needs.status, "open"))
    .orderBy(asc(municipalities.name))
    .limit(400);
}

/** One need as the actor may see it (see the rules at the top of this file). */
export async function getNeed(actor: Actor, id: string, now = new Date()) {
  const db = getDb();
  const need = await loadNeed(db, id);
  const manage = mayManageNeed(actor, need);
  if (need.status === "closed" && !manage) throw new AppError("not_found", "errors.notFound");
  const [place] = await db
    .select({ municipalityName: municipalities.name, organizationName: organizations.name })
    .from(needs)
    .innerJoin(municipalities, eq(municipalities.number, needs.municipalityNumber))
    .leftJoin(organizations, eq(organizations.id, needs.organizationId))
    .where(eq(needs.id, id));
  const commitmentRows = await db
    .select({
      id: needCommitments.id,
      organizationId: needCommitments.organizationId,
      organizationName: organizations.name,
      quantity: needCommitments.quantity,
      fromDate: needCommitments.fromDate,
      message: needCommitments.message,
      status: needCommitments.status,
      createdAt: needCommitments.createdAt,
      decidedAt: needCommitments.decidedAt,
    })
    .from(needCommitments)
    .innerJoin(organizations, eq(organizations.id, needCommitments.organizationId))
    .where(eq(needCommitments.needId, id))
    .orderBy(asc(needCommitments.createdAt), asc(needCommitments.id));
  const accepted = commitmentRows.filter((c) => c.status === "accepted").reduce((s, c) => s + c.quantity, 0);
  const pending = commitmentRows.filter((c) => c.status === "pending").reduce((s, c) => s + c.quantity, 0);
  const myOrgIds = actor.kind === "user" ? actor.memberships.map((m) => m.organizationId) : [];
  const today = todayOf(now);
  const open = need.status === "open";
  const deadlinePassed = need.deadline < today;
  // Organisations the actor may commit for: their own, not the one that posted the need.
  const committers =
    actor.kind === "user" && open && !deadlinePassed
      ? (
          await (myOrgIds.length
            ? db
                .select({ id: organizations.id, name: organizations.name })
                .from(organizations)
                .where(inArray(organizations.id, myOrgIds))
                .orderBy(asc(organizations.name))
            : Promise.resolve([]))
        ).filter((o) => o.id !== need.organizationId)
      : [];
  const seeContact = maySeeNeedContact(actor, need);
  return {
    id: need.id,
    title: need.title,
    description: need.description,
    theme: need.theme,
    targetGroups: need.targetGroups,
    unit: need.unit,
    quantity: need.quantity,
    periodStart: need.periodStart,
    periodEnd: need.periodEnd,
    deadline: need.deadline,
    settlementMonth: need.settlementMonth,
    status: need.status,
    municipalityNumber: need.municipalityNumber,
    municipalityName: place?.municipalityName ?? "",
    postedBy: need.organizationId === null ? null : { id: need.organizationId, name: place?.organizationName ?? "" },
    contact: seeContact ? { name: need.contactName, email: need.contactEmail, phone: need.contactPhone } : null,
    progress: { accepted, pending: manage ? pending : null },
    /** Open and its deadline has passed: the owner is asked to close or extend it. */
    expired: open && deadlinePassed,
    /** Every commitment (owner only). */
    commitments: manage ? commitmentRows : null,
    /** The actor's own organisations' commitments (what they committed, its status). */
    ownCommitments: commitmentRows.filter((c) => myOrgIds.includes(c.organizationId)),
    committers,
    may: { manage, commit: committers.length > 0 },
  };
}

export type NeedView = Awaited<ReturnType<typeof getNeed>>;

/** The fields of the edit form, for the owner. */
export async function getNeedForEdit(actor: Actor, id: string) {
  const { need } = await requireNeedOwner(actor, id);
  if (need.status === "closed") throw new AppError("not_found", "errors.notFound");
  return need;
}
