import type { MembershipRole } from "~/domain/organizations/organizations.constants.ts";
import type { PlatformRole } from "~/db/schema/auth.ts";

/** A scoped platform role as the rest of the app sees it. */
export interface RoleScope {
  role: PlatformRole;
  municipalityNumber: string | null;
  countyNumber: string | null;
}

export interface UserActor {
  kind: "user";
  userId: string;
  email: string;
  name: string;
  emailVerified: boolean;
  isDemo: boolean;
  locale: string | null;
  sessionId: string;
  roles: RoleScope[];
  memberships: { organizationId: string; role: MembershipRole }[];
  ip: string | null;
}

export interface AnonymousActor {
  kind: "anonymous";
  ip: string | null;
}

/** Who is acting. Every domain function that reads non-public data or changes anything takes one. */
export type Actor = UserActor | AnonymousActor;

export function anonymous(ip: string | null = null): AnonymousActor {
  return { kind: "anonymous", ip };
}

export function isNationalAdmin(actor: Actor): boolean {
  return actor.kind === "user" && actor.roles.some((r) => r.role === "national_admin");
}

/** The county number of a municipality: its first two digits. */
export function countyOf(municipalityNumber: string): string {
  return municipalityNumber.slice(0, 2);
}

/** May read and act on a kommune's internal data: its coordinators, its county's advisors, national admins. */
export function canCoordinateMunicipality(actor: Actor, municipalityNumber: string): boolean {
  if (actor.kind !== "user") return false;
  return actor.roles.some(
    (r) =>
      r.role === "national_admin" ||
      (r.role === "municipal_coordinator" && r.municipalityNumber === municipalityNumber) ||
      (r.role === "county_advisor" && r.countyNumber === countyOf(municipalityNumber)),
  );
}

/** May act for a whole county: its advisors and national admins. */
export function canAdviseCounty(actor: Actor, countyNumber: string): boolean {
  if (actor.kind !== "user") return false;
  return actor.roles.some((r) => r.role === "national_admin" || (r.role === "county_advisor" && r.countyNumber === countyNumber));
}

export function membershipRole(actor: Actor, organizationId: string): MembershipRole | null {
  if (actor.kind !== "user") return null;
  return actor.memberships.find((m) => m.organizationId === organizationId)?.role ?? null;
}

export function isOrganizationAdmin(actor: Actor, organizationId: string): boolean {
  return membershipRole(actor, organizationId) === "admin";
}

export function isOrganizationMember(actor: Actor, organizationId: string): boolean {
  return membershipRole(actor, organizationId) !== null;
}

/** Has any scoped platform role at all (shown the coordinator/admin navigation). */
export function hasPlatformRole(actor: Actor): boolean {
  return actor.kind === "user" && actor.roles.length > 0;
}

/** Municipality numbers the actor coordinates directly (not via county or national scope). */
export function coordinatedMunicipalities(actor: Actor): string[] {
  if (actor.kind !== "user") return [];
  return actor.roles.filter((r) => r.role === "municipal_coordinator").map((r) => r.municipalityNumber!);
}
