/**
 * National roll-up benchmark (issue 4): the national overview's server work
 * (getNationalRollup over the pre-aggregated `municipality_coverage` plus the
 * map outlines, i.e. the page's loader) against the raw aggregate SQL straight
 * over `activities` (per kommune totals and per kommune × theme counts), in
 * the same run, on the generated national data (bench/generate.ts).
 *
 *   npx tsx bench/rollup.ts [--scale 0.1] [--seed 7] [--runs 40]
 *
 * Data goes to tmp/bench-rollup/pglite-s<scale> (PGlite, reused when the seed
 * and scale match). The aim (< 300 ms p95) is for PostgreSQL; these figures
 * are PGlite's, in-process, without HTTP or React rendering.
 */
import path from "node:path";
import { sql } from "drizzle-orm";
import { openDatabase, setDatabase } from "~/db/client.server.ts";
import type { UserActor } from "~/domain/auth/actor.ts";
import { refreshCoverage } from "~/domain/overview/coverage.server.ts";
import { getNationalRollup } from "~/domain/overview/rollup.server.ts";
import { nationalMap } from "~/domain/overview/map.server.ts";
import { generate, mulberry32 } from "./generate.ts";
import { fmt, stats, table } from "./lib.ts";

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const value = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number`);
  return value;
}
const scale = arg("scale", 0.1);
const seed = arg("seed", 7);
const runs = Math.round(arg("runs", 40));
const log = (msg: string) => process.stderr.write(`[rollup] ${msg}\n`);

const dir = path.resolve(`tmp/bench-rollup/pglite-s${String(scale).replace(".", "_")}`);
log(`PGlite at ${dir}`);
const handle = await openDatabase({ pgliteDataDir: dir, pgliteSharedBuffers: process.env.PGLITE_SHARED_BUFFERS ?? "512MB" });
setDatabase(handle);
const db = handle.db;

const gen = await generate(db, { seed, scale, log });
log(`${gen.reused ? "reused" : "generated"}: ${gen.organizations} organisations, ${gen.activities} activities (${fmt(gen.seconds)} s)`);

// Settlement figures for the latest year: 80 % of kommuner report (≈ 1 per 300 inhabitants), the rest "not reported".
const rng = mulberry32(seed + 1);
const kommuner = (await db.execute(sql`select number, coalesce(population, 1000) as population from municipalities order by number`)) as unknown as {
  rows: { number: string; population: number }[];
};
await db.execute(sql`delete from settlement_figures where year = 2025`);
const reported = kommuner.rows.filter(() => rng() < 0.8);
await db.execute(sql`insert into settlement_figures (municipality_number, year, settled, requested, decided) values ${sql.join(
  reported.map((k) => {
    const settled = Math.max(0, Math.round((k.population / 300) * (0.5 + rng())));
    return sql`(${k.number}, 2025, ${settled}, ${settled + 5}, ${settled})`;
  }),
  sql`, `,
)}`);

let started = performance.now();
await refreshCoverage(db, null);
const refreshMs = performance.now() - started;
const [coverageRows] = ((await db.execute(sql`select count(*)::int as n from municipality_coverage`)) as unknown as { rows: { n: number }[] }).rows;
log(`refreshCoverage(all): ${fmt(refreshMs, 0)} ms → ${coverageRows!.n} rows`);

// One kommune's refresh: what an activity write costs (Oslo, the largest).
started = performance.now();
await refreshCoverage(db, ["0301"]);
const refreshOneMs = performance.now() - started;

const admin: UserActor = {
  kind: "user",
  userId: "00000000-0000-4000-8000-00000000b001",
  email: "bench@samspill.example",
  name: "Bench",
  emailVerified: true,
  isDemo: false,
  locale: "nb",
  sessionId: "bench",
  roles: [{ role: "national_admin", municipalityNumber: null, countyNumber: null }],
  memberships: [],
  ip: null,
};

/** The page's loader work: the roll-up, sorted by coverage, plus the map outlines of the kommuner shown. */
async function rollupPage() {
  const rollup = await getNationalRollup(admin, { sort: "coverage" });
  const map = nationalMap();
  const shown = new Set(rollup.kommuner.map((k) => k.number));
  return { rollup, paths: Object.entries(map.kommuner).filter(([n]) => shown.has(n)).length };
}

/** The same figures straight from `activities`: totals per kommune, counts per kommune × theme, settled. */
async function rawSql() {
  const totals = await db.execute(sql`
    select m.number, m.population, sf.settled,
      count(a.id)::int as activities, count(distinct a.organization_id)::int as organizations,
      coalesce(sum(a.capacity), 0)::int as capacity, (count(*) filter (where a.seeks_volunteers))::int as volunteers
    from municipalities m
    left join activities a on a.municipality_number = m.number and a.status <> 'ended'
    left join settlement_figures sf on sf.municipality_number = m.number and sf.year = 2025
    group by m.number, m.population, sf.settled`);
  const themes = await db.execute(sql`
    select a.municipality_number, t.theme, count(*)::int as n
    from activities a, unnest(a.themes) as t(theme)
    where a.status <> 'ended'
    group by 1, 2`);
  return { totals, themes };
}

// Warm-up, then alternate so load drift hits both alike.
for (let i = 0; i < 3; i++) {
  await rollupPage();
  await rawSql();
}
const rollupMs: number[] = [];
const rawMs: number[] = [];
for (let i = 0; i < runs; i++) {
  let t0 = performance.now();
  const page = await rollupPage();
  rollupMs.push(performance.now() - t0);
  if (page.rollup.kommuner.length !== 357 || page.paths !== 357) throw new Error("roll-up incomplete");
  t0 = performance.now();
  await rawSql();
  rawMs.push(performance.now() - t0);
}
const a = stats(rollupMs);
const b = stats(rawMs);
console.log(`\nNational roll-up, PGlite (in-process), scale ${scale}: ${gen.activities} activities, ${runs} runs each`);
console.log(
  table(
    ["what", "p50 ms", "p95 ms", "p99 ms"],
    [
      ["getNationalRollup + map (pre-aggregated)", fmt(a.p50), fmt(a.p95), fmt(a.p99)],
      ["raw aggregate SQL over activities", fmt(b.p50), fmt(b.p95), fmt(b.p99)],
    ],
  ),
);
console.log(`ratio raw/roll-up at p95: ${fmt(b.p95 / a.p95, 1)}×; aim: roll-up p95 < 300 ms (PostgreSQL)`);
console.log(`refreshCoverage(all kommuner): ${fmt(refreshMs, 0)} ms (${coverageRows!.n} rows); refreshCoverage(Oslo): ${fmt(refreshOneMs, 0)} ms`);
await handle.close();
