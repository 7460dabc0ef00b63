import { asc, eq } from "drizzle-orm";
import type { Queryable } from "~/db/client.server.ts";
import type { MembershipRole } from "./organizations.constants.ts";
import { counties, municipalities, organizationMunicipalities, organizations } from "~/db/schema/index.ts";
import { AppError } from "~/lib/errors.ts";
import { canCoordinateMunicipality, isNationalAdmin, isOrganizationAdmin, isOrganizationMember, type Actor } from "~/domain/auth/actor.ts";
import { isUuid } from "~/lib/validation.ts";

export interface ServedMunicipality {
  number: string;
  name: string;
  countyName: string;
}

export type OrganizationRecord = typeof organizations.$inferSelect & { municipalities: ServedMunicipality[] };

export async function findOrganization(db: Queryable, id: unknown): Promise<OrganizationRecord | undefined> {
  if (!isUuid(id)) return undefined;
  const [organization] = await db.select().from(organizations).where(eq(organizations.id, id));
  if (!organization) return undefined;
  const served = await db
    .select({ number: municipalities.number, name: municipalities.name, countyName: counties.name })
    .from(organizationMunicipalities)
    .innerJoin(municipalities, eq(municipalities.number, organizationMunicipalities.municipalityNumber))
    .innerJoin(counties, eq(counties.number, municipalities.countyNumber))
    .where(eq(organizationMunicipalities.organizationId, id))
    .orderBy(asc(municipalities.name));
  return { ...organization, municipalities: served };
}

/** Unknown and malformed ids look the same to the caller: 404. */
export async function requireOrganization(db: Queryable, id: unknown): Promise<OrganizationRecord> {
  const organization = await findOrganization(db, id);
  if (!organization) throw new AppError("not_found", "errors.notFound");
  return organization;
}

/** What an actor may do with one organisation (docs/authorization.md). */
export interface OrganizationAccess {
  isMember: boolean;
  isAdmin: boolean;
  /** Coordinates a kommune the organisation serves (kommune coordinator, county advisor or national admin). */
  coordinates: boolean;
  /** Members, invitations and other non-public details. */
  canReadInternal: boolean;
  canEdit: boolean;
  /** Invite, change roles, remove members. */
  canManageMembers: boolean;
  canReadAudit: boolean;
}

export function organizationAccess(actor: Actor, organization: Pick<OrganizationRecord, "id" | "municipalities">): OrganizationAccess {
  const national = isNationalAdmin(actor);
  const isMember = isOrganizationMember(actor, organization.id);
  const isAdmin = isOrganizationAdmin(actor, organization.id);
  const coordinates = national || organization.municipalities.some((m) => canCoordinateMunicipality(actor, m.number));
  return {
    isMember,
    isAdmin,
    coordinates,
    canReadInternal: isMember || coordinates || national,
    canEdit: isAdmin || coordinates || national,
    canManageMembers: isAdmin || national,
    canReadAudit: isAdmin || national,
  };
}

/** Anonymous visitors are sent to sign in; signed-in users without the right get 403. */
export function deny(actor: Actor): never {
  if (actor.kind !== "user") throw new AppError("unauthenticated", "errors.unauthenticated");
  throw new AppError("forbidden", "errors.forbidden");
}

const roleRank: Record<MembershipRole, number> = { member: 1, admin: 2 };

export function isHigherRole(a: MembershipRole, b: MembershipRole): boolean {
  return roleRank[a] > roleRank[b];
}
