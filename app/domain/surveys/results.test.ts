import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { groupResults, overall, type Answer } from "./results.ts";
import { MIN_GROUP_SIZE } from "./surveys.constants.ts";

function answers(sizes: Record<string, number>): Answer[] {
  return Object.entries(sizes).flatMap(([group, n]) =>
    Array.from({ length: n }, () => ({ group, topics: ["grants_funding"], forms: ["course"], urgency: "urgent" })),
  );
}

const shownSizes = (r: ReturnType<typeof groupResults>) => r.rows.map((row) => [row.key, row.answers]);

describe("survey results: small groups are never shown apart", () => {
  it("shows groups of five or more, merges the smaller ones into 'other'", () => {
    const r = groupResults(answers({ migrant_organization: 8, voluntary: 6, faith_community: 3, sports_club: 2 }));
    expect(shownSizes(r)).toEqual([
      ["migrant_organization", 8],
      ["voluntary", 6],
      [null, 5],
    ]);
    expect(r.rows[2]!.merged).toEqual(["faith_community", "sports_club"]);
  });

  it("a small 'other' would be the total minus the shown groups: the smallest shown group joins it", () => {
    // Without the rule: A 7, B 5, other 3 — and "other" is one small group (C) laid bare by subtraction.
    const r = groupResults(answers({ A: 7, B: 5, C: 3 }));
    expect(shownSizes(r)).toEqual([
      ["A", 7],
      [null, 8],
    ]);
    expect(r.rows[1]!.merged).toEqual(["B", "C"]);
    // A single small group beside one large one: everything merges, so the large group cannot be subtracted either.
    expect(shownSizes(groupResults(answers({ A: 10, B: 1 })))).toEqual([[null, 11]]);
    // The topic counts of "other" cover all its groups, so none of them can be read from the rest.
    expect(groupResults(answers({ A: 7, B: 5, C: 3 })).rows[1]!.topics.grants_funding).toBe(8);
  });

  it("fewer than five answers in all: nothing at all, not even the overall figures", () => {
    expect(groupResults(answers({ A: 4 }))).toEqual({ shown: false, rows: [] });
    expect(overall(answers({ A: 2, B: 2 }))).toBeNull();
    expect(overall(answers({ A: 5 }))?.answers).toBe(5);
  });

  it("for any answers: every row has at least five, the rows add up to the total, and no small group has a row of its own", () => {
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom("a", "b", "c", "d", "e", "f", "g"), fc.integer({ min: 1, max: 12 })), (sizes) => {
        const list = answers(sizes);
        const r = groupResults(list);
        if (list.length < MIN_GROUP_SIZE) {
          expect(r.shown).toBe(false);
          return;
        }
        for (const row of r.rows) expect(row.answers).toBeGreaterThanOrEqual(MIN_GROUP_SIZE);
        expect(r.rows.reduce((sum, row) => sum + row.answers, 0)).toBe(list.length);
        for (const [group, n] of Object.entries(sizes)) if (n < MIN_GROUP_SIZE) expect(r.rows.some((row) => row.key === group)).toBe(false);
        // A merged row's groups are named, but it is never just one small group.
        for (const row of r.rows) if (row.key === null && row.merged.length === 1) expect(sizes[row.merged[0]!]).toBeGreaterThanOrEqual(MIN_GROUP_SIZE);
      }),
      { numRuns: 500 },
    );
  });

  it("counts each topic once per answer, and ignores values outside the lists", () => {
    const r = overall([{ group: "x", topics: ["volunteers", "volunteers", "bogus"], forms: ["course"], urgency: "urgent" }, ...answers({ y: 4 })])!;
    expect(r.topics.volunteers).toBe(1);
    expect(r.topics.grants_funding).toBe(4);
    expect(Object.keys(r.topics)).not.toContain("bogus");
  });
});
