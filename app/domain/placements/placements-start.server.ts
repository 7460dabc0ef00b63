import { and, inArray } from "drizzle-orm";
import { getDb } from "~/db/client.server.ts";
import { organizations } from "~/db/schema/index.ts";
import type { UserActor } from "~/domain/auth/actor.ts";
import { awaitingFollowUp, employerPlacements, followUpOrganizationKinds, isEmployerMember } from "./placements.server.ts";
import { employerOutcomeSummary } from "./placement-figures.server.ts";

/** How many placements each part of the start page lists before linking on. */
const START_LIMIT = 5;

/**
 * The placements part of a signed-in person's start page (issue 14): read through this module, so its access rules
 * apply. For members of an employer organisation: its placements and their follow-up status. For the follow-up
 * contact (members of a kommune unit or NAV office always; a kommune's coordinators when something awaits them):
 * placements awaiting their confirmation. null = nothing to show for this person.
 */
export async function placementsOnStartPage(actor: UserActor, _now: Date) {
  const [isEmployer, followUpMember] = await Promise.all([isEmployerMember(actor), isFollowUpOrganizationMember(actor)]);
  const employer = isEmployer ? await employerPlacements(actor, START_LIMIT) : null;
  const awaiting = await awaitingFollowUp(actor, START_LIMIT);
  const followUp = followUpMember || awaiting.total > 0 ? awaiting : null;
  // What became of the employer's places, as counts (placement-figures.server.ts); its members only.
  const outcomes = employer ? await employerOutcomeSummary(actor.memberships.map((m) => m.organizationId)) : null;
  if (!employer && !followUp) return null;
  return { employer, followUp, outcomes };
}

async function isFollowUpOrganizationMember(actor: UserActor): Promise<boolean> {
  const ids = actor.memberships.map((m) => m.organizationId);
  if (ids.length === 0) return false;
  const rows = await getDb()
    .select({ id: organizations.id })
    .from(organizations)
    .where(and(inArray(organizations.id, ids), inArray(organizations.kind, followUpOrganizationKinds)))
    .limit(1);
  return rows.length > 0;
}
