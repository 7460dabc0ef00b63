/**
 * Overlap detection (parallel initiatives) benchmark. Runs alone:
 *
 *   npx tsx bench/overlap.ts [--scale N] [--seed S] [--only kommune|national] [--workers N]
 *
 * 1. One kommune with 5,000 activities (× scale) in a PGlite database under
 *    tmp/bench-overlap/: the same `detectOverlaps` the page calls (load the
 *    kommune's activities and standing "distinct" decisions, score, sort).
 *    Aim < 1 s.
 * 2. National: 500,000 activities (× scale) over all 357 kommuner weighted by
 *    population, handled one kommune at a time (generated in memory per
 *    kommune, then scored with `findOverlaps` and dropped; pairs above the
 *    threshold are counted, not kept), so memory stays flat; one worker
 *    thread per core (`--workers N`). This times the
 *    scoring, not the database reads (those are part 1's per-kommune
 *    figure). Aim < 60 s. Prints pairs compared per second and peak RSS.
 */
import { mkdirSync, rmSync } from "node:fs";
import { availableParallelism } from "node:os";
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import path from "node:path";
import { sql } from "drizzle-orm";
import { openDatabase } from "~/db/client.server.ts";
import { activities, organizationMunicipalities, organizations } from "~/db/schema/index.ts";
import { loadReferenceData } from "~/domain/reference/reference.server.ts";
import { detectOverlaps, loadOverlapActivities } from "~/domain/overlap/overlap.server.ts";
import { findOverlaps, type OverlapActivity } from "~/domain/overlap/overlap.ts";
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
  {
    titles: ["Språkkafé", "Språkkafé på biblioteket", "Språkkafe for voksne", "Internasjonal språkkafé"],
    themes: ["language", "social_network"],
    groups: ["adults", "everyone", "newly_settled"],
    words: ["norsk", "prat", "kaffe", "språkvenner"],
  },
  {
    titles: ["Leksehjelp", "Leksehjelp for barn", "Leksehjelp for ungdom", "Leksehjelp i matematikk", "Digital leksehjelp"],
    themes: ["homework_help"],
    groups: ["children", "youth"],
    words: ["lekser", "matte", "skole", "elever"],
  },
  {
    titles: ["Norsktrening", "Norsktrening for kvinner", "Norskgruppe for nybegynnere", "Praktisk norsk", "Samtaletrening på norsk"],
    themes: ["language"],
    groups: ["adults", "women", "newly_settled"],
    words: ["norsk", "samtale", "gruppe", "hverdag"],
  },
  {
    titles: ["Turgruppe", "Søndagstur", "Fjelltur for nybegynnere", "Familietur i skogen", "Kveldstur rundt vannet"],
    themes: ["sports_outdoors", "social_network"],
    groups: ["everyone", "families"],
    words: ["tur", "skog", "natur", "gå"],
  },
  {
    titles: ["Jobbklubb", "Jobbsøkerkurs", "CV-verksted", "Mentorprogram for jobbsøkere", "Arbeidstrening i butikk"],
    themes: ["work", "mentoring"],
    groups: ["job_seekers", "adults"],
    words: ["jobb", "cv", "søknad", "intervju"],
  },
  {
    titles: ["Boveiledning", "Burettleiing", "Kurs om å leie bolig", "Bokurs for nybosatte"],
    themes: ["housing", "practical_help"],
    groups: ["newly_settled", "families"],
    words: ["bolig", "leie", "strøm", "nabo"],
  },
  {
    titles: ["Fotball for alle", "Fotballtrening for jenter", "Gatefotball", "Fotball for ungdom"],
    themes: ["sports_outdoors"],
    groups: ["children", "youth"],
    words: ["fotball", "trening", "lag", "bane"],
  },
  {
    titles: ["Sykkelopplæring", "Sykkelkurs for voksne", "Sykkelverksted"],
    themes: ["sports_outdoors", "practical_help"],
    groups: ["adults", "women"],
    words: ["sykkel", "trafikk", "hjelm"],
  },
  {
    titles: ["Kvinnekafé", "Internasjonal kvinnegruppe", "Sykafé for kvinner"],
    themes: ["social_network", "culture_leisure"],
    groups: ["women"],
    words: ["kvinner", "møteplass", "mat", "prat"],
  },
  {
    titles: ["Digital hjelp", "BankID-kurs", "Datakurs for seniorer"],
    themes: ["digital_skills", "practical_help"],
    groups: ["adults", "seniors"],
    words: ["mobil", "bankid", "nav", "nett"],
  },
  {
    titles: ["Foreldregruppe", "Foreldreveiledning", "Babysang"],
    themes: ["parenting"],
    groups: ["families", "newly_settled"],
    words: ["foreldre", "barn", "skole", "barnehage"],
  },
  {
    titles: ["Helsekafé", "Helseinformasjon for nybosatte", "Trim for kvinner"],
    themes: ["health", "social_network"],
    groups: ["newly_settled", "women"],
    words: ["helse", "lege", "vaksine"],
  },
  {
    titles: ["Kor", "Kulturkveld", "Matkurs", "Sjakklubb"],
    themes: ["culture_leisure"],
    groups: ["everyone", "adults"],
    words: ["musikk", "mat", "kultur", "spill"],
  },
];
/** pickSome that never asks for more distinct items than the list has. */
const pickSome = <T>(rng: Rng, list: readonly T[], min: number, max: number) => pickSomeOf(rng, list, Math.min(min, list.length), Math.min(max, list.length));
const places = ["", " sentrum", " øst", " vest", " nord", " sør", " på biblioteket", " i frivilligsentralen"];

/** Activities of one kommune, deterministic from the seed and the kommune number. */
function activitiesFor(rng: Rng, k: Kommune | null, n: number, organizationIds: string[]): OverlapActivity[] {
  const out: OverlapActivity[] = [];
  for (let i = 0; i < n; i++) {
    const t = pick(rng, templates);
    // A point in the kommune's bounding box (no polygon test: cheap, and near enough for scoring).
    const point = k
      ? { lat: k.bbox[1] + rng() * (k.bbox[3] - k.bbox[1]), lon: k.bbox[0] + rng() * (k.bbox[2] - k.bbox[0]) }
      : { lat: 60.79 + (rng() - 0.5) * 0.2, lon: 11.07 + (rng() - 0.5) * 0.4 };
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
  const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const times: number[] = [];
  const readTimes: number[] = [];
  const scoreTimes: number[] = [];
  let last: Awaited<ReturnType<typeof detectOverlaps>> | null = null;
  for (let i = 0; i < 5; i++) {
    let t0 = performance.now();
    last = await detectOverlaps(db, NUMBER);
    times.push(performance.now() - t0);
    // The same two steps apart: the database read, and the scoring (incl. sorting and building the listed pairs).
    t0 = performance.now();
    const rows = await loadOverlapActivities(db, NUMBER);
    readTimes.push(performance.now() - t0);
    t0 = performance.now();
    findOverlaps(rows);
    scoreTimes.push(performance.now() - t0);
  }
  await handle.close();
  const total = median(times);
  const scoring = median(scoreTimes);
  console.log(
    `Overlap, one kommune (PGlite, detectOverlaps incl. reading ${last!.activityCount} activities): median ${total.toFixed(0)} ms of 5 (min ${times[0]!.toFixed(0)}, max ${times[4]!.toFixed(0)}); ` +
      `database read median ${median(readTimes).toFixed(0)} ms, scoring median ${scoring.toFixed(0)} ms; ` +
      `${last!.compared.toLocaleString("en")} pairs compared = ${(((last!.compared / scoring) * 1000) / 1e6).toFixed(1)} M pairs/s, ${last!.pairs.length.toLocaleString("en")} above the threshold. Aim < 1000 ms: ${total < 1000 ? "met" : "NOT met"}`,
  );
}

interface KommuneResult {
  index: number;
  n: number;
  compared: number;
  found: number;
  ms: number;
  cpuMs: number;
}

/** CPU time of this thread (Node ≥ 23.9; process.cpuUsage() would count the other workers too). */
const cpuMs = () => {
  const u = (process as { threadCpuUsage?: () => NodeJS.CpuUsage }).threadCpuUsage?.() ?? process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/** Generates one kommune's activities (deterministic from the seed and its number) and counts its overlaps. */
function scoreKommune(kommuner: Kommune[], index: number, totalPopulation: number): KommuneResult {
  const k = kommuner[index]!;
  const n = Math.max(5, Math.round((NATIONAL_ACTIVITIES * Math.max(k.population, 300)) / totalPopulation));
  const rng = mulberry32(seed * 100_000 + Number(k.number));
  const orgIds = Array.from({ length: Math.max(3, Math.round(n / 5)) }, () => uuidFrom(rng));
  const list = activitiesFor(rng, k, n, orgIds);
  const t0 = performance.now();
  const c0 = cpuMs();
  // Count only: at this density Oslo alone has tens of millions of pairs above the threshold (see docs/overlap-scoring.md).
  const result = findOverlaps(list, { collect: false });
  return { index, n, compared: result.compared, found: result.found, ms: performance.now() - t0, cpuMs: cpuMs() - c0 };
}

/**
 * All kommuner, largest first, over one worker thread per core (a nightly
 * national run would use the machine the same way); each worker takes the
 * next kommune when it is done with one. `--workers 1` runs it in one thread.
 */
async function nationalRun() {
  const kommuner = loadKommuner();
  const totalPopulation = kommuner.reduce((s, k) => s + Math.max(k.population, 300), 0);
  const order = kommuner.map((_, i) => i).sort((x, y) => kommuner[y]!.population - kommuner[x]!.population);
  const workers = Math.max(1, Number(arg("workers") ?? availableParallelism()));
  const rssBefore = rssMb();
  const results: KommuneResult[] = [];
  const started = performance.now();
  if (workers === 1) {
    for (const index of order) results.push(scoreKommune(kommuner, index, totalPopulation));
  } else {
    let next = 0;
    await Promise.all(
      Array.from({ length: workers }, async () => {
        const worker = new Worker(new URL(import.meta.url), { workerData: { totalPopulation }, argv: process.argv.slice(2) });
        let answer: { resolve: (r: KommuneResult) => void; reject: (e: unknown) => void } | null = null;
        worker.on("message", (r: KommuneResult) => answer?.resolve(r));
        worker.on("error", (e) => answer?.reject(e));
        const ask = (index: number) =>
          new Promise<KommuneResult>((resolve, reject) => {
            answer = { resolve, reject };
            worker.postMessage(index);
          });
        while (next < order.length) results.push(await ask(order[next++]!));
        await worker.terminate();
      }),
    );
  }
  const wall = (performance.now() - started) / 1000;
  const sum = (f: (r: KommuneResult) => number) => results.reduce((s, r) => s + f(r), 0);
  const compared = sum((r) => r.compared);
  const scoringCpu = sum((r) => r.cpuMs) / 1000;
  const largest = results.reduce((a, b) => (b.n > a.n ? b : a));
  console.log(
    `Overlap, national${scale !== 1 ? ` (SCALED ×${scale})` : ""}: ${sum((r) => r.n).toLocaleString("en")} activities in ${kommuner.length} kommuner, one kommune at a time on ${workers} worker thread(s) (generated in memory; pairs above the threshold counted, not kept): ` +
      `wall ${wall.toFixed(1)} s incl. generating; scoring ${scoringCpu.toFixed(1)} CPU-s; ${compared.toLocaleString("en")} pairs compared = ${(compared / wall / 1e6).toFixed(1)} M pairs/s (${(compared / scoringCpu / 1e6).toFixed(1)} M per CPU-s); ${sum((r) => r.found).toLocaleString("en")} pairs above the threshold; ` +
      `largest kommune ${kommuner[largest.index]!.name}: ${largest.n.toLocaleString("en")} activities, ${largest.compared.toLocaleString("en")} pairs, ${(largest.ms / 1000).toFixed(1)} s; peak RSS ${rssMb().toFixed(0)} MB (${rssBefore.toFixed(0)} MB before). Aim < 60 s: ${wall < 60 ? "met" : "NOT met"}`,
  );
}

if (isMainThread) {
  if (only !== "national") await kommuneRun();
  if (only !== "kommune") await nationalRun();
} else {
  const kommuner = loadKommuner();
  const { totalPopulation } = workerData as { totalPopulation: number };
  parentPort!.on("message", (index: number) => parentPort!.postMessage(scoreKommune(kommuner, index, totalPopulation)));
}
