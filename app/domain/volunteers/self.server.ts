import { and, desc, eq, gt, isNotNull, isNull, sql, type SQL } from "drizzle-orm";
import { createCookie } from "react-router";
import { getDb, type Queryable } from "~/db/client.server.ts";
import { activities, municipalities, needs, organizations, volunteerInterests, volunteerLinks, volunteerProfiles, volunteerRoles } from "~/db/schema/index.ts";
import { getEnv } from "~/env.server.ts";
import { recordAudit } from "~/domain/audit/audit.server.ts";
import { anonymous } from "~/domain/auth/actor.ts";
import { hit, type RateLimitRule } from "~/domain/auth/rate-limit.server.ts";
import { sendMail } from "~/domain/mail/mail.server.ts";
import type { Locale } from "~/i18n/config.ts";
import { getTranslator } from "~/i18n/translate.ts";
import { hashToken, randomToken } from "~/lib/crypto.server.ts";
import { AppError } from "~/lib/errors.ts";
import { parseInput } from "~/lib/validation.ts";
import { confirmDeleteSchema, profileLinkRequestSchema, profileSchema, withdrawOwnSchema } from "./self.schema.ts";

/**
 * The volunteer's own side (issue 14): no account, only links mailed to the
 * volunteer's address.
 *
 * - An interest's own link (its token is in every e-mail about it; only the
 *   hash is stored, volunteer_interests.token_hash) shows its status and who to
 *   contact, and withdraws it: withdrawing deletes the row and with it every
 *   piece of personal data it held. The pages act only on a button press, so a
 *   mail scanner that follows links withdraws nothing.
 * - The light profile is reached by a sign-in link mailed to an address
 *   (volunteer_links: hash only, PROFILE_LINK_MINUTES, once). Asking for one
 *   answers every address the same way and is rate-limited per address and
 *   source, so the form tells nobody whether an address has interests. The
 *   link's button sets a short-lived signed cookie scoped by path to
 *   /frivillig/meg; that page then shows the profile and every CONFIRMED
 *   interest of the address (an unconfirmed one was never proven to be theirs).
 */

export const PROFILE_LINK_MINUTES = 30;
export const PROFILE_SESSION_MINUTES = 60;
/** One source asking for links to one address, and one inbox from all sources: the same limits whether or not the address is known. */
export const profileLinkPerAddressAndIp: RateLimitRule = { limit: 5, windowSeconds: 15 * 60 };
export const profileLinkPerAddress: RateLimitRule = { limit: 10, windowSeconds: 60 * 60 };

const MINUTE_MS = 60_000;

function absoluteUrl(path: string): string {
  return new URL(path, getEnv().PUBLIC_URL).toString();
}

function tokenLooksValid(token: unknown): token is string {
  return typeof token === "string" && token.length >= 20 && token.length <= 200 && /^[A-Za-z0-9_-]+$/.test(token);
}

/** Who to contact about an interest: the need's contact, else the activity's, else its organisation's. */
export interface ContactPoint {
  name: string;
  email: string | null;
  phone: string | null;
}

const interestColumns = {
  id: volunteerInterests.id,
  status: volunteerInterests.status,
  email: volunteerInterests.email,
  confirmedAt: volunteerInterests.confirmedAt,
  createdAt: volunteerInterests.createdAt,
  statusChangedAt: volunteerInterests.statusChangedAt,
  organizationId: volunteerInterests.organizationId,
  municipalityNumber: volunteerInterests.municipalityNumber,
  municipalityName: municipalities.name,
  roleTitle: volunteerRoles.title,
  roleKind: volunteerRoles.kind,
  activityId: activities.id,
  activityTitle: activities.title,
  activityContactName: activities.contactName,
  activityContactEmail: activities.contactEmail,
  activityContactPhone: activities.contactPhone,
  needId: needs.id,
  needTitle: needs.title,
  needContactName: needs.contactName,
  needContactEmail: needs.contactEmail,
  needContactPhone: needs.contactPhone,
  organizationName: organizations.name,
  organizationEmail: organizations.contactEmail,
  organizationPhone: organizations.contactPhone,
};

/** Interests with their role, what the role is for, the receiving organisation and the kommune. */
export function selectInterests(db: Queryable, where: SQL | undefined) {
  return db
    .select(interestColumns)
    .from(volunteerInterests)
    .innerJoin(volunteerRoles, eq(volunteerRoles.id, volunteerInterests.roleId))
    .leftJoin(activities, eq(activities.id, volunteerRoles.activityId))
    .leftJoin(needs, eq(needs.id, volunteerRoles.needId))
    .leftJoin(organizations, eq(organizations.id, volunteerInterests.organizationId))
    .innerJoin(municipalities, eq(municipalities.number, volunteerInterests.municipalityNumber))
    .where(where);
}

export type InterestRow = Awaited<ReturnType<typeof selectInterests>>[number];

/** The contact a volunteer is told about: a need's own contact, else the activity's, else the organisation's. */
export function contactOf(row: InterestRow): ContactPoint | null {
  if (row.needId && row.needContactName) return { name: row.needContactName, email: row.needContactEmail, phone: row.needContactPhone };
  const email = row.activityContactEmail ?? row.organizationEmail;
  const phone = row.activityContactPhone ?? row.organizationPhone;
  const name = row.activityContactName ?? row.organizationName;
  if (!name && !email && !phone) return null;
  return { name: name ?? "", email, phone };
}

/** What the volunteer's pages show about one interest: never the organisation's internal trail. */
function interestView(row: InterestRow) {
  const confirmed = row.confirmedAt !== null;
  return {
    id: row.id,
    status: row.status,
    confirmed,
    createdAt: row.createdAt,
    statusChangedAt: row.statusChangedAt,
    roleTitle: row.roleTitle,
    roleKind: row.roleKind,
    forTitle: row.needTitle ?? row.activityTitle ?? "",
    forLink: row.activityId ? `/aktiviteter/${row.activityId}` : row.needId ? `/behov/${row.needId}` : null,
    receiver: row.organizationName ?? row.municipalityName,
    municipalityName: row.municipalityName,
    // Until the address is confirmed nothing reached the organisation, and the link holder has not proven the address.
    contact: confirmed ? contactOf(row) : null,
  };
}
export type OwnInterestView = ReturnType<typeof interestView>;

async function interestByToken(db: Queryable, token: unknown): Promise<InterestRow> {
  if (!tokenLooksValid(token)) throw new AppError("invalid_token", "errors.invalidToken");
  const [row] = await selectInterests(db, eq(volunteerInterests.tokenHash, hashToken(token)));
  if (!row) throw new AppError("invalid_token", "errors.invalidToken");
  return row;
}

/** The page behind the link in every e-mail about an interest: its status and who to contact. */
export async function getInterestByToken(token: unknown): Promise<OwnInterestView> {
  return interestView(await interestByToken(getDb(), token));
}

/**
 * Withdraws an interest: deletes it, and with it every piece of the
 * volunteer's personal data it held (its status trail goes by cascade). The
 * audit entry names the interest and its organisation, never the person.
 */
export async function withdrawInterestByToken(token: unknown, input: unknown): Promise<void> {
  const db = getDb();
  const row = await interestByToken(db, token);
  parseInput(confirmDeleteSchema, input);
  await deleteInterest(db, row);
}

async function deleteInterest(db: Queryable, row: Pick<InterestRow, "id" | "organizationId" | "status" | "municipalityNumber">): Promise<void> {
  await db.transaction(async (tx) => {
    const removed = await tx.delete(volunteerInterests).where(eq(volunteerInterests.id, row.id)).returning({ id: volunteerInterests.id });
    if (!removed.length) throw new AppError("invalid_token", "errors.invalidToken");
    await recordAudit(tx, anonymous(), {
      action: "volunteer.interest_withdrawn",
      entityType: "volunteer_interest",
      entityId: row.id,
      organizationId: row.organizationId,
      before: { status: row.status, municipalityNumber: row.municipalityNumber },
      after: null,
    });
  });
}

// ——— the light profile ———

export interface ProfileRequestMeta {
  ip: string | null;
  locale: Locale;
}

/**
 * "Send me a link to my page". The same answer (and the same e-mail) whatever
 * the address: it may have interests, a profile or nothing yet (then the page
 * lets them make a profile). Over a limit: rate_limited, counted the same for
 * known and unknown addresses, so the limit reveals nothing either.
 */
export async function requestProfileLink(input: unknown, meta: ProfileRequestMeta, now = new Date()): Promise<{ email: string }> {
  const { email } = parseInput(profileLinkRequestSchema, input);
  const db = getDb();
  const allowed =
    (await hit(db, `volunteer-link:${email}|${meta.ip ?? "unknown"}`, profileLinkPerAddressAndIp)) &&
    (await hit(db, `volunteer-link:${email}`, profileLinkPerAddress));
  if (!allowed) throw new AppError("rate_limited", "errors.rateLimited");
  const token = randomToken();
  await db.insert(volunteerLinks).values({ email, tokenHash: hashToken(token), expiresAt: new Date(now.getTime() + PROFILE_LINK_MINUTES * MINUTE_MS) });
  const t = getTranslator(meta.locale);
  await sendMail({
    to: email,
    subject: t("volunteerSelf.mail.link.subject"),
    text: t("volunteerSelf.mail.link.body", { url: absoluteUrl(`/frivillig/meg/${token}`), minutes: PROFILE_LINK_MINUTES }),
  });
  return { email };
}

/** Whether a sign-in link is still good (the page behind it shows its button only then). */
export async function profileLinkUsable(token: unknown, now = new Date()): Promise<boolean> {
  if (!tokenLooksValid(token)) return false;
  const [row] = await getDb()
    .select({ id: volunteerLinks.id })
    .from(volunteerLinks)
    .where(and(eq(volunteerLinks.tokenHash, hashToken(token)), isNull(volunteerLinks.usedAt), gt(volunteerLinks.expiresAt, now)));
  return Boolean(row);
}

/**
 * Uses a sign-in link (once: the update takes only an unused, unexpired row)
 * and returns the Set-Cookie header for the volunteer's page. Signing in
 * counts as the profile being in use (retention runs from its last use).
 */
export async function openProfileLink(token: unknown, now = new Date()): Promise<{ setCookie: string }> {
  if (!tokenLooksValid(token)) throw new AppError("invalid_token", "errors.invalidToken");
  const db = getDb();
  const [row] = await db
    .update(volunteerLinks)
    .set({ usedAt: now })
    .where(and(eq(volunteerLinks.tokenHash, hashToken(token)), isNull(volunteerLinks.usedAt), gt(volunteerLinks.expiresAt, now)))
    .returning({ email: volunteerLinks.email });
  if (!row) throw new AppError("invalid_token", "errors.invalidToken");
  await db
    .update(volunteerProfiles)
    .set({ updatedAt: now })
    .where(sql`lower(${volunteerProfiles.email}) = ${row.email.toLowerCase()}`);
  return { setCookie: await profileCookie().serialize({ e: row.email.toLowerCase(), x: now.getTime() + PROFILE_SESSION_MINUTES * MINUTE_MS }) };
}

/** Signed (SESSION_SECRET), httpOnly, and sent only to /frivillig/meg: the volunteer's page and nothing else. */
function profileCookie() {
  const env = getEnv();
  return createCookie("samspill_volunteer", {
    httpOnly: true,
    secure: env.cookieSecure,
    sameSite: "lax",
    path: "/frivillig/meg",
    maxAge: PROFILE_SESSION_MINUTES * 60,
    secrets: [env.SESSION_SECRET],
  });
}

/** The address the request's cookie proves, or null (none, forged, or past its time — checked here, not only by the browser). */
export async function readProfileSession(request: Request, now = new Date()): Promise<string | null> {
  const value: unknown = await profileCookie().parse(request.headers.get("Cookie"));
  if (!value || typeof value !== "object") return null;
  const { e, x } = value as { e?: unknown; x?: unknown };
  if (typeof e !== "string" || typeof x !== "number" || x <= now.getTime()) return null;
  return e;
}

/** Clears the volunteer's cookie ("sign out"). */
export async function endProfileSession(): Promise<string> {
  return profileCookie().serialize("", { maxAge: 0 });
}

const ownEmail = (email: string) => sql`lower(${volunteerInterests.email}) = ${email.toLowerCase()}`;

/** The volunteer's page: their profile (or none yet) and every confirmed interest of their address, newest first. */
export async function getOwnVolunteerPage(email: string) {
  const db = getDb();
  const [profile] = await db
    .select({
      name: volunteerProfiles.name,
      municipalityNumber: volunteerProfiles.municipalityNumber,
      languages: volunteerProfiles.languages,
      roleKinds: volunteerProfiles.roleKinds,
      likesToDo: volunteerProfiles.likesToDo,
      availability: volunteerProfiles.availability,
      contactableByKommune: volunteerProfiles.contactableByKommune,
      updatedAt: volunteerProfiles.updatedAt,
    })
    .from(volunteerProfiles)
    .where(sql`lower(${volunteerProfiles.email}) = ${email.toLowerCase()}`);
  const rows = await selectInterests(db, and(ownEmail(email), isNotNull(volunteerInterests.confirmedAt))).orderBy(desc(volunteerInterests.createdAt));
  const kommuner = await db.select({ number: municipalities.number, name: municipalities.name }).from(municipalities).orderBy(municipalities.name);
  return { email, profile: profile ?? null, interests: rows.map(interestView), municipalities: kommuner };
}

function requireSession(email: string | null): string {
  if (!email) throw new AppError("invalid_token", "volunteerSelf.error.sessionEnded");
  return email;
}

/** Creates or updates the profile of the address the cookie proves. */
export async function saveOwnProfile(email: string | null, input: unknown, now = new Date()): Promise<void> {
  const address = requireSession(email);
  const data = parseInput(profileSchema, input);
  const db = getDb();
  if (data.municipalityNumber) {
    const [m] = await db.select({ number: municipalities.number }).from(municipalities).where(eq(municipalities.number, data.municipalityNumber));
    if (!m) throw new AppError("validation", "common.errorSummary", { municipalityNumber: { key: "validation.invalidChoice" } });
  }
  await db.transaction(async (tx) => {
    const [existing] = await tx
      .select({ id: volunteerProfiles.id })
      .from(volunteerProfiles)
      .where(sql`lower(${volunteerProfiles.email}) = ${address}`);
    let id: string;
    if (existing) {
      await tx
        .update(volunteerProfiles)
        .set({ ...data, updatedAt: now })
        .where(eq(volunteerProfiles.id, existing.id));
      id = existing.id;
    } else {
      const [created] = await tx
        .insert(volunteerProfiles)
        .values({ email: address, ...data, createdAt: now, updatedAt: now })
        .returning({ id: volunteerProfiles.id });
      id = created!.id;
    }
    // What changed, not the person's data: the audit log is no place for a volunteer's details.
    await recordAudit(tx, anonymous(), {
      action: existing ? "volunteer.profile_updated" : "volunteer.profile_created",
      entityType: "volunteer_profile",
      entityId: id,
    });
  });
}

/** Deletes the profile of the address the cookie proves (their interests stay until withdrawn one by one). */
export async function deleteOwnProfile(email: string | null, input: unknown): Promise<void> {
  const address = requireSession(email);
  parseInput(confirmDeleteSchema, input);
  await getDb().transaction(async (tx) => {
    const removed = await tx
      .delete(volunteerProfiles)
      .where(sql`lower(${volunteerProfiles.email}) = ${address}`)
      .returning({ id: volunteerProfiles.id });
    if (removed[0]) await recordAudit(tx, anonymous(), { action: "volunteer.profile_deleted", entityType: "volunteer_profile", entityId: removed[0].id });
  });
}

/** Withdraws one of the signed-in volunteer's own interests; another address's interest is not found. */
export async function withdrawOwnInterest(email: string | null, input: unknown): Promise<void> {
  const address = requireSession(email);
  const { interestId } = parseInput(withdrawOwnSchema, input);
  const db = getDb();
  const [row] = await selectInterests(db, and(eq(volunteerInterests.id, interestId), ownEmail(address), isNotNull(volunteerInterests.confirmedAt)));
  if (!row) throw new AppError("not_found", "errors.notFound");
  await deleteInterest(db, row);
}
