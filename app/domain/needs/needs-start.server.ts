import { and, asc, eq, inArray, isNull, or, sql, type SQL } from "drizzle-orm";
import { getDb } from "~/db/client.server.ts";
import { needCommitments, needs, organizations } from "~/db/schema/index.ts";
import { coordinatedMunicipalities, type UserActor } from "~/domain/auth/actor.ts";
import { todayOf } from "./needs.server.ts";

/**
 * The needs part of a signed-in person's start page (issue 14): read through this module, so its access rules
 * apply. For owners (a kommune's coordinators, an organisation's members): their open needs with the commitments
 * waiting for their decision and those whose deadline has passed; for organisation members: their organisations'
 * live commitments. null = nothing to show for this person.
 */
export async function needsOnStartPage(actor: UserActor, now: Date) {
  const kommuner = coordinatedMunicipalities(actor);
  const orgIds = actor.memberships.map((m) => m.organizationId);
  if (kommuner.length === 0 && orgIds.length === 0) return null;
  const db = getDb();
  const owned: SQL[] = [];
  if (kommuner.length) owned.push(and(isNull(needs.organizationId), inArray(needs.municipalityNumber, kommuner))!);
  if (orgIds.length) owned.push(inArray(needs.organizationId, orgIds));
  const pending = sql<number>`(select count(*) from need_commitments nc where nc.need_id = "needs"."id" and nc.status = 'pending')::int`;
  const accepted = sql<number>`coalesce((select sum(nc.quantity) from need_commitments nc where nc.need_id = "needs"."id" and nc.status = 'accepted'), 0)::int`;
  const [ownNeeds, commitments] = await Promise.all([
    db
      .select({ id: needs.id, title: needs.title, unit: needs.unit, quantity: needs.quantity, deadline: needs.deadline, accepted, pending })
      .from(needs)
      .where(and(eq(needs.status, "open"), or(...owned)))
      .orderBy(asc(needs.deadline), asc(needs.id))
      .limit(10),
    orgIds.length
      ? db
          .select({
            needId: needs.id,
            title: needs.title,
            organizationName: organizations.name,
            quantity: needCommitments.quantity,
            status: needCommitments.status,
          })
          .from(needCommitments)
          .innerJoin(needs, eq(needs.id, needCommitments.needId))
          .innerJoin(organizations, eq(organizations.id, needCommitments.organizationId))
          .where(and(inArray(needCommitments.organizationId, orgIds), inArray(needCommitments.status, ["pending", "accepted"]), eq(needs.status, "open")))
          .orderBy(asc(needs.deadline), asc(needCommitments.id))
          .limit(10)
      : Promise.resolve([]),
  ]);
  const today = todayOf(now);
  return {
    needs: ownNeeds.map((n) => ({ ...n, expired: n.deadline < today })),
    commitments,
  };
}
