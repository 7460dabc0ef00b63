/**
 * Search benchmark: a fixed, seeded mix of 200 finder queries, timed over HTTP
 * against the running app and as the same search's SQL (findActivityIds:
 * ids and count, and for a typo the correction and the corrected search)
 * in-process against the same database.
 */
import { mulberry32, pick, pickSome, pointIn, type Kommune } from "./generate.ts";
import { activityLanguages, activityThemes, targetGroups } from "~/domain/activities/activities.constants.ts";
import { statusOf, stats } from "./lib.ts";
import { BYPASS_CACHE_COOKIE } from "./throughput.ts";

export type SearchParams = Record<string, string>;

const commonWords = [
  "leksehjelp",
  "språkkafé",
  "norsk",
  "fotball",
  "tur",
  "kvinner",
  "barn",
  "jobbklubb",
  "kafé",
  "trening",
  "møteplass",
  "foreldre",
  "frivillige",
  "biblioteket",
];
const rareWords = [
  "burettleiing",
  "bankid",
  "tannhelse",
  "icdp",
  "strikkekafé",
  "teatergruppe",
  "sykkelverksted",
  "cv",
  "svømmeopplæring",
  "gatefotball",
  "mobilkurs",
  "kor",
  "matklubb",
  "vennefamilie",
];
const twoWords = [
  "leksehjelp barn",
  "språkkafé biblioteket",
  "norsk kvinner",
  "fotball jenter",
  "turgruppe familie",
  "jobbsøkerkurs cv",
  "sykkelkurs voksne",
  "digital hjelp",
  "kaffe prat",
  "svømmekurs kvinner",
];
const typos = ["leksehjlep", "sprakkafe", "fotbal", "jobbklub", "norsktreninng", "sykelopplæring", "burettleing", "lekshjelp", "turgrupe", "foreldremøt"];
const accents = ["sprakkafe", "språkkafe", "kafe", "møteplass", "moteplass", "søndagstur", "sondagstur", "foreldrekafe", "norskgruppe", "trening for kvinner"];

/** The 200 queries: the same every run for the same seed. */
export function buildQueries(seed: number, kommuner: Kommune[], count = 200): { kind: string; params: SearchParams }[] {
  const rng = mulberry32(seed ^ 0x5eac);
  const big = [...kommuner].sort((a, b) => b.population - a.population);
  const kommune = () => (rng() < 0.6 ? pick(rng, big.slice(0, 40)) : pick(rng, kommuner));
  const kinds = [
    "common",
    "rare",
    "two words",
    "typo",
    "accents",
    "kommune",
    "kommune+text",
    "themes",
    "group+language",
    "day+free",
    "volunteers",
    "distance",
    "distance+text",
    "browse",
  ] as const;
  const out: { kind: string; params: SearchParams }[] = [];
  for (let i = 0; i < count; i++) {
    const kind = kinds[i % kinds.length]!;
    const p: SearchParams = {};
    switch (kind) {
      case "common":
        p.q = pick(rng, commonWords);
        break;
      case "rare":
        p.q = pick(rng, rareWords);
        break;
      case "two words":
        p.q = pick(rng, twoWords);
        break;
      case "typo":
        p.q = pick(rng, typos);
        break;
      case "accents":
        p.q = pick(rng, accents);
        break;
      case "kommune":
        p.municipality = kommune().number;
        break;
      case "kommune+text":
        p.municipality = kommune().number;
        p.q = pick(rng, commonWords);
        break;
      case "themes":
        p.themes = pickSome(rng, activityThemes, 1, 2).join(",");
        if (rng() < 0.5) p.municipality = kommune().number;
        break;
      case "group+language":
        p.targetGroups = pick(rng, targetGroups);
        p.languages = pick(rng, activityLanguages.slice(2, 10));
        break;
      case "day+free":
        p.days = pickSome(rng, ["1", "2", "3", "4", "5", "6", "7"], 1, 2).join(",");
        p.free = "1";
        if (rng() < 0.5) p.q = pick(rng, commonWords);
        break;
      case "volunteers":
        p.volunteers = "1";
        if (rng() < 0.5) p.municipality = kommune().number;
        else p.themes = pick(rng, activityThemes);
        break;
      case "distance": {
        const pt = pointIn(rng, kommune());
        p.sort = "distance";
        p.lat = String(pt.lat);
        p.lon = String(pt.lon);
        break;
      }
      case "distance+text": {
        const pt = pointIn(rng, kommune());
        p.sort = "distance";
        p.lat = String(pt.lat);
        p.lon = String(pt.lon);
        p.q = pick(rng, commonWords);
        break;
      }
      case "browse":
        p.sort = "next";
        if (rng() < 0.3) p.page = String(2 + Math.floor(rng() * 3));
        break;
    }
    out.push({ kind, params: p });
  }
  return out;
}

export type HttpTarget = { kind: "finder" | "api"; url: (p: SearchParams) => string } | { kind: "none" };

/** The finder page if the app has it, else the open-data API, else nothing (in-process only). */
export async function detectHttpTarget(base: string): Promise<HttpTarget> {
  if ((await statusOf(`${base}/aktiviteter?q=leksehjelp`)) === 200) return { kind: "finder", url: (p) => `${base}/aktiviteter?${new URLSearchParams(p)}` };
  if ((await statusOf(`${base}/api/v1/services?search=leksehjelp`)) === 200)
    return {
      kind: "api",
      url: (p) => {
        const { q, ...rest } = p;
        return `${base}/api/v1/services?${new URLSearchParams({ ...(q ? { search: q } : {}), ...rest })}`;
      },
    };
  return { kind: "none" };
}

/**
 * Sequential requests (one client, like the SQL side), full body read; warm-up pass first. Every request is
 * rendered: the warm-up would otherwise fill the page cache and the timed pass would measure cache hits, not the
 * search (bench/throughput.ts measures the cache).
 */
export async function timeHttp(target: HttpTarget, queries: { params: SearchParams }[]) {
  if (target.kind === "none") return null;
  const once = async (p: SearchParams) => {
    const t = performance.now();
    const res = await fetch(target.url(p), { headers: { cookie: BYPASS_CACHE_COOKIE } });
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`HTTP ${res.status} for ${target.url(p)}`);
    return performance.now() - t;
  };
  for (const q of queries) await once(q.params);
  const ms: number[] = [];
  for (const q of queries) ms.push(await once(q.params));
  return { ...stats(ms), perQuery: ms };
}

/**
 * In-process timings on an opened database (setDatabase already called):
 * "sql" = findActivityIds, the bounded ids-and-count SQL the finder runs (for a
 * word that finds nothing also the "did you mean" lookup and the corrected
 * search: until 2026-12-07 only the first, empty search was timed, so a typo's
 * SQL counted as ≈ 1 ms beside a page that did 50 ms of SQL); "domain" = the
 * whole searchActivities (that and the result rows).
 */
export async function timeInProcess(queries: { kind: string; params: SearchParams }[]) {
  const { findActivityIds, searchActivities } = await import("~/domain/activities/search.server.ts");
  const { activitySearchQuerySchema } = await import("~/domain/activities/activities.schema.ts");
  const { anonymous } = await import("~/domain/auth/actor.ts");
  const { getDb } = await import("~/db/client.server.ts");
  const db = getDb();
  const actor = anonymous();
  const sqlOnce = async (p: SearchParams) => {
    const now = new Date();
    const query = activitySearchQuerySchema.parse(p);
    const t = performance.now();
    await findActivityIds(db, query, actor, now);
    return performance.now() - t;
  };
  const domainOnce = async (p: SearchParams) => {
    const t = performance.now();
    const r = await searchActivities(p, { actor });
    return { ms: performance.now() - t, total: r.total, corrected: r.correctedQuery };
  };
  for (const q of queries) await sqlOnce(q.params);
  for (const q of queries) await domainOnce(q.params);
  // Measured pass: SQL and the whole function one after the other per query, so drift in the
  // machine's load hits both alike.
  const sqlMs: number[] = [];
  const domainMs: number[] = [];
  const byKind = new Map<string, number[]>();
  let zeroHits = 0;
  let corrected = 0;
  for (const q of queries) {
    // (sqlMs and domainMs stay in query order: bench/run.ts sets them beside the HTTP figures query by query.)
    sqlMs.push(await sqlOnce(q.params));
    const r = await domainOnce(q.params);
    domainMs.push(r.ms);
    if (r.total === 0) zeroHits++;
    if (r.corrected) corrected++;
    byKind.set(q.kind, [...(byKind.get(q.kind) ?? []), r.ms]);
  }
  return {
    sql: stats(sqlMs),
    domain: stats(domainMs),
    sqlPerQuery: sqlMs,
    domainPerQuery: domainMs,
    zeroHits,
    corrected,
    byKind: [...byKind].map(([kind, ms]) => ({ kind, ...stats(ms) })),
  };
}

/**
 * Where the page's time goes, query by query: per kind the HTTP, searchActivities and SQL p50/p95, and the
 * queries with the widest gap between the page and its SQL (the page's own work plus what searchActivities adds).
 */
export function compareHttpWithSql(queries: { kind: string; params: SearchParams }[], http: number[], domain: number[], sql: number[], widest = 8) {
  const kinds = [...new Set(queries.map((q) => q.kind))];
  const gap = http.map((ms, i) => ms - sql[i]!);
  const byKind = kinds.map((kind) => {
    const at = queries.flatMap((q, i) => (q.kind === kind ? [i] : []));
    const of = (ms: number[]) => stats(at.map((i) => ms[i]!));
    return { kind, n: at.length, http: of(http), domain: of(domain), sql: of(sql), gap: of(gap) };
  });
  const gaps = queries
    .map((q, i) => ({ kind: q.kind, params: new URLSearchParams(q.params).toString(), http: http[i]!, domain: domain[i]!, sql: sql[i]! }))
    .sort((a, b) => b.http - b.sql - (a.http - a.sql))
    .slice(0, widest);
  return { byKind, widestGaps: gaps, gap: stats(gap), maxGap: Math.max(...gap) };
}
