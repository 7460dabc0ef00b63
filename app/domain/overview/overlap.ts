/**
 * Parallel initiatives: how much two activities by different organisations
 * in the same kommune overlap. Pure scoring, no database, so it is tested on
 * a labelled fixture (tests/fixtures/overlap/labelled-pairs.json) and
 * benchmarked alone. The scoring and its weights are explained in
 * docs/overlap-scoring.md.
 */
import { activityThemes, targetGroups } from "~/domain/activities/activities.constants.ts";

/** What the scoring needs to know about one activity. */
export interface OverlapActivity {
  id: string;
  organizationId: string;
  title: string;
  description: string;
  themes: readonly string[];
  targetGroups: readonly string[];
  latitude: number | null;
  longitude: number | null;
  postalCode: string | null;
  scheduleKind: "dates" | "recurring" | "ongoing";
  /** ISO weekdays (Monday = 1) the activity happens on. */
  weekdays: readonly number[];
  /** Start time of day in Europe/Oslo, minutes after midnight; null when unknown. */
  startMinute: number | null;
  durationMinutes: number | null;
}

export const overlapParts = ["theme", "target", "place", "time", "text"] as const;
export type OverlapPart = (typeof overlapParts)[number];

/** How much each part counts; they sum to 1. */
export const OVERLAP_WEIGHTS: Record<OverlapPart, number> = {
  theme: 0.25,
  target: 0.15,
  place: 0.2,
  time: 0.15,
  text: 0.25,
};

/** Pairs scoring at least this are shown as parallel initiatives. */
export const OVERLAP_THRESHOLD = 0.55;

/** A part's value when it cannot be known (no point/postcode, an ongoing activity, no target group). */
export const NEUTRAL = 0.5;

/** Place: 1 within this distance… */
export const NEAR_KM = 1;
/** …falling linearly to 0 at this distance. */
export const FAR_KM = 10;

export interface OverlapDetails {
  /** Themes and target groups both have. */
  sharedThemes: string[];
  sharedTargetGroups: string[];
  /** Metres between the two points, when both have one. */
  distanceMeters: number | null;
  samePostalCode: boolean;
  /** ISO weekdays both happen on (empty when either is ongoing or has no days). */
  sharedWeekdays: number[];
  /** Whether the time-of-day windows overlap on a shared day (null when unknown). */
  timesOverlap: boolean | null;
  /** Trigram similarity of the titles, 0..1. */
  titleSimilarity: number;
  /** Stemmed words of title and description both use (a few, for the explanation). */
  sharedWords: string[];
}

export interface OverlapScore {
  score: number;
  parts: Record<OverlapPart, number>;
  details: OverlapDetails;
}

// ---------------------------------------------------------------- text

const STOPWORDS = new Set(
  (
    "alle andre at av bare begge bli blir ble da de dei deg dem den denne der dere det dette du eller en ei et etter for fra før gjennom god " +
    "ha har hele her hos hva hvem hver hvis hvor i ikke inn inni ingen jeg kan kom kommer kun kva kvar man med meg mellom men mot mye må ned nei " +
    "noe noen ny nye og også om opp oss over på samme seg selv si sin sine sitt skal skulle slik som så til ut uten var ved vi vil ville vår være " +
    "med blant hver annen uke uka klokka klokken ingen gratis alle velkommen velkomne møt opp bare påmelding nivå nivåer"
  )
    .split(/\s+/)
    .map(fold),
);

/** Lower case, accents off, æ→ae, ø→o, å→a (as `wordsOf` in activities.server.ts). */
export function fold(text: string): string {
  return text.toLowerCase().replace(/æ/g, "ae").replace(/ø/g, "o").normalize("NFKD").replace(/[\u0300-\u036f]/g, "");
}

const SUFFIXES = ["hetene", "heten", "heter", "ingene", "ingen", "inger", "ene", "ane", "ens", "ers", "ing", "het", "ar", "er", "en", "et", "a", "e", "s"].map(fold);

/**
 * A small Norwegian stemmer: strips the commonest noun and verb endings
 * (definite and plural forms, -ing, -het) so "leksehjelpen" and
 * "leksehjelp", "kvinner" and "kvinne" meet. Crude on purpose: it only has
 * to make two texts about the same thing share words.
 */
export function stem(word: string): string {
  for (const suffix of SUFFIXES) {
    if (word.length - suffix.length >= 4 && word.endsWith(suffix)) return word.slice(0, -suffix.length);
  }
  return word;
}

/** Stemmed content words of a text (folded, stopwords and short words out). */
export function contentWords(...texts: (string | null | undefined)[]): Set<string> {
  const words = new Set<string>();
  for (const text of texts) {
    for (const w of fold(text ?? "").split(/[^a-z0-9]+/)) {
      if (w.length >= 3 && !/^\d+$/.test(w) && !STOPWORDS.has(w)) words.add(stem(w));
    }
  }
  return words;
}

const trigramIds = new Map<string, number>();
function trigramId(trigram: string): number {
  let id = trigramIds.get(trigram);
  if (id === undefined) {
    id = trigramIds.size;
    trigramIds.set(trigram, id);
  }
  return id;
}

/** pg_trgm-style trigrams of a text (each word padded with two spaces before and one after), as sorted numeric ids. */
export function trigrams(text: string): Int32Array {
  const set = new Set<number>();
  for (const w of fold(text).split(/[^a-z0-9]+/)) {
    if (!w) continue;
    const padded = `  ${w} `;
    for (let i = 0; i + 3 <= padded.length; i++) set.add(trigramId(padded.slice(i, i + 3)));
  }
  return Int32Array.from(set).sort();
}

function sortedIntersection(a: Int32Array, b: Int32Array): number {
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < a.length && j < b.length) {
    if (a[i]! === b[j]!) {
      n++;
      i++;
      j++;
    } else if (a[i]! < b[j]!) i++;
    else j++;
  }
  return n;
}

/** Trigram similarity as pg_trgm's similarity(): shared / (all distinct). */
export function trigramSimilarity(a: Int32Array, b: Int32Array): number {
  if (!a.length || !b.length) return 0;
  const shared = sortedIntersection(a, b);
  return shared / (a.length + b.length - shared);
}

// ---------------------------------------------------------------- prepared activities

const themeBit = new Map<string, number>(activityThemes.map((t, i) => [t, 1 << i]));
const targetBit = new Map<string, number>(targetGroups.map((t, i) => [t, 1 << i]));

function mask(values: readonly string[], bits: Map<string, number>): number {
  let m = 0;
  for (const v of values) m |= bits.get(v) ?? 0;
  return m;
}

function popcount(n: number): number {
  n -= (n >>> 1) & 0x55555555;
  n = (n & 0x33333333) + ((n >>> 2) & 0x33333333);
  return (((n + (n >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** An activity with everything the pair scoring needs precomputed once. */
export interface PreparedActivity {
  activity: OverlapActivity;
  themeMask: number;
  targetMask: number;
  dayMask: number;
  titleTrigrams: Int32Array;
  words: Set<string>;
  /** Point in radians, or NaN. */
  latRad: number;
  lonRad: number;
  cosLat: number;
}

export function prepareActivity(activity: OverlapActivity): PreparedActivity {
  const hasPoint = activity.latitude !== null && activity.longitude !== null;
  const latRad = hasPoint ? (activity.latitude! * Math.PI) / 180 : NaN;
  let dayMask = 0;
  for (const d of activity.weekdays) if (d >= 1 && d <= 7) dayMask |= 1 << d;
  return {
    activity,
    themeMask: mask(activity.themes, themeBit),
    targetMask: mask(activity.targetGroups, targetBit),
    dayMask,
    titleTrigrams: trigrams(activity.title),
    words: contentWords(activity.title, activity.description),
    latRad,
    lonRad: hasPoint ? (activity.longitude! * Math.PI) / 180 : NaN,
    cosLat: Math.cos(latRad),
  };
}

// ---------------------------------------------------------------- parts

const EVERYONE = targetBit.get("everyone")!;

function jaccardMask(a: number, b: number): number {
  const union = popcount(a | b);
  return union === 0 ? 0 : popcount(a & b) / union;
}

function targetPart(a: PreparedActivity, b: PreparedActivity): number {
  if (a.targetMask === 0 || b.targetMask === 0) return NEUTRAL;
  const j = jaccardMask(a.targetMask, b.targetMask);
  // "For everyone" overlaps any group somewhat.
  if ((a.targetMask | b.targetMask) & EVERYONE) return Math.max(j, NEUTRAL);
  return j;
}

const EARTH_RADIUS_M = 6_371_000;

/** Equirectangular distance: exact enough within a kommune, and cheap. */
function distanceMeters(a: PreparedActivity, b: PreparedActivity): number {
  const x = (b.lonRad - a.lonRad) * Math.cos((a.latRad + b.latRad) / 2);
  const y = b.latRad - a.latRad;
  return Math.sqrt(x * x + y * y) * EARTH_RADIUS_M;
}

function placePart(a: PreparedActivity, b: PreparedActivity): { value: number; distance: number | null; samePostalCode: boolean } {
  const samePostalCode = !!a.activity.postalCode && a.activity.postalCode === b.activity.postalCode;
  if (!Number.isNaN(a.latRad) && !Number.isNaN(b.latRad)) {
    const d = distanceMeters(a, b);
    const km = d / 1000;
    const value = km <= NEAR_KM ? 1 : km >= FAR_KM ? 0 : (FAR_KM - km) / (FAR_KM - NEAR_KM);
    return { value, distance: d, samePostalCode };
  }
  if (a.activity.postalCode && b.activity.postalCode) return { value: samePostalCode ? 0.8 : 0.2, distance: null, samePostalCode };
  return { value: NEUTRAL, distance: null, samePostalCode };
}

function knownTime(a: OverlapActivity): boolean {
  return a.scheduleKind !== "ongoing" && a.weekdays.length > 0;
}

function timePart(a: PreparedActivity, b: PreparedActivity): { value: number; sharedDays: number; overlap: boolean | null } {
  if (!knownTime(a.activity) || !knownTime(b.activity)) return { value: NEUTRAL, sharedDays: 0, overlap: null };
  const shared = a.dayMask & b.dayMask;
  if (shared === 0) return { value: 0, sharedDays: 0, overlap: false };
  const dayJaccard = popcount(shared) / popcount(a.dayMask | b.dayMask);
  const sa = a.activity.startMinute;
  const sb = b.activity.startMinute;
  if (sa === null || sb === null) return { value: 0.5 + 0.3 * dayJaccard, sharedDays: shared, overlap: null };
  const ea = sa + (a.activity.durationMinutes ?? 60);
  const eb = sb + (b.activity.durationMinutes ?? 60);
  const gap = Math.max(sa, sb) - Math.min(ea, eb); // < 0: they overlap
  const window = gap < 0 ? 1 : gap <= 60 ? 0.6 : 0.25;
  return { value: window * (0.6 + 0.4 * dayJaccard), sharedDays: shared, overlap: gap < 0 };
}

function sharedWordsOf(a: Set<string>, b: Set<string>): string[] {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  const shared: string[] = [];
  for (const w of small) if (large.has(w)) shared.push(w);
  return shared;
}

function wordDice(a: Set<string>, b: Set<string>): number {
  if (!a.size || !b.size) return 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let shared = 0;
  for (const w of small) if (large.has(w)) shared++;
  return (2 * shared) / (a.size + b.size);
}

function textPart(a: PreparedActivity, b: PreparedActivity) {
  const title = trigramSimilarity(a.titleTrigrams, b.titleTrigrams);
  const words = wordDice(a.words, b.words);
  // Similar titles say most; shared words of title + description confirm.
  const value = Math.min(1, Math.max(title, 0.6 * title + 0.4 * Math.min(1, words * 2)));
  return { value, title };
}

function bitsToDays(m: number): number[] {
  const days: number[] = [];
  for (let d = 1; d <= 7; d++) if (m & (1 << d)) days.push(d);
  return days;
}

function maskToList(m: number, list: readonly string[]): string[] {
  return list.filter((_, i) => m & (1 << i));
}

/** Place as a number only (the hot loop allocates nothing). */
function placeValue(a: PreparedActivity, b: PreparedActivity): number {
  if (a.latRad === a.latRad && b.latRad === b.latRad) {
    const x = (b.lonRad - a.lonRad) * Math.cos((a.latRad + b.latRad) / 2);
    const y = b.latRad - a.latRad;
    const km = (Math.sqrt(x * x + y * y) * EARTH_RADIUS_M) / 1000;
    return km <= NEAR_KM ? 1 : km >= FAR_KM ? 0 : (FAR_KM - km) / (FAR_KM - NEAR_KM);
  }
  return placePart(a, b).value;
}

/** The weighted score of all parts except text: a cheap first pass. */
function cheapScore(a: PreparedActivity, b: PreparedActivity) {
  const theme = jaccardMask(a.themeMask, b.themeMask);
  const target = targetPart(a, b);
  const place = placeValue(a, b);
  const time = timePart(a, b).value;
  const partial = OVERLAP_WEIGHTS.theme * theme + OVERLAP_WEIGHTS.target * target + OVERLAP_WEIGHTS.place * place + OVERLAP_WEIGHTS.time * time;
  return { theme, target, place, time, partial };
}

function explain(a: PreparedActivity, b: PreparedActivity, title: number): OverlapDetails {
  const place = placePart(a, b);
  const time = timePart(a, b);
  return {
    sharedThemes: maskToList(a.themeMask & b.themeMask, activityThemes),
    sharedTargetGroups: maskToList(a.targetMask & b.targetMask, targetGroups),
    distanceMeters: place.distance === null ? null : Math.round(place.distance),
    samePostalCode: place.samePostalCode,
    sharedWeekdays: bitsToDays(time.sharedDays),
    timesOverlap: time.overlap,
    titleSimilarity: Math.round(title * 100) / 100,
    sharedWords: sharedWordsOf(a.words, b.words).slice(0, 6),
  };
}

/**
 * Score and parts; the details (for the explanation) are worked out only
 * when read, so a large kommune's thousands of pairs cost no more than
 * their numbers until a page shows them.
 */
function finish(a: PreparedActivity, b: PreparedActivity, cheap: ReturnType<typeof cheapScore>): OverlapScore {
  const text = textPart(a, b);
  const parts = { theme: cheap.theme, target: cheap.target, place: cheap.place, time: cheap.time, text: text.value };
  const score = cheap.partial + OVERLAP_WEIGHTS.text * text.value;
  let details: OverlapDetails | undefined;
  return {
    score: Math.round(score * 1000) / 1000,
    parts,
    get details() {
      details ??= explain(a, b, text.title);
      return details;
    },
  };
}

/** The overlap of two activities, with its parts. */
export function scorePair(a: OverlapActivity | PreparedActivity, b: OverlapActivity | PreparedActivity): OverlapScore {
  const pa = "activity" in a ? a : prepareActivity(a);
  const pb = "activity" in b ? b : prepareActivity(b);
  return finish(pa, pb, cheapScore(pa, pb));
}

// ---------------------------------------------------------------- pairs and clusters

export interface OverlapPair extends OverlapScore {
  /** Ordered so a < b (as activity_pair_decisions stores them). */
  a: string;
  b: string;
}

export interface FindOverlapsOptions {
  threshold?: number;
  /** Pairs to leave out (keys from pairKey). */
  skip?: (a: string, b: string) => boolean;
}

export interface FindOverlapsResult {
  pairs: OverlapPair[];
  /** Candidate pairs (sharing a theme, different organisations) looked at. */
  compared: number;
}

export function orderedPair(x: string, y: string): [string, string] {
  return x < y ? [x, y] : [y, x];
}

/**
 * Every pair of activities in one kommune that scores at least the
 * threshold. Blocking: only activities sharing at least one theme are
 * compared (each pair once, under the first theme they share), never two of
 * the same organisation; the text part (the dearest) is only computed when
 * the other parts leave the pair a chance of reaching the threshold.
 */
export function findOverlaps(activities: readonly OverlapActivity[], options: FindOverlapsOptions = {}): FindOverlapsResult {
  const threshold = options.threshold ?? OVERLAP_THRESHOLD;
  const prepared = activities.map(prepareActivity);
  const byTheme: PreparedActivity[][] = activityThemes.map(() => []);
  for (const p of prepared) {
    for (let t = 0; t < activityThemes.length; t++) if (p.themeMask & (1 << t)) byTheme[t]!.push(p);
  }
  const pairs: OverlapPair[] = [];
  let compared = 0;
  for (let t = 0; t < byTheme.length; t++) {
    const list = byTheme[t]!;
    const lowerThemes = (1 << t) - 1;
    for (let i = 0; i < list.length; i++) {
      const a = list[i]!;
      for (let j = i + 1; j < list.length; j++) {
        const b = list[j]!;
        // Counted under an earlier shared theme already.
        if (a.themeMask & b.themeMask & lowerThemes) continue;
        if (a.activity.organizationId === b.activity.organizationId) continue;
        compared++;
        const cheap = cheapScore(a, b);
        if (cheap.partial + OVERLAP_WEIGHTS.text < threshold) continue;
        const [idA, idB] = orderedPair(a.activity.id, b.activity.id);
        if (options.skip?.(idA, idB)) continue;
        const scored = finish(a, b, cheap);
        if (scored.score >= threshold) pairs.push(Object.defineProperties({ a: idA, b: idB, score: scored.score, parts: scored.parts } as OverlapPair, { details: { get: () => scored.details, enumerable: true } }));
      }
    }
  }
  pairs.sort((x, y) => y.score - x.score || (x.a < y.a ? -1 : x.a > y.a ? 1 : x.b < y.b ? -1 : 1));
  return { pairs, compared };
}

/** Connected components of the pairs: each cluster's activity ids (sorted), largest first. */
export function clustersOf(pairs: readonly { a: string; b: string }[]): string[][] {
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let root = x;
    while (parent.get(root) !== root) root = parent.get(root)!;
    let node = x;
    while (node !== root) {
      const next = parent.get(node)!;
      parent.set(node, root);
      node = next;
    }
    return root;
  };
  for (const { a, b } of pairs) {
    if (!parent.has(a)) parent.set(a, a);
    if (!parent.has(b)) parent.set(b, b);
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent.set(ra, rb);
  }
  const groups = new Map<string, string[]>();
  for (const id of parent.keys()) {
    const root = find(id);
    groups.set(root, [...(groups.get(root) ?? []), id]);
  }
  return [...groups.values()].map((g) => g.sort()).sort((x, y) => y.length - x.length || (x[0]! < y[0]! ? -1 : 1));
}
