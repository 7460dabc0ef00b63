/**
 * Deterministic national-scale data for the benchmarks: the 357 real kommuner,
 * 100,000 organisations and 500,000 activities at scale 1 (times --scale).
 * Same seed and scale → same content (ids, names, texts, places, schedules);
 * dates are relative to the day the data is generated (so it stays "fresh"
 * for the staleness rules).
 *
 * Written through openDatabase(), so the migrations are the app's real ones.
 * A marker row (table bench_meta) records seed, scale and generator version;
 * a database that already has the same marker is reused as it is.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import type { Database } from "~/db/client.server.ts";
import { activities, organizationMunicipalities, organizations, searchWords } from "~/db/schema/index.ts";
import { loadReferenceData } from "~/domain/reference/reference.server.ts";
import { activityLanguages, activityThemes, targetGroups } from "~/domain/activities/activities.constants.ts";
import { wordsOf } from "~/domain/activities/activities.server.ts";
import { tagWordsFor } from "~/domain/activities/tag-words.ts";
import kommunerJson from "~/db/reference/kommuner.json";

export const GENERATOR_VERSION = 2;
export const NATIONAL = { organizations: 100_000, activities: 500_000 };

// ---------------------------------------------------------------- PRNG

/** mulberry32: tiny, fast, good enough for test data; same seed → same sequence. */
export function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Rng = () => number;
export const pick = <T>(rng: Rng, list: readonly T[]): T => list[Math.floor(rng() * list.length)]!;
export const chance = (rng: Rng, p: number) => rng() < p;
export function pickSome<T>(rng: Rng, list: readonly T[], min: number, max: number): T[] {
  const n = min + Math.floor(rng() * (max - min + 1));
  const out = new Set<T>();
  while (out.size < n) out.add(pick(rng, list));
  return [...out];
}
/** A v4-shaped UUID from the generator, so ids are stable between runs. */
export function uuidFrom(rng: Rng): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(rng() * 16).toString(16));
  hex[12] = "4";
  hex[16] = "89ab"[Math.floor(rng() * 4)]!;
  const h = hex.join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** Weighted choice over cumulative weights (binary search). */
export function weightedPicker<T>(items: T[], weight: (t: T) => number) {
  const cumulative: number[] = [];
  let total = 0;
  for (const item of items) cumulative.push((total += weight(item)));
  return (rng: Rng): T => {
    const x = rng() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! > x) hi = mid;
      else lo = mid + 1;
    }
    return items[lo]!;
  };
}

// ---------------------------------------------------------------- geography

interface KommuneRecord {
  k_id: string;
  k_name: string;
  k_name_no?: string;
  k_adm_center?: string;
  k_population?: number;
}

type Ring = number[][];
export interface Kommune {
  number: string;
  name: string;
  centre: string;
  population: number;
  polygons: Ring[][];
  bbox: [number, number, number, number];
}

function ringContains(ring: Ring, x: number, y: number): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi! > y !== yj! > y && x < ((xj! - xi!) * (y - yi!)) / (yj! - yi!) + xi!) inside = !inside;
  }
  return inside;
}

/** Ray casting over a (multi)polygon with holes. */
export function polygonContains(polygons: Ring[][], x: number, y: number): boolean {
  for (const [outer, ...holes] of polygons) {
    if (outer && ringContains(outer, x, y) && !holes.some((h) => ringContains(h, x, y))) return true;
  }
  return false;
}

export function loadKommuner(): Kommune[] {
  const geo = JSON.parse(readFileSync(path.resolve("bench/data/kommuner-2024-s.geojson"), "utf8")) as {
    features: { properties: { kommunenummer: string }; geometry: { type: string; coordinates: unknown } }[];
  };
  const shapes = new Map<string, Ring[][]>();
  for (const f of geo.features) {
    const g = f.geometry;
    shapes.set(f.properties.kommunenummer, g.type === "Polygon" ? [g.coordinates as Ring[]] : (g.coordinates as Ring[][]));
  }
  return (kommunerJson as KommuneRecord[]).map((k) => {
    const polygons = shapes.get(k.k_id);
    if (!polygons) throw new Error(`No boundary for kommune ${k.k_id}`);
    let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
    for (const poly of polygons)
      for (const [x, y] of poly[0]!) {
        minX = Math.min(minX, x!);
        maxX = Math.max(maxX, x!);
        minY = Math.min(minY, y!);
        maxY = Math.max(maxY, y!);
      }
    return {
      number: k.k_id,
      name: k.k_name_no ?? k.k_name,
      centre: k.k_adm_center ?? k.k_name_no ?? k.k_name,
      population: k.k_population ?? 5000,
      polygons,
      bbox: [minX, minY, maxX, maxY],
    };
  });
}

/** Rejection sampling in the bounding box; falls back to the box centre after 200 misses (tiny islands). */
export function pointIn(rng: Rng, k: Kommune): { lat: number; lon: number } {
  const [minX, minY, maxX, maxY] = k.bbox;
  for (let i = 0; i < 200; i++) {
    const x = minX + rng() * (maxX - minX);
    const y = minY + rng() * (maxY - minY);
    if (polygonContains(k.polygons, x, y)) return { lat: round6(y), lon: round6(x) };
  }
  return { lat: round6((minY + maxY) / 2), lon: round6((minX + maxX) / 2) };
}
const round6 = (n: number) => Math.round(n * 1e6) / 1e6;

// ---------------------------------------------------------------- organisations

export function orgNumberFrom(base8: number): string | null {
  const digits = String(base8).padStart(8, "0");
  const weights = [3, 2, 7, 6, 5, 4, 3, 2];
  const sum = weights.reduce((acc, w, i) => acc + w * Number(digits[i]), 0);
  const rest = sum % 11;
  const check = rest === 0 ? 0 : 11 - rest;
  return check === 10 ? null : digits + check;
}

const orgTemplates: {
  kind: (typeof import("~/domain/organizations/organizations.constants.ts").organizationKinds)[number];
  names: string[];
  weight: number;
}[] = [
  {
    kind: "voluntary",
    weight: 30,
    names: [
      "{P} Røde Kors",
      "{P} Sanitetsforening",
      "{P} Lions Club",
      "Norsk Folkehjelp {P}",
      "{P} Redd Barna",
      "{P} Bygdekvinnelag",
      "{P} Turlag",
      "Leksehjelpen i {P}",
      "{P} Sjakklubb",
      "{P} Kulturforening",
      "Kirkens Bymisjon {P}",
      "{P} Husflidslag",
      "{P} Pensjonistforening",
      "Venneforeningen i {P}",
      "{P} Frivillige Flyktninghjelp",
    ],
  },
  {
    kind: "migrant_organization",
    weight: 16,
    names: [
      "Somalisk forening i {P}",
      "Eritreisk forening i {P}",
      "Syrisk kulturforening {P}",
      "Afghansk forening i {P}",
      "Ukrainsk forening i {P}",
      "Kurdisk kultursenter {P}",
      "Polsk forening i {P}",
      "Etiopisk forening {P}",
      "Sudanesisk forening i {P}",
      "Kvinner i {P} – internasjonal kvinnegruppe",
      "Internasjonalt kvinnenettverk {P}",
      "Tigrinjatalende foreldre i {P}",
    ],
  },
  { kind: "volunteer_centre", weight: 6, names: ["Frivilligsentralen i {P}", "{P} Frivilligsentral", "Frivillighetssentralen {P}"] },
  { kind: "faith_community", weight: 7, names: ["{P} menighet", "{P} moské", "{P} katolske menighet", "{P} pinsemenighet", "Den ortodokse menigheten i {P}"] },
  {
    kind: "sports_club",
    weight: 18,
    names: ["{P} IL", "{P} Fotballklubb", "{P} Sykkelklubb", "{P} Svømmeklubb", "{P} Turn", "{P} Bryteklubb", "{P} Cricketklubb", "{P} Volleyballklubb"],
  },
  {
    kind: "municipality_unit",
    weight: 6,
    names: ["Flyktningtjenesten i {P}", "{P} voksenopplæring", "{P} bibliotek", "{P} helsestasjon", "Introduksjonsprogrammet {P}", "{P} kulturskole"],
  },
  { kind: "nav_office", weight: 2, names: ["NAV {P}"] },
  { kind: "employer", weight: 6, names: ["{P} Bygg AS", "{P} Renhold AS", "{P} Transport AS", "{P} Sykehjem", "{P} Matsenter AS", "{P} Hotell AS"] },
  { kind: "reception_centre", weight: 2, names: ["{P} mottak", "Hero {P} mottak"] },
  { kind: "adult_education", weight: 4, names: ["Folkeuniversitetet {P}", "Studieforbundet {P}", "{P} læringssenter"] },
  { kind: "other", weight: 3, names: ["Nettverk for nye i {P}", "{P} nabolagshage", "Inkluderingsprosjektet {P}", "{P} ungdomsklubb"] },
];

const placeSuffixes = ["", "", "", " sentrum", " øst", " vest", " nord", " sør"];

// ---------------------------------------------------------------- activities

interface ActivityTemplate {
  titles: string[];
  themes: (typeof activityThemes)[number][];
  groups: (typeof targetGroups)[number][];
  volunteers: string;
}

const activityTemplates: ActivityTemplate[] = [
  {
    titles: ["Språkkafé", "Språkkafé på biblioteket", "Språkkafe for voksne", "Internasjonal språkkafé"],
    themes: ["language", "social_network"],
    groups: ["adults", "everyone", "newly_settled"],
    volunteers: "samtalevenner",
  },
  {
    titles: ["Leksehjelp", "Leksehjelp for barn", "Leksehjelp for ungdom", "Leksehjelp i matematikk", "Digital leksehjelp"],
    themes: ["homework_help"],
    groups: ["children", "youth"],
    volunteers: "leksehjelpere",
  },
  {
    titles: ["Norsktrening", "Norsktrening for kvinner", "Norskgruppe for nybegynnere", "Praktisk norsk", "Samtaletrening på norsk"],
    themes: ["language"],
    groups: ["adults", "women", "newly_settled"],
    volunteers: "norsklærere",
  },
  {
    titles: ["Turgruppe", "Søndagstur", "Fjelltur for nybegynnere", "Familietur i skogen", "Kveldstur rundt vannet"],
    themes: ["sports_outdoors", "social_network"],
    groups: ["everyone", "families"],
    volunteers: "turledere",
  },
  {
    titles: ["Jobbklubb", "Jobbsøkerkurs", "CV-verksted", "Mentorprogram for jobbsøkere", "Arbeidstrening i butikk"],
    themes: ["work", "mentoring"],
    groups: ["job_seekers", "adults"],
    volunteers: "mentorer",
  },
  {
    titles: ["Boveiledning", "Burettleiing", "Kurs om å leie bolig", "Bokurs for nybosatte"],
    themes: ["housing", "practical_help"],
    groups: ["newly_settled", "families"],
    volunteers: "boveiledere",
  },
  {
    titles: ["Fotball for alle", "Fotballtrening for jenter", "Gatefotball", "Fotball for ungdom"],
    themes: ["sports_outdoors"],
    groups: ["children", "youth"],
    volunteers: "trenere",
  },
  {
    titles: ["Sykkelopplæring", "Sykkelkurs for voksne", "Sykkelverksted"],
    themes: ["sports_outdoors", "practical_help"],
    groups: ["adults", "women"],
    volunteers: "sykkelinstruktører",
  },
  {
    titles: ["Foreldremøte", "Foreldrekafé", "Foreldreveiledning (ICDP)", "Møteplass for foreldre"],
    themes: ["parenting", "social_network"],
    groups: ["families"],
    volunteers: "tolker",
  },
  {
    titles: ["Svømmekurs for kvinner", "Svømmeopplæring for barn", "Svømming for voksne"],
    themes: ["sports_outdoors", "health"],
    groups: ["women", "children", "adults"],
    volunteers: "badevakter",
  },
  {
    titles: ["Datakurs", "Digital hjelp", "Hjelp med BankID og digitale tjenester", "Mobilkurs for seniorer"],
    themes: ["digital_skills", "practical_help"],
    groups: ["seniors", "adults"],
    volunteers: "digitale hjelpere",
  },
  {
    titles: ["Helsekafé", "Trening for kvinner", "Psykisk helse – samtalegruppe", "Tannhelse for familier"],
    themes: ["health", "social_network"],
    groups: ["women", "adults", "families"],
    volunteers: "helsevenner",
  },
  {
    titles: ["Strikkekafé", "Matlagingskurs", "Internasjonal matklubb", "Kor for alle", "Dans og musikk", "Teatergruppe for ungdom"],
    themes: ["culture_leisure", "social_network"],
    groups: ["everyone", "youth", "women"],
    volunteers: "frivillige",
  },
  {
    titles: ["Flyktningguide", "Venneprogram", "Vennefamilie", "Mentor for nybosatte"],
    themes: ["mentoring", "social_network"],
    groups: ["newly_settled", "families"],
    volunteers: "guider",
  },
  {
    titles: ["Leksehjelp og språkkafé", "Åpen møteplass", "Kaffe og prat", "Internasjonal kvinnegruppe", "Seniortreff"],
    themes: ["social_network", "language"],
    groups: ["everyone", "women", "seniors"],
    volunteers: "verter",
  },
];

const venues = [
  "biblioteket",
  "frivilligsentralen",
  "kulturhuset",
  "skolen",
  "menighetshuset",
  "idrettshallen",
  "grendehuset",
  "bydelshuset",
  "ungdomsklubben",
  "voksenopplæringen",
  "helsestasjonen",
  "samfunnshuset",
];
const openers = [
  "Vi møtes på {V} i {P} for {T}.",
  "Velkommen til {T} på {V}!",
  "{T} hver uke på {V} i {P}.",
  "Et gratis tilbud om {T} for alle som bor i {P}.",
  "Bli med på {T} sammen med andre i {P}.",
];
const middles = [
  "Ingen påmelding, bare møt opp.",
  "Vi serverer kaffe, te og noe å bite i.",
  "Ta gjerne med barna, vi har eget hjørne med leker.",
  "Frivillige med lang erfaring hjelper deg i ditt tempo.",
  "Tilbudet er åpent for alle, uansett nivå og bakgrunn.",
  "Vi snakker norsk, men kan også hjelpe på engelsk og arabisk.",
  "Her kan du øve på norsk, bli kjent med nye folk og få hjelp med hverdagslige ting.",
  "Det er tolk til stede ved behov.",
  "Vi samarbeider med NAV og flyktningtjenesten i kommunen.",
  "Lokalet er tilrettelagt for rullestol.",
  "Vi har også egne grupper for kvinner.",
  "Husk å ta med matpakke og drikke.",
];
const closers = ["Alle er hjertelig velkommen!", "Spørsmål? Ta kontakt med oss.", "Vi gleder oss til å se deg.", "Gratis og uforpliktende.", ""];
const bydays = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"];

// ---------------------------------------------------------------- generation

export interface GenerateOptions {
  seed: number;
  scale: number;
  now?: Date;
  log?: (msg: string) => void;
}

export interface GenerateResult {
  reused: boolean;
  organizations: number;
  activities: number;
  words: number;
  seconds: number;
}

export function markerOf(o: GenerateOptions) {
  return `v${GENERATOR_VERSION};seed=${o.seed};scale=${o.scale}`;
}

async function readMarker(db: Database): Promise<string | null> {
  await db.execute(sql`create table if not exists bench_meta (key text primary key, value text not null)`);
  const result = (await db.execute(sql`select value from bench_meta where key = 'dataset'`)) as unknown as { rows: { value: string }[] };
  return result.rows[0]?.value ?? null;
}

/** Hours east of UTC for Oslo on a date (CET/CEST), good enough for generated times. */
function osloOffsetHours(d: Date): number {
  const m = d.getUTCMonth();
  return m >= 3 && m <= 9 ? 2 : 1;
}

/** Next start at `hour` Oslo time on one of `days` (ISO 1–7) strictly after `now`. */
function nextWeekly(now: Date, days: number[], hour: number, intervalWeeks: number, startsAt: Date): Date {
  for (let add = 0; add < 7 * intervalWeeks + 1; add++) {
    const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + add));
    const iso = ((d.getUTCDay() + 6) % 7) + 1;
    if (!days.includes(iso)) continue;
    if (intervalWeeks > 1) {
      const weeks = Math.floor((d.getTime() - startsAt.getTime()) / (7 * 86_400_000));
      if (weeks % intervalWeeks !== 0) continue;
    }
    const at = new Date(d.getTime() + (hour - osloOffsetHours(d)) * 3_600_000);
    if (at > now) return at;
  }
  return new Date(now.getTime() + 7 * 86_400_000);
}

export async function generate(db: Database, options: GenerateOptions): Promise<GenerateResult> {
  const log = options.log ?? (() => {});
  const started = performance.now();
  const marker = markerOf(options);
  if ((await readMarker(db)) === marker) {
    const [o] = (
      (await db.execute(
        sql`select (select count(*)::int from organizations) as o, (select count(*)::int from activities) as a, (select count(*)::int from search_words) as w`,
      )) as unknown as { rows: { o: number; a: number; w: number }[] }
    ).rows;
    return { reused: true, organizations: o!.o, activities: o!.a, words: o!.w, seconds: 0 };
  }
  // Different or missing marker: start from empty tables (reference data is upserted).
  await db.execute(sql`truncate activities, activity_partners, search_words, organization_municipalities, organizations cascade`);
  await db.execute(sql`delete from bench_meta`);
  await loadReferenceData(db);

  const now = options.now ?? new Date(new Date().toISOString().slice(0, 10) + "T06:00:00Z");
  const rng = mulberry32(options.seed);
  const kommuner = loadKommuner();
  const byPopulation = weightedPicker(kommuner, (k) => Math.max(k.population, 300));
  const pickTemplate = weightedPicker(orgTemplates, (t) => t.weight);
  const nOrgs = Math.max(50, Math.round(NATIONAL.organizations * options.scale));
  const nActivities = Math.max(200, Math.round(NATIONAL.activities * options.scale));

  // Organisations ---------------------------------------------------------
  const orgs: { id: string; kommune: Kommune; name: string; kind: string }[] = [];
  let orgNumberBase = 81_000_000;
  const orgBatch = 1000;
  const t0 = performance.now();
  for (let start = 0; start < nOrgs; start += orgBatch) {
    const rows: (typeof organizations.$inferInsert)[] = [];
    const links: (typeof organizationMunicipalities.$inferInsert)[] = [];
    for (let i = start; i < Math.min(nOrgs, start + orgBatch); i++) {
      const kommune = byPopulation(rng);
      const template = pickTemplate(rng);
      const place = chance(rng, 0.85) ? kommune.centre : kommune.name;
      const name =
        pick(rng, template.names).replace("{P}", place) + (chance(rng, 0.3) ? pick(rng, placeSuffixes) : "") + (i >= 2000 && chance(rng, 0.5) ? ` ${i}` : "");
      const id = uuidFrom(rng);
      orgNumberBase += 1 + Math.floor(rng() * 5);
      const orgNumber = chance(rng, 0.7) ? orgNumberFrom(orgNumberBase) : null;
      orgs.push({ id, kommune, name, kind: template.kind });
      rows.push({
        id,
        name,
        orgNumber,
        kind: template.kind,
        description: `${name} holder til i ${kommune.name}.`,
        website: chance(rng, 0.5) ? `https://www.org${i}.example.no` : null,
        contactEmail: chance(rng, 0.6) ? `post@org${i}.example.no` : null,
        source: orgNumber && chance(rng, 0.5) ? "brreg" : "manual",
        inFrivillighetsregisteret: template.kind === "voluntary" && chance(rng, 0.6),
        verified: chance(rng, 0.3),
        lastConfirmedAt: new Date(now.getTime() - Math.floor(rng() * 300) * 86_400_000),
      });
      links.push({ organizationId: id, municipalityNumber: kommune.number });
    }
    await db.transaction(async (tx) => {
      await tx.insert(organizations).values(rows);
      await tx.insert(organizationMunicipalities).values(links);
    });
  }
  log(`  ${nOrgs} organisations in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  // Activities ------------------------------------------------------------
  // Organisations are weighted by population already; bigger ones run more activities.
  const pickOrg = weightedPicker(orgs, (o) => (o.kind === "volunteer_centre" || o.kind === "voluntary" ? 3 : 1));
  const words = new Set<string>();
  const t1 = performance.now();
  const batchSize = 1000;
  for (let start = 0; start < nActivities; start += batchSize) {
    const rows: (typeof activities.$inferInsert)[] = [];
    for (let i = start; i < Math.min(nActivities, start + batchSize); i++) {
      const org = pickOrg(rng);
      const kommune = chance(rng, 0.9) ? org.kommune : byPopulation(rng);
      const template = pick(rng, activityTemplates);
      const base = pick(rng, template.titles);
      const place = chance(rng, 0.6) ? kommune.centre : kommune.name;
      const title = chance(rng, 0.5) ? `${base} i ${place}` : chance(rng, 0.5) ? `${base} – ${org.name}` : base;
      const venue = pick(rng, venues);
      const topic = base.toLowerCase();
      const description = [
        pick(rng, openers).replaceAll("{V}", venue).replaceAll("{P}", place).replaceAll("{T}", topic),
        ...pickSome(rng, middles, 1, 3),
        pick(rng, closers),
      ]
        .filter(Boolean)
        .map((s) => s[0]!.toUpperCase() + s.slice(1))
        .join(" ");
      for (const w of wordsOf(title, description)) words.add(w);
      const themes = [
        ...new Set([...template.themes.slice(0, 1 + Math.floor(rng() * template.themes.length)), ...(chance(rng, 0.15) ? [pick(rng, activityThemes)] : [])]),
      ];
      const groups = [...new Set([pick(rng, template.groups), ...(chance(rng, 0.3) ? [pick(rng, targetGroups)] : [])])];
      const languages = ["nb", ...(chance(rng, 0.4) ? pickSome(rng, activityLanguages, 1, 3) : [])].filter((v, j, a) => a.indexOf(v) === j);
      const tagWords = tagWordsFor({ themes, targetGroups: groups, languages }, kommune.name);
      for (const w of wordsOf(tagWords)) words.add(w);
      const { lat, lon } = pointIn(rng, kommune);
      const hour = 10 + Math.floor(rng() * 10);
      const r = rng();
      let scheduleKind: "recurring" | "dates" | "ongoing";
      let rrule: string | null = null;
      let startsAt: Date | null = null;
      let extraDates: Date[] = [];
      let nextOccurrenceAt: Date | null = null;
      let weekdays: number[] = [];
      const firstDay = new Date(now.getTime() - Math.floor(rng() * 400) * 86_400_000);
      if (r < 0.7) {
        scheduleKind = "recurring";
        const days = pickSome(rng, [1, 2, 3, 4, 5, 6, 7], 1, chance(rng, 0.7) ? 1 : 2).sort();
        const interval = chance(rng, 0.15) ? 2 : 1;
        rrule = `FREQ=WEEKLY${interval > 1 ? `;INTERVAL=${interval}` : ""};BYDAY=${days.map((d) => bydays[d - 1]).join(",")}`;
        startsAt = new Date(Date.UTC(firstDay.getUTCFullYear(), firstDay.getUTCMonth(), firstDay.getUTCDate(), hour - osloOffsetHours(firstDay)));
        nextOccurrenceAt = nextWeekly(now, days, hour, interval, startsAt);
        weekdays = days;
      } else if (r < 0.8) {
        scheduleKind = "recurring";
        const day = pick(rng, [1, 2, 3, 4, 5, 6]);
        rrule = `FREQ=MONTHLY;BYDAY=1${bydays[day - 1]}`;
        startsAt = new Date(Date.UTC(firstDay.getUTCFullYear(), firstDay.getUTCMonth(), firstDay.getUTCDate(), hour - osloOffsetHours(firstDay)));
        // First given weekday of next month (cheap; the app recomputes on edit).
        const m = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
        while (((m.getUTCDay() + 6) % 7) + 1 !== day) m.setUTCDate(m.getUTCDate() + 1);
        nextOccurrenceAt = new Date(m.getTime() + (hour - osloOffsetHours(m)) * 3_600_000);
        weekdays = [day];
      } else if (r < 0.92) {
        scheduleKind = "dates";
        const n = 1 + Math.floor(rng() * 3);
        for (let j = 0; j < n; j++) {
          const d = new Date(now.getTime() + (1 + Math.floor(rng() * 200)) * 86_400_000);
          extraDates.push(new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), hour - osloOffsetHours(d))));
        }
        extraDates = extraDates.sort((a, b) => a.getTime() - b.getTime());
        startsAt = extraDates[0]!;
        nextOccurrenceAt = extraDates[0]!;
        weekdays = [...new Set(extraDates.map((d) => ((d.getUTCDay() + 6) % 7) + 1))].sort();
      } else scheduleKind = "ongoing";
      const free = chance(rng, 0.85);
      const seeksVolunteers = chance(rng, 0.25);
      const stale = chance(rng, 0.05);
      rows.push({
        id: uuidFrom(rng),
        organizationId: org.id,
        municipalityNumber: kommune.number,
        tagWords,
        title,
        description,
        howToJoin: chance(rng, 0.5) ? "Bare møt opp." : "Meld deg på hos oss på e-post eller telefon.",
        themes,
        targetGroups: groups,
        languages,
        address: `${venue[0]!.toUpperCase()}${venue.slice(1)}, ${place}`,
        latitude: lat,
        longitude: lon,
        scheduleKind,
        startsAt,
        durationMinutes: scheduleKind === "ongoing" ? null : pick(rng, [60, 90, 120]),
        rrule,
        extraDates,
        nextOccurrenceAt,
        weekdays,
        isFree: free,
        costDescription: free ? null : `${pick(rng, [50, 100, 200, 300])} kr`,
        seeksVolunteers,
        volunteerTasks: seeksVolunteers ? `Vi trenger flere ${template.volunteers}.` : null,
        status: chance(rng, 0.03) ? "paused" : chance(rng, 0.05) ? "planned" : "active",
        visibility: chance(rng, 0.92) ? "public" : chance(rng, 0.5) ? "partners" : "internal",
        lastConfirmedAt: new Date(now.getTime() - (stale ? 380 + Math.floor(rng() * 300) : Math.floor(rng() * 330)) * 86_400_000),
        createdAt: firstDay,
        updatedAt: firstDay,
      });
    }
    await db.transaction(async (tx) => {
      await tx.insert(activities).values(rows);
    });
    if ((start / batchSize) % 50 === 49) log(`  ${start + batchSize} activities, ${((performance.now() - t1) / 1000).toFixed(0)} s`);
  }
  log(`  ${nActivities} activities in ${((performance.now() - t1) / 1000).toFixed(1)} s`);

  const wordList = [...words].sort();
  for (let s = 0; s < wordList.length; s += 5000) {
    await db
      .insert(searchWords)
      .values(wordList.slice(s, s + 5000).map((word) => ({ word })))
      .onConflictDoNothing();
  }
  await db.execute(sql`analyze`);
  await db.execute(sql`insert into bench_meta (key, value) values ('dataset', ${marker}), ('generated_at', ${new Date().toISOString()})`);
  return { reused: false, organizations: nOrgs, activities: nActivities, words: wordList.length, seconds: (performance.now() - started) / 1000 };
}

/**
 * On a reused database, weekly "next occurrence" dates drift into the past:
 * advance them by whole intervals in one statement (the generator's weekly
 * rules start on a matching weekday), so the app's hourly refresh has little to do.
 */
export async function freshenReusedData(db: Database): Promise<number> {
  const result = (await db.execute(sql`
    update activities set next_occurrence_at = next_occurrence_at
      + (ceil(extract(epoch from (now() - next_occurrence_at)) / (604800 * case when rrule like '%INTERVAL=2%' then 2 else 1 end))
         * case when rrule like '%INTERVAL=2%' then 2 else 1 end) * interval '1 week'
    where next_occurrence_at < now() and rrule like 'FREQ=WEEKLY%'`)) as unknown as { affectedRows?: number; rowCount?: number };
  return result.affectedRows ?? result.rowCount ?? 0;
}
