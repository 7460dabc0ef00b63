import { describe, expect, it } from "vitest";
import { getDb } from "~/db/client.server.ts";
import { placementOutcomeCounts, placements } from "~/db/schema/index.ts";
import { anonymous } from "~/domain/auth/actor.ts";
import { createActor, createOrganization } from "../../../tests/factories.ts";
import { employerOutcomeSummary, placementFiguresFor } from "./placement-figures.server.ts";

const HAMAR = "3403";
const ELVERUM = "3420";
const TONSBERG = "3905";
const now = new Date("2026-12-07T10:00:00Z");

async function placement(employerId: string, values: Partial<typeof placements.$inferInsert> = {}) {
  const [p] = await getDb()
    .insert(placements)
    .values({
      employerOrganizationId: employerId,
      kind: "practice_placement",
      title: "Praksis",
      occupation: "Renhold",
      sector: "cleaning",
      municipalityNumber: HAMAR,
      periodStart: "2026-01-05",
      periodEnd: "2026-06-30",
      places: 2,
      contactName: "Kontakt",
      contactPhone: "+47 900 00 000",
      followUpStatus: "confirmed",
      ...values,
    })
    .returning();
  return p!;
}

async function outcome(placementId: string, outcome: "completed" | "extended" | "lasting_work" | "ended_early", count: number, month = "2026-06-01") {
  await getDb()
    .insert(placementOutcomeCounts)
    .values({ placementId, periodMonth: month, outcome, count, earlyEndReason: outcome === "ended_early" ? "health" : null });
}

describe("placement figures", () => {
  it("give the share of ended places that became lasting work per kommune, fylke and country, extended places left out", async () => {
    const employer = await createOrganization({ kind: "employer" });
    const a = await placement(employer.id, { places: 4 });
    await outcome(a.id, "lasting_work", 1);
    await outcome(a.id, "completed", 2);
    await outcome(a.id, "extended", 1);
    const b = await placement(employer.id, { municipalityNumber: ELVERUM, places: 2 });
    await outcome(b.id, "lasting_work", 1);
    await outcome(b.id, "ended_early", 1);
    const withdrawn = await placement(employer.id, { status: "withdrawn", places: 5 });
    await outcome(withdrawn.id, "completed", 5);
    const tonsberg = await placement(employer.id, { municipalityNumber: TONSBERG, places: 1 });
    await outcome(tonsberg.id, "completed", 1);

    const imdi = await createActor({ roles: [{ role: "national_admin" }] });
    const hamar = await placementFiguresFor(imdi, { level: "municipality", municipalityNumber: HAMAR }, now);
    expect(hamar.total).toMatchObject({ placements: 1, places: 4, lastingWork: 1, completed: 2, extended: 1, ended: 3 });
    expect(hamar.total.share).toBeCloseTo(1 / 3);
    const innlandet = await placementFiguresFor(imdi, { level: "county", countyNumber: "34" }, now);
    expect(innlandet.total).toMatchObject({ placements: 2, places: 6, lastingWork: 2, ended: 5 });
    expect(innlandet.byArea.map((r) => [r.area, r.lastingWork, r.ended])).toEqual([
      ["3420", 1, 2],
      ["3403", 1, 3],
    ]);
    const national = await placementFiguresFor(imdi, { level: "national" }, now);
    expect(national.total).toMatchObject({ placements: 3, lastingWork: 2, ended: 6 });
    expect(national.byArea.map((r) => r.area).sort()).toEqual(["34", "39"]);
    const empty = await placementFiguresFor(imdi, { level: "municipality", municipalityNumber: "4602" }, now);
    expect(empty.total).toMatchObject({ placements: 0, ended: 0, share: null });
  });

  it("are for those who coordinate the scope only", async () => {
    const hamarCoordinator = await createActor({ roles: [{ role: "municipal_coordinator", municipalityNumber: HAMAR }] });
    const tonsbergCoordinator = await createActor({ roles: [{ role: "municipal_coordinator", municipalityNumber: TONSBERG }] });
    const advisor = await createActor({ roles: [{ role: "county_advisor", countyNumber: "34" }] });
    const employer = await createOrganization({ kind: "employer" });
    const member = await createActor({ memberships: [{ organizationId: employer.id, role: "admin" }] });
    await placementFiguresFor(hamarCoordinator, { level: "municipality", municipalityNumber: HAMAR }, now);
    await placementFiguresFor(advisor, { level: "municipality", municipalityNumber: HAMAR }, now);
    await placementFiguresFor(advisor, { level: "county", countyNumber: "34" }, now);
    await expect(placementFiguresFor(tonsbergCoordinator, { level: "municipality", municipalityNumber: HAMAR }, now)).rejects.toBeAppError("forbidden");
    await expect(placementFiguresFor(hamarCoordinator, { level: "county", countyNumber: "34" }, now)).rejects.toBeAppError("forbidden");
    await expect(placementFiguresFor(advisor, { level: "county", countyNumber: "39" }, now)).rejects.toBeAppError("forbidden");
    await expect(placementFiguresFor(advisor, { level: "national" }, now)).rejects.toBeAppError("forbidden");
    await expect(placementFiguresFor(member, { level: "municipality", municipalityNumber: HAMAR }, now)).rejects.toBeAppError("forbidden");
    await expect(placementFiguresFor(anonymous(), { level: "national" }, now)).rejects.toBeAppError("unauthenticated");
  });

  it("flag employers with repeated short ended placements and no place that became lasting work", async () => {
    const imdi = await createActor({ roles: [{ role: "national_admin" }] });
    const churn = await createOrganization({ kind: "employer", name: "Kortvarig AS" });
    const hires = await createOrganization({ kind: "employer", name: "Ansetter AS" });
    const few = await createOrganization({ kind: "employer", name: "Toganger AS" });
    for (let i = 0; i < 3; i += 1) await placement(churn.id, { periodStart: `2026-0${i + 1}-01`, periodEnd: `2026-0${i + 2}-15` });
    // Long, still running, or withdrawn placements do not count.
    await placement(churn.id, { periodStart: "2026-01-01", periodEnd: "2026-12-01" });
    await placement(churn.id, { periodStart: "2026-11-01", periodEnd: "2026-12-20" });
    for (let i = 0; i < 3; i += 1) await placement(hires.id, { periodStart: `2026-0${i + 1}-01`, periodEnd: `2026-0${i + 2}-15` });
    const hired = await placement(hires.id, { municipalityNumber: TONSBERG });
    await outcome(hired.id, "lasting_work", 1);
    for (let i = 0; i < 2; i += 1) await placement(few.id, { periodStart: `2026-0${i + 1}-01`, periodEnd: `2026-0${i + 2}-15` });
    await placement(few.id, { periodStart: "2026-05-01", periodEnd: "2026-05-20", status: "withdrawn" });

    const hamar = await placementFiguresFor(imdi, { level: "municipality", municipalityNumber: HAMAR }, now);
    expect(hamar.flagged).toEqual([{ organizationId: churn.id, name: "Kortvarig AS", kommuner: "Hamar", shortPlacements: 3 }]);
    // Another kommune's coordinators see nothing of it; Tønsberg has no such employer.
    expect((await placementFiguresFor(imdi, { level: "municipality", municipalityNumber: TONSBERG }, now)).flagged).toEqual([]);
    expect((await placementFiguresFor(imdi, { level: "national" }, now)).flagged.map((f) => f.name)).toContain("Kortvarig AS");
    // Before the third has ended, the employer is not flagged.
    const earlier = await placementFiguresFor(imdi, { level: "municipality", municipalityNumber: HAMAR }, new Date("2026-04-01T10:00:00Z"));
    expect(earlier.flagged.map((f) => f.name)).not.toContain("Kortvarig AS");
  });

  it("sum an employer's own outcomes for its start page", async () => {
    const employer = await createOrganization({ kind: "employer" });
    expect(await employerOutcomeSummary([employer.id])).toBeNull();
    const p = await placement(employer.id, { places: 3 });
    await outcome(p.id, "lasting_work", 2);
    await outcome(p.id, "extended", 1);
    await outcome(p.id, "ended_early", 1);
    expect(await employerOutcomeSummary([employer.id])).toEqual({ lastingWork: 2, ended: 3 });
    expect(await employerOutcomeSummary([])).toBeNull();
  });
});
