/**
 * Overlap detection (parallel initiatives) benchmark. Runs alone:
 *
 *   npx tsx bench/overlap.ts [--scale N] [--seed S] [--only kommune|national]
 *
 * 1. One kommune with 5,000 activities (× scale) in a PGlite database under
 *    tmp/bench-overlap/: the same `detectOverlaps` the page calls (load the
 *    kommune's activities and standing "distinct" decisions, score, sort).
 *    Aim < 1 s.
 * 2. National: 500,000 activities (× scale) over all 357 kommuner weighted by
 *    population, handled one kommune at a time (generated in memory per
 *    kommune, then scored with `findOverlaps` and dropped), so memory stays
 *    flat. This times the scoring, not the database reads (those are part 1's
 *    per-kommune figure). Aim < 60 s. Prints pairs compared per second and peak RSS.
 */
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { openDatabase } from "~/db/client.server.ts";
import { activities, organizationMunicipalities, organizations } from "~/db/schema/index.ts";
import { loadReferenceData } from "~/domain/reference/reference.server.ts";
import { detectOverlaps } from "~/domain/overview/overlap.server.ts";
import { findOverlaps, type OverlapActivity } from "~/domain/overview/overlap.ts";
import { loadKommuner, mulberry32, pick, pickSome as pickSomeOf, uuidFrom, type Kommune, type Rng } from "./generate.ts";

const args = process.argv.slice(2);
const arg = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const scale = Number(arg("scale") ?? 1);
const seed = Number(arg("seed") ?? 1);
const only = arg("only");
const KOMMUNE_ACTIVITIES = Math.round(5_000 * scale);
const NATIONAL_ACTIVITIES = Math.round(500_000 * scale);
const log = (msg: string) => process.stderr.write(`[overlap] ${msg}\n`);
const rssMb = () => process.resourceUsage().maxRSS / 1024;

interface Template {
  titles: string[];
  themes: string[];
  groups: string[];
  words: string[];
}
const templates: Template[] = [
  { titles: ["Språkkafé", "Språkkafé på biblioteket", "Språkkafe for voksne", "Internasjonal språkkafé"], themes: ["language", "social_network"], groups: ["adults", "everyone", "newly_settled"], words: ["norsk", "prat", "kaffe", "språkvenner"] },
  { titles: ["Leksehjelp", "Leksehjelp for barn", "Leksehjelp for ungdom", "Leksehjelp i matematikk", "Digital leksehjelp"], themes: ["homework_help"], groups: ["children", "youth"], words: ["lekser", "matte", "skole", "elever"] },
  { titles: ["Norsktrening", "Norsktrening for kvinner", "Norskgruppe for nybegynnere", "Praktisk norsk", "Samtaletrening på norsk"], themes: ["language"], groups: ["adults", "women", "newly_settled"], words: ["norsk", "samtale", "gruppe", "hverdag"] },
  { titles: ["Turgruppe", "Søndagstur", "Fjelltur for nybegynnere", "Familietur i skogen", "Kveldstur rundt vannet"], themes: ["sports_outdoors", "social_network"], groups: ["everyone", "families"], words: ["tur", "skog", "natur", "gå"] },
  { titles: ["Jobbklubb", "Jobbsøkerkurs", "CV-verksted", "Mentorprogram for jobbsøkere", "Arbeidstrening i butikk"], themes: ["work", "mentoring"], groups: ["job_seekers", "adults"], words: ["jobb", "cv", "søknad", "intervju"] },
  { titles: ["Boveiledning", "Burettleiing", "Kurs om å leie bolig", "Bokurs for nybosatte"], themes: ["housing", "practical_help"], groups: ["newly_settled", "families"], words: ["bolig", "leie", "strøm", "nabo"] },
  { titles: ["Fotball for alle", "Fotballtrening for jenter", "Gatefotball", "Fotball for ungdom"], themes: ["sports_outdoors"], groups: ["children", "youth"], words: ["fotball", "trening", "lag", "bane"] },
  { titles: ["Sykkelopplæring", "Sykkelkurs for voksne", "Sykkelverksted"], themes: ["sports_outdoors", "practical_help"], groups: ["adults", "women"], words: ["sykkel", "trafikk", "hjelm"] },
  { titles: ["Kvinnekafé", "Internasjonal kvinnegruppe", "Sykafé for kvinner"], themes: ["social_network", "culture_leisure"], groups: ["women"], words: ["kvinner", "møteplass", "mat", "prat"] },
  { titles: ["Digital hjelp", "BankID-kurs", "Datakurs for seniorer"], themes: ["digital_skills", "practical_help"], groups: ["adults", "seniors"], words: ["mobil", "bankid", "nav", "nett"] },
  { titles: ["Foreldregruppe", "Foreldreveiledning", "Babysang"], themes: ["parenting"], groups: ["families", "newly_settled"], words: ["foreldre", "barn", "skole", "barnehage"] },
  { titles: ["Helsekafé", "Helseinformasjon for nybosatte", "Trim for kvinner"], themes: ["health", "social_network"], groups: ["newly_settled", "women"], words: ["helse", "lege", "vaksine"] },
  { titles: ["Kor", "Kulturkveld", "Matkurs", "Sjakklubb"], themes: ["culture_leisure"], groups: ["everyone", "adults"], words: ["musikk", "mat", "kultur", "spill"] },
];
/** pickSome that never asks for more distinct items than the list has. */
const pickSome = <T,>(rng: Rng, list: readonly T[], min: number, max: number) => pickSomeOf(rng, list, Math.min(min, list.length), Math.min(max, list.length));
const places = ["", " sentrum", " øst", " vest", " nord", " sør", " på biblioteket", " i frivilligsentralen"];

/** Activities of one kommune, deterministic from the seed and the kommune number. */
function activitiesFor(rng: Rng, k: Kommune | null, n: number, organizationIds: string[]): OverlapActivity[] {
  const out: OverlapActivity[] = [];
  for (let i = 0; i < n; i++) {
    const t = pick(rng, templates);
    // A point in the kommune's bounding box (no polygon test: cheap, and near enough for scoring).
    const point = k ? { lat: k.bbox[1] + rng() * (k.bbox[3] - k.bbox[1]), lon: k.bbox[0] + rng() * (k.bbox[2] - k.bbox[0]) } : { lat: 60.79 + (rng() - 0.5) * 0.2, lon: 11.07 + (rng() - 0.5) * 0.4 };
    const r = rng();
    const kind = r < 0.75 ? "recurring" : r < 0.9 ? "dates" : "ongoing";
    const days = kind === "ongoing" ? [] : pickSome(rng, [1, 2, 3, 4, 5, 6, 7], 1, 2).sort();
    out.push({
      id: uuidFrom(rng),
      organizationId: pick(rng, organizationIds),
      title: pick(rng, t.titles) + pick(rng, places),
      description: `${pickSome(rng, t.words, 2, Math.min(4, t.words.length)).join(", ")} – ${pick(rng, ["velkommen", "gratis", "for alle", "ta med en venn"])}.`,
      themes: rng() < 0.2 ? [...t.themes, pick(rng, ["social_network", "language", "health"])] : t.themes,
      targetGroups: pickSome(rng, t.groups, 1, 2),
      latitude: rng() < 0.9 ? point.lat : null,
      longitude: rng() < 0.9 ? point.lon : null,
      postalCode: String(1000 + Math.floor(rng() * 40)),
      scheduleKind: kind,
      weekdays: days,
      startMinute: kind === "ongoing" ? null : 8 * 60 + Math.floor(rng() * 28) * 30,
      durationMinutes: kind === "ongoing" ? null : pick(rng, [60, 90, 120]),
    });
    // Keep lat/lon both set or both null.
    const last = out[out.length - 1]!;
    if (last.latitude === null || last.longitude === null) Object.assign(last, { latitude: null, longitude: null });
  }
  return out;
}

async function kommuneRun() {
  const dir = path.resolve(`tmp/bench-overlap/pglite-${KOMMUNE_ACTIVITIES}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(path.dirname(dir), { recursive: true });
  const handle = await openDatabase({ pgliteDataDir: dir });
  const db = handle.db;
  await loadReferenceData(db);
  const rng = mulberry32(seed);
  const orgIds = Array.from({ length: Math.max(10, Math.round(KOMMUNE_ACTIVITIES / 8)) }, () => uuidFrom(rng));
  const NUMBER = "3403";
  for (let i = 0; i < orgIds.length; i += 1000) {
    const chunk = orgIds.slice(i, i + 1000);
    await db.insert(organizations).values(chunk.map((id, j) => ({ id, name: `Bench-organisasjon ${i + j}`, kind: "voluntary" as const })));
    await db.insert(organizationMunicipalities).values(chunk.map((id) => ({ organizationId: id, municipalityNumber: NUMBER })));
  }
  const list = activitiesFor(rng, null, KOMMUNE_ACTIVITIES, orgIds);
  const base = new Date(Date.UTC(2026, 0, 5, 0, 0));
  for (let i = 0; i < list.length; i += 1000) {
    await db.insert(activities).values(
      list.slice(i, i + 1000).map((a) => ({
        id: a.id,
        organizationId: a.organizationId,
        municipalityNumber: NUMBER,
        title: a.title,
        description: a.description,
        themes: [...a.themes],
        targetGroups: [...a.targetGroups],
        latitude: a.latitude,
        longitude: a.longitude,
        postalCode: a.postalCode,
        scheduleKind: a.scheduleKind,
        weekdays: [...a.weekdays],
        // Monday 5 January 2026 + weekday + start (UTC+1 in winter).
        startsAt: a.startMinute === null ? null : new Date(base.getTime() + ((a.weekdays[0]! - 1) * 1440 + a.startMinute - 60) * 60_000),
        durationMinutes: a.durationMinutes,
        nextOccurrenceAt: a.scheduleKind === "ongoing" ? null : new Date(Date.now() + 7 * 86_400_000),
      })),
    );
  }
  await db.execute(sql`analyze activities`);
  log(`kommune: ${KOMMUNE_ACTIVITIES} activities of ${orgIds.length} organisations in ${dir}`);
  await detectOverlaps(db, NUMBER); // warm-up
  const times: number[] = [];
  let last: Awaited<ReturnType<typeof detectOverlaps>> | null = null;
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    last = await detectOverlaps(db, NUMBER);
    times.push(performance.now() - t0);
  }
  await handle.close();
  times.sort((a, b) => a - b);
  const median = times[2]!;
  const t0 = performance.now();
  findOverlaps(list);
  const scoreOnly = performance.now() - t0;
  console.log(
    `Overlap, one kommune (PGlite, detectOverlaps incl. reading ${last!.activityCount} activities): median ${median.toFixed(0)} ms of 5 (min ${times[0]!.toFixed(0)}, max ${times[4]!.toFixed(0)}); ` +
      `${last!.compared.toLocaleString("en")} pairs compared, ${last!.pairs.length} above the threshold; scoring alone ${scoreOnly.toFixed(0)} ms = ${((last!.compared / scoreOnly) * 1000 / 1e6).toFixed(1)} M pairs/s. Aim < 1000 ms: ${median < 1000 ? "met" : "NOT met"}`,
  );
}

function nationalRun() {
  const t00 = performance.now();
  const kommuner = loadKommuner();
  log(`kommuner loaded in ${(performance.now() - t00).toFixed(0)} ms`);
  const totalPopulation = kommuner.reduce((s, k) => s + Math.max(k.population, 300), 0);
  const rssBefore = rssMb();
  let compared = 0;
  let found = 0;
  let generated = 0;
  let scoring = 0;
  let largest = { name: "", n: 0, ms: 0, compared: 0 };
  const started = performance.now();
  for (const k of kommuner) {
    const n = Math.max(5, Math.round((NATIONAL_ACTIVITIES * Math.max(k.population, 300)) / totalPopulation));
    const rng = mulberry32(seed * 100_000 + Number(k.number));
    const orgIds = Array.from({ length: Math.max(3, Math.round(n / 5)) }, () => uuidFrom(rng));
    const list = activitiesFor(rng, k, n, orgIds);
    generated += n;
    const t0 = performance.now();
    const result = findOverlaps(list);
    const ms = performance.now() - t0;
    scoring += ms;
    compared += result.compared;
    found += result.pairs.length;
    if (n > largest.n) largest = { name: k.name, n, ms, compared: result.compared };
  }
  const wall = (performance.now() - started) / 1000;
  console.log(
    `Overlap, national${scale !== 1 ? ` (SCALED ×${scale})` : ""}: ${generated.toLocaleString("en")} activities in ${kommuner.length} kommuner, one kommune at a time (generated in memory; scoring only): ` +
      `scoring ${(scoring / 1000).toFixed(1)} s (wall incl. generating ${wall.toFixed(1)} s); ${compared.toLocaleString("en")} pairs compared = ${((compared / scoring) * 1000 / 1e6).toFixed(1)} M pairs/s; ${found.toLocaleString("en")} pairs above the threshold; ` +
      `largest kommune ${largest.name}: ${largest.n.toLocaleString("en")} activities, ${largest.compared.toLocaleString("en")} pairs, ${(largest.ms / 1000).toFixed(2)} s; peak RSS ${rssMb().toFixed(0)} MB (${rssBefore.toFixed(0)} MB before). Aim < 60 s: ${scoring / 1000 < 60 ? "met" : "NOT met"}`,
  );
}

if (only !== "national") await kommuneRun();
if (only !== "kommune") nationalRun();
