import { and, eq, gte, inArray, isNotNull, isNull, lt, lte, ne, or } from "drizzle-orm";
import { getDb } from "~/db/client.server.ts";
import { roleGrants, users, workshopActionChanges, workshopActions, workshopMunicipalities, workshops } from "~/db/schema/index.ts";
import { getEnv } from "~/env.server.ts";
import { kommuneMailLocale } from "~/i18n/malform.server.ts";
import { getTranslator } from "~/i18n/translate.ts";
import { sendMail } from "~/domain/mail/mail.server.ts";
import { actionPlanProgress, addDays, osloDate } from "./actions.server.ts";
import { openActionStatuses } from "./actions.schema.ts";

/**
 * The action plan's follow-up jobs (issue 13), run from the command line
 * (`npm run samspill -- workshops action-reminders` / `workshops digest`) with
 * `now` passed in so tests run them on a fake clock.
 *
 * Who gets e-mail: a reminder goes to the owner's contact address, which only
 * a workshop manager can enter (an owner's members can change status and add
 * notes, never the contact). A reminder informs the contact about a deadline
 * the body agreed with them; it does not act on the address's behalf (no link
 * in it signs anyone in, registers or cancels anything), so a manager-entered
 * contact is enough. The digest goes only to coordinators whose account's
 * address is verified.
 */

export const REMINDER_DAYS_BEFORE = 7;

function absoluteUrl(path: string): string {
  return new URL(path, getEnv().PUBLIC_URL).toString();
}

/** The kommune whose målform a workshop's mail is written in: the organiser's, else its first kommune. */
async function mailKommuneOf(workshopIds: string[]): Promise<Map<string, string>> {
  if (!workshopIds.length) return new Map();
  const rows = await getDb()
    .select({ id: workshops.id, organiser: workshops.organiserMunicipalityNumber, number: workshopMunicipalities.municipalityNumber })
    .from(workshops)
    .leftJoin(workshopMunicipalities, eq(workshopMunicipalities.workshopId, workshops.id))
    .where(inArray(workshops.id, workshopIds))
    .orderBy(workshopMunicipalities.municipalityNumber);
  const out = new Map<string, string>();
  for (const r of rows) if (!out.has(r.id)) out.set(r.id, r.organiser ?? r.number ?? "0301");
  return out;
}

/**
 * "Deadline in 7 days" and "overdue" reminders to the owner's contact, once
 * each per deadline: the row is claimed (due_reminder_for / overdue_reminder_for
 * set to the deadline) before the mail goes, so a second run, or a second
 * server running the job at the same time, sends nothing. A moved deadline
 * gets its own reminders.
 */
export async function sendActionReminders(now = new Date()): Promise<{ due: number; overdue: number }> {
  const db = getDb();
  const today = osloDate(now);
  const horizon = addDays(today, REMINDER_DAYS_BEFORE);
  const open = inArray(workshopActions.status, [...openActionStatuses]);
  const candidates = await db
    .select({
      id: workshopActions.id,
      deadline: workshopActions.deadline,
      dueFor: workshopActions.dueReminderFor,
      overdueFor: workshopActions.overdueReminderFor,
      workshopId: workshopActions.workshopId,
    })
    .from(workshopActions)
    .where(
      and(
        open,
        isNotNull(workshopActions.contactEmail),
        lte(workshopActions.deadline, horizon),
        or(
          isNull(workshopActions.dueReminderFor),
          ne(workshopActions.dueReminderFor, workshopActions.deadline),
          isNull(workshopActions.overdueReminderFor),
          ne(workshopActions.overdueReminderFor, workshopActions.deadline),
        ),
      ),
    );
  const kommuneOf = await mailKommuneOf([...new Set(candidates.map((c) => c.workshopId))]);
  let due = 0;
  let overdue = 0;
  for (const c of candidates) {
    const kind = c.deadline < today ? "overdue" : "due";
    if (kind === "due" && c.dueFor === c.deadline) continue;
    if (kind === "overdue" && c.overdueFor === c.deadline) continue;
    const column = kind === "due" ? workshopActions.dueReminderFor : workshopActions.overdueReminderFor;
    const [claimed] = await db
      .update(workshopActions)
      .set(kind === "due" ? { dueReminderFor: c.deadline, dueReminderSentAt: now } : { overdueReminderFor: c.deadline, overdueReminderSentAt: now })
      .where(and(eq(workshopActions.id, c.id), eq(workshopActions.deadline, c.deadline), or(isNull(column), ne(column, c.deadline)), open))
      .returning({
        title: workshopActions.title,
        contactName: workshopActions.contactName,
        contactEmail: workshopActions.contactEmail,
        deadline: workshopActions.deadline,
        workshopId: workshopActions.workshopId,
      });
    if (!claimed?.contactEmail) continue;
    const [w] = await db.select({ title: workshops.title }).from(workshops).where(eq(workshops.id, claimed.workshopId));
    const t = getTranslator(kommuneMailLocale(kommuneOf.get(c.workshopId) ?? "0301", null));
    const values = {
      name: claimed.contactName,
      action: claimed.title,
      workshop: w?.title ?? "",
      deadline: claimed.deadline,
      url: absoluteUrl(`/verksteder/${claimed.workshopId}/handlingsplan`),
    };
    await sendMail({
      to: claimed.contactEmail,
      subject: t(kind === "due" ? "workshops.actions.mail.due.subject" : "workshops.actions.mail.overdue.subject", values),
      text: t(kind === "due" ? "workshops.actions.mail.due.body" : "workshops.actions.mail.overdue.body", values),
    });
    if (kind === "due") due += 1;
    else overdue += 1;
  }
  return { due, overdue };
}

export interface DigestWorkshop {
  workshopId: string;
  title: string;
  done: number;
  inProgress: number;
  notStarted: number;
  overdue: number;
  movedThisWeek: {
    actionTitle: string;
    kind: "created" | "status" | "deadline" | "note" | "edited" | "deleted";
    fromValue: string | null;
    toValue: string | null;
  }[];
}

/** What one kommune's digest says: per workshop action plan, the counts and what moved in the 7 days before `now`. */
export async function digestFor(municipalityNumber: string, now: Date): Promise<DigestWorkshop[]> {
  const progress = await actionPlanProgress([municipalityNumber], now);
  if (!progress.length) return [];
  const weekAgo = new Date(now.getTime() - 7 * 24 * 60 * 60 * 1000);
  const moved = await getDb()
    .select({
      workshopId: workshopActionChanges.workshopId,
      actionTitle: workshopActionChanges.actionTitle,
      kind: workshopActionChanges.kind,
      fromValue: workshopActionChanges.fromValue,
      toValue: workshopActionChanges.toValue,
    })
    .from(workshopActionChanges)
    .where(
      and(
        inArray(
          workshopActionChanges.workshopId,
          progress.map((p) => p.workshopId),
        ),
        gte(workshopActionChanges.createdAt, weekAgo),
        lt(workshopActionChanges.createdAt, now),
      ),
    )
    .orderBy(workshopActionChanges.createdAt);
  return progress.map((p) => ({
    workshopId: p.workshopId,
    title: p.title,
    done: p.done,
    inProgress: p.inProgress,
    notStarted: p.notStarted,
    overdue: p.overdue,
    movedThisWeek: moved.filter((m) => m.workshopId === p.workshopId).map(({ workshopId: _w, ...m }) => m),
  }));
}

/**
 * The weekly digest: to each kommune's coordinators (verified addresses only)
 * whose kommune has a workshop with an action plan. Run it once a week.
 */
export async function sendActionDigest(now = new Date()): Promise<{ sent: number }> {
  const db = getDb();
  const kommuner = await db
    .selectDistinct({ number: workshopMunicipalities.municipalityNumber })
    .from(workshopMunicipalities)
    .where(inArray(workshopMunicipalities.workshopId, db.selectDistinct({ id: workshopActions.workshopId }).from(workshopActions)));
  let sent = 0;
  for (const { number } of kommuner) {
    const coordinators = await db
      .selectDistinct({ email: users.email, locale: users.locale })
      .from(roleGrants)
      .innerJoin(users, eq(users.id, roleGrants.userId))
      .where(and(eq(roleGrants.role, "municipal_coordinator"), eq(roleGrants.municipalityNumber, number), isNotNull(users.emailVerifiedAt)));
    if (!coordinators.length) continue;
    const digest = await digestFor(number, now);
    if (!digest.length) continue;
    for (const c of coordinators) {
      const t = getTranslator(kommuneMailLocale(number, c.locale));
      const sections = digest.map((w) => {
        const lines = [
          `${w.title}`,
          t("workshops.actions.digest.counts", { done: w.done, inProgress: w.inProgress, notStarted: w.notStarted, overdue: w.overdue }),
          w.movedThisWeek.length
            ? t("workshops.actions.digest.moved", { count: w.movedThisWeek.length }) +
              "\n" +
              w.movedThisWeek
                .map((m) =>
                  m.kind === "status"
                    ? `- ${m.actionTitle}: ${t(`workshops.actions.status.${m.fromValue as "done"}`)} → ${t(`workshops.actions.status.${m.toValue as "done"}`)}`
                    : m.kind === "deadline"
                      ? `- ${m.actionTitle}: ${t("workshops.actions.diff.deadlineMoved", { from: m.fromValue ?? "", to: m.toValue ?? "" })}`
                      : `- ${m.actionTitle}: ${t(`workshops.actions.digest.kind.${m.kind as "note"}`)}`,
                )
                .join("\n")
            : t("workshops.actions.digest.nothingMoved"),
          absoluteUrl(`/verksteder/${w.workshopId}/handlingsplan`),
        ];
        return lines.join("\n");
      });
      await sendMail({
        to: c.email,
        subject: t("workshops.actions.digest.subject"),
        text: `${t("workshops.actions.digest.intro")}\n\n${sections.join("\n\n")}`,
      });
      sent += 1;
    }
  }
  return { sent };
}
