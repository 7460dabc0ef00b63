import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { clustersOf, contentWords, findOverlaps, OVERLAP_THRESHOLD, scorePair, stem, trigrams, trigramSimilarity, type OverlapActivity } from "./overlap.ts";

interface Shorthand {
  title: string;
  description: string;
  themes: string[];
  targetGroups: string[];
  at: [number, number] | null;
  pc: string | null;
  kind: OverlapActivity["scheduleKind"];
  days: number[];
  start: string | null;
  min: number | null;
}

let counter = 0;
export function activityFrom(s: Shorthand, organizationId = `org-${counter}`): OverlapActivity {
  counter++;
  const [h, m] = s.start ? s.start.split(":").map(Number) : [null, null];
  return {
    id: `act-${String(counter).padStart(4, "0")}`,
    organizationId,
    title: s.title,
    description: s.description,
    themes: s.themes,
    targetGroups: s.targetGroups,
    latitude: s.at?.[0] ?? null,
    longitude: s.at?.[1] ?? null,
    postalCode: s.pc,
    scheduleKind: s.kind,
    weekdays: s.days,
    startMinute: h === null ? null : h! * 60 + m!,
    durationMinutes: s.min,
  };
}

const fixture = JSON.parse(readFileSync(path.resolve("tests/fixtures/overlap/labelled-pairs.json"), "utf8")) as {
  pairs: { label: "duplicate" | "distinct"; note: string; a: Shorthand; b: Shorthand }[];
};

const base: Shorthand = {
  title: "Leksehjelp for barn",
  description: "Hjelp med lekser i matte og norsk.",
  themes: ["homework_help"],
  targetGroups: ["children"],
  at: [60.7961, 11.0734],
  pc: "2317",
  kind: "recurring",
  days: [2],
  start: "16:30",
  min: 90,
};

describe("overlap scoring on the labelled fixture", () => {
  it("finds the known duplicates and leaves the known distinct pairs out (precision and recall ≥ 0.8)", () => {
    expect(fixture.pairs.length).toBeGreaterThanOrEqual(30);
    let tp = 0;
    let fp = 0;
    let fn = 0;
    let tn = 0;
    const misses: string[] = [];
    for (const pair of fixture.pairs) {
      const { score } = scorePair(activityFrom(pair.a, "org-a"), activityFrom(pair.b, "org-b"));
      const predicted = score >= OVERLAP_THRESHOLD;
      const actual = pair.label === "duplicate";
      if (predicted && actual) tp++;
      else if (predicted && !actual) fp++;
      else if (!predicted && actual) fn++;
      else tn++;
      if (predicted !== actual) misses.push(`${pair.label} scored ${score}: ${pair.note}`);
    }
    const precision = tp / (tp + fp);
    const recall = tp / (tp + fn);
    console.log(
      `overlap fixture: ${fixture.pairs.length} pairs, threshold ${OVERLAP_THRESHOLD}: precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)} (tp ${tp}, fp ${fp}, fn ${fn}, tn ${tn})` +
        (misses.length ? `\n  wrong: ${misses.join("\n  wrong: ")}` : ""),
    );
    expect(precision).toBeGreaterThanOrEqual(0.8);
    expect(recall).toBeGreaterThanOrEqual(0.8);
  });
});

describe("overlap parts", () => {
  it("scores place 1 within a kilometre, falling to 0 at ten, and uses the postcode without points", () => {
    const a = activityFrom(base, "x");
    expect(scorePair(a, activityFrom({ ...base, at: [60.7945, 11.0679] }, "y")).parts.place).toBe(1);
    const far = scorePair(a, activityFrom({ ...base, at: [60.88, 11.0734] }, "y")); // ≈ 9.3 km north
    expect(far.parts.place).toBeGreaterThan(0);
    expect(far.parts.place).toBeLessThan(0.15);
    expect(scorePair(a, activityFrom({ ...base, at: [61.1, 11.0734] }, "y")).parts.place).toBe(0);
    expect(scorePair(activityFrom({ ...base, at: null }), activityFrom({ ...base, at: null })).parts.place).toBe(0.8);
    expect(scorePair(activityFrom({ ...base, at: null, pc: null }), activityFrom({ ...base, at: null })).parts.place).toBe(0.5);
  });

  it("scores time by shared weekdays and overlapping hours; ongoing is neutral", () => {
    const a = activityFrom(base, "x");
    const same = scorePair(a, activityFrom({ ...base, start: "17:00" }, "y"));
    expect(same.parts.time).toBe(1);
    expect(same.details.timesOverlap).toBe(true);
    expect(same.details.sharedWeekdays).toEqual([2]);
    expect(scorePair(a, activityFrom({ ...base, days: [3] }, "y")).parts.time).toBe(0);
    expect(scorePair(a, activityFrom({ ...base, start: "10:00", min: 60 }, "y")).parts.time).toBeLessThan(0.5);
    expect(scorePair(a, activityFrom({ ...base, kind: "ongoing", days: [], start: null, min: null }, "y")).parts.time).toBe(0.5);
  });

  it("compares themes and target groups as sets, and titles by trigrams", () => {
    const a = activityFrom(base, "x");
    const b = activityFrom({ ...base, themes: ["homework_help", "language"], targetGroups: ["children", "youth"], title: "Leksehjelp for barna" }, "y");
    const s = scorePair(a, b);
    expect(s.parts.theme).toBe(0.5);
    expect(s.parts.target).toBe(0.5);
    expect(s.details.sharedThemes).toEqual(["homework_help"]);
    expect(s.details.titleSimilarity).toBeGreaterThan(0.6);
    expect(trigramSimilarity(trigrams("Språkkafé"), trigrams("sprakkafe"))).toBe(1);
  });

  it("stems Norwegian endings so inflected words meet", () => {
    expect(stem("leksehjelpen")).toBe(stem("leksehjelp"));
    expect(stem("kvinner")).toBe(stem("kvinne"));
    expect([...contentWords("Hjelp med leksene for barna")]).toEqual(expect.arrayContaining([stem("leks"), stem("barn")]));
  });
});

describe("findOverlaps", () => {
  it("compares only activities that share a theme, never two of the same organisation, each pair once", () => {
    const a = activityFrom({ ...base, themes: ["homework_help", "language"] }, "o1");
    const b = activityFrom({ ...base, themes: ["homework_help", "language"] }, "o2");
    const sameOrg = activityFrom(base, "o1");
    const otherTheme = activityFrom({ ...base, themes: ["work"] }, "o3");
    const { pairs, compared } = findOverlaps([a, b, sameOrg, otherTheme]);
    // a–b (once, though they share two themes) and sameOrg–b; not a–sameOrg, nothing with otherTheme.
    expect(compared).toBe(2);
    expect(pairs.map((p) => [p.a, p.b])).toEqual(expect.arrayContaining([[a.id, b.id].sort()]));
    expect(pairs.every((p) => p.a < p.b)).toBe(true);
    expect(pairs.some((p) => [p.a, p.b].includes(otherTheme.id))).toBe(false);
  });

  it("leaves out pairs the caller skips, and sorts by score", () => {
    const a = activityFrom(base, "o1");
    const b = activityFrom(base, "o2");
    const c = activityFrom({ ...base, start: "17:30", at: [60.80, 11.09] }, "o3");
    const all = findOverlaps([a, b, c]);
    expect(all.pairs.length).toBe(3);
    expect(all.pairs[0]!.score).toBeGreaterThanOrEqual(all.pairs[2]!.score);
    const skipped = findOverlaps([a, b, c], { skip: (x, y) => x === [a.id, b.id].sort()[0] && y === [a.id, b.id].sort()[1] });
    expect(skipped.pairs.length).toBe(2);
  });

  it("groups pairs into clusters (connected components)", () => {
    expect(clustersOf([{ a: "1", b: "2" }, { a: "2", b: "3" }, { a: "4", b: "5" }])).toEqual([["1", "2", "3"], ["4", "5"]]);
  });
});
