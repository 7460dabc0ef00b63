import { and, asc, eq, ne, sql } from "drizzle-orm";
import { getDb } from "~/db/client.server.ts";
import { placementOutcomeCounts } from "~/db/schema/index.ts";
import { AppError } from "~/lib/errors.ts";
import { parseInput } from "~/lib/validation.ts";
import { type Actor } from "~/domain/auth/actor.ts";
import { recordAudit } from "~/domain/audit/audit.server.ts";
import { osloDate } from "~/domain/competence/working-days.ts";
import { placementOutcomes, type PlacementOutcome } from "./placements.constants.ts";
import { outcomeSchema } from "./followup.schema.ts";
import { requireFollowUpAccess } from "./checkins.server.ts";

/**
 * What became of a placement's places (issue 14), as counts per month and
 * outcome — completed, extended, became lasting work, ended early with a
 * reason — never per named person. Recorded by the employer or the follow-up
 * contact; the kommune, county and national figures add them up
 * (placement-figures.server.ts).
 *
 * A place ends once: completed, lasting work and ended early together never
 * exceed the placement's places. "Extended" is not an end (the place goes on
 * and ends later), so it is counted beside them, at most the places per month.
 */

/** The outcomes that end a place. */
export const finalOutcomes = ["completed", "lasting_work", "ended_early"] as const satisfies readonly PlacementOutcome[];

export async function listOutcomes(actor: Actor, placementId: string) {
  const { placement } = await requireFollowUpAccess(actor, placementId);
  return outcomesOf(placement.id);
}

export async function outcomesOf(placementId: string) {
  return getDb()
    .select({
      id: placementOutcomeCounts.id,
      periodMonth: placementOutcomeCounts.periodMonth,
      outcome: placementOutcomeCounts.outcome,
      earlyEndReason: placementOutcomeCounts.earlyEndReason,
      count: placementOutcomeCounts.count,
    })
    .from(placementOutcomeCounts)
    .where(eq(placementOutcomeCounts.placementId, placementId))
    .orderBy(asc(placementOutcomeCounts.periodMonth), asc(placementOutcomeCounts.outcome), asc(placementOutcomeCounts.earlyEndReason));
}

/** Totals per outcome over all months. */
export function outcomeTotals(rows: { outcome: PlacementOutcome; count: number }[]): Record<PlacementOutcome, number> {
  const totals = Object.fromEntries(placementOutcomes.map((o) => [o, 0])) as Record<PlacementOutcome, number>;
  for (const r of rows) totals[r.outcome] += r.count;
  return totals;
}

/**
 * Sets the count of one outcome in one month (0 takes it away). The month
 * may not be before the placement's start month nor after this month.
 */
export async function recordOutcome(actor: Actor, placementId: string, rawInput: unknown, now = new Date()) {
  const { placement, user } = await requireFollowUpAccess(actor, placementId);
  const input = parseInput(outcomeSchema, rawInput);
  const periodMonth = `${input.month}-01`;
  const monthError = (key: string, values?: Record<string, string>) => new AppError("validation", "common.errorSummary", { month: { key, values } });
  if (periodMonth < `${placement.periodStart.slice(0, 7)}-01`)
    throw monthError("placementFollowup.error.monthBeforeStart", { start: placement.periodStart.slice(0, 7) });
  if (periodMonth > `${osloDate(now).slice(0, 7)}-01`) throw monthError("placementFollowup.error.monthInFuture");
  const reason = input.outcome === "ended_early" ? input.earlyEndReason : null;
  const sameRow = and(
    eq(placementOutcomeCounts.placementId, placement.id),
    eq(placementOutcomeCounts.periodMonth, periodMonth),
    eq(placementOutcomeCounts.outcome, input.outcome),
    sql`coalesce(${placementOutcomeCounts.earlyEndReason}, '') = ${reason ?? ""}`,
  );
  await getDb().transaction(async (tx) => {
    // Serialise recordings for one placement, so two at once cannot both pass the places check.
    await tx.execute(sql`select 1 from placements where id = ${placement.id} for update`);
    const [before] = await tx.select({ id: placementOutcomeCounts.id, count: placementOutcomeCounts.count }).from(placementOutcomeCounts).where(sameRow);
    if (input.count > 0) {
      const isFinal = (finalOutcomes as readonly string[]).includes(input.outcome);
      const others = await tx
        .select({
          outcome: placementOutcomeCounts.outcome,
          periodMonth: placementOutcomeCounts.periodMonth,
          count: placementOutcomeCounts.count,
          id: placementOutcomeCounts.id,
        })
        .from(placementOutcomeCounts)
        .where(
          before
            ? and(eq(placementOutcomeCounts.placementId, placement.id), ne(placementOutcomeCounts.id, before.id))
            : eq(placementOutcomeCounts.placementId, placement.id),
        );
      const ended = others.filter((o) => (finalOutcomes as readonly string[]).includes(o.outcome)).reduce((s, o) => s + o.count, 0);
      const extendedThisMonth = others.filter((o) => o.outcome === "extended" && o.periodMonth === periodMonth).reduce((s, o) => s + o.count, 0);
      if (isFinal && ended + input.count > placement.places) {
        throw new AppError("validation", "common.errorSummary", {
          count: { key: "placementFollowup.error.moreThanPlaces", values: { places: placement.places, left: Math.max(0, placement.places - ended) } },
        });
      }
      if (!isFinal && extendedThisMonth + input.count > placement.places) {
        throw new AppError("validation", "common.errorSummary", {
          count: { key: "placementFollowup.error.extendedMoreThanPlaces", values: { places: placement.places } },
        });
      }
      if (before)
        await tx
          .update(placementOutcomeCounts)
          .set({ count: input.count, recordedByUserId: user.userId, recordedAt: now })
          .where(eq(placementOutcomeCounts.id, before.id));
      else
        await tx.insert(placementOutcomeCounts).values({
          placementId: placement.id,
          periodMonth,
          outcome: input.outcome,
          earlyEndReason: reason,
          count: input.count,
          recordedByUserId: user.userId,
          recordedAt: now,
        });
    } else if (before) {
      await tx.delete(placementOutcomeCounts).where(eq(placementOutcomeCounts.id, before.id));
    } else {
      return;
    }
    await recordAudit(tx, user, {
      action: "placement.outcome_recorded",
      entityType: "placement",
      entityId: placement.id,
      organizationId: placement.employerOrganizationId,
      before: before ? { periodMonth, outcome: input.outcome, earlyEndReason: reason, count: before.count } : null,
      after: { periodMonth, outcome: input.outcome, earlyEndReason: reason, count: input.count },
    });
  });
}
