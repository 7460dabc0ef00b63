import { and, asc, count, desc, eq, getTableColumns, inArray, ne, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { getDb, type Queryable } from "~/db/client.server.ts";
import { municipalities, organizationMunicipalities, organizations, placements } from "~/db/schema/index.ts";
import { AppError } from "~/lib/errors.ts";
import { clampPage, pageBounds, pageCount } from "~/lib/paging.ts";
import { isUuid, parseInput } from "~/lib/validation.ts";
import { type Actor, type UserActor } from "~/domain/auth/actor.ts";
import { recordAudit } from "~/domain/audit/audit.server.ts";
import type { OrganizationKind } from "~/domain/organizations/organizations.constants.ts";
import { editPlacementSchema, newPlacementSchema, type PlacementFilters } from "./placements.schema.ts";
import { scheduleDefaultCheckins } from "./checkins.server.ts";

/**
 * Employers' placements (issue 14): practice placements, jobs, apprenticeships, mentoring and language practice at
 * work — their own kind of thing, not activities (no price, no calendar).
 *
 * Who may do what:
 * - anyone reads a public placement that is not withdrawn (its description and the employer's own contact), and the
 *   list of open public ones;
 * - members of the employer organisation post placements for it, read everything about their own, and edit them;
 * - the follow-up contact — members of the named kommune unit or NAV office, and, where it is a kommune unit, the
 *   placement's kommune's coordinators — reads everything about the placements naming them and confirms ("we will
 *   follow up") or declines;
 * - nobody else sees the follow-up status, the incentive request or a placement that is not public; not another
 *   kommune's coordinators, not county advisors, not national admins (the employer chose whom to tell).
 * The scope always comes from the rows (the placement's employer, follow-up organisation and kommune), never from a
 * form's hidden field.
 */

export const PLACEMENTS_PAGE_SIZE = 20;
export const FOLLOW_UP_PAGE_SIZE = 20;
/** The kinds of organisation that can be a placement's public follow-up contact. */
export const followUpOrganizationKinds = ["municipality_unit", "nav_office"] as const satisfies readonly OrganizationKind[];
/** The kinds of organisation that post placements. */
export const employerOrganizationKinds = ["employer"] as const satisfies readonly OrganizationKind[];

type PlacementRow = typeof placements.$inferSelect;

const followUpOrg = alias(organizations, "follow_up_org");

function requireSignedIn(actor: Actor): UserActor {
  if (actor.kind !== "user") throw new AppError("unauthenticated", "errors.unauthenticated");
  return actor;
}

function notFound(): AppError {
  return new AppError("not_found", "errors.notFound");
}

/** What decides who may see and do what with a placement, read from its row (never from the form). */
export interface PlacementScope {
  employerOrganizationId: string;
  followUpOrganizationId: string | null;
  followUpOrganizationKind: OrganizationKind | null;
  municipalityNumber: string;
}

export function isPlacementEmployer(actor: Actor, scope: Pick<PlacementScope, "employerOrganizationId">): boolean {
  return actor.kind === "user" && actor.memberships.some((m) => m.organizationId === scope.employerOrganizationId);
}

/** Members of the follow-up organisation; for a kommune unit also the placement's kommune's own coordinators. */
export function isPlacementFollowUpContact(actor: Actor, scope: PlacementScope): boolean {
  if (actor.kind !== "user" || scope.followUpOrganizationId === null) return false;
  if (actor.memberships.some((m) => m.organizationId === scope.followUpOrganizationId)) return true;
  return (
    scope.followUpOrganizationKind === "municipality_unit" &&
    actor.roles.some((r) => r.role === "municipal_coordinator" && r.municipalityNumber === scope.municipalityNumber)
  );
}

const detailColumns = {
  employerName: organizations.name,
  followUpOrganizationName: followUpOrg.name,
  followUpOrganizationKind: followUpOrg.kind,
  municipalityName: municipalities.name,
};

async function loadPlacement(db: Queryable, id: string) {
  if (!isUuid(id)) return null;
  const [found] = await db
    .select({ ...getTableColumns(placements), ...detailColumns })
    .from(placements)
    .innerJoin(organizations, eq(organizations.id, placements.employerOrganizationId))
    .innerJoin(municipalities, eq(municipalities.number, placements.municipalityNumber))
    .leftJoin(followUpOrg, eq(followUpOrg.id, placements.followUpOrganizationId))
    .where(eq(placements.id, id));
  if (!found) return null;
  const { employerName, followUpOrganizationName, followUpOrganizationKind, municipalityName, ...row } = found;
  return { row: row as PlacementRow, employerName, followUpOrganizationName, followUpOrganizationKind, municipalityName };
}

function scopeOf(found: { row: PlacementRow; followUpOrganizationKind: OrganizationKind | null }): PlacementScope {
  return {
    employerOrganizationId: found.row.employerOrganizationId,
    followUpOrganizationId: found.row.followUpOrganizationId,
    followUpOrganizationKind: found.followUpOrganizationKind,
    municipalityNumber: found.row.municipalityNumber,
  };
}

export type PlacementAccess = "employer" | "follow_up" | "public";

/**
 * A placement and how the actor reads it — for the other placement modules too (check-ins, outcomes): "employer"
 * and "follow_up" see everything, "public" only what the public page shows. A placement the actor may not see at all
 * is not found (404), as is a malformed id.
 */
export async function placementWithAccess(actor: Actor, id: string, db: Queryable = getDb()) {
  const found = await loadPlacement(db, id);
  if (!found) throw notFound();
  const scope = scopeOf(found);
  const isPublicNow = found.row.isPublic && found.row.status !== "withdrawn";
  let access: PlacementAccess;
  if (isPlacementEmployer(actor, scope)) access = "employer";
  else if (isPlacementFollowUpContact(actor, scope)) access = "follow_up";
  else if (isPublicNow) access = "public";
  else throw notFound();
  return { ...found, scope, access };
}

/** The placement page: everything for the employer and the follow-up contact; for everyone else the public part only. */
export async function getPlacement(actor: Actor, id: string) {
  const { row, employerName, followUpOrganizationName, municipalityName, access } = await placementWithAccess(actor, id);
  const common = {
    id: row.id,
    kind: row.kind,
    title: row.title,
    occupation: row.occupation,
    sector: row.sector,
    description: row.description,
    municipalityNumber: row.municipalityNumber,
    municipalityName,
    periodStart: row.periodStart,
    periodEnd: row.periodEnd,
    languageRequirement: row.languageRequirement,
    places: row.places,
    status: row.status,
    employerOrganizationId: row.employerOrganizationId,
    employerName,
    // The employer's own contact for the placement: public by design (people apply through it).
    contactName: row.contactName,
    contactEmail: row.contactEmail,
    contactPhone: row.contactPhone,
  };
  if (access === "public") {
    // The public learns that the public side follows the placement up only once it has said yes.
    return { access, ...common, followUpOrganizationName: row.followUpStatus === "confirmed" ? followUpOrganizationName : null, internal: null };
  }
  return {
    access,
    ...common,
    followUpOrganizationName,
    internal: {
      isPublic: row.isPublic,
      supportNeeds: row.supportNeeds,
      followUpStatus: row.followUpStatus,
      followUpAnsweredAt: row.followUpAnsweredAt,
      incentivesRequested: row.incentivesRequested,
      incentiveRequestMessage: row.incentiveRequestMessage,
      incentiveRequestedAt: row.incentiveRequestedAt,
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
    },
  };
}

/** One page of the open public placements, newest first, by kommune, kind and sector. Public. */
export async function listPublicPlacements(filters: PlacementFilters, page = 1) {
  const db = getDb();
  const where = and(
    eq(placements.isPublic, true),
    eq(placements.status, "open"),
    filters.municipalityNumber ? eq(placements.municipalityNumber, filters.municipalityNumber) : undefined,
    filters.kind ? eq(placements.kind, filters.kind) : undefined,
    filters.sector ? eq(placements.sector, filters.sector) : undefined,
  );
  const [{ total } = { total: 0 }] = await db.select({ total: count() }).from(placements).where(where);
  const pages = pageCount(total, PLACEMENTS_PAGE_SIZE);
  const current = clampPage(page, pages);
  const { limit, offset } = pageBounds(current, PLACEMENTS_PAGE_SIZE);
  const rows = await db
    .select({
      id: placements.id,
      kind: placements.kind,
      title: placements.title,
      occupation: placements.occupation,
      sector: placements.sector,
      places: placements.places,
      periodStart: placements.periodStart,
      periodEnd: placements.periodEnd,
      languageRequirement: placements.languageRequirement,
      employerName: organizations.name,
      municipalityName: municipalities.name,
    })
    .from(placements)
    .innerJoin(organizations, eq(organizations.id, placements.employerOrganizationId))
    .innerJoin(municipalities, eq(municipalities.number, placements.municipalityNumber))
    .where(where)
    .orderBy(desc(placements.createdAt), asc(placements.id))
    .limit(limit)
    .offset(offset);
  return { rows, total, page: current, pageCount: pages };
}

/** The kommuner that have open public placements, for the list's filter. Public. */
export async function placementMunicipalities() {
  return getDb()
    .selectDistinct({ number: municipalities.number, name: municipalities.name })
    .from(placements)
    .innerJoin(municipalities, eq(municipalities.number, placements.municipalityNumber))
    .where(and(eq(placements.isPublic, true), eq(placements.status, "open")))
    .orderBy(asc(municipalities.name));
}

/** The employer organisations the actor belongs to, with the kommuner each works in. */
async function employerOrganizationsOf(user: UserActor) {
  const ids = user.memberships.map((m) => m.organizationId);
  if (ids.length === 0) return [];
  const rows = await getDb()
    .select({ id: organizations.id, name: organizations.name, municipalityNumber: municipalities.number, municipalityName: municipalities.name })
    .from(organizations)
    .leftJoin(organizationMunicipalities, eq(organizationMunicipalities.organizationId, organizations.id))
    .leftJoin(municipalities, eq(municipalities.number, organizationMunicipalities.municipalityNumber))
    .where(and(inArray(organizations.id, ids), inArray(organizations.kind, employerOrganizationKinds)))
    .orderBy(asc(organizations.name), asc(municipalities.name));
  const byId = new Map<string, { id: string; name: string; municipalities: { number: string; name: string }[] }>();
  for (const r of rows) {
    const entry = byId.get(r.id) ?? { id: r.id, name: r.name, municipalities: [] };
    if (r.municipalityNumber && r.municipalityName) entry.municipalities.push({ number: r.municipalityNumber, name: r.municipalityName });
    byId.set(r.id, entry);
  }
  return [...byId.values()];
}

/** Kommune units and NAV offices from the register that serve one of these kommuner. */
async function followUpOrganizationsIn(numbers: string[]) {
  if (numbers.length === 0) return [];
  return getDb()
    .select({
      id: organizations.id,
      name: organizations.name,
      kind: organizations.kind,
      municipalityNumber: organizationMunicipalities.municipalityNumber,
      municipalityName: municipalities.name,
    })
    .from(organizations)
    .innerJoin(organizationMunicipalities, eq(organizationMunicipalities.organizationId, organizations.id))
    .innerJoin(municipalities, eq(municipalities.number, organizationMunicipalities.municipalityNumber))
    .where(
      and(
        inArray(organizations.kind, followUpOrganizationKinds),
        eq(organizations.active, true),
        inArray(organizationMunicipalities.municipalityNumber, numbers),
      ),
    )
    .orderBy(asc(municipalities.name), asc(organizations.name));
}

/**
 * What the placement form offers the actor: their employer organisations with their kommuner, and the follow-up
 * contacts serving those kommuner. Refused (403) for someone who belongs to no employer organisation.
 */
export async function placementFormOptions(actor: Actor) {
  const user = requireSignedIn(actor);
  const employers = await employerOrganizationsOf(user);
  if (employers.length === 0) throw new AppError("forbidden", "placements.error.notEmployer");
  const numbers = [...new Set(employers.flatMap((e) => e.municipalities.map((m) => m.number)))];
  return { employers, followUpOrganizations: await followUpOrganizationsIn(numbers) };
}

/** The follow-up organisation must be a kommune unit or NAV office serving the placement's kommune. */
async function checkFollowUpOrganization(organizationId: string, municipalityNumber: string) {
  const [ok] = await getDb()
    .select({ id: organizations.id })
    .from(organizations)
    .innerJoin(organizationMunicipalities, eq(organizationMunicipalities.organizationId, organizations.id))
    .where(
      and(
        eq(organizations.id, organizationId),
        inArray(organizations.kind, followUpOrganizationKinds),
        eq(organizations.active, true),
        eq(organizationMunicipalities.municipalityNumber, municipalityNumber),
      ),
    );
  if (!ok) throw new AppError("validation", "common.errorSummary", { followUpOrganizationId: { key: "placements.error.followUp" } });
}

function auditView(row: Pick<PlacementRow, "title" | "kind" | "status" | "municipalityNumber" | "followUpOrganizationId" | "followUpStatus" | "places">) {
  return {
    title: row.title,
    kind: row.kind,
    status: row.status,
    municipalityNumber: row.municipalityNumber,
    followUpOrganizationId: row.followUpOrganizationId,
    followUpStatus: row.followUpStatus,
    places: row.places,
  };
}

/** Posts a placement for one of the actor's employer organisations; the follow-up contact is asked to confirm. Audited. */
export async function createPlacement(actor: Actor, rawInput: unknown): Promise<{ id: string }> {
  const user = requireSignedIn(actor);
  const employers = await employerOrganizationsOf(user);
  if (employers.length === 0) throw new AppError("forbidden", "placements.error.notEmployer");
  const input = parseInput(newPlacementSchema, rawInput);
  const employer = employers.find((e) => e.id === input.employerOrganizationId);
  if (!employer) throw new AppError("validation", "common.errorSummary", { employerOrganizationId: { key: "placements.error.employer" } });
  if (!employer.municipalities.some((m) => m.number === input.municipalityNumber)) {
    throw new AppError("validation", "common.errorSummary", { municipalityNumber: { key: "placements.error.municipality" } });
  }
  await checkFollowUpOrganization(input.followUpOrganizationId, input.municipalityNumber);
  const now = new Date();
  return getDb().transaction(async (tx) => {
    const [created] = await tx
      .insert(placements)
      .values({
        ...input,
        followUpStatus: "requested",
        incentiveRequestedAt: input.incentivesRequested.length > 0 ? now : null,
        createdByUserId: user.userId,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await recordAudit(tx, user, {
      action: "placement.created",
      entityType: "placement",
      entityId: created!.id,
      organizationId: created!.employerOrganizationId,
      before: null,
      after: auditView(created!),
    });
    return { id: created!.id };
  });
}

/** The edit form's starting values: the employer's members only (others who can see the placement get 403). */
export async function getPlacementForEdit(actor: Actor, id: string) {
  requireSignedIn(actor);
  const found = await placementWithAccess(actor, id);
  if (found.access !== "employer") throw new AppError("forbidden", "errors.forbidden");
  const options = await followUpOrganizationsIn([found.row.municipalityNumber]);
  return { ...found, followUpOrganizations: options };
}

/**
 * Saves the employer's changes. Naming another follow-up contact asks that one afresh (requested); asking about
 * other incentives dates the request anew. The kommune stays (the follow-up contact serves it). Audited.
 */
export async function updatePlacement(actor: Actor, id: string, rawInput: unknown) {
  const user = requireSignedIn(actor);
  const found = await placementWithAccess(actor, id);
  if (found.access !== "employer") throw new AppError("forbidden", "errors.forbidden");
  const input = parseInput(editPlacementSchema, rawInput);
  if (input.municipalityNumber !== found.row.municipalityNumber) {
    throw new AppError("validation", "common.errorSummary", { municipalityNumber: { key: "placements.error.municipalityFixed" } });
  }
  const before = found.row;
  const followUpChanged = input.followUpOrganizationId !== before.followUpOrganizationId;
  if (followUpChanged) await checkFollowUpOrganization(input.followUpOrganizationId, before.municipalityNumber);
  const incentivesChanged =
    input.incentivesRequested.length > 0 &&
    (input.incentivesRequested.some((k) => !before.incentivesRequested.includes(k)) || input.incentiveRequestMessage !== before.incentiveRequestMessage);
  const now = new Date();
  await getDb().transaction(async (tx) => {
    const [updated] = await tx
      .update(placements)
      .set({
        ...input,
        ...(followUpChanged ? { followUpStatus: "requested" as const, followUpAnsweredAt: null, followUpAnsweredByUserId: null } : {}),
        incentiveRequestedAt: input.incentivesRequested.length === 0 ? null : incentivesChanged ? now : before.incentiveRequestedAt,
        updatedAt: now,
      })
      .where(eq(placements.id, before.id))
      .returning();
    await recordAudit(tx, user, {
      action: "placement.updated",
      entityType: "placement",
      entityId: before.id,
      organizationId: before.employerOrganizationId,
      before: auditView(before),
      after: auditView(updated!),
    });
  });
}

/** Whether the actor can have a follow-up inbox: a member of a kommune unit or NAV office, or a kommune's coordinator. */
export async function mayFollowUpPlacements(actor: Actor): Promise<boolean> {
  if (actor.kind !== "user") return false;
  if (actor.roles.some((r) => r.role === "municipal_coordinator")) return true;
  const ids = actor.memberships.map((m) => m.organizationId);
  if (ids.length === 0) return false;
  const [found] = await getDb()
    .select({ id: organizations.id })
    .from(organizations)
    .where(and(inArray(organizations.id, ids), inArray(organizations.kind, followUpOrganizationKinds)))
    .limit(1);
  return Boolean(found);
}

/** The placements whose follow-up contact the actor is (the rule of isPlacementFollowUpContact, in SQL). */
function followUpCondition(user: UserActor): SQL | undefined {
  const orgIds = user.memberships.map((m) => m.organizationId);
  const coordinated = user.roles.filter((r) => r.role === "municipal_coordinator").map((r) => r.municipalityNumber!);
  const parts: SQL[] = [];
  if (orgIds.length) parts.push(inArray(placements.followUpOrganizationId, orgIds));
  if (coordinated.length) parts.push(and(eq(followUpOrg.kind, "municipality_unit"), inArray(placements.municipalityNumber, coordinated))!);
  return parts.length ? or(...parts) : undefined;
}

/** The follow-up contact's inbox: placements naming them (not withdrawn), those awaiting their answer first. */
export async function listFollowUpInbox(actor: Actor, page = 1) {
  const user = requireSignedIn(actor);
  if (!(await mayFollowUpPlacements(user))) throw new AppError("forbidden", "placements.error.notFollowUp");
  const condition = followUpCondition(user);
  if (!condition) return { rows: [], total: 0, awaiting: 0, page: 1, pageCount: 1 };
  const db = getDb();
  const where = and(condition, ne(placements.status, "withdrawn"));
  const [totals] = await db
    .select({ total: count(), awaiting: sql<number>`count(*) filter (where ${placements.followUpStatus} = 'requested')`.mapWith(Number) })
    .from(placements)
    .leftJoin(followUpOrg, eq(followUpOrg.id, placements.followUpOrganizationId))
    .where(where);
  const total = totals?.total ?? 0;
  const pages = pageCount(total, FOLLOW_UP_PAGE_SIZE);
  const current = clampPage(page, pages);
  const { limit, offset } = pageBounds(current, FOLLOW_UP_PAGE_SIZE);
  const rows = await db
    .select({
      id: placements.id,
      title: placements.title,
      kind: placements.kind,
      places: placements.places,
      periodStart: placements.periodStart,
      status: placements.status,
      followUpStatus: placements.followUpStatus,
      incentivesRequested: placements.incentivesRequested,
      employerName: organizations.name,
      followUpOrganizationName: followUpOrg.name,
      municipalityName: municipalities.name,
    })
    .from(placements)
    .innerJoin(organizations, eq(organizations.id, placements.employerOrganizationId))
    .innerJoin(municipalities, eq(municipalities.number, placements.municipalityNumber))
    .leftJoin(followUpOrg, eq(followUpOrg.id, placements.followUpOrganizationId))
    .where(where)
    .orderBy(sql`case when ${placements.followUpStatus} = 'requested' then 0 else 1 end`, desc(placements.createdAt), asc(placements.id))
    .limit(limit)
    .offset(offset);
  return { rows, total, awaiting: totals?.awaiting ?? 0, page: current, pageCount: pages };
}

/**
 * Locks the placement for an answer from its follow-up contact, inside the caller's transaction: the scope is read
 * from the locked row, so two answers at once cannot both win.
 */
async function lockForAnswer(tx: Queryable, actor: Actor, id: string) {
  if (!isUuid(id)) throw notFound();
  const [row] = await tx.select().from(placements).where(eq(placements.id, id)).for("update");
  if (!row) throw notFound();
  const [org] = row.followUpOrganizationId
    ? await tx.select({ kind: organizations.kind }).from(organizations).where(eq(organizations.id, row.followUpOrganizationId))
    : [];
  const scope: PlacementScope = {
    employerOrganizationId: row.employerOrganizationId,
    followUpOrganizationId: row.followUpOrganizationId,
    followUpOrganizationKind: org?.kind ?? null,
    municipalityNumber: row.municipalityNumber,
  };
  if (!isPlacementFollowUpContact(actor, scope)) {
    // Someone who may see the public page learns they may not answer; for anyone else it does not exist.
    if (isPlacementEmployer(actor, scope) || (row.isPublic && row.status !== "withdrawn")) throw new AppError("forbidden", "errors.forbidden");
    throw notFound();
  }
  if (row.status === "withdrawn" || row.status === "ended") throw new AppError("conflict", "placements.error.closed");
  if (row.followUpStatus !== "requested") throw new AppError("conflict", "placements.error.alreadyAnswered");
  return row;
}

/**
 * The follow-up contact answers, once: "confirmed" (we will follow up) or "declined" (the employer then names another
 * one on the edit page). One transaction with its audit entry; confirming also schedules the two-week and end
 * check-ins that start the follow-up (checkins.server.ts). Returns the updated placement row.
 */
async function answerFollowUp(actor: Actor, id: string, answer: "confirmed" | "declined"): Promise<PlacementRow> {
  const user = requireSignedIn(actor);
  return getDb().transaction(async (tx) => {
    const before = await lockForAnswer(tx, user, id);
    const [placement] = await tx
      .update(placements)
      .set({ followUpStatus: answer, followUpAnsweredAt: new Date(), followUpAnsweredByUserId: user.userId, updatedAt: new Date() })
      .where(eq(placements.id, before.id))
      .returning();
    if (answer === "confirmed") await scheduleDefaultCheckins(tx, placement!);
    await recordAudit(tx, user, {
      action: answer === "confirmed" ? "placement.follow_up_confirmed" : "placement.follow_up_declined",
      entityType: "placement",
      entityId: before.id,
      organizationId: before.employerOrganizationId,
      before: { followUpStatus: before.followUpStatus },
      after: { followUpStatus: answer, followUpOrganizationId: before.followUpOrganizationId },
    });
    return placement!;
  });
}

export function confirmFollowUp(actor: Actor, id: string): Promise<PlacementRow> {
  return answerFollowUp(actor, id, "confirmed");
}

export function declineFollowUp(actor: Actor, id: string): Promise<PlacementRow> {
  return answerFollowUp(actor, id, "declined");
}

/** The employer's placements across its organisations, newest first (the start page). */
export async function employerPlacements(user: UserActor, limit: number) {
  const ids = user.memberships.map((m) => m.organizationId);
  if (ids.length === 0) return { rows: [], total: 0 };
  const db = getDb();
  const where = inArray(placements.employerOrganizationId, ids);
  const [{ total } = { total: 0 }] = await db.select({ total: count() }).from(placements).where(where);
  const rows = await db
    .select({
      id: placements.id,
      title: placements.title,
      status: placements.status,
      followUpStatus: placements.followUpStatus,
      followUpOrganizationName: followUpOrg.name,
      employerName: organizations.name,
    })
    .from(placements)
    .innerJoin(organizations, eq(organizations.id, placements.employerOrganizationId))
    .leftJoin(followUpOrg, eq(followUpOrg.id, placements.followUpOrganizationId))
    .where(where)
    .orderBy(sql`case ${placements.status} when 'withdrawn' then 2 when 'ended' then 1 else 0 end`, desc(placements.createdAt), asc(placements.id))
    .limit(limit);
  return { rows, total };
}

/** Whether the actor belongs to an employer organisation (posts placements). */
export async function isEmployerMember(actor: Actor): Promise<boolean> {
  if (actor.kind !== "user") return false;
  return (await employerOrganizationsOf(actor)).length > 0;
}

/** Placements awaiting the actor's answer as follow-up contact (the start page). */
export async function awaitingFollowUp(user: UserActor, limit: number) {
  const condition = followUpCondition(user);
  if (!condition) return { rows: [], total: 0 };
  const db = getDb();
  const where = and(condition, eq(placements.followUpStatus, "requested"), inArray(placements.status, ["open", "ongoing"]));
  const [{ total } = { total: 0 }] = await db
    .select({ total: count() })
    .from(placements)
    .leftJoin(followUpOrg, eq(followUpOrg.id, placements.followUpOrganizationId))
    .where(where);
  const rows = await db
    .select({ id: placements.id, title: placements.title, employerName: organizations.name, municipalityName: municipalities.name })
    .from(placements)
    .innerJoin(organizations, eq(organizations.id, placements.employerOrganizationId))
    .innerJoin(municipalities, eq(municipalities.number, placements.municipalityNumber))
    .leftJoin(followUpOrg, eq(followUpOrg.id, placements.followUpOrganizationId))
    .where(where)
    .orderBy(asc(placements.createdAt), asc(placements.id))
    .limit(limit);
  return { rows, total };
}
