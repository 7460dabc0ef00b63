import { and, count, desc, eq, inArray, isNotNull, isNull, ne, sql, type SQL } from "drizzle-orm";
import { getDb, type Queryable } from "~/db/client.server.ts";
import {
  memberships,
  municipalities,
  organizations,
  roleGrants,
  users,
  volunteerInterestEvents,
  volunteerInterests,
  volunteerRoles,
} from "~/db/schema/index.ts";
import { getEnv } from "~/env.server.ts";
import { recordAudit } from "~/domain/audit/audit.server.ts";
import { anonymous, coordinatedMunicipalities, isOrganizationMember, type Actor } from "~/domain/auth/actor.ts";
import { hit, type RateLimitRule } from "~/domain/auth/rate-limit.server.ts";
import { sendMail } from "~/domain/mail/mail.server.ts";
import { defaultLocale, type Locale } from "~/i18n/config.ts";
import { kommuneMailLocale } from "~/i18n/malform.server.ts";
import { getTranslator } from "~/i18n/translate.ts";
import { hashToken, randomToken } from "~/lib/crypto.server.ts";
import { AppError } from "~/lib/errors.ts";
import { pageBounds, pageCount } from "~/lib/paging.ts";
import { isUuid, parseInput } from "~/lib/validation.ts";
import { volunteerLinks } from "./links.ts";
import { getPublicRole } from "./roles.server.ts";
import { INTEREST_UNANSWERED_DAYS, UNCONFIRMED_INTEREST_DAYS, VOLUNTEER_CONSENT_VERSION, type InterestStatus } from "./volunteers.constants.ts";
import { HONEYPOT_FIELD, interestSchema, interestUpdateSchema } from "./volunteers.schema.ts";

/**
 * Interests in volunteer roles (issue 14): the public form, the confirmation of the address, and the receiving
 * side's inbox.
 *
 * THE TOKEN SCHEME (shared with the volunteer's own pages, app/domain/volunteers/self.server.ts): each interest
 * has ONE random token (randomToken(), 256 bits); volunteer_interests.token_hash holds sha256 of it (hashToken) and
 * nothing else does — the raw token exists only in the e-mails to the volunteer. The same token opens
 * /frivillig/bekreft/<token> (confirm), /frivillig/mine/<token> (status) and /frivillig/trekk/<token> (withdraw);
 * find an interest with `interestByToken`. A later e-mail to the volunteer (a reminder) cannot rebuild the
 * token from its hash: call `rotateInterestToken`, which stores a new hash and returns the new token — the links in
 * older e-mails then stop working, and the new e-mail carries working ones (volunteerLinks).
 *
 * Who reads the personal data: ONLY the receiving side — the members of the role's organisation, or, for a
 * kommune's own need (organization_id null), that kommune's municipal coordinators. Not other organisations, not
 * coordinators of other kommuner, not county advisors, not national admins. Nothing is shown or sent to the
 * receiving side before the volunteer has confirmed their address (status `unconfirmed` is invisible there).
 */

const DAY_MS = 24 * 60 * 60 * 1000;
/** Interests one source may send: generous, as a class or an office may share one address. */
export const interestsPerIp: RateLimitRule = { limit: 20, windowSeconds: 60 * 60 };
/** Interests for one e-mail address (each sends it a confirmation mail). */
export const interestsPerAddress: RateLimitRule = { limit: 5, windowSeconds: 60 * 60 };

export const INBOX_PAGE_SIZE = 20;

function absoluteUrl(path: string): string {
  return new URL(path, getEnv().PUBLIC_URL).toString();
}

function tokenHashOf(token: unknown): string {
  if (typeof token !== "string" || !/^[A-Za-z0-9_-]{20,200}$/.test(token)) throw new AppError("invalid_token", "errors.invalidToken");
  return hashToken(token);
}

/** The interest a volunteer's link names, or an invalid_token error. */
export async function interestByToken(db: Queryable, token: unknown) {
  const [row] = await db
    .select()
    .from(volunteerInterests)
    .where(eq(volunteerInterests.tokenHash, tokenHashOf(token)));
  if (!row) throw new AppError("invalid_token", "errors.invalidToken");
  return row;
}

/** A fresh token for an interest (for a new e-mail to the volunteer); older links stop working. */
export async function rotateInterestToken(db: Queryable, interestId: string): Promise<string> {
  const token = randomToken();
  await db
    .update(volunteerInterests)
    .set({ tokenHash: hashToken(token) })
    .where(eq(volunteerInterests.id, interestId));
  return token;
}

export interface InterestRequestMeta {
  ip: string | null;
  locale?: Locale;
  now?: Date;
}

/**
 * The public form: stores the interest as `unconfirmed` and mails the address a confirmation link. Nothing reaches
 * the organisation until the link is confirmed. A filled honeypot is answered as a success and stores nothing; the
 * answer is the same whether or not the address already showed interest in this role (no enumeration).
 */
export async function submitInterest(roleId: unknown, rawInput: unknown, meta: InterestRequestMeta): Promise<{ sent: true }> {
  const now = meta.now ?? new Date();
  const locale = meta.locale ?? defaultLocale;
  const db = getDb();
  const role = await getPublicRole(roleId, now);
  const raw = (rawInput ?? {}) as Record<string, unknown>;
  if (typeof raw[HONEYPOT_FIELD] === "string" ? raw[HONEYPOT_FIELD].trim() !== "" : raw[HONEYPOT_FIELD] !== undefined) return { sent: true };
  const input = parseInput(interestSchema, rawInput);
  if (!(await hit(db, `volunteer-interest:ip:${meta.ip ?? "unknown"}`, interestsPerIp))) throw new AppError("rate_limited", "errors.rateLimited");
  if (!(await hit(db, `volunteer-interest:address:${input.email}`, interestsPerAddress))) throw new AppError("rate_limited", "errors.rateLimited");

  const token = randomToken();
  const outcome = await db.transaction(async (tx) => {
    const [existing] = await tx
      .select({ id: volunteerInterests.id, status: volunteerInterests.status })
      .from(volunteerInterests)
      .where(and(eq(volunteerInterests.roleId, role.id), sql`lower(${volunteerInterests.email}) = ${input.email}`));
    const fields = {
      name: input.name,
      phone: input.phone,
      languages: input.languages,
      message: input.message,
      consentVersion: VOLUNTEER_CONSENT_VERSION,
      contactableByKommune: input.contactableByKommune,
    };
    if (existing && existing.status !== "unconfirmed") {
      // Already confirmed: nothing changes for the organisation; the address gets its working links again.
      await tx
        .update(volunteerInterests)
        .set({ tokenHash: hashToken(token) })
        .where(eq(volunteerInterests.id, existing.id));
      return "already" as const;
    }
    if (existing) {
      await tx
        .update(volunteerInterests)
        .set({ ...fields, tokenHash: hashToken(token), createdAt: now, statusChangedAt: now })
        .where(eq(volunteerInterests.id, existing.id));
    } else {
      await tx.insert(volunteerInterests).values({
        ...fields,
        roleId: role.id,
        organizationId: role.organizationId,
        municipalityNumber: role.municipalityNumber,
        email: input.email,
        status: "unconfirmed",
        tokenHash: hashToken(token),
        createdAt: now,
        statusChangedAt: now,
      });
    }
    return "pending" as const;
  });
  const t = getTranslator(locale);
  const links = volunteerLinks(token);
  const values = {
    name: input.name,
    role: role.title,
    parent: role.parentTitle,
    days: UNCONFIRMED_INTEREST_DAYS,
    confirmUrl: absoluteUrl(`/frivillig/bekreft/${token}`),
    statusUrl: links.status,
    withdrawUrl: links.withdraw,
  };
  if (outcome === "already") {
    await sendMail({ to: input.email, subject: t("volunteers.mail.already.subject", values), text: t("volunteers.mail.already.body", values) });
  } else {
    await sendMail({ to: input.email, subject: t("volunteers.mail.confirm.subject", values), text: t("volunteers.mail.confirm.body", values) });
  }
  return { sent: true };
}

function confirmable(row: { status: InterestStatus; createdAt: Date }, now: Date): boolean {
  return row.status === "unconfirmed" && now.getTime() - row.createdAt.getTime() <= UNCONFIRMED_INTEREST_DAYS * DAY_MS;
}

/** What the confirmation page shows: the role, and whether the link still has something to confirm. */
export async function getInterestForConfirmation(token: unknown, now = new Date()) {
  const db = getDb();
  const row = await interestByToken(db, token);
  const [role] = await db.select({ id: volunteerRoles.id, title: volunteerRoles.title }).from(volunteerRoles).where(eq(volunteerRoles.id, row.roleId));
  return { roleId: role!.id, roleTitle: role!.title, confirmed: row.status !== "unconfirmed", confirmable: confirmable(row, now) };
}

/** Who receives a confirmed interest: verified addresses of the organisation's admins (members if it has none), or the kommune's coordinators. */
async function receivers(db: Queryable, organizationId: string | null, municipalityNumber: string) {
  if (!organizationId) {
    return db
      .selectDistinct({ email: users.email, locale: users.locale })
      .from(roleGrants)
      .innerJoin(users, eq(users.id, roleGrants.userId))
      .where(and(eq(roleGrants.role, "municipal_coordinator"), eq(roleGrants.municipalityNumber, municipalityNumber), isNotNull(users.emailVerifiedAt)));
  }
  const members = await db
    .select({ email: users.email, locale: users.locale, role: memberships.role })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.organizationId, organizationId), isNotNull(users.emailVerifiedAt)));
  const admins = members.filter((m) => m.role === "admin");
  return (admins.length ? admins : members).map(({ email, locale }) => ({ email, locale }));
}

/**
 * The volunteer confirms their address (a POST from the link's page, so a mail scanner that follows links confirms
 * nothing): the interest becomes `new`, the receiving side is told by e-mail (the volunteer's name and the role; the
 * details wait in the inbox behind sign-in), and the volunteer gets their status and withdraw links.
 */
export async function confirmInterest(token: unknown, now = new Date()): Promise<{ roleId: string; already: boolean; rolePublic: boolean }> {
  const db = getDb();
  const result = await db.transaction(async (tx) => {
    const row = await interestByToken(tx, token);
    if (row.status !== "unconfirmed") return { row, fresh: false };
    if (!confirmable(row, now)) throw new AppError("invalid_token", "errors.invalidToken");
    const [updated] = await tx
      .update(volunteerInterests)
      .set({ status: "new", confirmedAt: now, statusChangedAt: now })
      .where(and(eq(volunteerInterests.id, row.id), eq(volunteerInterests.status, "unconfirmed")))
      .returning({ id: volunteerInterests.id });
    if (!updated) return { row, fresh: false };
    await tx.insert(volunteerInterestEvents).values({ interestId: row.id, status: "new", byUserId: null, at: now });
    await recordAudit(tx, anonymous(), {
      action: "volunteer_interest.confirmed",
      entityType: "volunteer_interest",
      entityId: row.id,
      organizationId: row.organizationId,
    });
    return { row, fresh: true };
  });
  const { row } = result;
  if (result.fresh) {
    const [role] = await db
      .select({ title: volunteerRoles.title, municipalityName: municipalities.name })
      .from(volunteerRoles)
      .innerJoin(municipalities, eq(municipalities.number, row.municipalityNumber))
      .where(eq(volunteerRoles.id, row.roleId));
    const inboxUrl = absoluteUrl(
      row.organizationId ? `/organisasjoner/${row.organizationId}/frivillige` : `/kommuner/${row.municipalityNumber}/frivillige/innboks`,
    );
    for (const r of await receivers(db, row.organizationId, row.municipalityNumber)) {
      const t = getTranslator(kommuneMailLocale(row.municipalityNumber, r.locale));
      const values = { name: row.name, role: role!.title, inboxUrl, days: INTEREST_UNANSWERED_DAYS };
      await sendMail({ to: r.email, subject: t("volunteers.mail.received.subject", values), text: t("volunteers.mail.received.body", values) });
    }
    const t = getTranslator(kommuneMailLocale(row.municipalityNumber, null));
    const links = volunteerLinks(String(token));
    const values = { name: row.name, role: role!.title, statusUrl: links.status, withdrawUrl: links.withdraw };
    await sendMail({ to: row.email, subject: t("volunteers.mail.confirmed.subject", values), text: t("volunteers.mail.confirmed.body", values) });
  }
  // The role may have closed since the volunteer wrote: then its page is gone, and the confirmation is shown elsewhere.
  const rolePublic = await getPublicRole(row.roleId, now).then(
    () => true,
    () => false,
  );
  return { roleId: row.roleId, already: !result.fresh, rolePublic };
}

export type InboxScope = { organizationId: string } | { municipalityNumber: string };

function mayReadInbox(actor: Actor, scope: InboxScope): boolean {
  if (actor.kind !== "user") return false;
  if ("organizationId" in scope) return isOrganizationMember(actor, scope.organizationId);
  return coordinatedMunicipalities(actor).includes(scope.municipalityNumber);
}

function scopeCondition(scope: InboxScope): SQL {
  return "organizationId" in scope
    ? eq(volunteerInterests.organizationId, scope.organizationId)
    : and(isNull(volunteerInterests.organizationId), eq(volunteerInterests.municipalityNumber, scope.municipalityNumber))!;
}

async function requireInbox(db: Queryable, actor: Actor, scope: InboxScope) {
  if (actor.kind !== "user") throw new AppError("unauthenticated", "errors.unauthenticated");
  if ("organizationId" in scope) {
    if (!isUuid(scope.organizationId)) throw new AppError("not_found", "errors.notFound");
    const [org] = await db.select({ name: organizations.name }).from(organizations).where(eq(organizations.id, scope.organizationId));
    if (!org) throw new AppError("not_found", "errors.notFound");
    if (!mayReadInbox(actor, scope)) throw new AppError("forbidden", "errors.forbidden");
    return org.name;
  }
  if (!/^\d{4}$/.test(scope.municipalityNumber)) throw new AppError("not_found", "errors.notFound");
  const [m] = await db.select({ name: municipalities.name }).from(municipalities).where(eq(municipalities.number, scope.municipalityNumber));
  if (!m) throw new AppError("not_found", "errors.notFound");
  if (!mayReadInbox(actor, scope)) throw new AppError("forbidden", "errors.forbidden");
  return m.name;
}

/** The receiving side's inbox: confirmed interests only, newest first, filtered by status, paged. */
/** The inbox's own check (a known organisation or kommune, and this actor may read it), for a form posted to it. */
export async function assertInboxAccess(actor: Actor, scope: InboxScope): Promise<void> {
  await requireInbox(getDb(), actor, scope);
}

export async function listInbox(actor: Actor, scope: InboxScope, options: { status: InterestStatus | null; page: number }) {
  const db = getDb();
  const name = await requireInbox(db, actor, scope);
  const conditions = [scopeCondition(scope), ne(volunteerInterests.status, "unconfirmed")];
  if (options.status && options.status !== "unconfirmed") conditions.push(eq(volunteerInterests.status, options.status));
  const where = and(...conditions);
  const [{ n } = { n: 0 }] = await db.select({ n: count() }).from(volunteerInterests).where(where);
  const pages = pageCount(n, INBOX_PAGE_SIZE);
  const page = Math.min(Math.max(1, options.page), pages);
  const { limit, offset } = pageBounds(page, INBOX_PAGE_SIZE);
  const rows = await db
    .select({
      id: volunteerInterests.id,
      name: volunteerInterests.name,
      email: volunteerInterests.email,
      phone: volunteerInterests.phone,
      languages: volunteerInterests.languages,
      message: volunteerInterests.message,
      status: volunteerInterests.status,
      confirmedAt: volunteerInterests.confirmedAt,
      statusChangedAt: volunteerInterests.statusChangedAt,
      policeCertificateSeenOn: volunteerInterests.policeCertificateSeenOn,
      roleId: volunteerRoles.id,
      roleTitle: volunteerRoles.title,
      policeCertificateRequired: volunteerRoles.policeCertificateRequired,
    })
    .from(volunteerInterests)
    .innerJoin(volunteerRoles, eq(volunteerRoles.id, volunteerInterests.roleId))
    .where(where)
    .orderBy(desc(volunteerInterests.confirmedAt), desc(volunteerInterests.id))
    .limit(limit)
    .offset(offset);
  return { name, rows, total: n, page, pageCount: pages };
}

/** Moves an interest on (new → contacted → started / not suitable) and records the day a politiattest was seen. */
export async function updateInterest(actor: Actor, rawInput: unknown, now = new Date()) {
  if (actor.kind !== "user") throw new AppError("unauthenticated", "errors.unauthenticated");
  const input = parseInput(interestUpdateSchema, rawInput);
  const db = getDb();
  const [row] = await db
    .select({
      id: volunteerInterests.id,
      organizationId: volunteerInterests.organizationId,
      municipalityNumber: volunteerInterests.municipalityNumber,
      status: volunteerInterests.status,
      policeCertificateSeenOn: volunteerInterests.policeCertificateSeenOn,
      policeCertificateRequired: volunteerRoles.policeCertificateRequired,
    })
    .from(volunteerInterests)
    .innerJoin(volunteerRoles, eq(volunteerRoles.id, volunteerInterests.roleId))
    .where(eq(volunteerInterests.id, input.interestId));
  // Unconfirmed interests do not exist for the receiving side.
  if (!row || row.status === "unconfirmed") throw new AppError("not_found", "errors.notFound");
  const scope: InboxScope = row.organizationId ? { organizationId: row.organizationId } : { municipalityNumber: row.municipalityNumber };
  if (!mayReadInbox(actor, scope)) throw new AppError("forbidden", "errors.forbidden");
  if (input.policeCertificateSeenOn !== null) {
    if (!row.policeCertificateRequired)
      throw new AppError("validation", "common.errorSummary", { policeCertificateSeenOn: { key: "volunteers.error.noCertificateNeeded" } });
    if (input.policeCertificateSeenOn > now.toISOString().slice(0, 10) || input.policeCertificateSeenOn < "2000-01-01") {
      throw new AppError("validation", "common.errorSummary", { policeCertificateSeenOn: { key: "volunteers.error.seenOnRange" } });
    }
  }
  const statusChanged = input.status !== row.status;
  await db.transaction(async (tx) => {
    await tx
      .update(volunteerInterests)
      .set({
        status: input.status,
        policeCertificateSeenOn: input.policeCertificateSeenOn,
        ...(statusChanged ? { statusChangedAt: now } : {}),
      })
      .where(eq(volunteerInterests.id, row.id));
    if (statusChanged) await tx.insert(volunteerInterestEvents).values({ interestId: row.id, status: input.status, byUserId: actor.userId, at: now });
    await recordAudit(tx, actor, {
      action: "volunteer_interest.updated",
      entityType: "volunteer_interest",
      entityId: row.id,
      organizationId: row.organizationId,
      before: { status: row.status, policeCertificateSeenOn: row.policeCertificateSeenOn },
      after: { status: input.status, policeCertificateSeenOn: input.policeCertificateSeenOn },
    });
  });
}

/** For the start page: new (unanswered) interests waiting in each of these inboxes. */
export async function newInterestCounts(organizationIds: string[], municipalityNumbers: string[]) {
  const db = getDb();
  const orgCounts = organizationIds.length
    ? await db
        .select({ id: volunteerInterests.organizationId, n: count() })
        .from(volunteerInterests)
        .where(and(inArray(volunteerInterests.organizationId, organizationIds), eq(volunteerInterests.status, "new")))
        .groupBy(volunteerInterests.organizationId)
    : [];
  const municipalityCounts = municipalityNumbers.length
    ? await db
        .select({ number: volunteerInterests.municipalityNumber, n: count() })
        .from(volunteerInterests)
        .where(
          and(
            isNull(volunteerInterests.organizationId),
            inArray(volunteerInterests.municipalityNumber, municipalityNumbers),
            eq(volunteerInterests.status, "new"),
          ),
        )
        .groupBy(volunteerInterests.municipalityNumber)
    : [];
  return {
    organizations: new Map(orgCounts.map((r) => [r.id!, r.n])),
    municipalities: new Map(municipalityCounts.map((r) => [r.number, r.n])),
  };
}
