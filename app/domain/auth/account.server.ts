import { and, asc, desc, eq, gte, ne, sql } from "drizzle-orm";
import { getDb, type Queryable } from "~/db/client.server.ts";
import {
  auditLog,
  counties,
  invitations,
  memberships,
  municipalities,
  oidcIdentities,
  organizations,
  outboundEmails,
  roleGrants,
  sessions,
  users,
} from "~/db/schema/index.ts";
import type { Locale } from "~/i18n/config.ts";
import { AppError } from "~/lib/errors.ts";
import { parseInput } from "~/lib/validation.ts";
import { recordAudit } from "~/domain/audit/audit.server.ts";
import type { Actor, UserActor } from "./actor.ts";
import { changePasswordSchema, deleteAccountSchema, profileSchema } from "./auth.schema.ts";
import { hashPassword, verifyPassword } from "./password.server.ts";
import { hit, isLimited, passwordChangePerAccount, reset } from "./rate-limit.server.ts";
import { destroySession } from "./session.server.ts";

/**
 * The signed-in user's own account: profile, password, sessions, data export
 * and deletion. Every function acts on the actor's own account only, so the
 * authorization rule is simply "signed in"; there is no way to name another user.
 */

function requireSelf(actor: Actor): UserActor {
  if (actor.kind !== "user") throw new AppError("unauthenticated", "errors.unauthenticated");
  return actor;
}

async function loadUser(db: Queryable, userId: string) {
  const [user] = await db.select().from(users).where(eq(users.id, userId));
  // The session outlived its user (deleted in another tab): treat as signed out.
  if (!user) throw new AppError("unauthenticated", "errors.unauthenticated");
  return user;
}

/**
 * The shared demo accounts have a published password; changing it or deleting
 * the account would lock every other visitor out of the demo.
 */
function refuseForDemoAccount(user: { isDemo: boolean }) {
  if (user.isDemo) throw new AppError("conflict", "account.demoProtected");
}

async function listMemberships(db: Queryable, userId: string) {
  return db
    .select({
      organizationId: memberships.organizationId,
      organizationName: organizations.name,
      organizationIsDemo: organizations.isDemo,
      role: memberships.role,
      since: memberships.createdAt,
    })
    .from(memberships)
    .innerJoin(organizations, eq(organizations.id, memberships.organizationId))
    .where(eq(memberships.userId, userId))
    .orderBy(asc(organizations.name));
}

async function listRoleGrants(db: Queryable, userId: string) {
  return db
    .select({
      role: roleGrants.role,
      municipalityNumber: roleGrants.municipalityNumber,
      municipalityName: municipalities.name,
      countyNumber: roleGrants.countyNumber,
      // For a kommune role, the name of the kommune's county, so "Hamar (Innlandet)" can be shown.
      countyName: counties.name,
      since: roleGrants.createdAt,
    })
    .from(roleGrants)
    .leftJoin(municipalities, eq(municipalities.number, roleGrants.municipalityNumber))
    .leftJoin(counties, eq(counties.number, sql`coalesce(${roleGrants.countyNumber}, ${municipalities.countyNumber})`))
    .where(eq(roleGrants.userId, userId))
    .orderBy(asc(roleGrants.role), asc(roleGrants.countyNumber), asc(roleGrants.municipalityNumber));
}

export type Profile = Awaited<ReturnType<typeof getProfile>>;

/** What /min-side shows: the account, its organisations and its scoped roles. */
export async function getProfile(actor: Actor) {
  const self = requireSelf(actor);
  const db = getDb();
  const user = await loadUser(db, self.userId);
  const [orgs, roles] = await Promise.all([listMemberships(db, user.id), listRoleGrants(db, user.id)]);
  return {
    name: user.name,
    email: user.email,
    emailVerified: user.emailVerifiedAt !== null,
    locale: user.locale as Locale | null,
    isDemo: user.isDemo,
    hasPassword: user.passwordHash !== null,
    createdAt: user.createdAt,
    memberships: orgs,
    roles,
  };
}

export async function updateProfile(actor: Actor, input: unknown): Promise<void> {
  const self = requireSelf(actor);
  const data = parseInput(profileSchema, input);
  await getDb().transaction(async (tx) => {
    const user = await loadUser(tx, self.userId);
    if (user.name === data.name) return;
    await tx.update(users).set({ name: data.name, updatedAt: new Date() }).where(eq(users.id, user.id));
    await recordAudit(tx, self, {
      action: "user.profile_updated",
      entityType: "user",
      entityId: user.id,
      before: { name: user.name },
      after: { name: data.name },
    });
  });
}

/**
 * Sets a new password. The current one is required when the account has one,
 * and wrong guesses are rate limited like sign-in. Every other session ends,
 * so a stolen session dies with the old password; this one stays.
 */
export async function changePassword(actor: Actor, input: unknown): Promise<void> {
  const self = requireSelf(actor);
  const data = parseInput(changePasswordSchema, input);
  const db = getDb();
  const user = await loadUser(db, self.userId);
  refuseForDemoAccount(user);
  if (user.passwordHash) {
    const limitKey = `password-change:${user.id}`;
    if (await isLimited(db, limitKey, passwordChangePerAccount)) throw new AppError("rate_limited", "errors.rateLimited");
    if (!data.currentPassword) {
      throw new AppError("validation", "common.errorSummary", { currentPassword: { key: "validation.required" } });
    }
    if (!(await verifyPassword(user.passwordHash, data.currentPassword))) {
      await hit(db, limitKey, passwordChangePerAccount);
      throw new AppError("validation", "common.errorSummary", { currentPassword: { key: "account.password.wrongCurrent" } });
    }
    await reset(db, limitKey);
  }
  const passwordHash = await hashPassword(data.newPassword);
  await db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash, updatedAt: new Date() }).where(eq(users.id, user.id));
    const ended = await tx
      .delete(sessions)
      .where(and(eq(sessions.userId, user.id), ne(sessions.id, self.sessionId)))
      .returning({ id: sessions.id });
    await recordAudit(tx, self, {
      action: "user.password_changed",
      entityType: "user",
      entityId: user.id,
      after: { hadPassword: user.passwordHash !== null, otherSessionsEnded: ended.length },
    });
  });
}

/** Ends every session of the user, this one included (e.g. after a lost phone). */
export async function signOutEverywhere(actor: Actor): Promise<void> {
  const self = requireSelf(actor);
  await getDb().transaction(async (tx) => {
    const ended = await tx.delete(sessions).where(eq(sessions.userId, self.userId)).returning({ id: sessions.id });
    await recordAudit(tx, self, { action: "user.signed_out_everywhere", entityType: "user", entityId: self.userId, after: { sessionsEnded: ended.length } });
  });
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Links in e-mails carry live one-time tokens (sign-in, password reset,
 * verification, invitations); an export file must not. Removes them in every
 * form they take: a `token` query parameter, the invitation path, and, as a
 * backstop for any link added later, any long run of URL-safe characters
 * that looks random (tokens are 43 of them, with digits or capitals inside;
 * a long Norwegian compound word has neither, and ids that are UUIDs are
 * kept, they open nothing).
 */
export function redactSecrets(text: string): string {
  return text
    .replace(/([?&][^=\s&#]*token[^=\s&#]*=)[^\s&#]+/gi, "$1[removed]")
    .replace(/((?:\/|%2F)invitasjon(?:\/|%2F))[^\s/?#&%]+/gi, "$1[removed]")
    .replace(/[A-Za-z0-9_-]{32,}/g, (run) => (uuidPattern.test(run) || !/[0-9_]|.[A-Z]/.test(run) ? run : "[removed]"));
}

/**
 * Which e-mails belong to the account: those sent to its address after the
 * account was created, and only once the address is verified. Before that,
 * whoever registered may not own the address, and mail to it (invitations,
 * links) is the address owner's, not the account's.
 */
function mailBelongsToAccount(user: { email: string; createdAt: Date }) {
  return and(eq(outboundEmails.to, user.email), gte(outboundEmails.createdAt, user.createdAt));
}

/**
 * Everything Samspill holds about the user (GDPR art. 15 and 20), as plain
 * data for a JSON download. Secrets are left out: password hashes, session
 * and token ids (they are token hashes), invitation ids (token hashes too),
 * and tokens in e-mail links. What was addressed to the e-mail address
 * (e-mails, invitations) is included only once the address is verified, and
 * e-mails only from after the account was created.
 */
export async function exportPersonalData(actor: Actor) {
  const self = requireSelf(actor);
  const db = getDb();
  const user = await loadUser(db, self.userId);
  const addressProven = user.emailVerifiedAt !== null;
  const [orgs, roles, userSessions, identities, auditEntries, emails, invitationsToUser] = await Promise.all([
    listMemberships(db, user.id),
    listRoleGrants(db, user.id),
    db
      .select({
        createdAt: sessions.createdAt,
        lastSeenAt: sessions.lastSeenAt,
        expiresAt: sessions.expiresAt,
        ip: sessions.ip,
        userAgent: sessions.userAgent,
        method: sessions.method,
      })
      .from(sessions)
      .where(eq(sessions.userId, user.id))
      .orderBy(desc(sessions.createdAt)),
    db
      .select({ provider: oidcIdentities.provider, subject: oidcIdentities.subject, createdAt: oidcIdentities.createdAt })
      .from(oidcIdentities)
      .where(eq(oidcIdentities.userId, user.id)),
    db
      .select({
        at: auditLog.at,
        action: auditLog.action,
        entityType: auditLog.entityType,
        entityId: auditLog.entityId,
        organizationId: auditLog.organizationId,
        before: auditLog.before,
        after: auditLog.after,
        ip: auditLog.ip,
      })
      .from(auditLog)
      .where(eq(auditLog.actorUserId, user.id))
      .orderBy(asc(auditLog.id)),
    !addressProven
      ? []
      : db
          .select({ createdAt: outboundEmails.createdAt, sentAt: outboundEmails.sentAt, subject: outboundEmails.subject, text: outboundEmails.text })
          .from(outboundEmails)
          .where(mailBelongsToAccount(user))
          .orderBy(asc(outboundEmails.createdAt)),
    !addressProven
      ? []
      : db
          .select({
            organizationName: organizations.name,
            role: invitations.role,
            createdAt: invitations.createdAt,
            expiresAt: invitations.expiresAt,
            acceptedAt: invitations.acceptedAt,
            revokedAt: invitations.revokedAt,
          })
          .from(invitations)
          .innerJoin(organizations, eq(organizations.id, invitations.organizationId))
          .where(eq(invitations.email, user.email)),
  ]);
  return {
    exportedAt: new Date().toISOString(),
    profile: {
      id: user.id,
      email: user.email,
      name: user.name,
      emailVerifiedAt: user.emailVerifiedAt,
      locale: user.locale,
      hasPassword: user.passwordHash !== null,
      isDemo: user.isDemo,
      createdAt: user.createdAt,
      updatedAt: user.updatedAt,
    },
    signInIdentities: identities,
    memberships: orgs.map((m) => ({ organizationId: m.organizationId, organizationName: m.organizationName, role: m.role, since: m.since })),
    roleGrants: roles,
    invitations: invitationsToUser,
    sessions: userSessions,
    // An invitation's id is the hash of its link's token.
    auditEntries: auditEntries.map((e) => (e.entityType === "invitation" ? { ...e, entityId: null } : e)),
    emails: emails.map((e) => ({ ...e, text: redactSecrets(e.text) })),
  };
}

export type PersonalDataExport = Awaited<ReturnType<typeof exportPersonalData>>;

/**
 * Organisations that would be left without an admin while still having
 * members if this user went away. Deleting the account is refused until
 * another member is made admin (or the other members leave).
 */
async function organizationsOnlyAdministeredBy(db: Queryable, userId: string) {
  const otherAdmins = db
    .select({ one: sql`1` })
    .from(memberships)
    .where(and(eq(memberships.organizationId, organizations.id), eq(memberships.role, "admin"), ne(memberships.userId, userId)));
  const otherMembers = db
    .select({ one: sql`1` })
    .from(memberships)
    .where(and(eq(memberships.organizationId, organizations.id), ne(memberships.userId, userId)));
  return db
    .select({ id: organizations.id, name: organizations.name })
    .from(memberships)
    .innerJoin(organizations, eq(organizations.id, memberships.organizationId))
    .where(and(eq(memberships.userId, userId), eq(memberships.role, "admin"), sql`not exists ${otherAdmins}`, sql`exists ${otherMembers}`))
    .orderBy(asc(organizations.name));
}

/** What stands in the way of deleting the account, shown before the user tries. */
export async function getDeletionBlockers(actor: Actor) {
  const self = requireSelf(actor);
  const db = getDb();
  const user = await loadUser(db, self.userId);
  return { isDemo: user.isDemo, soleAdminOf: await organizationsOnlyAdministeredBy(db, user.id) };
}

/**
 * Deletes the account and everything that belongs only to it (sessions,
 * memberships, roles, one-time tokens, sign-in identities and the e-mails
 * sent to it). The audit log keeps its entries, with the user's id but
 * without the e-mail address, so the history of shared data stays whole.
 */
export async function deleteAccount(actor: Actor, input: unknown): Promise<void> {
  const self = requireSelf(actor);
  const { confirmEmail } = parseInput(deleteAccountSchema, input);
  await getDb().transaction(async (tx) => {
    const user = await loadUser(tx, self.userId);
    if (confirmEmail.toLowerCase() !== user.email) {
      throw new AppError("validation", "common.errorSummary", { confirmEmail: { key: "account.delete.emailMismatch" } });
    }
    refuseForDemoAccount(user);
    const blocking = await organizationsOnlyAdministeredBy(tx, user.id);
    if (blocking.length > 0) {
      throw new AppError("conflict", "account.delete.refused", {
        _form: { key: "account.delete.soleAdminOf", values: { organizations: blocking.map((o) => o.name).join(", "), count: blocking.length } },
      });
    }
    // Entries about the account itself (registered, renamed) hold its name and address.
    await tx
      .update(auditLog)
      .set({ before: null, after: null })
      .where(and(eq(auditLog.entityType, "user"), eq(auditLog.entityId, user.id), sql`(${auditLog.before} is not null or ${auditLog.after} is not null)`));
    const [orgs, roles] = [await listMemberships(tx, user.id), await listRoleGrants(tx, user.id)];
    await recordAudit(tx, self, {
      action: "user.deleted",
      entityType: "user",
      entityId: user.id,
      // What access went away with the account; ids and scopes only, no personal data.
      before: {
        memberships: orgs.map((m) => ({ organizationId: m.organizationId, role: m.role })),
        roles: roles.map((r) => ({ role: r.role, municipalityNumber: r.municipalityNumber, countyNumber: r.countyNumber })),
      },
    });
    // After the entry above, so it loses the address too.
    await tx.update(auditLog).set({ actorEmail: null }).where(eq(auditLog.actorUserId, user.id));
    // Mail sent to the address before the account existed was never the account's.
    await tx.delete(outboundEmails).where(mailBelongsToAccount(user));
    await tx.delete(users).where(eq(users.id, user.id));
  });
}

/** Remembers the user's language choice across devices. */
export async function saveUserLocale(actor: UserActor, locale: Locale): Promise<void> {
  if (actor.locale === locale) return;
  await getDb().transaction(async (tx) => {
    await tx.update(users).set({ locale }).where(eq(users.id, actor.userId));
    await recordAudit(tx, actor, {
      action: "user.locale_changed",
      entityType: "user",
      entityId: actor.userId,
      before: { locale: actor.locale },
      after: { locale },
    });
  });
}

/** Ends the current session; the audit log records who signed out and when. */
export async function signOut(actor: Actor, request: Request): Promise<string> {
  const setCookie = await destroySession(request);
  if (actor.kind === "user") {
    await recordAudit(getDb(), actor, { action: "user.signed_out", entityType: "user", entityId: actor.userId });
  }
  return setCookie;
}
