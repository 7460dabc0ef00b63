import { and, count, desc, eq, inArray, isNull } from "drizzle-orm";
import { getDb } from "~/db/client.server.ts";
import {
  municipalities,
  workshopMunicipalities,
  workshopObstacles,
  workshopObstacleVotes,
  workshops,
  workshopSolutions,
  workshopSolutionVotes,
} from "~/db/schema/index.ts";
import { countyOf, type Actor } from "~/domain/auth/actor.ts";
import { AppError } from "~/lib/errors.ts";
import { foldText } from "~/lib/text.ts";
import type { ObstacleTheme } from "./workshops.constants.ts";

/**
 * The most common obstacles across workshops (issue 13): counted by theme
 * across kommuner, and near-duplicates grouped across workshops by their words
 * (token overlap without Norwegian stop words), each group with the solutions
 * the workshops voted highest. For county advisors (their fylke's workshops)
 * and IMDi (all).
 */

export type CommonScope = { level: "national" } | { level: "county"; countyNumbers: string[] } | { level: "municipality"; municipalityNumber: string };

/** Who may see obstacles across kommuner, and over which workshops. */
export function commonScopeFor(actor: Actor): CommonScope {
  if (actor.kind !== "user") throw new AppError("unauthenticated", "errors.unauthenticated");
  if (actor.roles.some((r) => r.role === "national_admin")) return { level: "national" };
  const counties = actor.roles.flatMap((r) => (r.role === "county_advisor" && r.countyNumber ? [r.countyNumber] : []));
  if (counties.length) return { level: "county", countyNumbers: counties };
  throw new AppError("forbidden", "errors.forbidden");
}

// Words that say nothing about what the obstacle is (bokmål and nynorsk).
const STOP_WORDS = new Set(
  (
    "og i pa på til av for med som er det den de en et ei at ikke ikkje har ha kan skal vil blir blei ble vi dei dere dykk vi oss " +
    "seg sin sitt sine om fra frå nar når hvor kor hva kva hvem kven eller men sa så mer meir mange mye mykje ingen alle andre " +
    "enn uten utan over under etter mot hos ved inn ut opp ned bare berre ogsa også veldig lite liten stor store ny nye gang " +
    "far får fa få gjor gjer gjøre gjere hverandre kvarandre vet veit"
  )
    .split(/\s+/)
    .map(foldText),
);

/** The words of an obstacle that carry meaning: folded, without stop words, cut to a stem of six letters. */
export function obstacleTokens(text: string): Set<string> {
  return new Set(
    foldText(text)
      .split(/[^a-z0-9]+/)
      .filter((w) => w.length >= 3 && !STOP_WORDS.has(w))
      .map((w) => w.slice(0, 6)),
  );
}

/** Overlap of two token sets (Jaccard). */
export function tokenSimilarity(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const w of a) if (b.has(w)) shared++;
  return shared / (a.size + b.size - shared);
}

export const CLUSTER_THRESHOLD = 0.3;

/** Groups items whose texts overlap at least the threshold (single link: a chain of near-duplicates is one group). */
export function clusterTexts<T extends { text: string }>(items: T[], threshold = CLUSTER_THRESHOLD): T[][] {
  const tokens = items.map((i) => obstacleTokens(i.text));
  const parent = items.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  for (let i = 0; i < items.length; i++) {
    for (let j = i + 1; j < items.length; j++) {
      if (tokenSimilarity(tokens[i]!, tokens[j]!) >= threshold) parent[find(i)] = find(j);
    }
  }
  const groups = new Map<number, T[]>();
  items.forEach((item, i) => {
    const root = find(i);
    groups.set(root, [...(groups.get(root) ?? []), item]);
  });
  return [...groups.values()];
}

interface ObstacleRow {
  id: string;
  workshopId: string;
  workshopTitle: string;
  theme: ObstacleTheme;
  text: string;
  votes: number;
  municipalityNumber: string;
  municipalityName: string;
}

async function obstaclesIn(scope: CommonScope): Promise<ObstacleRow[]> {
  const rows = await getDb()
    .select({
      id: workshopObstacles.id,
      workshopId: workshopObstacles.workshopId,
      workshopTitle: workshops.title,
      theme: workshopObstacles.theme,
      text: workshopObstacles.text,
      votes: count(workshopObstacleVotes.id),
      municipalityNumber: workshopMunicipalities.municipalityNumber,
      municipalityName: municipalities.name,
      organiserCounty: workshops.organiserCountyNumber,
    })
    .from(workshopObstacles)
    .innerJoin(workshops, eq(workshops.id, workshopObstacles.workshopId))
    .innerJoin(workshopMunicipalities, eq(workshopMunicipalities.workshopId, workshops.id))
    .innerJoin(municipalities, eq(municipalities.number, workshopMunicipalities.municipalityNumber))
    .leftJoin(workshopObstacleVotes, eq(workshopObstacleVotes.obstacleId, workshopObstacles.id))
    .where(
      and(
        isNull(workshopObstacles.mergedIntoId),
        scope.level === "municipality" ? eq(workshopMunicipalities.municipalityNumber, scope.municipalityNumber) : undefined,
      ),
    )
    .groupBy(workshopObstacles.id, workshops.id, workshopMunicipalities.municipalityNumber, municipalities.name);
  const inScope =
    scope.level === "county"
      ? rows.filter(
          (r) =>
            scope.countyNumbers.includes(countyOf(r.municipalityNumber)) || (r.organiserCounty !== null && scope.countyNumbers.includes(r.organiserCounty)),
        )
      : rows;
  // A fylkeskommune's workshop for several kommuner lists an obstacle once per kommune: keep one row, with the first kommune.
  const seen = new Set<string>();
  return inScope
    .sort((a, b) => a.municipalityName.localeCompare(b.municipalityName, "nb"))
    .filter((r) => (seen.has(r.id) ? false : (seen.add(r.id), true)))
    .map(({ organiserCounty: _organiserCounty, ...r }) => r);
}

export interface ThemeCount {
  theme: ObstacleTheme;
  obstacles: number;
  workshops: number;
  kommuner: number;
  votes: number;
}

export function countByTheme(rows: ObstacleRow[]): ThemeCount[] {
  const themes = new Map<ObstacleTheme, ObstacleRow[]>();
  for (const r of rows) themes.set(r.theme, [...(themes.get(r.theme) ?? []), r]);
  return [...themes.entries()]
    .map(([theme, list]) => ({
      theme,
      obstacles: list.length,
      workshops: new Set(list.map((r) => r.workshopId)).size,
      kommuner: new Set(list.map((r) => r.municipalityNumber)).size,
      votes: list.reduce((s, r) => s + r.votes, 0),
    }))
    .sort((a, b) => b.kommuner - a.kommuner || b.workshops - a.workshops || b.votes - a.votes);
}

export interface ObstacleCluster {
  /** The most voted wording stands for the group. */
  text: string;
  theme: ObstacleTheme;
  workshops: number;
  kommuner: string[];
  votes: number;
  members: { id: string; text: string; municipalityName: string; workshopTitle: string; votes: number }[];
  solutions: { text: string; votes: number; municipalityName: string }[];
}

const SOLUTIONS_PER_CLUSTER = 3;

/** The full list for verksteder/hindringer-pa-tvers. */
export async function listCommonObstacles(actor: Actor) {
  const scope = commonScopeFor(actor);
  const rows = await obstaclesIn(scope);
  const groups = clusterTexts(rows)
    .map((members) => members.sort((a, b) => b.votes - a.votes))
    .sort((a, b) => new Set(b.map((m) => m.workshopId)).size - new Set(a.map((m) => m.workshopId)).size || sum(b) - sum(a));
  const obstacleIds = rows.map((r) => r.id);
  const solutions = obstacleIds.length
    ? await getDb()
        .select({ obstacleId: workshopSolutions.obstacleId, text: workshopSolutions.text, votes: count(workshopSolutionVotes.id) })
        .from(workshopSolutions)
        .leftJoin(workshopSolutionVotes, eq(workshopSolutionVotes.solutionId, workshopSolutions.id))
        .where(inArray(workshopSolutions.obstacleId, obstacleIds))
        .groupBy(workshopSolutions.id)
        .orderBy(desc(count(workshopSolutionVotes.id)))
    : [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  const clusters: ObstacleCluster[] = groups.map((members) => ({
    text: members[0]!.text,
    theme: members[0]!.theme,
    workshops: new Set(members.map((m) => m.workshopId)).size,
    kommuner: [...new Set(members.map((m) => m.municipalityName))].sort((a, b) => a.localeCompare(b, "nb")),
    votes: sum(members),
    members: members.map((m) => ({ id: m.id, text: m.text, municipalityName: m.municipalityName, workshopTitle: m.workshopTitle, votes: m.votes })),
    solutions: solutions
      .filter((s) => members.some((m) => m.id === s.obstacleId))
      .slice(0, SOLUTIONS_PER_CLUSTER)
      .map((s) => ({ text: s.text, votes: s.votes, municipalityName: byId.get(s.obstacleId)?.municipalityName ?? "" })),
  }));
  return { scope, themes: countByTheme(rows), clusters };
}

function sum(rows: { votes: number }[]) {
  return rows.reduce((s, r) => s + r.votes, 0);
}

/** A few top themes and obstacles for an overview page's section; the page's own loader has checked who reads it. */
export async function topObstaclesFor(scope: CommonScope, limit = 3) {
  const rows = await obstaclesIn(scope);
  return {
    themes: countByTheme(rows).slice(0, limit),
    obstacles: [...rows]
      .sort((a, b) => b.votes - a.votes)
      .slice(0, limit)
      .map((r) => ({ id: r.id, text: r.text, theme: r.theme, votes: r.votes, municipalityName: r.municipalityName })),
    total: rows.length,
  };
}
