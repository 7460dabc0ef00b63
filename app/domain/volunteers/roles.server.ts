import { and, asc, count, desc, eq, inArray, isNotNull, isNull, or, sql, type SQL } from "drizzle-orm";
import { getDb, type Queryable } from "~/db/client.server.ts";
import { activities, municipalities, needs, organizations, volunteerRoles } from "~/db/schema/index.ts";
import { recordAudit } from "~/domain/audit/audit.server.ts";
import { coordinatedMunicipalities, isNationalAdmin, isOrganizationMember, type Actor } from "~/domain/auth/actor.ts";
import { stalenessCutoffs } from "~/domain/activities/activities.server.ts";
import { AppError } from "~/lib/errors.ts";
import { pageBounds, pageCount } from "~/lib/paging.ts";
import { isUuid, parseInput } from "~/lib/validation.ts";
import { publicRoleFilterSchema, roleIdSchema, roleSchema } from "./volunteers.schema.ts";

/**
 * Volunteer roles (issue 14): what an activity or a need seeks volunteers for.
 *
 * Who manages them: for an activity, the members of the organisation that runs it (and national admins, who may
 * edit every activity); for a need, its owner — the posting organisation's members, or for a kommune's own need
 * (organization_id null) that kommune's municipal coordinators — and national admins. The role's parent is read from
 * the database, never from the form. Who sees them: everyone, while the role is open and its parent is public
 * (a public, active activity not hidden for staleness; an open need).
 */

export type RoleParent =
  | { kind: "activity"; id: string; title: string; organizationId: string; municipalityNumber: string; isPublic: boolean }
  | { kind: "need"; id: string; title: string; organizationId: string | null; municipalityNumber: string; isPublic: boolean };

const roleColumns = {
  id: volunteerRoles.id,
  kind: volunteerRoles.kind,
  title: volunteerRoles.title,
  description: volunteerRoles.description,
  minAge: volunteerRoles.minAge,
  languages: volunteerRoles.languages,
  policeCertificateRequired: volunteerRoles.policeCertificateRequired,
  timeCommitment: volunteerRoles.timeCommitment,
  places: volunteerRoles.places,
  open: volunteerRoles.open,
};

/** SQL: a role's activity is publicly shown (public, active, confirmed recently enough). */
function activityIsPublic(now: Date): SQL {
  return sql`(${activities.visibility} = 'public' and ${activities.status} = 'active' and ${activities.lastConfirmedAt} >= ${stalenessCutoffs(now).hiddenBefore})`;
}

async function activityParent(db: Queryable, id: unknown, now: Date): Promise<RoleParent | null> {
  if (!isUuid(id)) return null;
  const [row] = await db
    .select({
      id: activities.id,
      title: activities.title,
      organizationId: activities.organizationId,
      municipalityNumber: activities.municipalityNumber,
      isPublic: sql<boolean>`${activityIsPublic(now)}`,
    })
    .from(activities)
    .where(eq(activities.id, id));
  return row ? { kind: "activity", ...row } : null;
}

async function needParent(db: Queryable, id: unknown): Promise<RoleParent | null> {
  if (!isUuid(id)) return null;
  const [row] = await db
    .select({
      id: needs.id,
      title: needs.title,
      organizationId: needs.organizationId,
      municipalityNumber: needs.municipalityNumber,
      isPublic: sql<boolean>`${needs.status} = 'open'`,
    })
    .from(needs)
    .where(eq(needs.id, id));
  return row ? { kind: "need", ...row } : null;
}

/** Whether the actor manages the roles of this parent (see the module comment). */
export function mayManageRoles(actor: Actor, parent: Pick<RoleParent, "organizationId" | "municipalityNumber">): boolean {
  if (actor.kind !== "user") return false;
  if (isNationalAdmin(actor)) return true;
  if (parent.organizationId) return isOrganizationMember(actor, parent.organizationId);
  return coordinatedMunicipalities(actor).includes(parent.municipalityNumber);
}

function deny(actor: Actor): never {
  if (actor.kind !== "user") throw new AppError("unauthenticated", "errors.unauthenticated");
  throw new AppError("forbidden", "errors.forbidden");
}

async function requireParent(db: Queryable, actor: Actor, kind: RoleParent["kind"], id: unknown, now: Date): Promise<RoleParent> {
  if (actor.kind !== "user") deny(actor);
  const parent = kind === "activity" ? await activityParent(db, id, now) : await needParent(db, id);
  if (!parent) throw new AppError("not_found", "errors.notFound");
  if (!mayManageRoles(actor, parent)) deny(actor);
  return parent;
}

function parentColumn(kind: RoleParent["kind"]) {
  return kind === "activity" ? volunteerRoles.activityId : volunteerRoles.needId;
}

/** The management page: the parent and all its roles, open and closed. */
export async function getRolesForManagement(actor: Actor, kind: RoleParent["kind"], parentId: unknown, now = new Date()) {
  const db = getDb();
  const parent = await requireParent(db, actor, kind, parentId, now);
  const roles = await db
    .select(roleColumns)
    .from(volunteerRoles)
    .where(eq(parentColumn(kind), parent.id))
    .orderBy(desc(volunteerRoles.open), asc(volunteerRoles.createdAt));
  // Where the interests in these roles arrive: the organisation's inbox, or the kommune's for its own need.
  const inboxHref = parent.organizationId ? `/organisasjoner/${parent.organizationId}/frivillige` : `/kommuner/${parent.municipalityNumber}/frivillige/innboks`;
  return { parent: { kind: parent.kind, id: parent.id, title: parent.title, isPublic: parent.isPublic }, roles, inboxHref };
}

/** The open roles shown on an activity's or a need's own page (the page itself decides whether it may be read). */
export async function openRolesOf(kind: RoleParent["kind"], parentId: string) {
  if (!isUuid(parentId)) return [];
  return getDb()
    .select(roleColumns)
    .from(volunteerRoles)
    .where(and(eq(parentColumn(kind), parentId), eq(volunteerRoles.open, true)))
    .orderBy(asc(volunteerRoles.createdAt));
}

export async function createRole(actor: Actor, kind: RoleParent["kind"], parentId: unknown, rawInput: unknown, now = new Date()) {
  const db = getDb();
  const parent = await requireParent(db, actor, kind, parentId, now);
  const input = parseInput(roleSchema, rawInput);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(volunteerRoles)
      .values({ ...input, activityId: kind === "activity" ? parent.id : null, needId: kind === "need" ? parent.id : null })
      .returning({ id: volunteerRoles.id });
    await recordAudit(tx, actor, {
      action: "volunteer_role.created",
      entityType: "volunteer_role",
      entityId: row!.id,
      organizationId: parent.organizationId,
      after: { ...input, parent: `${kind}:${parent.id}` },
    });
    return row!.id;
  });
}

/** The role named in a form, checked to belong to this parent (ids from forms are checked against the page's scope). */
async function requireOwnRole(db: Queryable, kind: RoleParent["kind"], parent: RoleParent, roleId: string) {
  const [role] = await db
    .select(roleColumns)
    .from(volunteerRoles)
    .where(and(eq(volunteerRoles.id, roleId), eq(parentColumn(kind), parent.id)));
  if (!role) throw new AppError("not_found", "errors.notFound");
  return role;
}

export async function updateRole(actor: Actor, kind: RoleParent["kind"], parentId: unknown, rawInput: unknown, now = new Date()) {
  const db = getDb();
  const parent = await requireParent(db, actor, kind, parentId, now);
  const { roleId } = parseInput(roleIdSchema, rawInput);
  const input = parseInput(roleSchema, rawInput);
  const before = await requireOwnRole(db, kind, parent, roleId);
  await db.transaction(async (tx) => {
    await tx
      .update(volunteerRoles)
      .set({ ...input, updatedAt: now })
      .where(eq(volunteerRoles.id, roleId));
    await recordAudit(tx, actor, {
      action: "volunteer_role.updated",
      entityType: "volunteer_role",
      entityId: roleId,
      organizationId: parent.organizationId,
      before,
      after: input,
    });
  });
}

/** Closes (no new interests; kept for history and for the interests already given) or reopens a role. */
export async function setRoleOpen(actor: Actor, kind: RoleParent["kind"], parentId: unknown, rawInput: unknown, open: boolean, now = new Date()) {
  const db = getDb();
  const parent = await requireParent(db, actor, kind, parentId, now);
  const { roleId } = parseInput(roleIdSchema, rawInput);
  await requireOwnRole(db, kind, parent, roleId);
  await db.transaction(async (tx) => {
    await tx.update(volunteerRoles).set({ open, updatedAt: now }).where(eq(volunteerRoles.id, roleId));
    await recordAudit(tx, actor, {
      action: open ? "volunteer_role.reopened" : "volunteer_role.closed",
      entityType: "volunteer_role",
      entityId: roleId,
      organizationId: parent.organizationId,
    });
  });
}

/** SQL: a role anyone may see and answer — open, and its parent public. */
function publiclyOpen(now: Date): SQL {
  return and(
    eq(volunteerRoles.open, true),
    or(and(isNotNull(volunteerRoles.activityId), activityIsPublic(now)), and(isNotNull(volunteerRoles.needId), eq(needs.status, "open"))),
  )!;
}

const municipalityOfRole = sql<string>`coalesce(${activities.municipalityNumber}, ${needs.municipalityNumber})`;
const organizationOfRole = sql`coalesce(${activities.organizationId}, ${needs.organizationId})`;

export const PUBLIC_ROLES_PAGE_SIZE = 20;

/** The public list `frivillig`: open roles of public activities and open needs, filtered by kommune, kind and language. */
export async function listPublicRoles(rawFilters: unknown, page: number, now = new Date()) {
  const filters = publicRoleFilterSchema.parse(rawFilters ?? {});
  const db = getDb();
  const conditions: SQL[] = [publiclyOpen(now)];
  if (filters.kommune) conditions.push(sql`${municipalityOfRole} = ${filters.kommune}`);
  if (filters.kind) conditions.push(eq(volunteerRoles.kind, filters.kind));
  if (filters.language) conditions.push(sql`${filters.language} = any(${volunteerRoles.languages})`);
  const where = and(...conditions);
  const [{ n } = { n: 0 }] = await db
    .select({ n: count() })
    .from(volunteerRoles)
    .leftJoin(activities, eq(activities.id, volunteerRoles.activityId))
    .leftJoin(needs, eq(needs.id, volunteerRoles.needId))
    .where(where);
  const pages = pageCount(n, PUBLIC_ROLES_PAGE_SIZE);
  const current = Math.min(Math.max(1, page), pages);
  const { limit, offset } = pageBounds(current, PUBLIC_ROLES_PAGE_SIZE);
  const rows = await db
    .select({
      id: volunteerRoles.id,
      kind: volunteerRoles.kind,
      title: volunteerRoles.title,
      timeCommitment: volunteerRoles.timeCommitment,
      languages: volunteerRoles.languages,
      policeCertificateRequired: volunteerRoles.policeCertificateRequired,
      parentKind: sql<"activity" | "need">`case when ${volunteerRoles.activityId} is not null then 'activity' else 'need' end`,
      parentTitle: sql<string>`coalesce(${activities.title}, ${needs.title})`,
      municipalityName: municipalities.name,
      organizationName: organizations.name,
    })
    .from(volunteerRoles)
    .leftJoin(activities, eq(activities.id, volunteerRoles.activityId))
    .leftJoin(needs, eq(needs.id, volunteerRoles.needId))
    .innerJoin(municipalities, sql`${municipalities.number} = ${municipalityOfRole}`)
    .leftJoin(organizations, sql`${organizations.id} = ${organizationOfRole}`)
    .where(where)
    .orderBy(desc(volunteerRoles.createdAt), asc(volunteerRoles.id))
    .limit(limit)
    .offset(offset);
  return { filters, rows, total: n, page: current, pageCount: pages };
}

/** The kommuner that have publicly open roles (the list's kommune filter offers only those). */
export async function municipalitiesWithOpenRoles(now = new Date()) {
  return getDb()
    .selectDistinct({ number: municipalities.number, name: municipalities.name })
    .from(volunteerRoles)
    .leftJoin(activities, eq(activities.id, volunteerRoles.activityId))
    .leftJoin(needs, eq(needs.id, volunteerRoles.needId))
    .innerJoin(municipalities, sql`${municipalities.number} = ${municipalityOfRole}`)
    .where(publiclyOpen(now))
    .orderBy(asc(municipalities.name));
}

/**
 * One publicly open role with what its page shows, and who receives interests in it (the role's organisation, or
 * null for a kommune's own need). Unknown, closed and non-public roles are all 404.
 */
export async function getPublicRole(roleId: unknown, now = new Date(), db: Queryable = getDb()) {
  if (!isUuid(roleId)) throw new AppError("not_found", "errors.notFound");
  const [row] = await db
    .select({
      ...roleColumns,
      activityId: volunteerRoles.activityId,
      needId: volunteerRoles.needId,
      parentTitle: sql<string>`coalesce(${activities.title}, ${needs.title})`,
      municipalityNumber: municipalityOfRole,
      municipalityName: municipalities.name,
      organizationId: sql<string | null>`${organizationOfRole}`,
      organizationName: organizations.name,
    })
    .from(volunteerRoles)
    .leftJoin(activities, eq(activities.id, volunteerRoles.activityId))
    .leftJoin(needs, eq(needs.id, volunteerRoles.needId))
    .innerJoin(municipalities, sql`${municipalities.number} = ${municipalityOfRole}`)
    .leftJoin(organizations, sql`${organizations.id} = ${organizationOfRole}`)
    .where(and(eq(volunteerRoles.id, roleId), publiclyOpen(now)));
  if (!row) throw new AppError("not_found", "errors.notFound");
  return row;
}

/** For the start page: whether any roles exist for these organisations / these kommuner's own needs. */
export async function hasRoles(organizationIds: string[], municipalityNumbers: string[]) {
  const db = getDb();
  const result = { organizations: new Set<string>(), municipalities: new Set<string>() };
  if (organizationIds.length) {
    const rows = await db
      .selectDistinct({ id: sql<string>`${organizationOfRole}` })
      .from(volunteerRoles)
      .leftJoin(activities, eq(activities.id, volunteerRoles.activityId))
      .leftJoin(needs, eq(needs.id, volunteerRoles.needId))
      .where(inArray(organizationOfRole, organizationIds));
    for (const r of rows) result.organizations.add(r.id);
  }
  if (municipalityNumbers.length) {
    const rows = await db
      .selectDistinct({ number: needs.municipalityNumber })
      .from(volunteerRoles)
      .innerJoin(needs, eq(needs.id, volunteerRoles.needId))
      .where(and(isNull(needs.organizationId), inArray(needs.municipalityNumber, municipalityNumbers)));
    for (const r of rows) result.municipalities.add(r.number);
  }
  return result;
}
