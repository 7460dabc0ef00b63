import { and, asc, count, eq, gt, inArray, isNull, lte, ne, sql } from "drizzle-orm";
import { stringify } from "csv-stringify/sync";
import { getDb, type Queryable } from "~/db/client.server.ts";
import { eventRegistrationTokens, eventRegistrations, events } from "~/db/schema/index.ts";
import { getEnv } from "~/env.server.ts";
import { recordAudit } from "~/domain/audit/audit.server.ts";
import { anonymous, type Actor } from "~/domain/auth/actor.ts";
import { sendMail } from "~/domain/mail/mail.server.ts";
import { defaultLocale, isLocale, type Locale } from "~/i18n/config.ts";
import { getTranslator } from "~/i18n/translate.ts";
import { hashToken, randomToken } from "~/lib/crypto.server.ts";
import { AppError } from "~/lib/errors.ts";
import { parseInput } from "~/lib/validation.ts";
import { CONFIRM_LINK_DAYS } from "./events.constants.ts";
import { attendanceSchema, emailRegistrationSchema } from "./events.schema.ts";
import { mayManageEvent, registrationOpen, requireEvent, type EventRow } from "./events.server.ts";

/**
 * Registrations, the waitlist and the links in registration e-mails.
 *
 * Seats: every change that can take or free a seat (register, confirm an
 * e-mail, cancel, promote, a new capacity) runs in one transaction that
 * first locks the event row (`select … for update`), so concurrent requests
 * for one event are served one after another; the database backs it with a
 * trigger that refuses a confirmed registration beyond the capacity and one
 * that refuses a second promotion (drizzle/0015_events_capacity.sql).
 *
 * E-mail: a registration by e-mail holds no seat until the address has
 * confirmed the link sent to it (docs/authorization.md rule 2). Every e-mail
 * carries a link that cancels the registration; only the hash of each
 * link's token is stored.
 */

const DAY_MS = 24 * 60 * 60 * 1000;

function absoluteUrl(path: string): string {
  return new URL(path, getEnv().PUBLIC_URL).toString();
}

async function lockEvent(tx: Queryable, eventId: string): Promise<void> {
  await tx.execute(sql`select id from ${events} where ${events.id} = ${eventId} for update`);
}

async function confirmedSeats(tx: Queryable, eventId: string): Promise<number> {
  const [row] = await tx
    .select({ n: count() })
    .from(eventRegistrations)
    .where(and(eq(eventRegistrations.eventId, eventId), eq(eventRegistrations.status, "confirmed")));
  return row?.n ?? 0;
}

/** With the event row locked: confirmed when a seat is free, else last on the waitlist. */
async function seatOrQueue(tx: Queryable, event: Pick<EventRow, "id" | "capacity">): Promise<"confirmed" | "waitlisted"> {
  if (event.capacity === null) return "confirmed";
  return (await confirmedSeats(tx, event.id)) < event.capacity ? "confirmed" : "waitlisted";
}

export interface Promotion {
  registrationId: string;
  eventId: string;
}

/**
 * With the event row locked: moves the first on the waitlist into free seats,
 * one at a time, in queue order. Each is promoted at most once (the update
 * only takes a row still waitlisted; the trigger refuses a second promotion).
 */
export async function fillFromWaitlist(tx: Queryable, eventId: string): Promise<Promotion[]> {
  const [event] = await tx.select({ capacity: events.capacity, status: events.status }).from(events).where(eq(events.id, eventId));
  if (!event || event.status !== "scheduled") return [];
  const promoted: Promotion[] = [];
  let free = event.capacity === null ? Number.POSITIVE_INFINITY : event.capacity - (await confirmedSeats(tx, eventId));
  while (free > 0) {
    const next = tx
      .select({ id: eventRegistrations.id })
      .from(eventRegistrations)
      .where(and(eq(eventRegistrations.eventId, eventId), eq(eventRegistrations.status, "waitlisted")))
      .orderBy(asc(eventRegistrations.queuedAt), asc(eventRegistrations.id))
      .limit(1);
    const [row] = await tx
      .update(eventRegistrations)
      .set({ status: "confirmed", promotedAt: new Date() })
      .where(and(eq(eventRegistrations.id, sql`(${next})`), eq(eventRegistrations.status, "waitlisted")))
      .returning({ id: eventRegistrations.id });
    if (!row) break;
    promoted.push({ registrationId: row.id, eventId });
    free -= 1;
  }
  return promoted;
}

async function newToken(db: Queryable, registrationId: string, purpose: "confirm" | "cancel", expiresAt: Date): Promise<string> {
  const token = randomToken();
  await db.insert(eventRegistrationTokens).values({ tokenHash: hashToken(token), registrationId, purpose, expiresAt });
  return token;
}

/** A cancel link works until a month after the event's last start (a year ahead for a series without an end). */
function cancelLinkExpiry(event: Pick<EventRow, "startsAt" | "lastStartsAt" | "rrule">): Date {
  const last = event.rrule ? (event.lastStartsAt ?? new Date(Date.now() + 365 * DAY_MS)) : event.startsAt;
  return new Date(Math.max(last.getTime(), Date.now()) + 30 * DAY_MS);
}

function localeOf(value: string | null | undefined): Locale {
  return isLocale(value) ? value : defaultLocale;
}

function when(event: Pick<EventRow, "startsAt">, locale: Locale): string {
  return new Intl.DateTimeFormat(locale === "en" ? "en-GB" : "nb-NO", { dateStyle: "full", timeStyle: "short", timeZone: "Europe/Oslo" }).format(
    event.startsAt,
  );
}

type MailKind = "registered" | "waitlisted" | "promoted" | "reminder" | "already";

/** An e-mail about one registration, always with a fresh cancel link. */
async function mailRegistration(registrationId: string, kind: MailKind): Promise<void> {
  const db = getDb();
  const [row] = await db
    .select({ reg: eventRegistrations, event: events })
    .from(eventRegistrations)
    .innerJoin(events, eq(events.id, eventRegistrations.eventId))
    .where(eq(eventRegistrations.id, registrationId));
  if (!row || !row.reg.emailVerifiedAt) return;
  const locale = localeOf(row.reg.locale);
  const t = getTranslator(locale);
  const token = await newToken(db, row.reg.id, "cancel", cancelLinkExpiry(row.event));
  const values = {
    name: row.reg.name,
    title: row.event.title,
    when: when(row.event, locale),
    where: [row.event.place, row.event.videoUrl].filter(Boolean).join(" / "),
    url: absoluteUrl(`/arrangementer/${row.event.id}`),
    cancelUrl: absoluteUrl(`/arrangementer/avmelding/${token}`),
  };
  const subjects = {
    registered: "events.mail.registered.subject",
    waitlisted: "events.mail.waitlisted.subject",
    promoted: "events.mail.promoted.subject",
    reminder: "events.mail.reminder.subject",
    already: "events.mail.already.subject",
  } as const;
  const bodies = {
    registered: "events.mail.registered.body",
    waitlisted: "events.mail.waitlisted.body",
    promoted: "events.mail.promoted.body",
    reminder: "events.mail.reminder.body",
    already: "events.mail.already.body",
  } as const;
  await sendMail({ to: row.reg.email, subject: t(subjects[kind], values), text: t(bodies[kind], values) });
}

export async function sendPromotionMails(promoted: Promotion[]): Promise<void> {
  for (const p of promoted) await mailRegistration(p.registrationId, "promoted");
}

function requireOpen(event: EventRow, now: Date) {
  if (event.status !== "scheduled") throw new AppError("conflict", "events.error.cancelled");
  if (!registrationOpen(event, now)) throw new AppError("conflict", "events.error.registrationClosed");
}

/**
 * Registers the signed-in person with their account's address, which must be
 * verified. Confirmed when a seat is free, else on the waitlist.
 */
export async function registerSignedIn(actor: Actor, eventId: unknown, now = new Date()): Promise<{ status: "confirmed" | "waitlisted" }> {
  if (actor.kind !== "user") throw new AppError("unauthenticated", "errors.unauthenticated");
  if (!actor.emailVerified) throw new AppError("forbidden", "events.error.unverifiedAccount");
  const db = getDb();
  const event = await requireEvent(db, eventId);
  requireOpen(event, now);
  const email = actor.email.toLowerCase();
  const result = await db.transaction(async (tx) => {
    await lockEvent(tx, event.id);
    const [existing] = await tx
      .select({ id: eventRegistrations.id, status: eventRegistrations.status })
      .from(eventRegistrations)
      .where(and(eq(eventRegistrations.eventId, event.id), eq(eventRegistrations.email, email), ne(eventRegistrations.status, "cancelled")));
    if (existing && existing.status !== "pending") throw new AppError("conflict", "events.error.alreadyRegistered");
    const status = await seatOrQueue(tx, event);
    let id: string;
    if (existing) {
      // A pending e-mail registration of the same address: the signed-in, verified person takes it over.
      await tx
        .update(eventRegistrations)
        .set({ status, userId: actor.userId, emailVerifiedAt: now, queuedAt: now })
        .where(eq(eventRegistrations.id, existing.id));
      id = existing.id;
    } else {
      const [row] = await tx
        .insert(eventRegistrations)
        .values({
          eventId: event.id,
          userId: actor.userId,
          email,
          name: actor.name,
          status,
          locale: localeOf(actor.locale),
          emailVerifiedAt: now,
          queuedAt: now,
        })
        .returning({ id: eventRegistrations.id });
      id = row!.id;
    }
    await recordAudit(tx, actor, { action: "event.registered", entityType: "event", entityId: event.id, after: { status } });
    return { id, status };
  });
  await mailRegistration(result.id, result.status === "confirmed" ? "registered" : "waitlisted");
  return { status: result.status };
}

/**
 * Registration by e-mail without an account: a pending registration and an
 * e-mail with a confirmation link. The answer is the same whether or not the
 * address was already registered, so the form tells nobody who is coming.
 */
export async function registerByEmail(eventId: unknown, rawInput: unknown, options: { locale?: Locale; now?: Date } = {}): Promise<{ sent: true }> {
  const now = options.now ?? new Date();
  const locale = options.locale ?? defaultLocale;
  const db = getDb();
  const event = await requireEvent(db, eventId);
  requireOpen(event, now);
  const input = parseInput(emailRegistrationSchema, rawInput);
  const outcome = await db.transaction(async (tx) => {
    await lockEvent(tx, event.id);
    const [existing] = await tx
      .select({ id: eventRegistrations.id, status: eventRegistrations.status })
      .from(eventRegistrations)
      .where(and(eq(eventRegistrations.eventId, event.id), eq(eventRegistrations.email, input.email), ne(eventRegistrations.status, "cancelled")));
    if (existing && existing.status !== "pending") return { kind: "already" as const, id: existing.id };
    let id = existing?.id;
    if (!id) {
      const [row] = await tx
        .insert(eventRegistrations)
        .values({ eventId: event.id, email: input.email, name: input.name, organizationName: input.organizationName, status: "pending", locale })
        .returning({ id: eventRegistrations.id });
      id = row!.id;
    }
    const confirmToken = await newToken(tx, id, "confirm", new Date(now.getTime() + CONFIRM_LINK_DAYS * DAY_MS));
    const cancelToken = await newToken(tx, id, "cancel", cancelLinkExpiry(event));
    return { kind: "pending" as const, id, confirmToken, cancelToken };
  });
  if (outcome.kind === "already") {
    await mailRegistration(outcome.id, "already");
  } else {
    const t = getTranslator(locale);
    const values = {
      name: input.name,
      title: event.title,
      when: when(event, locale),
      days: CONFIRM_LINK_DAYS,
      confirmUrl: absoluteUrl(`/arrangementer/bekreft/${outcome.confirmToken}`),
      cancelUrl: absoluteUrl(`/arrangementer/avmelding/${outcome.cancelToken}`),
    };
    await sendMail({ to: input.email, subject: t("events.mail.confirm.subject", values), text: t("events.mail.confirm.body", values) });
  }
  return { sent: true };
}

function tokenHashOf(token: unknown): string {
  if (typeof token !== "string" || !/^[A-Za-z0-9_-]{20,200}$/.test(token)) throw new AppError("invalid_token", "errors.invalidToken");
  return hashToken(token);
}

async function registrationForToken(db: Queryable, token: unknown, purpose: "confirm" | "cancel", now: Date) {
  const [row] = await db
    .select({ reg: eventRegistrations, event: events })
    .from(eventRegistrationTokens)
    .innerJoin(eventRegistrations, eq(eventRegistrations.id, eventRegistrationTokens.registrationId))
    .innerJoin(events, eq(events.id, eventRegistrations.eventId))
    .where(
      and(eq(eventRegistrationTokens.tokenHash, tokenHashOf(token)), eq(eventRegistrationTokens.purpose, purpose), gt(eventRegistrationTokens.expiresAt, now)),
    );
  if (!row) throw new AppError("invalid_token", "errors.invalidToken");
  return row;
}

/** What a confirmation or cancel link's page shows (the link is the key: no actor needed). */
export async function getRegistrationByToken(token: unknown, purpose: "confirm" | "cancel", now = new Date()) {
  const { reg, event } = await registrationForToken(getDb(), token, purpose, now);
  return { eventId: event.id, title: event.title, startsAt: event.startsAt, name: reg.name, status: reg.status, eventStatus: event.status };
}

/**
 * The address confirms the link (a POST from the link's page, so a mail
 * scanner that follows links confirms nothing): the registration takes a
 * seat or a place on the waitlist now, in the order of confirmation.
 */
export async function confirmRegistration(token: unknown, now = new Date()): Promise<{ eventId: string; status: "confirmed" | "waitlisted" }> {
  const db = getDb();
  const result = await db.transaction(async (tx) => {
    const { reg, event } = await registrationForToken(tx, token, "confirm", now);
    await lockEvent(tx, event.id);
    const [current] = await tx.select().from(eventRegistrations).where(eq(eventRegistrations.id, reg.id));
    if (!current || current.status === "cancelled") throw new AppError("invalid_token", "errors.invalidToken");
    if (current.status !== "pending") return { id: current.id, eventId: event.id, status: current.status as "confirmed" | "waitlisted", fresh: false };
    requireOpen(event, now);
    const status = await seatOrQueue(tx, event);
    await tx.update(eventRegistrations).set({ status, emailVerifiedAt: now, queuedAt: now }).where(eq(eventRegistrations.id, reg.id));
    await tx.delete(eventRegistrationTokens).where(and(eq(eventRegistrationTokens.registrationId, reg.id), eq(eventRegistrationTokens.purpose, "confirm")));
    await recordAudit(tx, anonymous(), { action: "event.registration_confirmed", entityType: "event", entityId: event.id, after: { status } });
    return { id: reg.id, eventId: event.id, status, fresh: true };
  });
  if (result.fresh) await mailRegistration(result.id, result.status === "confirmed" ? "registered" : "waitlisted");
  return { eventId: result.eventId, status: result.status };
}

/**
 * Cancels one registration, with the event row locked; a freed seat goes to
 * the first on the waitlist. Returns who was promoted (mailed after commit).
 */
async function cancelRegistrationLocked(tx: Queryable, registrationId: string, eventId: string, actor: Actor, now: Date): Promise<Promotion[] | null> {
  await lockEvent(tx, eventId);
  const [before] = await tx
    .update(eventRegistrations)
    .set({ status: "cancelled", cancelledAt: now })
    .where(and(eq(eventRegistrations.id, registrationId), ne(eventRegistrations.status, "cancelled")))
    .returning({ id: eventRegistrations.id });
  if (!before) return null;
  await tx.delete(eventRegistrationTokens).where(eq(eventRegistrationTokens.registrationId, registrationId));
  await recordAudit(tx, actor, { action: "event.registration_cancelled", entityType: "event", entityId: eventId });
  return fillFromWaitlist(tx, eventId);
}

/** The link in an e-mail cancels its registration (POST from the link's page). Cancelling twice is not an error. */
export async function cancelRegistrationByToken(token: unknown, now = new Date()): Promise<{ eventId: string }> {
  const db = getDb();
  const { reg, event } = await registrationForToken(db, token, "cancel", now);
  const promoted = await db.transaction(async (tx) => cancelRegistrationLocked(tx, reg.id, event.id, anonymous(), now));
  await sendPromotionMails(promoted ?? []);
  return { eventId: event.id };
}

/** The signed-in person cancels their own registration. */
export async function cancelMyRegistration(actor: Actor, eventId: unknown, now = new Date()): Promise<{ eventId: string }> {
  if (actor.kind !== "user") throw new AppError("unauthenticated", "errors.unauthenticated");
  const db = getDb();
  const event = await requireEvent(db, eventId);
  const [mine] = await db
    .select({ id: eventRegistrations.id })
    .from(eventRegistrations)
    .where(and(eq(eventRegistrations.eventId, event.id), eq(eventRegistrations.userId, actor.userId), ne(eventRegistrations.status, "cancelled")));
  if (!mine) throw new AppError("not_found", "events.error.notRegistered");
  const promoted = await db.transaction(async (tx) => cancelRegistrationLocked(tx, mine.id, event.id, actor, now));
  await sendPromotionMails(promoted ?? []);
  return { eventId: event.id };
}

/** Cancels a registration by its id (the core of both ways above; for tests and the operator). */
export async function cancelRegistrationById(registrationId: string, now = new Date()): Promise<Promotion[]> {
  const db = getDb();
  const [reg] = await db.select({ eventId: eventRegistrations.eventId }).from(eventRegistrations).where(eq(eventRegistrations.id, registrationId));
  if (!reg) throw new AppError("not_found", "errors.notFound");
  const promoted = (await db.transaction(async (tx) => cancelRegistrationLocked(tx, registrationId, reg.eventId, anonymous(), now))) ?? [];
  await sendPromotionMails(promoted);
  return promoted;
}

/** After the event is cancelled: an e-mail to everyone still registered. */
export async function notifyEventCancelled(eventId: string): Promise<void> {
  const db = getDb();
  const [event] = await db.select().from(events).where(eq(events.id, eventId));
  if (!event) return;
  const rows = await db
    .select({ email: eventRegistrations.email, name: eventRegistrations.name, locale: eventRegistrations.locale })
    .from(eventRegistrations)
    .where(and(eq(eventRegistrations.eventId, eventId), inArray(eventRegistrations.status, ["confirmed", "waitlisted"])));
  for (const r of rows) {
    const locale = localeOf(r.locale);
    const t = getTranslator(locale);
    const values = { name: r.name, title: event.title, when: when(event, locale), url: absoluteUrl(`/arrangementer/${event.id}`) };
    await sendMail({ to: r.email, subject: t("events.mail.cancelled.subject", values), text: t("events.mail.cancelled.body", values) });
  }
}

// ---------------------------------------------------------------- the organiser's list

async function requireManagedEvent(actor: Actor, eventId: unknown) {
  if (actor.kind !== "user") throw new AppError("unauthenticated", "errors.unauthenticated");
  const event = await requireEvent(getDb(), eventId);
  if (!mayManageEvent(actor, event)) throw new AppError("forbidden", "errors.forbidden");
  return { user: actor, event };
}

/** The participant list: the organiser only. Confirmed first, then the waitlist in order. */
export async function listParticipants(actor: Actor, eventId: unknown) {
  const { event } = await requireManagedEvent(actor, eventId);
  const rows = await getDb()
    .select({
      id: eventRegistrations.id,
      name: eventRegistrations.name,
      email: eventRegistrations.email,
      organizationName: eventRegistrations.organizationName,
      status: eventRegistrations.status,
      queuedAt: eventRegistrations.queuedAt,
      promotedAt: eventRegistrations.promotedAt,
      attended: eventRegistrations.attended,
    })
    .from(eventRegistrations)
    .where(and(eq(eventRegistrations.eventId, event.id), inArray(eventRegistrations.status, ["confirmed", "waitlisted"])))
    .orderBy(sql`case ${eventRegistrations.status} when 'confirmed' then 0 else 1 end`, asc(eventRegistrations.queuedAt), asc(eventRegistrations.id));
  return { event: { id: event.id, title: event.title, startsAt: event.startsAt, capacity: event.capacity, status: event.status }, participants: rows };
}

/** The participant list as CSV (organiser only), with a column for attendance. */
export async function participantsCsv(actor: Actor, eventId: unknown, locale: Locale = defaultLocale): Promise<{ body: string; filename: string }> {
  const { event, participants } = await listParticipants(actor, eventId);
  const t = getTranslator(locale);
  const header = [
    t("events.participants.name"),
    t("events.participants.email"),
    t("events.participants.organization"),
    t("events.participants.status"),
    t("events.participants.attended"),
  ];
  const statusText = { confirmed: t("events.registration.status.confirmed"), waitlisted: t("events.registration.status.waitlisted") } as Record<string, string>;
  const rows = participants.map((p) => [
    // A spreadsheet runs a cell that starts with = + - @ as a formula: quote it out.
    ...[p.name, p.email, p.organizationName ?? ""].map((v) => (/^[=+\-@\t\r]/.test(v) ? `'${v}` : v)),
    statusText[p.status] ?? p.status,
    p.attended === null ? "" : p.attended ? t("common.yes") : t("common.no"),
  ]);
  return { body: "\uFEFF" + stringify([header, ...rows], { record_delimiter: "\r\n" }), filename: `deltakere-${event.id}.csv` };
}

/** Marks who came (organiser only, once the event has begun): the ticked confirmed participants came, the rest did not. */
export async function setAttendance(actor: Actor, eventId: unknown, rawInput: unknown, now = new Date()): Promise<{ attended: number }> {
  const { user, event } = await requireManagedEvent(actor, eventId);
  const { attended } = parseInput(attendanceSchema, rawInput);
  if (event.startsAt.getTime() > now.getTime()) throw new AppError("conflict", "events.error.attendanceBeforeStart");
  return getDb().transaction(async (tx) => {
    const confirmed = await tx
      .select({ id: eventRegistrations.id })
      .from(eventRegistrations)
      .where(and(eq(eventRegistrations.eventId, event.id), eq(eventRegistrations.status, "confirmed")));
    const ids = new Set(confirmed.map((r) => r.id));
    const came = attended.filter((id) => ids.has(id));
    for (const r of confirmed) {
      await tx
        .update(eventRegistrations)
        .set({ attended: came.includes(r.id) })
        .where(eq(eventRegistrations.id, r.id));
    }
    await recordAudit(tx, user, {
      action: "event.attendance_set",
      entityType: "event",
      entityId: event.id,
      after: { attended: came.length, of: confirmed.length },
    });
    return { attended: came.length };
  });
}

// ---------------------------------------------------------------- reminders

/**
 * Sends the reminder the day before: to every confirmed participant of a
 * scheduled event starting in the next 36 hours who has not had one. Each
 * registration is claimed with one update (`reminder_sent_at is null`), so
 * two runs at once (two instances, a retry) never send it twice. Run by
 * `npm run samspill -- events reminders` (hourly from cron or a timer).
 */
export async function sendEventReminders(now = new Date()): Promise<{ sent: number }> {
  const db = getDb();
  const horizon = new Date(now.getTime() + 36 * 60 * 60 * 1000);
  const due = await db
    .select({ id: eventRegistrations.id })
    .from(eventRegistrations)
    .innerJoin(events, eq(events.id, eventRegistrations.eventId))
    .where(
      and(
        eq(events.status, "scheduled"),
        gt(events.startsAt, now),
        lte(events.startsAt, horizon),
        eq(eventRegistrations.status, "confirmed"),
        isNull(eventRegistrations.reminderSentAt),
      ),
    );
  let sent = 0;
  for (const { id } of due) {
    const [claimed] = await db
      .update(eventRegistrations)
      .set({ reminderSentAt: now })
      .where(and(eq(eventRegistrations.id, id), isNull(eventRegistrations.reminderSentAt)))
      .returning({ id: eventRegistrations.id });
    if (!claimed) continue;
    await mailRegistration(id, "reminder");
    sent += 1;
  }
  return { sent };
}
