import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { beforeAll, describe, expect, it } from "vitest";
import type { UserActor } from "~/domain/auth/actor.ts";
import { getDb } from "~/db/client.server.ts";
import { municipalityCoverage, municipalityOverviewSettings, settlementFigures } from "~/db/schema/index.ts";
import { anonymous } from "~/domain/auth/actor.ts";
import { createActor } from "../../../tests/factories.ts";
import { getCountyRollup, getNationalRollup } from "./rollup.server.ts";
import { sizeClassOf } from "./rollup.schema.ts";
import { buildMapPaths, simplify, type FeatureCollection } from "./geo-paths.ts";
import { countyMap, nationalMap } from "./map.server.ts";

const now = new Date("2026-11-23T12:00:00Z");

/** Coverage rows written directly: the roll-up reads only the pre-aggregated table. */
async function coverage(number: string, total: number, themes: Record<string, number>, extra = { organizations: 1, capacity: 0, volunteers: 0 }) {
  const base = {
    municipalityNumber: number,
    scope: "all" as const,
    organizationCount: extra.organizations,
    capacity: extra.capacity,
    seekingVolunteers: extra.volunteers,
  };
  await getDb()
    .insert(municipalityCoverage)
    .values([
      { ...base, dimension: "total" as const, key: "all", activityCount: total },
      ...Object.entries(themes).map(([key, n]) => ({ ...base, dimension: "theme" as const, key, activityCount: n })),
    ]);
}

describe("county and national roll-ups", () => {
  let advisor: UserActor, admin: UserActor, hamarCoordinator: UserActor, member: UserActor;
  beforeAll(async () => {
    advisor = await createActor({ roles: [{ role: "county_advisor", countyNumber: "34" }] });
    admin = await createActor({ roles: [{ role: "national_admin" }] });
    hamarCoordinator = await createActor({ roles: [{ role: "municipal_coordinator", municipalityNumber: "3403" }] });
    member = await createActor();

    // Hamar (3403): 30 activities, 60 settled → 50 per 100; Lillehammer (3405): 4 activities, not reported; Tønsberg 3905 elsewhere.
    await coverage("3403", 30, { language: 10, homework_help: 5, work: 1 }, { organizations: 7, capacity: 300, volunteers: 4 });
    await coverage("3405", 4, { language: 4 });
    await coverage("3905", 8, { language: 8 });
    // Public-scope rows must not be counted.
    await getDb().insert(municipalityCoverage).values({ municipalityNumber: "3405", scope: "public", dimension: "total", key: "all", activityCount: 999 });
    await getDb()
      .insert(settlementFigures)
      .values([
        { municipalityNumber: "3403", year: 2025, settled: 60 },
        { municipalityNumber: "3405", year: 2025, settled: null, requested: 20 },
        { municipalityNumber: "3905", year: 2025, settled: 0 },
        { municipalityNumber: "3403", year: 2024, settled: 40 },
        // The year in progress: IMDi's request only, nobody has reported settled yet.
        { municipalityNumber: "3403", year: 2026, settled: null, requested: 35 },
      ]);
    await getDb().insert(municipalityOverviewSettings).values({ municipalityNumber: "3403", gapThreshold: 6 });
  });

  it("shows the advisor every kommune of the fylke with settled, coverage per 100 and gap counts; not reported stays null", async () => {
    const rollup = await getCountyRollup(advisor, "34", {}, { now });
    // Opens on the latest year with reported figures, not on 2026 where only requests exist, and says so.
    expect(rollup).toMatchObject({ year: 2025, defaultYear: true });
    expect(await getNationalRollup(admin, {}, { now })).toMatchObject({ year: 2025, defaultYear: true });
    expect(await getCountyRollup(advisor, "34", { year: "2026" }, { now })).toMatchObject({ year: 2026, defaultYear: false });
    expect(rollup.kommuner).toHaveLength(46);
    const hamar = rollup.kommuner.find((k) => k.number === "3403")!;
    expect(hamar).toMatchObject({ settled: 60, activities: 30, organizations: 7, capacity: 300, volunteersSought: 4, coverage: 50, gapThreshold: 6 });
    // Threshold 6: homework_help (5), work (1) and the nine themes without activities are gaps; language (10) is not.
    expect(hamar.gaps).toBe(11);
    expect(hamar.gapThemes).not.toContain("language");
    const lillehammer = rollup.kommuner.find((k) => k.number === "3405")!;
    expect(lillehammer).toMatchObject({ settled: null, coverage: null, activities: 4, gaps: 11 });
    // Nothing registered is "not mapped yet", not twelve gaps (the 2016 report: kommuner lack an overview, not offers).
    const empty = rollup.kommuner.find((k) => k.number === "3401")!;
    expect(empty).toMatchObject({ activities: 0, settled: null, mapped: false, gaps: 0, gapThemes: [] });
    expect(hamar.mapped).toBe(true);
    expect(rollup.totals).toMatchObject({ kommuner: 46, mappedKommuner: 2, settled: 60, reportingKommuner: 1, activities: 34, coverage: 50 });
    // Themes thin in at least half of Innlandet's two mapped kommuner (Hamar, Lillehammer); language is covered in both, so no gap.
    expect(rollup.gaps.find((g) => g.theme === "homework_help")).toMatchObject({ kommunerWithGap: 2, kommuner: 2, activities: 5 });
    expect(rollup.gaps.map((g) => g.theme)).not.toContain("language");
    expect(rollup.gaps).toHaveLength(11);
    expect(rollup.yearChoices).toEqual([2026, 2025, 2024]);
  });

  it("takes another year, and sorts by a column with not-reported kommuner last in either direction", async () => {
    const older = await getCountyRollup(advisor, "34", { year: "2024" }, { now });
    expect(older.kommuner.find((k) => k.number === "3403")).toMatchObject({ settled: 40, coverage: 75 });
    const desc = await getCountyRollup(advisor, "34", { sort: "activities" }, { now });
    expect(desc.direction).toBe("desc");
    expect(desc.kommuner.slice(0, 2).map((k) => k.number)).toEqual(["3403", "3405"]);
    const asc = await getCountyRollup(advisor, "34", { sort: "coverage", direction: "asc" }, { now });
    expect(asc.kommuner[0]!.number).toBe("3403");
    expect(asc.kommuner.at(-1)!.coverage).toBeNull();
    const byName = await getCountyRollup(advisor, "34", { sort: "name", direction: "desc" }, { now });
    expect(byName.kommuner[0]!.name.localeCompare(byName.kommuner.at(-1)!.name, "nb")).toBeGreaterThan(0);
  });

  it("ignores malformed query values instead of failing", async () => {
    const rollup = await getCountyRollup(advisor, "34", { year: "<script>", sort: "'; drop table activities; --", direction: "x".repeat(10_000) }, { now });
    expect(rollup).toMatchObject({ year: 2025, sort: "name", direction: "asc" });
    const national = await getNationalRollup(admin, { sizeClass: ["small", "city"], languageForm: 42, county: "3", year: "99999" }, { now });
    expect(national.filter).toEqual({ sizeClass: null, languageForm: null, county: null });
    expect(national.kommuner).toHaveLength(357);
    expect((await getNationalRollup(admin, "sizeClass=small", { now })).filter.sizeClass).toBeNull();
    expect((await getCountyRollup(advisor, "34", null, { now })).sort).toBe("name");
  });

  it("lets only the fylke's advisors and national admins in", async () => {
    await expect(getCountyRollup(advisor, "39", {}, { now })).rejects.toBeAppError("forbidden");
    await expect(getCountyRollup(hamarCoordinator, "34", {}, { now })).rejects.toBeAppError("forbidden");
    await expect(getCountyRollup(member, "34", {}, { now })).rejects.toBeAppError("forbidden");
    await expect(getCountyRollup(anonymous(), "34", {}, { now })).rejects.toBeAppError("unauthenticated");
    await expect(getCountyRollup(admin, "99", {}, { now })).rejects.toBeAppError("not_found");
    await expect(getCountyRollup(admin, "3'4", {}, { now })).rejects.toBeAppError("not_found");
    expect((await getCountyRollup(admin, "39", {}, { now })).kommuner.find((k) => k.number === "3905")).toMatchObject({ settled: 0, coverage: null });
    for (const actor of [advisor, hamarCoordinator, member]) await expect(getNationalRollup(actor, {}, { now })).rejects.toBeAppError("forbidden");
    await expect(getNationalRollup(anonymous(), {}, { now })).rejects.toBeAppError("unauthenticated");
  });

  it("gives national admins 357 kommuner and 15 fylker, filtered by målform, size class and fylke", async () => {
    const national = await getNationalRollup(admin, {}, { now });
    expect(national.kommuner).toHaveLength(357);
    expect(national.countyTotals).toHaveLength(15);
    expect(national.countyTotals.reduce((s, c) => s + c.kommuner, 0)).toBe(357);
    expect(national.totals).toMatchObject({ activities: 42, settled: 60, reportingKommuner: 2 });

    const nynorsk = await getNationalRollup(admin, { languageForm: "Nynorsk" }, { now });
    expect(nynorsk.kommuner.length).toBeGreaterThan(50);
    expect(nynorsk.kommuner.every((k) => k.languageForm === "Nynorsk")).toBe(true);
    expect(nynorsk.kommuner.some((k) => k.number === "4602")).toBe(true); // Kinn

    const cities = await getNationalRollup(admin, { sizeClass: "city" }, { now });
    expect(cities.kommuner.every((k) => (k.population ?? 0) >= 50_000)).toBe(true);
    expect(cities.kommuner.some((k) => k.number === "0301")).toBe(true); // Oslo

    const innlandet = await getNationalRollup(admin, { county: "34", sizeClass: "medium" }, { now });
    expect(innlandet.kommuner.every((k) => k.countyNumber === "34" && k.sizeClass === "medium")).toBe(true);
    expect(innlandet.countyTotals.map((c) => c.number)).toEqual(["34"]);
  });

  it("puts kommuner in SSB-like size classes", () => {
    expect([sizeClassOf(4_999), sizeClassOf(5_000), sizeClassOf(19_999), sizeClassOf(20_000), sizeClassOf(50_000), sizeClassOf(null)]).toEqual([
      "small",
      "medium",
      "medium",
      "large",
      "city",
      null,
    ]);
  });
});

describe("map outlines", () => {
  it("are generated from the shipped GeoJSON (regenerate with scripts/geo-paths.ts) and stay light", () => {
    const read = (name: string) => JSON.parse(readFileSync(new URL(`../../db/reference/geo/${name}`, import.meta.url), "utf8")) as FeatureCollection;
    const fresh = buildMapPaths(read("kommuner-2024-s.geojson"), read("fylker-2024-s.geojson"));
    const shipped = JSON.parse(readFileSync(new URL("../../db/reference/geo/map-paths.json", import.meta.url), "utf8"));
    expect(shipped).toEqual(fresh);
    expect(Object.keys(fresh.kommuner)).toHaveLength(357);
    expect(Object.keys(fresh.fylker)).toHaveLength(15);
    for (const shape of Object.values(fresh.kommuner)) expect(shape.d).toMatch(/^M[-\d. ]+l[-\d. ]+z/);
    const national = nationalMap();
    const bytes = Object.values(national.kommuner).join("").length + Object.values(national.fylker).join("").length;
    expect(bytes).toBeLessThan(110_000);
    expect(gzipSync(Object.values(national.kommuner).join("")).length).toBeLessThan(40_000);
    const innlandet = countyMap("34", ["3403", "3405"]);
    expect(Object.keys(innlandet.kommuner)).toEqual(["3403", "3405"]);
    expect(innlandet.viewBox.split(" ")).toHaveLength(4);
  });

  it("simplifies a line within the tolerance and keeps its ends", () => {
    const line: [number, number][] = [
      [0, 0],
      [1, 0.1],
      [2, -0.1],
      [3, 5],
      [4, 6],
      [5, 7],
    ];
    const simplified = simplify(line, 0.5);
    expect(simplified[0]).toEqual([0, 0]);
    expect(simplified.at(-1)).toEqual([5, 7]);
    expect(simplified).toContainEqual([3, 5]);
    expect(simplified).not.toContainEqual([1, 0.1]);
  });
});
