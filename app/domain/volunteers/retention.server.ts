import { and, eq, inArray, lt, sql } from "drizzle-orm";
import { getDb } from "~/db/client.server.ts";
import { volunteerInterests, volunteerLinks, volunteerProfiles, volunteerRoles } from "~/db/schema/index.ts";
import { getEnv } from "~/env.server.ts";
import { recordAudit } from "~/domain/audit/audit.server.ts";
import { anonymous } from "~/domain/auth/actor.ts";
import { UNCONFIRMED_INTEREST_DAYS } from "./volunteers.constants.ts";

/**
 * Volunteers' personal data is kept only as long as it is needed (issue 14),
 * run from the command line (`npm run samspill -- volunteers retention`,
 * daily) with `now` passed in so tests run it on a fake clock. The rule:
 *
 * - an interest never confirmed is deleted UNCONFIRMED_INTEREST_DAYS after it
 *   was made (nothing ever reached the organisation);
 * - an interest not followed up to a start — new, contacted or not suitable —
 *   is deleted VOLUNTEER_RETENTION_MONTHS after its last status change;
 * - a started one is kept while its role is open; once the role is closed, it
 *   is deleted VOLUNTEER_RETENTION_MONTHS after the later of its last status
 *   change and the role's last change (closing it);
 * - a light profile is deleted VOLUNTEER_RETENTION_MONTHS after it was last
 *   saved or signed in to;
 * - used or expired sign-in links go after a day.
 *
 * Deleting an interest takes its status trail with it (cascade). One audit
 * entry per run gives the counts, never who.
 */

const DAY_MS = 24 * 60 * 60 * 1000;

function monthsBefore(now: Date, months: number): Date {
  const d = new Date(now.getTime());
  d.setUTCMonth(d.getUTCMonth() - months);
  return d;
}

export interface RetentionResult {
  unconfirmed: number;
  notFollowedUp: number;
  startedOnClosedRoles: number;
  profiles: number;
  links: number;
}

export async function runVolunteerRetention(now = new Date(), months = getEnv().VOLUNTEER_RETENTION_MONTHS): Promise<RetentionResult> {
  const db = getDb();
  const unconfirmedBefore = new Date(now.getTime() - UNCONFIRMED_INTEREST_DAYS * DAY_MS);
  const before = monthsBefore(now, months);
  return db.transaction(async (tx) => {
    const unconfirmed = await tx
      .delete(volunteerInterests)
      .where(and(eq(volunteerInterests.status, "unconfirmed"), lt(volunteerInterests.createdAt, unconfirmedBefore)))
      .returning({ id: volunteerInterests.id });
    const notFollowedUp = await tx
      .delete(volunteerInterests)
      .where(and(inArray(volunteerInterests.status, ["new", "contacted", "not_suitable"]), lt(volunteerInterests.statusChangedAt, before)))
      .returning({ id: volunteerInterests.id });
    const closedRoles = tx
      .select({ id: volunteerRoles.id })
      .from(volunteerRoles)
      .where(and(eq(volunteerRoles.open, false), lt(volunteerRoles.updatedAt, before)));
    const startedOnClosedRoles = await tx
      .delete(volunteerInterests)
      .where(and(eq(volunteerInterests.status, "started"), lt(volunteerInterests.statusChangedAt, before), inArray(volunteerInterests.roleId, closedRoles)))
      .returning({ id: volunteerInterests.id });
    const profiles = await tx.delete(volunteerProfiles).where(lt(volunteerProfiles.updatedAt, before)).returning({ id: volunteerProfiles.id });
    const links = await tx
      .delete(volunteerLinks)
      .where(sql`coalesce(${volunteerLinks.usedAt}, ${volunteerLinks.expiresAt}) < ${new Date(now.getTime() - DAY_MS).toISOString()}::timestamptz`)
      .returning({ id: volunteerLinks.id });
    const result: RetentionResult = {
      unconfirmed: unconfirmed.length,
      notFollowedUp: notFollowedUp.length,
      startedOnClosedRoles: startedOnClosedRoles.length,
      profiles: profiles.length,
      links: links.length,
    };
    if (unconfirmed.length + notFollowedUp.length + startedOnClosedRoles.length + profiles.length > 0) {
      await recordAudit(tx, anonymous(), { action: "volunteer.retention_deleted", entityType: "volunteer_interest", after: { ...result, months } });
    }
    return result;
  });
}
