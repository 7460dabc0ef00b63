import { and, eq, isNotNull, isNull, lte } from "drizzle-orm";
import { getDb } from "~/db/client.server.ts";
import { memberships, roleGrants, users, volunteerInterests } from "~/db/schema/index.ts";
import { getEnv } from "~/env.server.ts";
import { sendMail } from "~/domain/mail/mail.server.ts";
import { kommuneMailLocale } from "~/i18n/malform.server.ts";
import { getTranslator } from "~/i18n/translate.ts";
import { hashToken, randomToken } from "~/lib/crypto.server.ts";
import { volunteerLinks } from "./links.ts";
import { contactOf, selectInterests } from "./self.server.ts";
import { INTEREST_UNANSWERED_DAYS } from "./volunteers.constants.ts";

/**
 * "Nobody has answered" (issue 14), run from the command line
 * (`npm run samspill -- volunteers reminders`, daily) with `now` passed in so
 * tests run it on a fake clock.
 *
 * An interest still `new` INTEREST_UNANSWERED_DAYS after the volunteer
 * confirmed it: the receiving side is reminded (the organisation's members,
 * or for a kommune's own need its coordinators — verified addresses only, and
 * the mail names no volunteer: the inbox holds the details), and the
 * volunteer is told who to contact. Once per interest: the row is claimed
 * (unanswered_reminder_sent_at) by an update that takes only an unclaimed row
 * before anything is sent, so a second run, or a second server, sends nothing.
 *
 * Only the hash of an interest's token is stored, so the volunteer's mail
 * carries a fresh token (the claim stores its hash): its status and withdraw
 * links work, and the links of older mails about the same interest stop
 * working (their page points to /frivillig/meg, which reaches every interest).
 */

const DAY_MS = 24 * 60 * 60 * 1000;

function absoluteUrl(path: string): string {
  return new URL(path, getEnv().PUBLIC_URL).toString();
}

/** Verified addresses of those who receive an interest: the organisation's members, or the kommune's own coordinators. */
async function receivers(organizationId: string | null, municipalityNumber: string) {
  const db = getDb();
  if (organizationId) {
    return db
      .selectDistinct({ email: users.email, locale: users.locale })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.organizationId, organizationId), isNotNull(users.emailVerifiedAt)));
  }
  return db
    .selectDistinct({ email: users.email, locale: users.locale })
    .from(roleGrants)
    .innerJoin(users, eq(users.id, roleGrants.userId))
    .where(and(eq(roleGrants.role, "municipal_coordinator"), eq(roleGrants.municipalityNumber, municipalityNumber), isNotNull(users.emailVerifiedAt)));
}

export async function sendUnansweredReminders(now = new Date()): Promise<{ interests: number; organisationMails: number; volunteerMails: number }> {
  const db = getDb();
  const cutoff = new Date(now.getTime() - INTEREST_UNANSWERED_DAYS * DAY_MS);
  const candidates = await db
    .select({ id: volunteerInterests.id })
    .from(volunteerInterests)
    .where(and(eq(volunteerInterests.status, "new"), lte(volunteerInterests.confirmedAt, cutoff), isNull(volunteerInterests.unansweredReminderSentAt)));
  let interests = 0;
  let organisationMails = 0;
  let volunteerMails = 0;
  for (const c of candidates) {
    const token = randomToken();
    const [claimed] = await db
      .update(volunteerInterests)
      .set({ unansweredReminderSentAt: now, tokenHash: hashToken(token) })
      .where(
        and(
          eq(volunteerInterests.id, c.id),
          eq(volunteerInterests.status, "new"),
          lte(volunteerInterests.confirmedAt, cutoff),
          isNull(volunteerInterests.unansweredReminderSentAt),
        ),
      )
      .returning({ id: volunteerInterests.id });
    if (!claimed) continue;
    const [row] = await selectInterests(db, eq(volunteerInterests.id, claimed.id));
    if (!row) continue;
    interests += 1;
    const forTitle = row.needTitle ?? row.activityTitle ?? "";
    const inbox = row.organizationId ? `/organisasjoner/${row.organizationId}/frivillige` : `/kommuner/${row.municipalityNumber}/frivillige/innboks`;
    for (const r of await receivers(row.organizationId, row.municipalityNumber)) {
      const t = getTranslator(kommuneMailLocale(row.municipalityNumber, r.locale));
      const values = { role: row.roleTitle, for: forTitle, days: INTEREST_UNANSWERED_DAYS, url: absoluteUrl(inbox) };
      await sendMail({ to: r.email, subject: t("volunteerSelf.mail.unansweredOrg.subject", values), text: t("volunteerSelf.mail.unansweredOrg.body", values) });
      organisationMails += 1;
    }
    const contact = contactOf(row);
    const links = volunteerLinks(token);
    const t = getTranslator(kommuneMailLocale(row.municipalityNumber, null));
    const contactText = contact ? [contact.name, contact.email, contact.phone].filter(Boolean).join(", ") : (row.organizationName ?? row.municipalityName);
    await sendMail({
      to: row.email,
      subject: t("volunteerSelf.mail.unansweredVolunteer.subject", { role: row.roleTitle }),
      text: t("volunteerSelf.mail.unansweredVolunteer.body", {
        role: row.roleTitle,
        for: forTitle,
        days: INTEREST_UNANSWERED_DAYS,
        contact: contactText,
        statusUrl: links.status,
        withdrawUrl: links.withdraw,
      }),
    });
    volunteerMails += 1;
  }
  return { interests, organisationMails, volunteerMails };
}
