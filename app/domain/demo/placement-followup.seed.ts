import { and, eq, isNull, lte } from "drizzle-orm";
import type { Queryable } from "~/db/client.server.ts";
import { placementCheckins, placementOutcomeCounts, placements, users } from "~/db/schema/index.ts";
import { osloDate } from "~/domain/competence/working-days.ts";
import { addDays, scheduleDefaultCheckins } from "~/domain/placements/checkins.server.ts";
import { demoPlacementIds, extraDemoAccountEmails } from "./ids.ts";

/**
 * Demo follow-up for issue 14's placements (H5), called at the end of
 * seedDemoPlacements once the placements exist: the building practice's
 * scheduled check-ins (the first answered by NAV Hamar, a midway one due
 * tomorrow so `samspill placements reminders` sends one), and the ended
 * apprenticeship's answered check-ins and outcomes — one place became lasting
 * work — so the kommune's and the national figures show it. Idempotent: fixed
 * ids, nothing overwritten; a placement that is not there is skipped.
 */
export const demoPlacementFollowUpIds = {
  buildingMidway: "00000000-0000-4000-8000-00000000f131",
  apprenticeshipMidway: "00000000-0000-4000-8000-00000000f132",
} as const;

export async function seedDemoPlacementFollowUp(tx: Queryable, now = new Date()): Promise<void> {
  const today = osloDate(now);
  const [nav] = await tx.select({ id: users.id }).from(users).where(eq(users.email, extraDemoAccountEmails.nav_hamar));
  const navUserId = nav?.id ?? null;

  const [building] = await tx.select().from(placements).where(eq(placements.id, demoPlacementIds.hamarBuildingPractice));
  if (building?.followUpStatus === "confirmed") {
    await scheduleDefaultCheckins(tx, building);
    await tx
      .insert(placementCheckins)
      .values({ id: demoPlacementFollowUpIds.buildingMidway, placementId: building.id, kind: "midway", dueOn: addDays(today, 1) })
      .onConflictDoNothing();
    // The two-week check-in, when its day has passed, was held: NAV Hamar recorded it.
    await tx
      .update(placementCheckins)
      .set({
        completedAt: now,
        completedByUserId: navUserId,
        attendance: "good",
        needsSupport: true,
        nextStep: "continue",
        note: "Godt i gang på byggeplassen. Trenger mer fagord på norsk – avtalt at mentoren går gjennom ordlista for verktøy og HMS hver fredag.",
      })
      .where(
        and(
          eq(placementCheckins.placementId, building.id),
          eq(placementCheckins.kind, "two_weeks"),
          isNull(placementCheckins.completedAt),
          lte(placementCheckins.dueOn, today),
        ),
      );
  }

  const [apprenticeship] = await tx.select().from(placements).where(eq(placements.id, demoPlacementIds.hamarEndedApprenticeship));
  if (apprenticeship?.followUpStatus === "confirmed") {
    await scheduleDefaultCheckins(tx, apprenticeship);
    await tx
      .insert(placementCheckins)
      .values({
        id: demoPlacementFollowUpIds.apprenticeshipMidway,
        placementId: apprenticeship.id,
        kind: "midway",
        dueOn: midpoint(apprenticeship.periodStart, apprenticeship.periodEnd ?? today),
        completedAt: now,
        completedByUserId: navUserId,
        attendance: "good",
        needsSupport: false,
        nextStep: "offer_work",
        note: "Arbeidsgiveren vil tilby fast stilling etter fagprøven. NAV Hamar sjekker lønnstilskudd for den andre lærlingen.",
      })
      .onConflictDoNothing();
    await tx
      .update(placementCheckins)
      .set({ completedAt: now, completedByUserId: navUserId, attendance: "good", needsSupport: false, nextStep: "continue", note: "" })
      .where(and(eq(placementCheckins.placementId, apprenticeship.id), eq(placementCheckins.kind, "two_weeks"), isNull(placementCheckins.completedAt)));
    await tx
      .update(placementCheckins)
      .set({
        completedAt: now,
        completedByUserId: navUserId,
        attendance: "good",
        needsSupport: false,
        nextStep: "offer_work",
        note: "Fagprøven bestått. Fast ansettelse fra neste måned.",
      })
      .where(and(eq(placementCheckins.placementId, apprenticeship.id), eq(placementCheckins.kind, "end"), isNull(placementCheckins.completedAt)));
    const endMonth = `${(apprenticeship.periodEnd && apprenticeship.periodEnd < today ? apprenticeship.periodEnd : today).slice(0, 7)}-01`;
    const month = endMonth < `${apprenticeship.periodStart.slice(0, 7)}-01` ? `${apprenticeship.periodStart.slice(0, 7)}-01` : endMonth;
    const rows = [
      { outcome: "lasting_work" as const, count: 1 },
      ...(apprenticeship.places > 1 ? [{ outcome: "completed" as const, count: apprenticeship.places - 1 }] : []),
    ];
    await tx
      .insert(placementOutcomeCounts)
      .values(
        rows.map((r) => ({
          placementId: apprenticeship.id,
          periodMonth: month,
          outcome: r.outcome,
          count: r.count,
          recordedByUserId: navUserId,
          recordedAt: now,
        })),
      )
      .onConflictDoNothing();
  }
}

/** The day halfway between two dates. */
function midpoint(start: string, end: string): string {
  const days = Math.round((Date.parse(`${end}T00:00:00Z`) - Date.parse(`${start}T00:00:00Z`)) / 86_400_000);
  return addDays(start, Math.max(0, Math.floor(days / 2)));
}
