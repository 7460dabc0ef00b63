import { and, asc, eq, isNotNull, isNull, lte, or, sql } from "drizzle-orm";
import { getDb, type Queryable } from "~/db/client.server.ts";
import { memberships, organizations, placementCheckins, placements, users } from "~/db/schema/index.ts";
import { getEnv } from "~/env.server.ts";
import { kommuneMailLocale } from "~/i18n/malform.server.ts";
import { getTranslator } from "~/i18n/translate.ts";
import { AppError } from "~/lib/errors.ts";
import { isUuid, parseInput } from "~/lib/validation.ts";
import { isOrganizationMember, type Actor, type UserActor } from "~/domain/auth/actor.ts";
import { recordAudit } from "~/domain/audit/audit.server.ts";
import { osloDate } from "~/domain/competence/working-days.ts";
import { sendMail } from "~/domain/mail/mail.server.ts";
import { answerCheckinSchema, extraCheckinSchema } from "./followup.schema.ts";

/**
 * A placement's follow-up (issue 14): the scheduled check-ins the public
 * follow-up contact (a kommune unit or a NAV office) holds with the employer,
 * answered with a short structured form, and their reminders.
 *
 * Who reads it: the employer's members and the follow-up contact — the chosen
 * organisation's members once it has confirmed, and where that is a kommune
 * unit also the coordinators of the placement's own kommune. Nobody else: not
 * another employer, not a county advisor, not IMDi. The notes are between the
 * employer and the follow-up contact; the public side's figures are counts.
 */

export const REMINDER_DAYS_BEFORE = 2;
/** An open-ended placement's "end" check-in is this many months after its start. */
export const OPEN_ENDED_CHECKIN_MONTHS = 3;
export const TWO_WEEKS_DAYS = 14;

export function addDays(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Calendar months on, clamped to the month's last day (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(isoDate: string, months: number): string {
  const [y, m, day] = isoDate.split("-").map(Number) as [number, number, number];
  const first = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(day, last));
  return first.toISOString().slice(0, 10);
}

export interface FollowUpRole {
  isEmployer: boolean;
  isFollowUp: boolean;
}

const placementScope = {
  id: placements.id,
  title: placements.title,
  kind: placements.kind,
  employerOrganizationId: placements.employerOrganizationId,
  followUpOrganizationId: placements.followUpOrganizationId,
  followUpStatus: placements.followUpStatus,
  municipalityNumber: placements.municipalityNumber,
  periodStart: placements.periodStart,
  periodEnd: placements.periodEnd,
  places: placements.places,
  status: placements.status,
};
export type PlacementScope = {
  id: string;
  title: string;
  kind: string;
  employerOrganizationId: string;
  followUpOrganizationId: string | null;
  followUpStatus: string;
  municipalityNumber: string;
  periodStart: string;
  periodEnd: string | null;
  places: number;
  status: string;
};

/** The actor's part in a placement's follow-up, read from the placement's row and the follow-up organisation's kind. */
export function followUpRoleOf(actor: Actor, p: PlacementScope, followUpKind: string | null): FollowUpRole {
  if (actor.kind !== "user") return { isEmployer: false, isFollowUp: false };
  const isEmployer = isOrganizationMember(actor, p.employerOrganizationId);
  let isFollowUp = false;
  if (p.followUpOrganizationId && p.followUpStatus === "confirmed") {
    isFollowUp =
      isOrganizationMember(actor, p.followUpOrganizationId) ||
      (followUpKind === "municipality_unit" && actor.roles.some((r) => r.role === "municipal_coordinator" && r.municipalityNumber === p.municipalityNumber));
  }
  return { isEmployer, isFollowUp };
}

/**
 * The placement and the actor's part in it, or a refusal: unknown or malformed
 * id 404, a visitor must sign in, anyone who is neither the employer nor the
 * follow-up contact 403.
 */
export async function requireFollowUpAccess(actor: Actor, placementId: string, db: Queryable = getDb()) {
  if (!isUuid(placementId)) throw new AppError("not_found", "errors.notFound");
  const [row] = await db
    .select({ ...placementScope, followUpKind: organizations.kind, followUpName: organizations.name })
    .from(placements)
    .leftJoin(organizations, eq(organizations.id, placements.followUpOrganizationId))
    .where(eq(placements.id, placementId));
  if (!row) throw new AppError("not_found", "errors.notFound");
  if (actor.kind !== "user") throw new AppError("unauthenticated", "errors.unauthenticated");
  const role = followUpRoleOf(actor, row, row.followUpKind);
  if (!role.isEmployer && !role.isFollowUp) throw new AppError("forbidden", "errors.forbidden");
  return { placement: row, role, user: actor as UserActor };
}

/**
 * The two check-ins every followed-up placement gets when the follow-up
 * contact confirms: after two weeks (start + 14 days) and at the end (the
 * period's end, or start + 3 months when it is open-ended). Called inside the
 * confirming transaction; a kind already scheduled is not added again (a
 * placement confirmed twice keeps one of each), and a placement ending within
 * two weeks gets only the end check-in.
 */
export async function scheduleDefaultCheckins(tx: Queryable, placement: { id: string; periodStart: string; periodEnd: string | null }) {
  const end = placement.periodEnd ?? addMonths(placement.periodStart, OPEN_ENDED_CHECKIN_MONTHS);
  const twoWeeks = addDays(placement.periodStart, TWO_WEEKS_DAYS);
  const wanted: { kind: "two_weeks" | "end"; dueOn: string }[] = [];
  if (twoWeeks < end) wanted.push({ kind: "two_weeks", dueOn: twoWeeks });
  wanted.push({ kind: "end", dueOn: end });
  const existing = await tx
    .select({ kind: placementCheckins.kind })
    .from(placementCheckins)
    .where(and(eq(placementCheckins.placementId, placement.id), sql`${placementCheckins.kind} in ('two_weeks', 'end')`));
  const have = new Set(existing.map((e) => e.kind));
  const rows = wanted.filter((w) => !have.has(w.kind)).map((w) => ({ placementId: placement.id, ...w }));
  if (rows.length) await tx.insert(placementCheckins).values(rows);
  return rows.length;
}

/** The placement's check-ins, soonest first; notes included — the caller has passed requireFollowUpAccess. */
async function checkinsOf(placementId: string) {
  return getDb()
    .select({
      id: placementCheckins.id,
      kind: placementCheckins.kind,
      dueOn: placementCheckins.dueOn,
      completedAt: placementCheckins.completedAt,
      completedByName: users.name,
      attendance: placementCheckins.attendance,
      needsSupport: placementCheckins.needsSupport,
      nextStep: placementCheckins.nextStep,
      note: placementCheckins.note,
    })
    .from(placementCheckins)
    .leftJoin(users, eq(users.id, placementCheckins.completedByUserId))
    .where(eq(placementCheckins.placementId, placementId))
    .orderBy(asc(placementCheckins.dueOn), asc(placementCheckins.createdAt));
}

export async function listCheckins(actor: Actor, placementId: string) {
  const { placement } = await requireFollowUpAccess(actor, placementId);
  return checkinsOf(placement.id);
}

/** The follow-up contact answers a check-in with the short form; once — an answered check-in is kept as it was. */
export async function answerCheckin(actor: Actor, placementId: string, rawInput: unknown, now = new Date()) {
  const { placement, role, user } = await requireFollowUpAccess(actor, placementId);
  if (!role.isFollowUp) throw new AppError("forbidden", "errors.forbidden");
  const input = parseInput(answerCheckinSchema, rawInput);
  await getDb().transaction(async (tx) => {
    // The check-in id comes from the form: it must be this placement's.
    const [done] = await tx
      .update(placementCheckins)
      .set({
        completedAt: now,
        completedByUserId: user.userId,
        attendance: input.attendance,
        needsSupport: input.needsSupport,
        nextStep: input.nextStep,
        note: input.note,
      })
      .where(and(eq(placementCheckins.id, input.checkinId), eq(placementCheckins.placementId, placement.id), isNull(placementCheckins.completedAt)))
      .returning({ id: placementCheckins.id, kind: placementCheckins.kind, dueOn: placementCheckins.dueOn });
    if (!done) {
      const [exists] = await tx
        .select({ id: placementCheckins.id })
        .from(placementCheckins)
        .where(and(eq(placementCheckins.id, input.checkinId), eq(placementCheckins.placementId, placement.id)));
      throw exists ? new AppError("conflict", "placementFollowup.error.alreadyAnswered") : new AppError("not_found", "errors.notFound");
    }
    // The note stays out of the audit log: it is between the employer and the follow-up contact.
    await recordAudit(tx, user, {
      action: "placement.checkin_answered",
      entityType: "placement",
      entityId: placement.id,
      after: {
        checkinId: done.id,
        kind: done.kind,
        dueOn: done.dueOn,
        attendance: input.attendance,
        needsSupport: input.needsSupport,
        nextStep: input.nextStep,
      },
    });
  });
}

/** An extra check-in, added by the follow-up contact or the employer; not before the placement starts, at most a year ahead. */
export async function addExtraCheckin(actor: Actor, placementId: string, rawInput: unknown, now = new Date()) {
  const { placement, user } = await requireFollowUpAccess(actor, placementId);
  const input = parseInput(extraCheckinSchema, rawInput);
  const latest = addDays(osloDate(now), 366);
  if (input.dueOn < placement.periodStart) {
    throw new AppError("validation", "common.errorSummary", {
      dueOn: { key: "placementFollowup.error.dueBeforeStart", values: { start: placement.periodStart } },
    });
  }
  if (input.dueOn > latest) throw new AppError("validation", "common.errorSummary", { dueOn: { key: "placementFollowup.error.dueTooLate" } });
  await getDb().transaction(async (tx) => {
    const [row] = await tx
      .insert(placementCheckins)
      .values({ placementId: placement.id, kind: "extra", dueOn: input.dueOn })
      .returning({ id: placementCheckins.id });
    await recordAudit(tx, user, {
      action: "placement.checkin_added",
      entityType: "placement",
      entityId: placement.id,
      after: { checkinId: row!.id, dueOn: input.dueOn },
    });
  });
}

function absoluteUrl(path: string): string {
  return new URL(path, getEnv().PUBLIC_URL).toString();
}

/**
 * "Check-in due" reminders to the follow-up contact: a check-in not answered
 * and due within two days gets one reminder for its due date, and one more
 * once it is overdue. The row is claimed before any mail goes (an UPDATE …
 * WHERE … RETURNING), so a second run, or a second server running the job at
 * the same moment, sends nothing. reminder_for holds the due date the
 * reminder was for (a moved date is reminded again); the overdue one has gone
 * when reminder_sent_at lies after the due date (Oslo time).
 *
 * Recipients: the follow-up organisation's members at verified addresses;
 * where it has none, its registered contact address. A reminder only tells of
 * a date agreed with the employer: nothing in it acts on anyone's behalf.
 */
export async function sendCheckinReminders(now = new Date()): Promise<{ due: number; overdue: number }> {
  const db = getDb();
  const today = osloDate(now);
  const horizon = addDays(today, REMINDER_DAYS_BEFORE);
  const afterDue = sql`((${placementCheckins.dueOn} + 1)::timestamp at time zone 'Europe/Oslo')`;
  const notYetOverdueReminded = or(
    isNull(placementCheckins.reminderFor),
    sql`${placementCheckins.reminderFor} <> ${placementCheckins.dueOn}`,
    sql`${placementCheckins.reminderSentAt} < ${afterDue}`,
  );
  const notYetDueReminded = or(isNull(placementCheckins.reminderFor), sql`${placementCheckins.reminderFor} <> ${placementCheckins.dueOn}`);
  const candidates = await db
    .select({ id: placementCheckins.id, dueOn: placementCheckins.dueOn })
    .from(placementCheckins)
    .innerJoin(placements, eq(placements.id, placementCheckins.placementId))
    .where(
      and(
        isNull(placementCheckins.completedAt),
        lte(placementCheckins.dueOn, horizon),
        eq(placements.followUpStatus, "confirmed"),
        isNotNull(placements.followUpOrganizationId),
        sql`${placements.status} <> 'withdrawn'`,
        notYetOverdueReminded,
      ),
    );
  let due = 0;
  let overdue = 0;
  for (const c of candidates) {
    const kind = c.dueOn < today ? "overdue" : "due";
    const [claimed] = await db
      .update(placementCheckins)
      .set({ reminderFor: c.dueOn, reminderSentAt: now })
      .where(
        and(
          eq(placementCheckins.id, c.id),
          eq(placementCheckins.dueOn, c.dueOn),
          isNull(placementCheckins.completedAt),
          kind === "due" ? notYetDueReminded : notYetOverdueReminded,
        ),
      )
      .returning({ placementId: placementCheckins.placementId, kind: placementCheckins.kind, dueOn: placementCheckins.dueOn });
    if (!claimed) continue;
    const [p] = await db
      .select({
        title: placements.title,
        municipalityNumber: placements.municipalityNumber,
        followUpOrganizationId: placements.followUpOrganizationId,
        contactEmail: organizations.contactEmail,
        employerName: sql<string>`(select name from organizations e where e.id = ${placements.employerOrganizationId})`,
      })
      .from(placements)
      .innerJoin(organizations, eq(organizations.id, placements.followUpOrganizationId))
      .where(eq(placements.id, claimed.placementId));
    if (!p) continue;
    const members = await db
      .selectDistinct({ email: users.email, locale: users.locale })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.organizationId, p.followUpOrganizationId!), isNotNull(users.emailVerifiedAt)));
    const recipients = members.length ? members : p.contactEmail ? [{ email: p.contactEmail, locale: null }] : [];
    for (const r of recipients) {
      const t = getTranslator(kommuneMailLocale(p.municipalityNumber, r.locale));
      const values = {
        placement: p.title,
        employer: p.employerName,
        due: claimed.dueOn,
        url: absoluteUrl(`/praksisplasser/${claimed.placementId}/oppfolging-og-resultat`),
      };
      await sendMail({
        to: r.email,
        subject: t(kind === "due" ? "placementFollowup.mail.due.subject" : "placementFollowup.mail.overdue.subject", values),
        text: t(kind === "due" ? "placementFollowup.mail.due.body" : "placementFollowup.mail.overdue.body", values),
      });
    }
    if (kind === "due") due += 1;
    else overdue += 1;
  }
  return { due, overdue };
}

/**
 * Everything the follow-up page shows: the placement's facts, the actor's
 * part, the check-ins with their notes, the outcome counts and the months an
 * outcome may be recorded for (the start month to this month).
 */
export async function getPlacementFollowUp(actor: Actor, placementId: string, now = new Date()) {
  const { placement, role } = await requireFollowUpAccess(actor, placementId);
  const { outcomesOf, outcomeTotals } = await import("./outcomes.server.ts");
  const [[employer], checkins, outcomes] = await Promise.all([
    getDb().select({ name: organizations.name }).from(organizations).where(eq(organizations.id, placement.employerOrganizationId)),
    checkinsOf(placement.id),
    outcomesOf(placement.id),
  ]);
  const today = osloDate(now);
  const months: string[] = [];
  for (let m = `${today.slice(0, 7)}-01`; m >= `${placement.periodStart.slice(0, 7)}-01` && months.length < 120; m = addMonths(m, -1))
    months.push(m.slice(0, 7));
  return {
    placement: {
      id: placement.id,
      title: placement.title,
      employerName: employer?.name ?? "",
      followUpName: placement.followUpStatus === "confirmed" ? placement.followUpName : null,
      periodStart: placement.periodStart,
      periodEnd: placement.periodEnd,
      places: placement.places,
    },
    role,
    today,
    checkins: checkins.map((c) => ({
      ...c,
      state: c.completedAt ? ("done" as const) : c.dueOn < today ? ("overdue" as const) : ("due" as const),
    })),
    outcomes,
    totals: outcomeTotals(outcomes),
    months,
  };
}
