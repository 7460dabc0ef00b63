import { and, asc, count, eq, gt, inArray, isNotNull, isNull, lte, ne, sql } from "drizzle-orm";
import { getDb, type Queryable } from "~/db/client.server.ts";
import {
  memberships,
  municipalities,
  organizationMunicipalities,
  organizations,
  users,
  workshopParticipants,
  workshops,
  workshopSessions,
} from "~/db/schema/index.ts";
import { getEnv } from "~/env.server.ts";
import { recordAudit } from "~/domain/audit/audit.server.ts";
import { anonymous, type Actor } from "~/domain/auth/actor.ts";
import { countInvitation } from "~/domain/auth/rate-limit.server.ts";
import { sendMail } from "~/domain/mail/mail.server.ts";
import { defaultLocale, type Locale } from "~/i18n/config.ts";
import { getTranslator } from "~/i18n/translate.ts";
import { hashToken, randomToken } from "~/lib/crypto.server.ts";
import { AppError } from "~/lib/errors.ts";
import { parseInput } from "~/lib/validation.ts";
import { issueDeviceToken } from "./access.server.ts";
import { requireManagedWorkshop } from "./plan.server.ts";
import { inviteByEmailSchema, inviteFromRegisterSchema, removeParticipantSchema } from "./plan.schema.ts";
import { activeParticipantStatuses, type ParticipantStatus } from "./workshops.constants.ts";

/**
 * Participants of a workshop's plan: invitations from the register and by
 * e-mail, the registration link (no account needed), capacity and waitlist,
 * removal, and the day-before reminders.
 *
 * Seats: every change that can take or free a seat runs in one transaction
 * that first locks the workshop row (`select … for update`), so concurrent
 * registrations and cancellations for one workshop are served one after the
 * other: never over capacity, and a waitlisted person is promoted by an
 * update that only takes a row still waitlisted (never twice).
 *
 * E-mail: an invitation is only an offer. Nothing is done for an address
 * until someone clicks its link (that is the verification: email_verified_at);
 * only the hash of the link's token is stored.
 */

const DAY_MS = 24 * 60 * 60 * 1000;

function absoluteUrl(path: string): string {
  return new URL(path, getEnv().PUBLIC_URL).toString();
}

async function lockWorkshop(tx: Queryable, workshopId: string) {
  const [row] = await tx
    .select({ id: workshops.id, title: workshops.title, status: workshops.status, capacity: workshops.capacity })
    .from(workshops)
    .where(eq(workshops.id, workshopId))
    .for("update");
  return row!;
}

async function seatsTaken(tx: Queryable, workshopId: string): Promise<number> {
  const [row] = await tx
    .select({ n: count() })
    .from(workshopParticipants)
    .where(and(eq(workshopParticipants.workshopId, workshopId), inArray(workshopParticipants.status, [...activeParticipantStatuses])));
  return row?.n ?? 0;
}

/** The link works until the last session has ended, and at least 30 days from now when no session is ahead. */
async function linkExpiry(db: Queryable, workshopId: string, now: Date): Promise<Date> {
  const [row] = await db
    .select({ end: sql<string | null>`max(${workshopSessions.startsAt} + make_interval(mins => ${workshopSessions.durationMinutes}))` })
    .from(workshopSessions)
    .where(eq(workshopSessions.workshopId, workshopId));
  const end = row?.end ? new Date(row.end) : null;
  return end && end.getTime() > now.getTime() + DAY_MS ? end : new Date(now.getTime() + 30 * DAY_MS);
}

async function sessionLines(workshopId: string, locale: Locale): Promise<string> {
  const rows = await getDb()
    .select({ startsAt: workshopSessions.startsAt, place: workshopSessions.place, videoUrl: workshopSessions.videoUrl })
    .from(workshopSessions)
    .where(eq(workshopSessions.workshopId, workshopId))
    .orderBy(asc(workshopSessions.startsAt));
  const fmt = new Intl.DateTimeFormat(locale === "en" ? "en-GB" : "nb-NO", { dateStyle: "full", timeStyle: "short", timeZone: "Europe/Oslo" });
  return rows.map((r) => `- ${fmt.format(r.startsAt)}: ${[r.place, r.videoUrl].filter(Boolean).join(" / ")}`).join("\n");
}

type MailKind = "invitation" | "registered" | "waitlisted" | "promoted" | "reminder";

/** An e-mail to one participant, with a fresh link (a new token replaces the old one). */
async function mailParticipant(participantId: string, kind: MailKind, locale: Locale = defaultLocale, now = new Date()): Promise<boolean> {
  const db = getDb();
  const [row] = await db
    .select({ p: workshopParticipants, title: workshops.title, purpose: workshops.purpose, facilitatorName: workshops.facilitatorName })
    .from(workshopParticipants)
    .innerJoin(workshops, eq(workshops.id, workshopParticipants.workshopId))
    .where(eq(workshopParticipants.id, participantId));
  if (!row?.p.email) return false;
  const token = randomToken();
  await db
    .update(workshopParticipants)
    .set({ inviteTokenHash: hashToken(token), inviteExpiresAt: await linkExpiry(db, row.p.workshopId, now) })
    .where(eq(workshopParticipants.id, participantId));
  const t = getTranslator(locale);
  const values = {
    name: row.p.name,
    title: row.title,
    purpose: row.purpose,
    facilitator: row.facilitatorName,
    sessions: await sessionLines(row.p.workshopId, locale),
    url: absoluteUrl(`/verksteder/pamelding/${token}`),
  };
  const subjects = {
    invitation: "workshops.mail.invitation.subject",
    registered: "workshops.mail.registered.subject",
    waitlisted: "workshops.mail.waitlisted.subject",
    promoted: "workshops.mail.promoted.subject",
    reminder: "workshops.mail.reminder.subject",
  } as const;
  const bodies = {
    invitation: "workshops.mail.invitation.body",
    registered: "workshops.mail.registered.body",
    waitlisted: "workshops.mail.waitlisted.body",
    promoted: "workshops.mail.promoted.body",
    reminder: "workshops.mail.reminder.body",
  } as const;
  await sendMail({ to: row.p.email, subject: t(subjects[kind], values), text: t(bodies[kind], values) });
  return true;
}

export interface ParticipantRow {
  id: string;
  name: string;
  email: string | null;
  sector: string;
  status: ParticipantStatus;
  organizationName: string | null;
  hasAccount: boolean;
  emailVerified: boolean;
}

/** The participants page: the full list with personal data (managers only), capacity and the register's organisations to invite from. */
export async function getParticipantsPage(actor: Actor, workshopId: unknown) {
  const { workshop } = await requireManagedWorkshop(actor, workshopId);
  const db = getDb();
  const rows = await db
    .select({
      id: workshopParticipants.id,
      name: workshopParticipants.name,
      email: workshopParticipants.email,
      sector: workshopParticipants.sector,
      status: workshopParticipants.status,
      organizationName: organizations.name,
      userId: workshopParticipants.userId,
      emailVerifiedAt: workshopParticipants.emailVerifiedAt,
    })
    .from(workshopParticipants)
    .leftJoin(organizations, eq(organizations.id, workshopParticipants.organizationId))
    .where(eq(workshopParticipants.workshopId, workshop.id))
    .orderBy(
      sql`case ${workshopParticipants.status} when 'registered' then 0 when 'joined' then 1 when 'waitlisted' then 2 when 'invited' then 3 else 4 end`,
      asc(workshopParticipants.registeredAt),
      asc(workshopParticipants.name),
    );
  const [w] = await db.select({ capacity: workshops.capacity, status: workshops.status }).from(workshops).where(eq(workshops.id, workshop.id));
  const registerOrganizations = await db
    .selectDistinct({ id: organizations.id, name: organizations.name, municipality: municipalities.name })
    .from(organizations)
    .innerJoin(organizationMunicipalities, eq(organizationMunicipalities.organizationId, organizations.id))
    .innerJoin(municipalities, eq(municipalities.number, organizationMunicipalities.municipalityNumber))
    .where(inArray(organizationMunicipalities.municipalityNumber, workshop.municipalityNumbers))
    .orderBy(asc(organizations.name))
    .limit(500);
  const participants: ParticipantRow[] = rows.map((r) => ({
    id: r.id,
    name: r.name,
    email: r.email,
    sector: r.sector,
    status: r.status,
    organizationName: r.organizationName,
    hasAccount: r.userId !== null,
    emailVerified: r.emailVerifiedAt !== null,
  }));
  return {
    workshop: { id: workshop.id, title: workshop.title, status: w!.status, capacity: w!.capacity },
    taken: rows.filter((r) => (activeParticipantStatuses as readonly string[]).includes(r.status)).length,
    participants,
    organizations: registerOrganizations,
  };
}

async function insertInvitation(
  actorForAudit: Actor,
  workshopId: string,
  values: {
    name: string;
    email: string | null;
    userId: string | null;
    organizationId: string | null;
    sector: (typeof workshopParticipants.$inferInsert)["sector"];
  },
): Promise<string> {
  const db = getDb();
  try {
    return await db.transaction(async (tx) => {
      const [row] = await tx
        .insert(workshopParticipants)
        .values({ workshopId, ...values, status: "invited" })
        .returning({ id: workshopParticipants.id });
      await recordAudit(tx, actorForAudit, {
        action: "workshop.participant_invited",
        entityType: "workshop",
        entityId: workshopId,
        after: { sector: values.sector },
      });
      return row!.id;
    });
  } catch (error) {
    const code = (error as { code?: unknown; cause?: { code?: unknown } }).code ?? (error as { cause?: { code?: unknown } }).cause?.code;
    if (code === "23505") throw new AppError("validation", "common.errorSummary", { email: { key: "workshops.participants.error.alreadyInvited" } });
    throw error;
  }
}

function assertNotClosed(status: string) {
  if (status === "closed") throw new AppError("conflict", "workshops.error.closed");
}

/**
 * Invites an organisation from the register (one of the workshop's kommuner),
 * optionally one of its members by their account's e-mail. The invitation
 * goes to the member's address, else the organisation's contact address.
 */
export async function inviteFromRegister(
  actor: Actor,
  workshopId: unknown,
  rawInput: unknown,
  locale: Locale = defaultLocale,
): Promise<{ id: string; mailed: boolean }> {
  const { workshop } = await requireManagedWorkshop(actor, workshopId);
  assertNotClosed(workshop.status);
  const input = parseInput(inviteFromRegisterSchema, rawInput);
  const db = getDb();
  const [org] = await db
    .select({ id: organizations.id, name: organizations.name, contactEmail: organizations.contactEmail })
    .from(organizations)
    .innerJoin(organizationMunicipalities, eq(organizationMunicipalities.organizationId, organizations.id))
    .where(and(eq(organizations.id, input.organizationId), inArray(organizationMunicipalities.municipalityNumber, workshop.municipalityNumbers)));
  if (!org) throw new AppError("validation", "common.errorSummary", { organizationId: { key: "workshops.participants.error.organization" } });
  let person: { id: string; name: string; email: string } | null = null;
  if (input.memberEmail) {
    const [member] = await db
      .select({ id: users.id, name: users.name, email: users.email })
      .from(users)
      .innerJoin(memberships, and(eq(memberships.userId, users.id), eq(memberships.organizationId, org.id)))
      .where(eq(sql`lower(${users.email})`, input.memberEmail));
    if (!member) throw new AppError("validation", "common.errorSummary", { memberEmail: { key: "workshops.participants.error.notMember" } });
    person = member;
  }
  const id = await insertInvitation(actor, workshop.id, {
    name: person?.name ?? org.name,
    email: (person?.email ?? org.contactEmail)?.toLowerCase() ?? null,
    userId: person?.id ?? null,
    organizationId: org.id,
    sector: input.sector,
  });
  const mailed = await mailParticipant(id, "invitation", locale);
  return { id, mailed };
}

/** Invites a person by e-mail (name, address, sector; an organisation from the register if they name one). */
export async function inviteByEmail(actor: Actor, workshopId: unknown, rawInput: unknown, locale: Locale = defaultLocale): Promise<{ id: string }> {
  const { workshop } = await requireManagedWorkshop(actor, workshopId);
  assertNotClosed(workshop.status);
  const input = parseInput(inviteByEmailSchema, rawInput);
  if (input.organizationId) {
    const [org] = await getDb().select({ id: organizations.id }).from(organizations).where(eq(organizations.id, input.organizationId));
    if (!org) throw new AppError("validation", "common.errorSummary", { organizationId: { key: "workshops.participants.error.organization" } });
  }
  await countInvitation(getDb(), actor.kind === "user" ? actor.userId : "system", input.email);
  const id = await insertInvitation(actor, workshop.id, {
    name: input.name,
    email: input.email,
    userId: null,
    organizationId: input.organizationId,
    sector: input.sector,
  });
  await mailParticipant(id, "invitation", locale);
  return { id };
}

/** With the workshop locked: moves the first on the waitlist into free seats, in the order they registered. */
async function fillFromWaitlist(tx: Queryable, workshopId: string, capacity: number | null): Promise<string[]> {
  const promoted: string[] = [];
  let free = capacity === null ? Number.POSITIVE_INFINITY : capacity - (await seatsTaken(tx, workshopId));
  while (free > 0) {
    const next = tx
      .select({ id: workshopParticipants.id })
      .from(workshopParticipants)
      .where(and(eq(workshopParticipants.workshopId, workshopId), eq(workshopParticipants.status, "waitlisted")))
      .orderBy(asc(workshopParticipants.registeredAt), asc(workshopParticipants.id))
      .limit(1);
    const [row] = await tx
      .update(workshopParticipants)
      .set({ status: "registered" })
      .where(and(eq(workshopParticipants.id, sql`(${next})`), eq(workshopParticipants.status, "waitlisted")))
      .returning({ id: workshopParticipants.id });
    if (!row) break;
    promoted.push(row.id);
    free -= 1;
  }
  return promoted;
}

function tokenHashOf(token: unknown): string {
  if (typeof token !== "string" || !/^[A-Za-z0-9_-]{20,200}$/.test(token)) throw new AppError("invalid_token", "errors.invalidToken");
  return hashToken(token);
}

async function participantForToken(db: Queryable, token: unknown, now: Date) {
  const [row] = await db
    .select({
      p: workshopParticipants,
      w: { id: workshops.id, title: workshops.title, purpose: workshops.purpose, status: workshops.status, facilitatorName: workshops.facilitatorName },
    })
    .from(workshopParticipants)
    .innerJoin(workshops, eq(workshops.id, workshopParticipants.workshopId))
    .where(and(eq(workshopParticipants.inviteTokenHash, tokenHashOf(token)), gt(workshopParticipants.inviteExpiresAt, now)));
  if (!row) throw new AppError("invalid_token", "errors.invalidToken");
  return row;
}

/** What the registration link's page shows: the workshop and the person's status. The link is the key. */
export async function getInvitationByToken(token: unknown, now = new Date()) {
  const { p, w } = await participantForToken(getDb(), token, now);
  const sessions = await getDb()
    .select({
      id: workshopSessions.id,
      kind: workshopSessions.kind,
      startsAt: workshopSessions.startsAt,
      durationMinutes: workshopSessions.durationMinutes,
      place: workshopSessions.place,
      videoUrl: workshopSessions.videoUrl,
    })
    .from(workshopSessions)
    .where(eq(workshopSessions.workshopId, w.id))
    .orderBy(asc(workshopSessions.startsAt));
  return {
    workshopId: w.id,
    title: w.title,
    purpose: w.purpose,
    facilitatorName: w.facilitatorName,
    workshopStatus: w.status,
    name: p.name,
    status: p.status,
    sessions,
  };
}

/**
 * The person registers through the link (a POST from its page, so a mail
 * scanner that follows links does nothing). The click verifies the address;
 * a seat if one is free, else the waitlist. The device cookie lets their phone
 * take part in the room without an account.
 */
export async function registerByToken(
  token: unknown,
  now = new Date(),
  locale: Locale = defaultLocale,
): Promise<{ workshopId: string; status: "registered" | "waitlisted"; setCookie: string }> {
  const db = getDb();
  const result = await db.transaction(async (tx) => {
    const { p, w } = await participantForToken(tx, token, now);
    const workshop = await lockWorkshop(tx, w.id);
    assertNotClosed(workshop.status);
    const [current] = await tx.select({ status: workshopParticipants.status }).from(workshopParticipants).where(eq(workshopParticipants.id, p.id));
    if (current!.status !== "invited") throw new AppError("conflict", "workshops.registration.error.alreadyAnswered");
    const status = workshop.capacity === null || (await seatsTaken(tx, w.id)) < workshop.capacity ? ("registered" as const) : ("waitlisted" as const);
    const device = await issueDeviceToken(w.id);
    await tx
      .update(workshopParticipants)
      .set({ status, emailVerifiedAt: now, registeredAt: now, deviceTokenHash: device.tokenHash })
      .where(and(eq(workshopParticipants.id, p.id), eq(workshopParticipants.status, "invited")));
    await recordAudit(tx, anonymous(), { action: "workshop.participant_registered", entityType: "workshop", entityId: w.id, after: { status } });
    return { id: p.id, workshopId: w.id, status, setCookie: device.setCookie };
  });
  await mailParticipant(result.id, result.status, locale, now);
  return { workshopId: result.workshopId, status: result.status, setCookie: result.setCookie };
}

/** Declines the invitation; the link is used up. */
export async function declineByToken(token: unknown, now = new Date()): Promise<{ workshopId: string }> {
  return getDb().transaction(async (tx) => {
    const { p, w } = await participantForToken(tx, token, now);
    if (p.status !== "invited") throw new AppError("conflict", "workshops.registration.error.alreadyAnswered");
    await tx
      .update(workshopParticipants)
      .set({ status: "declined", emailVerifiedAt: now, inviteTokenHash: null, inviteExpiresAt: null })
      .where(eq(workshopParticipants.id, p.id));
    await recordAudit(tx, anonymous(), { action: "workshop.participant_declined", entityType: "workshop", entityId: w.id });
    return { workshopId: w.id };
  });
}

/**
 * Cancels a registration (or leaves the waitlist) through the link; a freed
 * seat goes to the first on the waitlist, who gets an e-mail. The link is used up.
 */
export async function cancelByToken(token: unknown, now = new Date(), locale: Locale = defaultLocale): Promise<{ workshopId: string; promoted: string[] }> {
  const result = await getDb().transaction(async (tx) => {
    const { p, w } = await participantForToken(tx, token, now);
    const workshop = await lockWorkshop(tx, w.id);
    const [cancelled] = await tx
      .update(workshopParticipants)
      .set({ status: "cancelled", inviteTokenHash: null, inviteExpiresAt: null, deviceTokenHash: null })
      .where(and(eq(workshopParticipants.id, p.id), inArray(workshopParticipants.status, ["registered", "waitlisted"])))
      .returning({ id: workshopParticipants.id });
    if (!cancelled) throw new AppError("conflict", "workshops.registration.error.alreadyAnswered");
    const promoted = workshop.status === "closed" ? [] : await fillFromWaitlist(tx, w.id, workshop.capacity);
    await recordAudit(tx, anonymous(), {
      action: "workshop.participant_cancelled",
      entityType: "workshop",
      entityId: w.id,
      after: { promoted: promoted.length },
    });
    return { workshopId: w.id, promoted };
  });
  for (const id of result.promoted) await mailParticipant(id, "promoted", locale, now);
  return result;
}

/** Removes a participant (managers, with the confirmation box); a freed seat goes to the waitlist. Audited. */
export async function removeParticipant(actor: Actor, workshopId: unknown, rawInput: unknown, locale: Locale = defaultLocale): Promise<{ promoted: string[] }> {
  const { user, workshop } = await requireManagedWorkshop(actor, workshopId);
  const input = parseInput(removeParticipantSchema, rawInput);
  if (!input.confirm) throw new AppError("validation", "common.errorSummary", { confirm: { key: "workshops.participants.removeConfirmRequired" } });
  const promoted = await getDb().transaction(async (tx) => {
    const locked = await lockWorkshop(tx, workshop.id);
    const [removed] = await tx
      .delete(workshopParticipants)
      .where(and(eq(workshopParticipants.id, input.participantId), eq(workshopParticipants.workshopId, workshop.id)))
      .returning({ name: workshopParticipants.name, sector: workshopParticipants.sector, status: workshopParticipants.status });
    if (!removed) throw new AppError("not_found", "errors.notFound");
    const moved = locked.status === "closed" ? [] : await fillFromWaitlist(tx, workshop.id, locked.capacity);
    await recordAudit(tx, user, {
      action: "workshop.participant_removed",
      entityType: "workshop",
      entityId: workshop.id,
      before: { sector: removed.sector, status: removed.status },
    });
    return moved;
  });
  for (const id of promoted) await mailParticipant(id, "promoted", locale);
  return { promoted };
}

// ---------------------------------------------------------------- reminders

/**
 * The day-before reminder: for each session of a workshop not closed that
 * starts within 36 hours and has had none, claim it (one update on
 * `reminder_sent_at is null`, so two runs at once send it once) and e-mail
 * every registered participant whose address is verified. Run by
 * `npm run samspill -- workshops reminders` (hourly).
 */
export async function sendWorkshopReminders(now = new Date()): Promise<{ sessions: number; sent: number }> {
  const db = getDb();
  const horizon = new Date(now.getTime() + 36 * 60 * 60 * 1000);
  const due = await db
    .select({ id: workshopSessions.id, workshopId: workshopSessions.workshopId })
    .from(workshopSessions)
    .innerJoin(workshops, eq(workshops.id, workshopSessions.workshopId))
    .where(
      and(ne(workshops.status, "closed"), gt(workshopSessions.startsAt, now), lte(workshopSessions.startsAt, horizon), isNull(workshopSessions.reminderSentAt)),
    );
  let sessions = 0;
  let sent = 0;
  for (const session of due) {
    const [claimed] = await db
      .update(workshopSessions)
      .set({ reminderSentAt: now })
      .where(and(eq(workshopSessions.id, session.id), isNull(workshopSessions.reminderSentAt)))
      .returning({ id: workshopSessions.id });
    if (!claimed) continue;
    sessions += 1;
    const people = await db
      .select({ id: workshopParticipants.id })
      .from(workshopParticipants)
      .where(
        and(
          eq(workshopParticipants.workshopId, session.workshopId),
          eq(workshopParticipants.status, "registered"),
          isNotNull(workshopParticipants.email),
          isNotNull(workshopParticipants.emailVerifiedAt),
        ),
      );
    for (const person of people) if (await mailParticipant(person.id, "reminder", defaultLocale, now)) sent += 1;
  }
  return { sessions, sent };
}
