/**
 * Parallel initiatives: how much two activities by different organisations
 * in the same kommune overlap. Pure scoring, no database, so it is tested on
 * a labelled fixture (tests/fixtures/overlap/labelled-pairs.json) and
 * benchmarked alone. The scoring and its weights are explained in
 * docs/overlap-scoring.md.
 */
import { activityThemes, targetGroups } from "~/domain/activities/activities.constants.ts";
import { foldText } from "~/lib/text.ts";

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
    .map(foldText),
);

const SUFFIXES = ["hetene", "heten", "heter", "ingene", "ingen", "inger", "ene", "ane", "ens", "ers", "ing", "het", "ar", "er", "en", "et", "a", "e", "s"].map(
  foldText,
);

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
    for (const w of foldText(text ?? "").split(/[^a-z0-9]+/)) {
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
  for (const w of foldText(text).split(/[^a-z0-9]+/)) {
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
const EVERYONE = targetBit.get("everyone")!;

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

const EARTH_RADIUS_M = 6_371_000;
/** Squared angular distances (radians²) of NEAR_KM and FAR_KM, so most pairs need no square root. */
const NEAR_RAD2 = ((NEAR_KM * 1000) / EARTH_RADIUS_M) ** 2;
const FAR_RAD2 = ((FAR_KM * 1000) / EARTH_RADIUS_M) ** 2;
/** Title similarities are cached per pair of distinct titles while there are at most this many (a Float64Array of n², ≤ 8 MB). */
const TITLE_CACHE_MAX = 1024;

function intern(map: Map<string, number>, key: string): number {
  let id = map.get(key);
  if (id === undefined) {
    id = map.size;
    map.set(key, id);
  }
  return id;
}

/**
 * A kommune's activities prepared once as parallel typed arrays (bit masks
 * for themes, target groups and weekdays; points in radians; interned
 * organisations, postcodes, titles and words), so the pair loop reads
 * numbers and allocates nothing. Every part's formula lives here, once: the
 * pair loop, `scorePair` and the explanations all use it.
 */
class ActivityBlock {
  readonly n: number;
  readonly org: Int32Array;
  readonly theme: Int32Array;
  readonly target: Int32Array;
  readonly days: Int32Array;
  /** 1 when the weekdays are known (not ongoing, at least one day). */
  readonly timeKnown: Uint8Array;
  /** Minutes after midnight (Europe/Oslo), -1 when unknown; end = start + duration (60 when unknown). */
  readonly start: Int32Array;
  readonly end: Int32Array;
  /** Radians, NaN without a point. */
  readonly lat: Float64Array;
  readonly lon: Float64Array;
  readonly cosLat: Float64Array;
  /** Interned postcode, -1 without one. */
  readonly postal: Int32Array;
  /** Interned folded title. */
  readonly title: Int32Array;
  readonly titleTrigrams: Int32Array[] = [];
  /** Sorted ids of each activity's stemmed content words (for the overlap), the same in text order (for the explanation), and the words by id. */
  readonly words: Int32Array[];
  readonly wordsInOrder: Int32Array[];
  readonly wordList: string[] = [];
  private readonly titleCache: Float64Array | null;
  /** Scratch for `partial`: a one-activity row and its result. */
  private readonly one = new Int32Array(1);
  private readonly oneOut = new Float64Array(1);

  constructor(readonly activities: readonly OverlapActivity[]) {
    const n = (this.n = activities.length);
    this.org = new Int32Array(n);
    this.theme = new Int32Array(n);
    this.target = new Int32Array(n);
    this.days = new Int32Array(n);
    this.timeKnown = new Uint8Array(n);
    this.start = new Int32Array(n);
    this.end = new Int32Array(n);
    this.lat = new Float64Array(n);
    this.lon = new Float64Array(n);
    this.cosLat = new Float64Array(n);
    this.postal = new Int32Array(n);
    this.title = new Int32Array(n);
    this.words = new Array<Int32Array>(n);
    this.wordsInOrder = new Array<Int32Array>(n);
    const orgs = new Map<string, number>();
    const postcodes = new Map<string, number>();
    const titles = new Map<string, number>();
    const wordIds = new Map<string, number>();
    for (let i = 0; i < n; i++) {
      const a = activities[i]!;
      this.org[i] = intern(orgs, a.organizationId);
      this.theme[i] = mask(a.themes, themeBit);
      this.target[i] = mask(a.targetGroups, targetBit);
      let dayMask = 0;
      for (const d of a.weekdays) if (d >= 1 && d <= 7) dayMask |= 1 << d;
      this.days[i] = dayMask;
      this.timeKnown[i] = a.scheduleKind !== "ongoing" && a.weekdays.length > 0 ? 1 : 0;
      this.start[i] = a.startMinute ?? -1;
      this.end[i] = a.startMinute === null ? -1 : a.startMinute + (a.durationMinutes ?? 60);
      const hasPoint = a.latitude !== null && a.longitude !== null;
      this.lat[i] = hasPoint ? (a.latitude! * Math.PI) / 180 : NaN;
      this.lon[i] = hasPoint ? (a.longitude! * Math.PI) / 180 : NaN;
      this.cosLat[i] = Math.cos(this.lat[i]!);
      this.postal[i] = a.postalCode ? intern(postcodes, a.postalCode) : -1;
      const folded = foldText(a.title);
      const titleId = intern(titles, folded);
      if (titleId === this.titleTrigrams.length) this.titleTrigrams.push(trigrams(folded));
      this.title[i] = titleId;
      const ids: number[] = [];
      for (const w of contentWords(a.title, a.description)) {
        const id = intern(wordIds, w);
        if (id === this.wordList.length) this.wordList.push(w);
        ids.push(id);
      }
      this.wordsInOrder[i] = Int32Array.from(ids);
      this.words[i] = Int32Array.from(ids).sort();
    }
    const distinctTitles = this.titleTrigrams.length;
    this.titleCache = distinctTitles <= TITLE_CACHE_MAX ? new Float64Array(distinctTitles * distinctTitles).fill(-1) : null;
  }

  private hasPoint(i: number): boolean {
    return this.lat[i] === this.lat[i];
  }

  /** Angular distance² (radians²) between two points; equirectangular, exact enough within a kommune. */
  private distance2(i: number, j: number): number {
    const x = (this.lon[j]! - this.lon[i]!) * 0.5 * (this.cosLat[i]! + this.cosLat[j]!);
    const y = this.lat[j]! - this.lat[i]!;
    return x * x + y * y;
  }

  distanceMeters(i: number, j: number): number | null {
    return this.hasPoint(i) && this.hasPoint(j) ? Math.sqrt(this.distance2(i, j)) * EARTH_RADIUS_M : null;
  }

  samePostalCode(i: number, j: number): boolean {
    return this.postal[i]! >= 0 && this.postal[i] === this.postal[j];
  }

  /** One pair through `rowPartials`: the cheap parts weighted by `weights`. */
  partial(i: number, j: number, weights: PartWeights = CHEAP_WEIGHTS): number {
    this.one[0] = j;
    rowPartials(this, i, this.one, 0, 1, weights, 0, false, this.oneOut);
    return this.oneOut[0]!;
  }

  /** Trigram similarity of the two titles (cached per pair of distinct titles). */
  titleSimilarity(i: number, j: number): number {
    const ti = this.title[i]!;
    const tj = this.title[j]!;
    const cache = this.titleCache;
    if (cache === null) return trigramSimilarity(this.titleTrigrams[ti]!, this.titleTrigrams[tj]!);
    const key = ti < tj ? ti * this.titleTrigrams.length + tj : tj * this.titleTrigrams.length + ti;
    let value = cache[key]!;
    if (value < 0) {
      value = trigramSimilarity(this.titleTrigrams[ti]!, this.titleTrigrams[tj]!);
      cache[key] = value;
    }
    return value;
  }

  /** Dice coefficient of the two activities' content words. */
  wordDice(i: number, j: number): number {
    const a = this.words[i]!;
    const b = this.words[j]!;
    if (!a.length || !b.length) return 0;
    return (2 * sortedIntersection(a, b)) / (a.length + b.length);
  }

  /** The text part: similar titles say most; shared words of title + description confirm. */
  text(i: number, j: number, title = this.titleSimilarity(i, j)): number {
    return Math.min(1, Math.max(title, 0.6 * title + 0.4 * Math.min(1, this.wordDice(i, j) * 2)));
  }

  /** Words both use, in the order the first activity's title and description use them. */
  sharedWords(i: number, j: number, limit: number): string[] {
    const other = this.words[j]!;
    const shared: string[] = [];
    for (const id of this.wordsInOrder[i]!) {
      if (shared.length >= limit) break;
      let lo = 0;
      let hi = other.length - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        if (other[mid] === id) {
          shared.push(this.wordList[id]!);
          break;
        }
        if (other[mid]! < id) lo = mid + 1;
        else hi = mid - 1;
      }
    }
    return shared;
  }

  explain(i: number, j: number): OverlapDetails {
    const distance = this.distanceMeters(i, j);
    const bothTimes = this.timeKnown[i] && this.timeKnown[j];
    const sharedDays = bothTimes ? this.days[i]! & this.days[j]! : 0;
    let timesOverlap: boolean | null = null;
    if (bothTimes) {
      if (sharedDays === 0) timesOverlap = false;
      else if (this.start[i]! >= 0 && this.start[j]! >= 0) timesOverlap = Math.max(this.start[i]!, this.start[j]!) < Math.min(this.end[i]!, this.end[j]!);
    }
    return {
      sharedThemes: maskToList(this.theme[i]! & this.theme[j]!, activityThemes),
      sharedTargetGroups: maskToList(this.target[i]! & this.target[j]!, targetGroups),
      distanceMeters: distance === null ? null : Math.round(distance),
      samePostalCode: this.samePostalCode(i, j),
      sharedWeekdays: bitsToDays(sharedDays),
      timesOverlap,
      titleSimilarity: Math.round(this.titleSimilarity(i, j) * 100) / 100,
      sharedWords: this.sharedWords(i, j, 6),
    };
  }

  /** Score and parts of a pair; the details are worked out only when read. */
  score(i: number, j: number): ScoredPair {
    const parts = this.parts(i, j);
    return new ScoredPair(this, i, j, Math.round((this.partial(i, j) + OVERLAP_WEIGHTS.text * parts.text) * 1000) / 1000, parts);
  }

  /** The five parts of a pair, as an object (for pairs that are shown). */
  parts(i: number, j: number): Record<OverlapPart, number> {
    return {
      theme: this.partial(i, j, PART_ALONE.theme),
      target: this.partial(i, j, PART_ALONE.target),
      place: this.partial(i, j, PART_ALONE.place),
      time: this.partial(i, j, PART_ALONE.time),
      text: this.text(i, j),
    };
  }
}

/** Weights of the four cheap parts (theme, target group, place, time) for `rowPartials`. */
type PartWeights = readonly [number, number, number, number];
const CHEAP_WEIGHTS: PartWeights = [OVERLAP_WEIGHTS.theme, OVERLAP_WEIGHTS.target, OVERLAP_WEIGHTS.place, OVERLAP_WEIGHTS.time];
/** One part alone (weight 1, the others 0): how a pair's explanation reads each part from the same formulas. */
const PART_ALONE: Record<"theme" | "target" | "place" | "time", PartWeights> = {
  theme: [1, 0, 0, 0],
  target: [0, 1, 0, 0],
  place: [0, 0, 1, 0],
  time: [0, 0, 0, 1],
};
const POPCOUNT = Uint8Array.from({ length: 1 << 16 }, (_, i) => popcount(i));

/**
 * The weighted sum of the four cheap parts — theme, target group, place and
 * time — of activity `a` with each activity `others[from..to)`, into
 * `out[from..to)`. NaN where the pair is no candidate: the two share a theme
 * in `skipThemes` (a lower theme bucket, where the pair was counted), or, with
 * `skipSameOrg`, they belong to one organisation. Every cheap part's formula
 * lives here, once: the pair scan calls it per row (the first activity's
 * fields read once, the rest streamed), `scorePair` and the explanations per
 * pair, one part at a time through the weights.
 */
function rowPartials(
  block: ActivityBlock,
  a: number,
  others: Int32Array,
  from: number,
  to: number,
  weights: PartWeights,
  skipThemes: number,
  skipSameOrg: boolean,
  out: Float64Array,
): void {
  const { theme, org, target, days, timeKnown, start, end, lat, lon, cosLat, postal } = block;
  const [wTheme, wTarget, wPlace, wTime] = weights;
  const themeA = theme[a]!;
  const orgA = skipSameOrg ? org[a]! : -1;
  const themeCountA = POPCOUNT[themeA]!;
  const targetA = target[a]!;
  const targetCountA = POPCOUNT[targetA]!;
  const daysA = days[a]!;
  const dayCountA = POPCOUNT[daysA]!;
  const timeKnownA = timeKnown[a]!;
  const startA = start[a]!;
  const endA = end[a]!;
  const latA = lat[a]!;
  const lonA = lon[a]!;
  const cosA = cosLat[a]!;
  const postalA = postal[a]!;
  const pointA = latA === latA;
  for (let k = from; k < to; k++) {
    const b = others[k]!;
    const themeB = theme[b]!;
    if (themeA & themeB & skipThemes || orgA === org[b]) {
      out[k] = NaN;
      continue;
    }
    const themeShared = POPCOUNT[themeA & themeB]!;
    const themeUnion = themeCountA + POPCOUNT[themeB]! - themeShared;
    let partial = wTheme * (themeUnion === 0 ? 0 : themeShared / themeUnion);

    const targetB = target[b]!;
    if (targetA === 0 || targetB === 0) partial += wTarget * NEUTRAL;
    else {
      const shared = POPCOUNT[targetA & targetB]!;
      const jaccard = shared / (targetCountA + POPCOUNT[targetB]! - shared);
      // "For everyone" overlaps any group somewhat.
      partial += wTarget * ((targetA | targetB) & EVERYONE && jaccard < NEUTRAL ? NEUTRAL : jaccard);
    }

    const latB = lat[b]!;
    if (pointA && latB === latB) {
      // Equirectangular, compared squared against 1 and 10 km: most pairs need no square root.
      const x = (lon[b]! - lonA) * 0.5 * (cosA + cosLat[b]!);
      const y = latB - latA;
      const d2 = x * x + y * y;
      if (d2 <= NEAR_RAD2) partial += wPlace;
      else if (d2 < FAR_RAD2) partial += wPlace * ((FAR_KM - (Math.sqrt(d2) * EARTH_RADIUS_M) / 1000) / (FAR_KM - NEAR_KM));
    } else {
      const postalB = postal[b]!;
      partial += wPlace * (postalA >= 0 && postalB >= 0 ? (postalA === postalB ? 0.8 : 0.2) : NEUTRAL);
    }

    if (!timeKnownA || !timeKnown[b]) partial += wTime * NEUTRAL;
    else {
      const daysB = days[b]!;
      const shared = daysA & daysB;
      if (shared !== 0) {
        const sharedCount = POPCOUNT[shared]!;
        const dayJaccard = sharedCount / (dayCountA + POPCOUNT[daysB]! - sharedCount);
        const startB = start[b]!;
        if (startA < 0 || startB < 0) partial += wTime * (0.5 + 0.3 * dayJaccard);
        else {
          const endB = end[b]!;
          const gap = (startA > startB ? startA : startB) - (endA < endB ? endA : endB); // < 0: they overlap
          partial += wTime * ((gap < 0 ? 1 : gap <= 60 ? 0.6 : 0.25) * (0.6 + 0.4 * dayJaccard));
        }
      }
    }
    out[k] = partial;
  }
}

function bitsToDays(m: number): number[] {
  const days: number[] = [];
  for (let d = 1; d <= 7; d++) if (m & (1 << d)) days.push(d);
  return days;
}

function maskToList(m: number, list: readonly string[]): string[] {
  return list.filter((_, i) => m & (1 << i));
}

/**
 * A scored pair. The parts and the explanation are computed on first read
 * (a dense kommune lists many thousands of pairs; a page shows 50). They and
 * the block are private fields behind getters, so spreading a pair copies
 * only its ids and score: read `parts` and `details` by name.
 */
class ScoredPair implements OverlapScore {
  readonly #block: ActivityBlock;
  readonly #i: number;
  readonly #j: number;
  #parts: Record<OverlapPart, number> | undefined;
  #details: OverlapDetails | undefined;
  constructor(
    block: ActivityBlock,
    i: number,
    j: number,
    readonly score: number,
    parts?: Record<OverlapPart, number>,
  ) {
    this.#block = block;
    this.#i = i;
    this.#j = j;
    this.#parts = parts;
  }
  get parts(): Record<OverlapPart, number> {
    this.#parts ??= this.#block.parts(this.#i, this.#j);
    return this.#parts;
  }
  get details(): OverlapDetails {
    this.#details ??= this.#block.explain(this.#i, this.#j);
    return this.#details;
  }
}

/** The overlap of two activities, with its parts. */
export function scorePair(a: OverlapActivity, b: OverlapActivity): OverlapScore {
  return new ActivityBlock([a, b]).score(0, 1);
}

/**
 * Each of `own` against each of `others` (not against each other): what one organisation's page needs, in
 * O(own × others) instead of the kommune's whole O(n²) scan. Same blocking as the scan (a shared theme, different
 * organisations) and the same scores. `own` is first in every result; highest score first.
 */
export function overlapsBetween(
  own: readonly OverlapActivity[],
  others: readonly OverlapActivity[],
  threshold = OVERLAP_THRESHOLD,
): { own: string; other: string; score: number; parts: Record<OverlapPart, number>; details: OverlapDetails }[] {
  if (!own.length || !others.length) return [];
  const block = new ActivityBlock([...own, ...others]);
  const result = [];
  for (let i = 0; i < own.length; i++) {
    for (let k = 0; k < others.length; k++) {
      const j = own.length + k;
      if (block.org[i] === block.org[j] || (block.theme[i]! & block.theme[j]!) === 0) continue;
      const scored = block.score(i, j);
      if (scored.score < threshold) continue;
      result.push({ own: own[i]!.id, other: others[k]!.id, score: scored.score, parts: scored.parts, details: scored.details });
    }
  }
  return result.sort((x, y) => y.score - x.score || x.own.localeCompare(y.own) || x.other.localeCompare(y.other));
}

// ---------------------------------------------------------------- pairs and clusters

export interface OverlapPair extends OverlapScore {
  /** Ordered so a < b (as activity_pair_decisions stores them). */
  a: string;
  b: string;
}

class ListedPair extends ScoredPair implements OverlapPair {
  constructor(
    block: ActivityBlock,
    i: number,
    j: number,
    score: number,
    readonly a: string,
    readonly b: string,
  ) {
    super(block, i, j, score);
  }
}

export interface FindOverlapsOptions {
  threshold?: number;
  /** Pairs to leave out (ordered ids, a < b). */
  skip?: (a: string, b: string) => boolean;
  /**
   * false: only count the pairs above the threshold (`pairs` and `clusters`
   * stay empty), for national runs over dense data where the listed pairs
   * would not fit in memory.
   */
  collect?: boolean;
}

export interface FindOverlapsResult {
  /** Highest score first; ties by the ids. */
  pairs: OverlapPair[];
  /** Candidate pairs (sharing a theme, different organisations) looked at. */
  compared: number;
  /** Pairs at or above the threshold (= pairs.length when collected). */
  found: number;
  /** Connected components of the listed pairs with three or more activities (sorted ids), largest first. */
  clusters: string[][];
}

export function orderedPair(x: string, y: string): [string, string] {
  return x < y ? [x, y] : [y, x];
}

/** A growable list of (i, j, score) in typed arrays: no object per pair until the pairs are sorted. */
class PairBuffer {
  length = 0;
  i = new Int32Array(1024);
  j = new Int32Array(1024);
  score = new Float64Array(1024);
  push(i: number, j: number, score: number) {
    if (this.length === this.i.length) {
      const grow = <T extends Int32Array | Float64Array>(old: T): T => {
        const next = new (old.constructor as new (n: number) => T)(old.length * 2);
        next.set(old);
        return next;
      };
      this.i = grow(this.i);
      this.j = grow(this.j);
      this.score = grow(this.score);
    }
    this.i[this.length] = i;
    this.j[this.length] = j;
    this.score[this.length] = score;
    this.length++;
  }
}

/**
 * Every pair of activities in one kommune that scores at least the
 * threshold. Blocking: only activities sharing at least one theme are
 * compared (each pair once, under the first theme they share), never two of
 * the same organisation. The four cheap parts come first; the title
 * similarity (cached per pair of distinct titles) only when a perfect text
 * part could still lift the pair over the threshold, and the word overlap
 * only when the title leaves it a chance.
 */
export function findOverlaps(activities: readonly OverlapActivity[], options: FindOverlapsOptions = {}): FindOverlapsResult {
  const scan = scanPairs(activities, options, Infinity);
  for (;;) {
    const step = scan.next();
    if (step.done) return step.value;
  }
}

/**
 * `findOverlaps` for a request handler: the same scan, paused every 20 ms so
 * the server answers other requests meanwhile (a large kommune takes seconds).
 */
export async function findOverlapsAsync(activities: readonly OverlapActivity[], options: FindOverlapsOptions = {}, sliceMs = 20): Promise<FindOverlapsResult> {
  const scan = scanPairs(activities, options, sliceMs);
  for (;;) {
    const step = scan.next();
    if (step.done) return step.value;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** The scan behind both: yields (nothing) when a slice of `sliceMs` is used up, returns the result. */
function* scanPairs(activities: readonly OverlapActivity[], options: FindOverlapsOptions, sliceMs: number): Generator<void, FindOverlapsResult> {
  const threshold = options.threshold ?? OVERLAP_THRESHOLD;
  const collect = options.collect ?? true;
  const skip = options.skip;
  // Scores are rounded to three decimals before the comparison (0.5495 lists at 0.55); the bounds leave room for that and for float noise.
  const reach = threshold - 0.0006;
  const W_TEXT = OVERLAP_WEIGHTS.text;
  const block = new ActivityBlock(activities);
  const { n, theme } = block;

  const bucketSizes = new Int32Array(activityThemes.length);
  for (let i = 0; i < n; i++) for (let t = 0; t < activityThemes.length; t++) if (theme[i]! & (1 << t)) bucketSizes[t]!++;
  const buckets = Array.from(bucketSizes, (size) => new Int32Array(size));
  bucketSizes.fill(0);
  for (let i = 0; i < n; i++) for (let t = 0; t < activityThemes.length; t++) if (theme[i]! & (1 << t)) buckets[t]![bucketSizes[t]!++] = i;

  const found = new PairBuffer();
  let foundCount = 0;
  let compared = 0;
  let sliceStart = performance.now();
  const partials = new Float64Array(Math.max(0, ...bucketSizes));
  for (let t = 0; t < buckets.length; t++) {
    const bucket = buckets[t]!;
    const lowerThemes = (1 << t) - 1;
    for (let x = 0; x < bucket.length; x++) {
      if ((x & 63) === 0 && performance.now() - sliceStart > sliceMs) {
        yield;
        sliceStart = performance.now();
      }
      const a = bucket[x]!;
      // Skipped: pairs counted under an earlier shared theme already, and pairs of one organisation.
      rowPartials(block, a, bucket, x + 1, bucket.length, CHEAP_WEIGHTS, lowerThemes, true, partials);
      for (let y = x + 1; y < bucket.length; y++) {
        const partial = partials[y]!;
        if (partial !== partial) continue;
        compared++;
        if (partial + W_TEXT < reach) continue;
        const b = bucket[y]!;
        const title = block.titleSimilarity(a, b);
        if (partial + W_TEXT * (0.6 * title + 0.4) < reach) continue;
        if (skip) {
          const [idA, idB] = orderedPair(activities[a]!.id, activities[b]!.id);
          if (skip(idA, idB)) continue;
        }
        const score = Math.round((partial + W_TEXT * block.text(a, b, title)) * 1000) / 1000;
        if (score < threshold) continue;
        foundCount++;
        if (collect) found.push(a, b, score);
      }
    }
  }
  if (!collect) return { pairs: [], compared, found: foundCount, clusters: [] };
  return { pairs: sortedPairs(block, found), compared, found: foundCount, clusters: clustersFrom(block, found) };
}

/**
 * The found pairs as objects, highest score first, ties by the ordered ids.
 * Sorted as one Float64Array of packed keys (score, rank of a, rank of b):
 * a numeric sort without a comparator, far faster than comparing strings,
 * and each key decodes back to its pair.
 */
function sortedPairs(block: ActivityBlock, found: PairBuffer): OverlapPair[] {
  const { activities } = block;
  const byId = Array.from({ length: block.n }, (_, i) => i).sort((x, y) =>
    activities[x]!.id < activities[y]!.id ? -1 : activities[x]!.id > activities[y]!.id ? 1 : 0,
  );
  const listed = (i: number, j: number, score: number) => new ListedPair(block, i, j, score, activities[i]!.id, activities[j]!.id);
  const RANKS = 2 ** 20;
  if (block.n >= RANKS) {
    const pairs = Array.from({ length: found.length }, (_, p) => {
      const [a, b] = activities[found.i[p]!]!.id < activities[found.j[p]!]!.id ? [found.i[p]!, found.j[p]!] : [found.j[p]!, found.i[p]!];
      return listed(a, b, found.score[p]!);
    });
    return pairs.sort((x, y) => y.score - x.score || (x.a < y.a ? -1 : x.a > y.a ? 1 : x.b < y.b ? -1 : 1));
  }
  const rank = new Int32Array(block.n);
  byId.forEach((index, r) => (rank[index] = r));
  const keys = new Float64Array(found.length);
  for (let p = 0; p < found.length; p++) {
    const ri = rank[found.i[p]!]!;
    const rj = rank[found.j[p]!]!;
    // Scores have three decimals: 1000 − score × 1000 is a small integer, so the highest score sorts first. Exact below 2^53.
    keys[p] = ((1000 - Math.round(found.score[p]! * 1000)) * RANKS + Math.min(ri, rj)) * RANKS + Math.max(ri, rj);
  }
  keys.sort();
  const pairs: OverlapPair[] = new Array(found.length);
  for (let p = 0; p < keys.length; p++) {
    const key = keys[p]!;
    const hi = key % RANKS;
    const rest = (key - hi) / RANKS;
    const lo = rest % RANKS;
    pairs[p] = listed(byId[lo]!, byId[hi]!, (1000 - (rest - lo) / RANKS) / 1000);
  }
  return pairs;
}

/** Connected components of the found pairs (union–find over indices), three or more activities, largest first. */
function clustersFrom(block: ActivityBlock, found: PairBuffer): string[][] {
  const parent = Int32Array.from({ length: block.n }, (_, i) => i);
  const root = (x: number) => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]!]!;
      x = parent[x]!;
    }
    return x;
  };
  for (let p = 0; p < found.length; p++) {
    const ra = root(found.i[p]!);
    const rb = root(found.j[p]!);
    if (ra !== rb) parent[ra] = rb;
  }
  const groups = new Map<number, string[]>();
  const inPair = new Uint8Array(block.n);
  for (let p = 0; p < found.length; p++) inPair[found.i[p]!] = inPair[found.j[p]!] = 1;
  for (let i = 0; i < block.n; i++) {
    if (!inPair[i]) continue;
    const r = root(i);
    let group = groups.get(r);
    if (!group) groups.set(r, (group = []));
    group.push(block.activities[i]!.id);
  }
  return [...groups.values()]
    .filter((g) => g.length >= 3)
    .map((g) => g.sort())
    .sort((x, y) => y.length - x.length || (x[0]! < y[0]! ? -1 : 1));
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
