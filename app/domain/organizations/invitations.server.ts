import { and, eq, gt, isNull, sql } from "drizzle-orm";
import { getDb, type Queryable } from "~/db/client.server.ts";
import { invitations, memberships, organizations, users } from "~/db/schema/index.ts";
import { getEnv } from "~/env.server.ts";
import { defaultLocale, isLocale, type Locale } from "~/i18n/config.ts";
import { getTranslator } from "~/i18n/translate.ts";
import { hashToken, randomToken } from "~/lib/crypto.server.ts";
import { AppError } from "~/lib/errors.ts";
import { parseInput } from "~/lib/validation.ts";
import { recordAudit } from "~/domain/audit/audit.server.ts";
import type { Actor } from "~/domain/auth/actor.ts";
import { countInvitation } from "~/domain/auth/rate-limit.server.ts";
import { sendMail } from "~/domain/mail/mail.server.ts";
import { deny, isHigherRole, organizationAccess, requireOrganization } from "./access.server.ts";
import { INVITATION_LIFETIME_DAYS, assertConfirmed, inviteMemberSchema, revokeInvitationSchema } from "./organizations.schema.ts";

function invitationUrl(token: string): string {
  return new URL(`/invitasjon/${token}`, getEnv().PUBLIC_URL).toString();
}

/**
 * Invites someone by e-mail. The link carries a random token; only its hash is
 * stored. A new invitation to the same address replaces a pending one, so the
 * latest e-mail is the only link that works.
 */
export async function inviteMember(actor: Actor, organizationId: unknown, input: unknown, options: { locale?: Locale } = {}): Promise<{ email: string }> {
  const db = getDb();
  const organization = await requireOrganization(db, organizationId);
  if (actor.kind !== "user" || !organizationAccess(actor, organization).canManageMembers) deny(actor);
  const { email, role } = parseInput(inviteMemberSchema, input);

  const [existing] = await db
    .select({ userId: memberships.userId })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.organizationId, organization.id), eq(users.email, email)));
  if (existing) throw new AppError("conflict", "org.invite.error.alreadyMember", { email: { key: "org.invite.error.alreadyMember" } });
  await countInvitation(db, actor.userId, email);

  const token = randomToken();
  const expiresAt = new Date(Date.now() + INVITATION_LIFETIME_DAYS * 24 * 60 * 60 * 1000);
  await db.transaction(async (tx) => {
    const replaced = await tx
      .update(invitations)
      .set({ revokedAt: sql`now()` })
      .where(and(eq(invitations.organizationId, organization.id), eq(invitations.email, email), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)))
      .returning({ id: invitations.id });
    const id = hashToken(token);
    await tx.insert(invitations).values({ id, organizationId: organization.id, email, role, invitedBy: actor.userId, expiresAt });
    await recordAudit(tx, actor, {
      action: "invitation.created",
      entityType: "invitation",
      entityId: id,
      organizationId: organization.id,
      after: { email, role, expiresAt, ...(replaced.length > 0 ? { replacedInvitations: replaced.length } : {}) },
    });
  });

  const locale = options.locale ?? (isLocale(actor.locale) ? actor.locale : defaultLocale);
  const t = getTranslator(locale);
  await sendMail({
    to: email,
    subject: t("org.mail.invitation.subject", { organization: organization.name }),
    text: t("org.mail.invitation.body", {
      inviter: actor.name,
      organization: organization.name,
      role,
      url: invitationUrl(token),
      days: INVITATION_LIFETIME_DAYS,
    }),
  });
  return { email };
}

export async function revokeInvitation(actor: Actor, organizationId: unknown, input: unknown): Promise<{ email: string }> {
  const db = getDb();
  const organization = await requireOrganization(db, organizationId);
  if (!organizationAccess(actor, organization).canManageMembers) deny(actor);
  const data = parseInput(revokeInvitationSchema, input);
  assertConfirmed(data);
  const { invitationId } = data;
  return db.transaction(async (tx) => {
    const [revoked] = await tx
      .update(invitations)
      .set({ revokedAt: sql`now()` })
      .where(
        and(eq(invitations.id, invitationId), eq(invitations.organizationId, organization.id), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)),
      )
      .returning({ email: invitations.email, role: invitations.role });
    if (!revoked) throw new AppError("not_found", "errors.notFound");
    await recordAudit(tx, actor, {
      action: "invitation.revoked",
      entityType: "invitation",
      entityId: invitationId,
      organizationId: organization.id,
      before: { email: revoked.email, role: revoked.role },
    });
    return { email: revoked.email };
  });
}

function invitationIdFromToken(token: unknown): string {
  if (typeof token !== "string" || !/^[A-Za-z0-9_-]{20,200}$/.test(token)) throw new AppError("invalid_token", "errors.invalidToken");
  return hashToken(token);
}

/** A pending, unexpired invitation, or invalid_token. */
async function findUsableInvitation(db: Queryable, token: unknown) {
  const id = invitationIdFromToken(token);
  const [row] = await db
    .select({
      id: invitations.id,
      email: invitations.email,
      role: invitations.role,
      organizationId: invitations.organizationId,
      organizationName: organizations.name,
      organizationIsDemo: organizations.isDemo,
      inviterName: users.name,
      expiresAt: invitations.expiresAt,
    })
    .from(invitations)
    .innerJoin(organizations, eq(organizations.id, invitations.organizationId))
    .leftJoin(users, eq(users.id, invitations.invitedBy))
    .where(and(eq(invitations.id, id), isNull(invitations.acceptedAt), isNull(invitations.revokedAt), gt(invitations.expiresAt, sql`now()`)));
  if (!row) throw new AppError("invalid_token", "errors.invalidToken");
  return row;
}

/**
 * What the invitation page shows. Holding the link is what entitles one to
 * read it, so no actor is needed; the id (hash) is left out.
 */
export async function getInvitation(token: unknown) {
  const { id: _id, ...invitation } = await findUsableInvitation(getDb(), token);
  return invitation;
}

/**
 * Joins the organisation. The signed-in account must have the address the
 * invitation was sent to, so a forwarded link cannot be used by someone else,
 * and that address must be verified: anyone can register any address, and
 * only proving it shows the account belongs to the person invited.
 * An existing member keeps the higher of their role and the invited one.
 */
export async function acceptInvitation(actor: Actor, token: unknown): Promise<{ organizationId: string }> {
  if (actor.kind !== "user") deny(actor);
  return getDb().transaction(async (tx) => {
    const invitation = await findUsableInvitation(tx, token);
    if (invitation.email.toLowerCase() !== actor.email.trim().toLowerCase()) {
      throw new AppError("forbidden", "org.invitation.error.emailMismatch");
    }
    if (!actor.emailVerified) throw new AppError("forbidden", "org.invitation.error.unverified");
    const [claimed] = await tx
      .update(invitations)
      .set({ acceptedAt: sql`now()` })
      .where(and(eq(invitations.id, invitation.id), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)))
      .returning({ id: invitations.id });
    if (!claimed) throw new AppError("invalid_token", "errors.invalidToken");

    const [current] = await tx
      .select({ role: memberships.role })
      .from(memberships)
      .where(and(eq(memberships.organizationId, invitation.organizationId), eq(memberships.userId, actor.userId)));
    if (!current) {
      await tx.insert(memberships).values({ organizationId: invitation.organizationId, userId: actor.userId, role: invitation.role });
    } else if (isHigherRole(invitation.role, current.role)) {
      await tx
        .update(memberships)
        .set({ role: invitation.role })
        .where(and(eq(memberships.organizationId, invitation.organizationId), eq(memberships.userId, actor.userId)));
    }
    const role = current && !isHigherRole(invitation.role, current.role) ? current.role : invitation.role;
    await recordAudit(tx, actor, {
      action: "invitation.accepted",
      entityType: "invitation",
      entityId: invitation.id,
      organizationId: invitation.organizationId,
      before: current ? { email: actor.email, role: current.role } : null,
      after: { email: actor.email, role },
    });
    return { organizationId: invitation.organizationId };
  });
}
