import { describe, expect, it, vi } from "vitest";
import { createActivity } from "~/domain/activities/activities.server.ts";
import { getMunicipalityOverview } from "~/domain/overview/overview.server.ts";
import { createActor, createOrganization } from "../../../tests/factories.ts";
import { activityForm } from "../../../tests/fixtures/activity-form.ts";
import { getStartPage } from "./start.server.ts";

// The scan is wrapped (not replaced) so the test can count its calls wherever they come from. A plain counter,
// not vi.fn: a failure message would print the recorded arguments, the whole database client among them.
const calls = vi.hoisted(() => ({ scans: 0 }));
vi.mock("~/domain/overlap/overlap.server.ts", async (importOriginal) => {
  const original = await importOriginal<typeof import("~/domain/overlap/overlap.server.ts")>();
  return {
    ...original,
    detectOverlaps: (...args: Parameters<typeof original.detectOverlaps>) => {
      calls.scans++;
      return original.detectOverlaps(...args);
    },
  };
});

const now = new Date("2026-11-23T12:00:00Z");
const RINGSAKER = "3411";

describe("start page cost", () => {
  it("never runs the parallel-initiative scan: the coordinator's figures come from stored and pre-aggregated data", async () => {
    const org = await createOrganization({ municipalities: [RINGSAKER] });
    const admin = await createActor({ memberships: [{ organizationId: org.id, role: "admin" }] });
    for (const title of ["Leksehjelp", "Språkkafé", "Turgruppe"]) {
      await createActivity(admin, org.id, activityForm({ municipality: RINGSAKER, title }), now);
    }
    const coordinator = await createActor({ roles: [{ role: "municipal_coordinator", municipalityNumber: RINGSAKER }] });
    calls.scans = 0;

    const work = (await getStartPage(coordinator, { now }))!;
    expect(calls.scans).toBe(0);

    // The same figures as the kommune's overview (which does run the scan, for its own page).
    const overview = await getMunicipalityOverview(coordinator, RINGSAKER, { now });
    expect(calls.scans).toBe(1);
    expect(work.kommuner[0]).toMatchObject({
      number: RINGSAKER,
      activities: overview.total.activityCount,
      mapped: overview.mapping.mapped,
      gaps: overview.gaps.length,
      staleActivities: overview.stale!.activityTotal,
    });
    expect(work.kommuner[0]!.gaps).toBeGreaterThan(0);
  });
});
