import { and, eq, inArray, isNotNull, isNull, lt, ne, or } from "drizzle-orm";
import { getDb } from "~/db/client.server.ts";
import { memberships, needs, roleGrants, users } from "~/db/schema/index.ts";
import { getEnv } from "~/env.server.ts";
import { kommuneMailLocale } from "~/i18n/malform.server.ts";
import { getTranslator } from "~/i18n/translate.ts";
import { sendMail } from "~/domain/mail/mail.server.ts";
import { todayOf } from "./needs.server.ts";

function absoluteUrl(path: string): string {
  return new URL(path, getEnv().PUBLIC_URL).toString();
}

/**
 * `samspill needs reminders`: an open need whose deadline has passed asks its owner to close or extend it — once per
 * deadline (extending sets a new deadline, which may be reminded again when it passes). Claimed with a conditional
 * UPDATE … RETURNING, so several servers running it at once send each reminder once. The owner is reached at
 * verified account addresses only: the kommune's coordinators for its own needs, the posting organisation's members
 * otherwise.
 */
export async function sendNeedReminders(now = new Date()): Promise<{ needs: number; mails: number }> {
  const db = getDb();
  const today = todayOf(now);
  const due = and(eq(needs.status, "open"), lt(needs.deadline, today));
  const candidates = await db
    .select({ id: needs.id, deadline: needs.deadline })
    .from(needs)
    .where(and(due, or(isNull(needs.expiryReminderFor), ne(needs.expiryReminderFor, needs.deadline))));
  let sentNeeds = 0;
  let mails = 0;
  for (const c of candidates) {
    const [claimed] = await db
      .update(needs)
      .set({ expiryReminderFor: c.deadline, expiryReminderSentAt: now })
      .where(and(eq(needs.id, c.id), eq(needs.deadline, c.deadline), due, or(isNull(needs.expiryReminderFor), ne(needs.expiryReminderFor, c.deadline))))
      .returning({
        id: needs.id,
        title: needs.title,
        deadline: needs.deadline,
        municipalityNumber: needs.municipalityNumber,
        organizationId: needs.organizationId,
      });
    if (!claimed) continue;
    const recipients =
      claimed.organizationId === null
        ? await db
            .selectDistinct({ email: users.email, locale: users.locale })
            .from(roleGrants)
            .innerJoin(users, eq(users.id, roleGrants.userId))
            .where(
              and(
                eq(roleGrants.role, "municipal_coordinator"),
                eq(roleGrants.municipalityNumber, claimed.municipalityNumber),
                isNotNull(users.emailVerifiedAt),
              ),
            )
        : await db
            .selectDistinct({ email: users.email, locale: users.locale })
            .from(memberships)
            .innerJoin(users, eq(users.id, memberships.userId))
            .where(and(inArray(memberships.organizationId, [claimed.organizationId]), isNotNull(users.emailVerifiedAt)));
    for (const r of recipients) {
      const t = getTranslator(kommuneMailLocale(claimed.municipalityNumber, r.locale));
      const values = { title: claimed.title, deadline: claimed.deadline, url: absoluteUrl(`/behov/${claimed.id}`) };
      await sendMail({ to: r.email, subject: t("needs.mail.expired.subject", values), text: t("needs.mail.expired.body", values) });
      mails += 1;
    }
    sentNeeds += 1;
  }
  return { needs: sentNeeds, mails };
}
