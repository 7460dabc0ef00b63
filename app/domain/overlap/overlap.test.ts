import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  clustersOf,
  contentWords,
  findOverlaps,
  findOverlapsAsync,
  OVERLAP_THRESHOLD,
  scorePair,
  stem,
  trigrams,
  trigramSimilarity,
  type OverlapActivity,
} from "./overlap.ts";

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
    const c = activityFrom({ ...base, start: "17:30", at: [60.8, 11.09] }, "o3");
    const all = findOverlaps([a, b, c]);
    expect(all.pairs.length).toBe(3);
    expect(all.pairs[0]!.score).toBeGreaterThanOrEqual(all.pairs[2]!.score);
    const skipped = findOverlaps([a, b, c], { skip: (x, y) => x === [a.id, b.id].sort()[0] && y === [a.id, b.id].sort()[1] });
    expect(skipped.pairs.length).toBe(2);
  });

  it("groups pairs into clusters (connected components)", () => {
    expect(
      clustersOf([
        { a: "1", b: "2" },
        { a: "2", b: "3" },
        { a: "4", b: "5" },
      ]),
    ).toEqual([
      ["1", "2", "3"],
      ["4", "5"],
    ]);
  });

  it("finds exactly the pairs a naive comparison of every pair finds, with the same scores (the shortcuts lose nothing)", () => {
    // A small dense kommune: few titles, nearby points, shared days — many pairs near the threshold.
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const pickOne = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
    const titles = ["Leksehjelp", "Leksehjelp for barn", "Språkkafé", "Språkkafe på biblioteket", "Norsktrening", "Jobbklubb", "Turgruppe"];
    const list = Array.from({ length: 160 }, (_, i) =>
      activityFrom(
        {
          title: pickOne(titles),
          description: pickOne(["Hjelp med lekser.", "Norsk og kaffe.", "Vi går tur.", "CV og søknad."]),
          themes: random() < 0.7 ? [pickOne(["homework_help", "language", "work"])] : ["language", "social_network"],
          targetGroups: random() < 0.2 ? [] : [pickOne(["children", "adults", "everyone", "women"])],
          at: random() < 0.8 ? [60.79 + (random() - 0.5) * 0.15, 11.07 + (random() - 0.5) * 0.3] : null,
          pc: random() < 0.5 ? pickOne(["2317", "2318"]) : null,
          kind: pickOne(["recurring", "recurring", "dates", "ongoing"] as const),
          days: [1 + Math.floor(random() * 7)],
          start: random() < 0.8 ? `${10 + Math.floor(random() * 9)}:${pickOne(["00", "30"])}` : null,
          min: pickOne([60, 90, null]),
        },
        `org-${i % 40}`,
      ),
    );
    const naive = new Map<string, number>();
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        const [a, b] = [list[i]!, list[j]!];
        if (a.organizationId === b.organizationId || !a.themes.some((t) => b.themes.includes(t))) continue;
        const { score } = scorePair(a, b);
        if (score >= OVERLAP_THRESHOLD) naive.set([a.id, b.id].sort().join("|"), score);
      }
    }
    const { pairs, found, clusters } = findOverlaps(list);
    expect(naive.size).toBeGreaterThan(50);
    expect(found).toBe(naive.size);
    expect(new Map(pairs.map((p) => [`${p.a}|${p.b}`, p.score]))).toEqual(naive);
    // Sorted by score, then ids; parts and details agree with scoring the pair alone.
    for (let k = 1; k < pairs.length; k++) {
      const [x, y] = [pairs[k - 1]!, pairs[k]!];
      expect(x.score > y.score || (x.score === y.score && `${x.a}|${x.b}` < `${y.a}|${y.b}`)).toBe(true);
    }
    const first = pairs[0]!;
    const alone = scorePair(
      list.find((a) => a.id === first.a)!,
      list.find((a) => a.id === first.b)!,
    );
    expect(first.parts).toEqual(alone.parts);
    expect(first.details).toEqual(alone.details);
    // Clusters are the connected components of three or more.
    expect(clusters).toEqual(clustersOf(pairs).filter((c) => c.length >= 3));
    // Counting only gives the same count without keeping the pairs.
    expect(findOverlaps(list, { collect: false })).toMatchObject({ found: naive.size, pairs: [], clusters: [] });
  });

  it("a listed pair spreads and serialises to its ids and score only (nothing internal reaches a page)", () => {
    const { pairs } = findOverlaps([activityFrom(base, "o1"), activityFrom(base, "o2")]);
    expect(Object.keys({ ...pairs[0]! }).sort()).toEqual(["a", "b", "score"]);
    expect(pairs[0]!.parts.theme).toBe(1);
    expect(pairs[0]!.details.sharedThemes).toEqual(["homework_help"]);
  });

  it("the async scan gives the same result and lets other work run while a large kommune is scanned", async () => {
    const list = Array.from({ length: 3000 }, (_, i) =>
      activityFrom({ ...base, title: i % 2 ? "Leksehjelp for barn" : "Leksehjelp", at: [60.79 + (i % 50) * 0.001, 11.07] }, `org-${i % 300}`),
    );
    // Other work queued meanwhile: it gets turns while the scan runs, not only after it.
    let done = false;
    let turns = 0;
    const other = () => {
      if (done) return;
      turns++;
      setImmediate(other);
    };
    setImmediate(other);
    // A slice of 0 ms: the scan pauses at every chance, whatever the machine's speed.
    const result = await findOverlapsAsync(list, { collect: false }, 0);
    done = true;
    expect(result).toEqual(findOverlaps(list, { collect: false }));
    expect(turns).toBeGreaterThan(5);
  });
});
