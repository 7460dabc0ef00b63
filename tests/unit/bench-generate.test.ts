import { describe, expect, it } from "vitest";
import { isValidOrgNumber } from "~/domain/organizations/org-number.ts";
import { activitySearchQuerySchema } from "~/domain/activities/activities.schema.ts";
import { loadKommuner, mulberry32, orgNumberFrom, pointIn, polygonContains } from "../../bench/generate.ts";
import { buildQueries } from "../../bench/search.ts";

// The benchmark generator: the figures are only comparable between runs if the data is the same.
describe("bench generator", () => {
  const kommuner = loadKommuner();

  it("has all 357 kommuner with a boundary and a population", () => {
    expect(kommuner).toHaveLength(357);
    expect(kommuner.every((k) => k.polygons.length > 0 && k.population > 0)).toBe(true);
  });

  it("gives the same sequence for the same seed and another for another seed", () => {
    const a = mulberry32(7);
    const b = mulberry32(7);
    const c = mulberry32(8);
    const seqA = Array.from({ length: 5 }, a);
    expect(Array.from({ length: 5 }, b)).toEqual(seqA);
    expect(Array.from({ length: 5 }, c)).not.toEqual(seqA);
  });

  it("makes organisation numbers that pass the MOD11 check, or none when the check digit would be 10", () => {
    for (let base = 81_000_000; base < 81_000_500; base++) {
      const n = orgNumberFrom(base);
      if (n) expect(isValidOrgNumber(n)).toBe(true);
    }
  });

  it("places points inside the kommune's own boundary", () => {
    const rng = mulberry32(1);
    for (const number of ["0301", "3403", "3905", "5601", "1508"]) {
      const k = kommuner.find((x) => x.number === number)!;
      for (let i = 0; i < 20; i++) {
        const { lat, lon } = pointIn(rng, k);
        expect(polygonContains(k.polygons, lon, lat)).toBe(true);
      }
    }
  });

  it("builds the same 200 search queries every time, all valid finder parameters", () => {
    const q1 = buildQueries(42, kommuner);
    expect(q1).toHaveLength(200);
    expect(buildQueries(42, kommuner)).toEqual(q1);
    for (const q of q1) expect(() => activitySearchQuerySchema.parse(q.params)).not.toThrow();
    expect(q1.some((q) => q.params.q === "leksehjlep" || q.kind === "typo")).toBe(true);
  });
});
