import { and, asc, desc, eq, gt, isNull, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { getDb, type Queryable } from "~/db/client.server.ts";
import type { MembershipRole } from "./organizations.constants.ts";
import { invitations, memberships, users } from "~/db/schema/index.ts";
import { AppError } from "~/lib/errors.ts";
import { parseInput } from "~/lib/validation.ts";
import { recordAudit } from "~/domain/audit/audit.server.ts";
import type { Actor } from "~/domain/auth/actor.ts";
import { deny, organizationAccess, requireOrganization } from "./access.server.ts";
import { assertConfirmed, changeMemberRoleSchema, leaveOrganizationSchema, removeMemberSchema } from "./organizations.schema.ts";

export async function selectMembers(db: Queryable, organizationId: string) {
  return db
    .select({ userId: users.id, name: users.name, email: users.email, isDemo: users.isDemo, role: memberships.role, since: memberships.createdAt })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.organizationId, organizationId))
    .orderBy(sql`case when ${memberships.role} = 'admin' then 0 else 1 end`, asc(users.name), asc(users.email));
}

const inviters = alias(users, "inviters");

export async function selectPendingInvitations(db: Queryable, organizationId: string) {
  return db
    .select({
      id: invitations.id,
      email: invitations.email,
      role: invitations.role,
      invitedByName: inviters.name,
      createdAt: invitations.createdAt,
      expiresAt: invitations.expiresAt,
    })
    .from(invitations)
    .leftJoin(inviters, eq(inviters.id, invitations.invitedBy))
    .where(
      and(eq(invitations.organizationId, organizationId), isNull(invitations.acceptedAt), isNull(invitations.revokedAt), gt(invitations.expiresAt, sql`now()`)),
    )
    .orderBy(desc(invitations.createdAt));
}

/**
 * The members page: members and pending invitations for those who may read
 * them (members, coordinators, national admins); `access` tells the page
 * whether to offer the admin actions. Ids (a member's user id, an
 * invitation's id, which is its token's hash) only go to those who manage
 * members: the page uses them only in the admin actions' links and forms.
 */
export async function listMembers(actor: Actor, organizationId: unknown) {
  const db = getDb();
  const organization = await requireOrganization(db, organizationId);
  const access = organizationAccess(actor, organization);
  if (!access.canReadInternal) deny(actor);
  const [members, pendingInvitations] = await Promise.all([selectMembers(db, organization.id), selectPendingInvitations(db, organization.id)]);
  const manages = access.canManageMembers;
  return {
    organization: { id: organization.id, name: organization.name, isDemo: organization.isDemo },
    access,
    members: members.map((m) => ({
      userId: manages ? m.userId : null,
      isYou: actor.kind === "user" && m.userId === actor.userId,
      name: m.name,
      email: m.email,
      isDemo: m.isDemo,
      role: m.role,
    })),
    invitations: pendingInvitations.map((i) => ({
      id: manages ? i.id : null,
      email: i.email,
      role: i.role,
      invitedByName: i.invitedByName,
      expiresAt: i.expiresAt,
    })),
  };
}

async function requireMembership(db: Queryable, organizationId: string, userId: string) {
  const [membership] = await db
    .select({ role: memberships.role, email: users.email, name: users.name })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.organizationId, organizationId), eq(memberships.userId, userId)));
  if (!membership) throw new AppError("not_found", "errors.notFound");
  return membership;
}

/**
 * An organisation always keeps at least one admin, or nobody could manage it.
 * The admin rows are locked so two admins demoting each other at once cannot
 * both succeed.
 */
async function assertNotLastAdmin(db: Queryable, organizationId: string, userId: string) {
  const admins = await db
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.organizationId, organizationId), eq(memberships.role, "admin")))
    .for("update");
  if (admins.length === 1 && admins[0]!.userId === userId) {
    throw new AppError("validation", "org.members.error.lastAdmin");
  }
}

async function requireMemberManager(actor: Actor, organizationId: unknown) {
  const organization = await requireOrganization(getDb(), organizationId);
  if (!organizationAccess(actor, organization).canManageMembers) deny(actor);
  return organization;
}

export async function changeMemberRole(actor: Actor, organizationId: unknown, input: unknown): Promise<{ name: string; role: MembershipRole }> {
  const organization = await requireMemberManager(actor, organizationId);
  const { userId, role } = parseInput(changeMemberRoleSchema, input);
  return getDb().transaction(async (tx) => {
    const membership = await requireMembership(tx, organization.id, userId);
    if (membership.role === role) return { name: membership.name, role };
    if (membership.role === "admin") await assertNotLastAdmin(tx, organization.id, userId);
    await tx
      .update(memberships)
      .set({ role })
      .where(and(eq(memberships.organizationId, organization.id), eq(memberships.userId, userId)));
    await recordAudit(tx, actor, {
      action: "membership.role_changed",
      entityType: "membership",
      entityId: userId,
      organizationId: organization.id,
      before: { email: membership.email, role: membership.role },
      after: { email: membership.email, role },
    });
    return { name: membership.name, role };
  });
}

async function deleteMembership(actor: Actor, organizationId: string, userId: string, action: "membership.removed" | "membership.left") {
  await getDb().transaction(async (tx) => {
    const membership = await requireMembership(tx, organizationId, userId);
    if (membership.role === "admin") await assertNotLastAdmin(tx, organizationId, userId);
    await tx.delete(memberships).where(and(eq(memberships.organizationId, organizationId), eq(memberships.userId, userId)));
    await recordAudit(tx, actor, {
      action,
      entityType: "membership",
      entityId: userId,
      organizationId,
      before: { email: membership.email, name: membership.name, role: membership.role },
    });
  });
}

/** Removes a member; the form must carry the user's confirmation. */
export async function removeMember(actor: Actor, organizationId: unknown, input: unknown): Promise<{ name: string }> {
  const organization = await requireMemberManager(actor, organizationId);
  const data = parseInput(removeMemberSchema, input);
  assertConfirmed(data);
  const { userId } = data;
  const { name } = await requireMembership(getDb(), organization.id, userId);
  await deleteMembership(actor, organization.id, userId, "membership.removed");
  return { name };
}

/** A member leaves on their own; the last admin must hand over first. */
export async function leaveOrganization(actor: Actor, organizationId: unknown, input: unknown): Promise<void> {
  const organization = await requireOrganization(getDb(), organizationId);
  if (actor.kind !== "user") deny(actor);
  if (!organizationAccess(actor, organization).isMember) throw new AppError("forbidden", "errors.forbidden");
  assertConfirmed(parseInput(leaveOrganizationSchema, input));
  await deleteMembership(actor, organization.id, actor.userId, "membership.left");
}
