import { and, asc, count, desc, eq, inArray, or, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { getDb } from "~/db/client.server.ts";
import { counties, municipalities, roleGrants, users } from "~/db/schema/index.ts";
import type { PlatformRole } from "~/db/schema/auth.ts";
import { platformRoles } from "~/db/schema/auth.ts";
import { AppError } from "~/lib/errors.ts";
import { parseInput } from "~/lib/validation.ts";
import { pageBounds, pageCount } from "~/lib/paging.ts";
import { recordAudit } from "~/domain/audit/audit.server.ts";
import { countyOf, isNationalAdmin, type Actor, type UserActor } from "~/domain/auth/actor.ts";
import { getCounty, getMunicipality, listCounties } from "~/domain/reference/reference.server.ts";
import { listMunicipalityChoices } from "~/domain/municipalities/municipalities.server.ts";
import { grantRoleSchema, ROLE_GRANTS_PAGE_SIZE, roleGrantFilterSchema } from "./roles.schema.ts";

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What an actor may administer: everything (national admin) or the counties they advise. */
interface AdminScope {
  actor: UserActor;
  national: boolean;
  counties: string[];
}

interface GrantScope {
  role: PlatformRole;
  municipalityNumber: string | null;
  countyNumber: string | null;
}

/**
 * Role administration is for national admins and county advisors; anyone
 * else signed in is refused, and anonymous visitors are sent to sign in.
 */
function requireRoleAdministrator(actor: Actor): AdminScope {
  if (actor.kind !== "user") throw new AppError("unauthenticated", "errors.unauthenticated");
  const national = isNationalAdmin(actor);
  const advised = actor.roles.filter((r) => r.role === "county_advisor" && r.countyNumber).map((r) => r.countyNumber!);
  if (!national && advised.length === 0) throw new AppError("forbidden", "errors.forbidden");
  return { actor, national, counties: [...new Set(advised)] };
}

/** County advisors grant and revoke only coordinator roles for kommuner in their county; national admins anything. */
function mayManageGrant(scope: AdminScope, grant: GrantScope): boolean {
  if (scope.national) return true;
  return grant.role === "municipal_coordinator" && grant.municipalityNumber !== null && scope.counties.includes(countyOf(grant.municipalityNumber));
}

/** Roles an actor may hand out, for the grant form. */
function grantableRoles(scope: AdminScope): PlatformRole[] {
  return scope.national ? [...platformRoles] : ["municipal_coordinator"];
}

/** The admin start page: who is administering and what they may reach. */
export async function getAdminOverview(actor: Actor) {
  const scope = requireRoleAdministrator(actor);
  const countyList = await listCounties();
  return {
    isNationalAdmin: scope.national,
    counties: countyList.filter((c) => scope.counties.includes(c.number)).map((c) => ({ number: c.number, name: c.name })),
  };
}

const grantee = alias(users, "grantee");
const granter = alias(users, "granter");
const municipalityCounty = alias(counties, "municipality_county");

/** Grants visible in the scope, as SQL: all for national admins, else those of the advised counties. */
function visibleGrantsCondition(scope: AdminScope): SQL | undefined {
  if (scope.national) return undefined;
  return or(
    and(eq(roleGrants.role, "municipal_coordinator"), inArray(municipalities.countyNumber, scope.counties)),
    and(eq(roleGrants.role, "county_advisor"), inArray(roleGrants.countyNumber, scope.counties)),
  );
}

/**
 * Grants as the list and the revoke step show them: the holder by name and
 * e-mail, the granter by name, and the names of the kommune (with its
 * county) or county; no user ids.
 */
function selectNamedGrants() {
  return getDb()
    .select({
      id: roleGrants.id,
      role: roleGrants.role,
      municipalityNumber: roleGrants.municipalityNumber,
      municipalityName: municipalities.name,
      municipalityCountyName: municipalityCounty.name,
      countyNumber: roleGrants.countyNumber,
      countyName: counties.name,
      createdAt: roleGrants.createdAt,
      userName: grantee.name,
      userEmail: grantee.email,
      userIsDemo: grantee.isDemo,
      grantedByName: granter.name,
    })
    .from(roleGrants)
    .innerJoin(grantee, eq(grantee.id, roleGrants.userId))
    .leftJoin(granter, eq(granter.id, roleGrants.grantedBy))
    .leftJoin(municipalities, eq(municipalities.number, roleGrants.municipalityNumber))
    .leftJoin(municipalityCounty, eq(municipalityCounty.number, municipalities.countyNumber))
    .leftJoin(counties, eq(counties.number, roleGrants.countyNumber));
}

/**
 * Role grants the actor may see, newest first, a page at a time: national
 * admins see all; county advisors the coordinators of their county's kommuner
 * and the county's advisors. Each row says whether the actor may revoke it.
 */
export async function listRoleGrants(actor: Actor, rawFilter: unknown = {}) {
  const scope = requireRoleAdministrator(actor);
  const filter = roleGrantFilterSchema.parse(rawFilter ?? {});
  const conditions: (SQL | undefined)[] = [visibleGrantsCondition(scope)];
  if (filter.role) conditions.push(eq(roleGrants.role, filter.role));
  if (filter.county) conditions.push(or(eq(municipalities.countyNumber, filter.county), eq(roleGrants.countyNumber, filter.county)));
  const where = and(...conditions);
  const { limit, offset } = pageBounds(filter.page, ROLE_GRANTS_PAGE_SIZE);
  const [[totalRow], rows] = await Promise.all([
    getDb().select({ total: count() }).from(roleGrants).leftJoin(municipalities, eq(municipalities.number, roleGrants.municipalityNumber)).where(where),
    selectNamedGrants().where(where).orderBy(desc(roleGrants.createdAt), asc(roleGrants.id)).limit(limit).offset(offset),
  ]);
  const total = totalRow?.total ?? 0;
  return {
    filter,
    total,
    page: filter.page,
    pageCount: pageCount(total, ROLE_GRANTS_PAGE_SIZE),
    grants: rows.map((row) => ({ ...row, canRevoke: mayManageGrant(scope, row) })),
  };
}

/** The choices the grant form and the list filter offer: only what the actor may use. */
export async function getRoleGrantOptions(actor: Actor) {
  const scope = requireRoleAdministrator(actor);
  const [countyList, municipalityList] = await Promise.all([listCounties(), listMunicipalityChoices(scope.national ? undefined : scope.counties)]);
  return {
    roles: grantableRoles(scope),
    filterRoles: scope.national ? [...platformRoles] : (["municipal_coordinator", "county_advisor"] as PlatformRole[]),
    municipalities: municipalityList,
    counties: countyList.filter((c) => scope.national || scope.counties.includes(c.number)).map((c) => ({ number: c.number, name: c.name })),
  };
}

async function findGrant(id: string) {
  const [row] = await selectNamedGrants().where(eq(roleGrants.id, id));
  if (!row) return undefined;
  // The revoke step shows the holder and the scope only.
  const { createdAt: _createdAt, userIsDemo: _userIsDemo, grantedByName: _grantedByName, ...grant } = row;
  void [_createdAt, _userIsDemo, _grantedByName];
  return grant;
}

/** One grant, for the "are you sure?" step before revoking it. */
export async function getRoleGrantForRevoke(actor: Actor, grantId: string) {
  const scope = requireRoleAdministrator(actor);
  if (!uuidPattern.test(grantId)) throw new AppError("not_found", "errors.notFound");
  const grant = await findGrant(grantId);
  if (!grant) throw new AppError("not_found", "errors.notFound");
  if (!mayManageGrant(scope, grant)) throw new AppError("forbidden", "errors.forbidden");
  return grant;
}

/**
 * Gives an existing user a platform role. National admins grant any role;
 * county advisors only coordinator roles for kommuner in their county. The
 * user must already have an account whose address is verified: roles are
 * never given to an address nobody has claimed, nor to an account whose
 * holder has not shown the address is theirs (anyone can register any address).
 */
export async function grantRole(actor: Actor, input: unknown) {
  const scope = requireRoleAdministrator(actor);
  const grant = parseInput(grantRoleSchema, input);
  // Unknown kommune/fylke numbers are input mistakes for everyone, checked before scope.
  if (grant.municipalityNumber && !(await getMunicipality(grant.municipalityNumber))) {
    throw new AppError("validation", "common.errorSummary", { municipalityNumber: { key: "validation.municipality" } });
  }
  if (grant.countyNumber && !(await getCounty(grant.countyNumber))) {
    throw new AppError("validation", "common.errorSummary", { countyNumber: { key: "validation.admin.county" } });
  }
  if (!mayManageGrant(scope, grant)) throw new AppError("forbidden", "errors.forbidden");
  return getDb().transaction(async (tx) => {
    const [user] = await tx
      .select({ id: users.id, email: users.email, name: users.name, emailVerifiedAt: users.emailVerifiedAt })
      .from(users)
      .where(eq(users.email, grant.email));
    if (!user) throw new AppError("validation", "admin.roles.noAccount", { email: { key: "admin.roles.noAccount" } });
    if (!user.emailVerifiedAt) throw new AppError("validation", "admin.roles.unverified", { email: { key: "admin.roles.unverified" } });
    const [created] = await tx
      .insert(roleGrants)
      .values({
        userId: user.id,
        role: grant.role,
        municipalityNumber: grant.municipalityNumber,
        countyNumber: grant.countyNumber,
        grantedBy: scope.actor.userId,
      })
      .onConflictDoNothing()
      .returning();
    if (!created) throw new AppError("conflict", "admin.roles.duplicate");
    // Ids and scope only: deleting an account scrubs its address from the log, and an address here would survive that.
    await recordAudit(tx, actor, { action: "role.grant", entityType: "role_grant", entityId: created.id, before: null, after: created });
    return { ...created, userEmail: user.email, userName: user.name };
  });
}

/**
 * Takes a platform role away, with the same scoping as granting. The last
 * national admin cannot be removed: nobody could grant the role again.
 */
export async function revokeRole(actor: Actor, grantId: unknown) {
  const scope = requireRoleAdministrator(actor);
  if (typeof grantId !== "string" || !uuidPattern.test(grantId)) throw new AppError("not_found", "errors.notFound");
  return getDb().transaction(async (tx) => {
    const [grant] = await tx.select().from(roleGrants).where(eq(roleGrants.id, grantId)).for("update");
    if (!grant) throw new AppError("not_found", "errors.notFound");
    if (!mayManageGrant(scope, grant)) throw new AppError("forbidden", "errors.forbidden");
    if (grant.role === "national_admin") {
      // Locking every national admin grant serialises concurrent revokes, so two admins cannot remove each other at once.
      const admins = await tx.select({ id: roleGrants.id }).from(roleGrants).where(eq(roleGrants.role, "national_admin")).for("update");
      if (admins.length <= 1) throw new AppError("conflict", "admin.roles.lastNationalAdmin");
    }
    const [user] = await tx.select({ email: users.email, name: users.name }).from(users).where(eq(users.id, grant.userId));
    await tx.delete(roleGrants).where(eq(roleGrants.id, grant.id));
    await recordAudit(tx, actor, { action: "role.revoke", entityType: "role_grant", entityId: grant.id, before: grant, after: null });
    return { ...grant, userEmail: user?.email ?? "", userName: user?.name ?? "" };
  });
}
