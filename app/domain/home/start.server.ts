import { canCoordinateMunicipality, isNationalAdmin, type Actor, type UserActor } from "~/domain/auth/actor.ts";
import { listOrganizationActivities } from "~/domain/activities/activities.server.ts";
import { listPartnerships } from "~/domain/activities/partners.server.ts";
import { getOrganization } from "~/domain/organizations/organizations.server.ts";
import { selectPendingInvitations } from "~/domain/organizations/members.server.ts";
import { followUpCounts, openFollowUpsOf } from "~/domain/overlap/pair-follow-up.server.ts";
import { getDb } from "~/db/client.server.ts";
import { invitations, organizations } from "~/db/schema/index.ts";
import { and, desc, eq, gt, isNull, sql } from "drizzle-orm";
import { getMunicipalityHeadline, recentActivityChanges } from "~/domain/overview/overview.server.ts";
import { MAPPED_MIN_ACTIVITIES } from "~/domain/overview/mapping.ts";
import { needsOnStartPage } from "~/domain/needs/needs-start.server.ts";
import { volunteersOnStartPage } from "~/domain/volunteers/volunteers-start.server.ts";
import { placementsOnStartPage } from "~/domain/placements/placements-start.server.ts";
import { getCountyRollup, getNationalRollup, type KommuneRollupRow } from "~/domain/overview/rollup.server.ts";

/** How many kommuner "need attention" a start page lists per county or for the nation. */
export const ATTENTION_LIMIT = 5;

/**
 * A signed-in person's start page: their own work, gathered from the modules that own it. A coordinator gets
 * each of their kommuner (open gaps, stale entries, parallel pairs, latest changes), a county advisor and IMDi
 * their overview's headline figures and the kommuner that need attention, an organisation's members its
 * activities waiting for confirmation. Each part is read through the owning module, so its access rules apply.
 */
export async function getStartPage(actor: Actor, options: { now?: Date } = {}) {
  if (actor.kind !== "user") return null;
  const now = options.now ?? new Date();
  const [kommuner, counties, nation, ownOrgs, invited, needs, volunteers, placements] = await Promise.all([
    coordinatedKommuner(actor, now),
    advisedCounties(actor, now),
    isNationalAdmin(actor) ? nationalHeadline(actor, now) : null,
    ownOrganizations(actor, now),
    receivedInvitations(actor),
    // Issue 14: each module reads its own part (needs and commitments; volunteers' interests; placements and their follow-up).
    needsOnStartPage(actor, now),
    volunteersOnStartPage(actor, now),
    placementsOnStartPage(actor, now),
  ]);
  return { name: actor.name, kommuner, counties, nation, organizations: ownOrgs, invitations: invited, needs, volunteers, placements };
}

export type StartPage = NonNullable<Awaited<ReturnType<typeof getStartPage>>>;

async function coordinatedKommuner(actor: UserActor, now: Date) {
  const numbers = [...new Set(actor.roles.flatMap((r) => (r.role === "municipal_coordinator" && r.municipalityNumber ? [r.municipalityNumber] : [])))];
  return Promise.all(
    numbers
      .filter((number) => canCoordinateMunicipality(actor, number))
      .sort()
      .map(async (number) => {
        // Stored and pre-aggregated figures only: the parallel-initiative scan is far too slow for a start page.
        const [headline, changes, followUps] = await Promise.all([
          getMunicipalityHeadline(actor, number, { now }),
          recentActivityChanges(actor, number),
          followUpCounts(number),
        ]);
        return {
          ...headline,
          /** Suggested collaborations and how they went: stored follow-ups, one indexed count. */
          followUps,
          changes,
        };
      }),
  );
}

/** How many kommuner are not mapped yet, and the mapped ones with the most gaps. */
function needingAttention(rows: KommuneRollupRow[]) {
  const unmapped = rows.filter((r) => !r.mapped);
  const thin = rows.filter((r) => r.mapped && r.gaps > 0).sort((a, b) => b.gaps - a.gaps || a.name.localeCompare(b.name, "nb"));
  return {
    unmappedCount: unmapped.length,
    minActivities: MAPPED_MIN_ACTIVITIES,
    mostGaps: thin.slice(0, ATTENTION_LIMIT).map((r) => ({ number: r.number, name: r.name, gaps: r.gaps, activities: r.activities })),
  };
}

async function advisedCounties(actor: UserActor, now: Date) {
  const numbers = [...new Set(actor.roles.flatMap((r) => (r.role === "county_advisor" && r.countyNumber ? [r.countyNumber] : [])))].sort();
  return Promise.all(
    numbers.map(async (number) => {
      const rollup = await getCountyRollup(actor, number, {}, { now });
      return { number, name: rollup.county.name, year: rollup.year, totals: rollup.totals, attention: needingAttention(rollup.kommuner) };
    }),
  );
}

async function nationalHeadline(actor: UserActor, now: Date) {
  const rollup = await getNationalRollup(actor, {}, { now });
  return { year: rollup.year, totals: rollup.totals, kommuner: rollup.totalKommuner, attention: needingAttention(rollup.kommuner) };
}

async function ownOrganizations(actor: UserActor, now: Date) {
  return Promise.all(
    actor.memberships.map(async ({ organizationId, role }) => {
      const isAdmin = role === "admin";
      const [{ organization }, activities, partnerships, sentInvitations, openFollowUps] = await Promise.all([
        getOrganization(actor, organizationId),
        listOrganizationActivities(actor, organizationId, now),
        listPartnerships(actor, organizationId),
        // Its admins manage members: the invitations they (or other admins) sent that nobody has answered yet.
        isAdmin ? selectPendingInvitations(getDb(), organizationId) : [],
        isAdmin ? openFollowUpsOf(organizationId) : 0,
      ]);
      const toConfirm = activities.filter((a) => a.staleness !== "fresh" && a.status !== "ended");
      return {
        id: organizationId,
        name: organization.name,
        role,
        activities: activities.length,
        toConfirm: toConfirm.slice(0, ATTENTION_LIMIT).map((a) => ({ id: a.id, title: a.title, staleness: a.staleness })),
        toConfirmCount: toConfirm.length,
        /** Other organisations asking to name this one as a partner; null for those who may not answer. */
        partnershipRequests: partnerships ? partnerships.pending.length : null,
        /** Admins only: "similar activities of others" is on the activities page; how many suggested collaborations are open. */
        similar: isAdmin ? { openFollowUps } : null,
        /** Admins only: pending invitations by address and date — never the invitation id (its token's hash). */
        invitations: isAdmin
          ? {
              count: sentInvitations.length,
              latest: sentInvitations.slice(0, ATTENTION_LIMIT).map((i) => ({ email: i.email, role: i.role, createdAt: i.createdAt, expiresAt: i.expiresAt })),
            }
          : null,
      };
    }),
  );
}

/**
 * Invitations to organisations waiting for this person: addressed to their own, verified address (rule 2), not
 * accepted, revoked or expired. Only a token hash is stored, so the page says to open the e-mail's link.
 */
async function receivedInvitations(actor: UserActor) {
  if (!actor.emailVerified) return [];
  return getDb()
    .select({
      organizationId: organizations.id,
      organizationName: organizations.name,
      role: invitations.role,
      createdAt: invitations.createdAt,
      expiresAt: invitations.expiresAt,
    })
    .from(invitations)
    .innerJoin(organizations, eq(organizations.id, invitations.organizationId))
    .where(
      and(
        sql`lower(${invitations.email}) = ${actor.email.trim().toLowerCase()}`,
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
        gt(invitations.expiresAt, sql`now()`),
      ),
    )
    .orderBy(desc(invitations.createdAt))
    .limit(ATTENTION_LIMIT);
}
