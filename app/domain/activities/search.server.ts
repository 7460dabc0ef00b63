import { and, asc, desc, eq, gte, inArray, sql, type SQL } from "drizzle-orm";
import { getDb, type Queryable } from "~/db/client.server.ts";
import { activities, municipalities, organizations, searchWords } from "~/db/schema/index.ts";
import type { Actor } from "~/domain/auth/actor.ts";
import { anonymous } from "~/domain/auth/actor.ts";
import { activitySearchQuerySchema, type ActivitySearchParams, type ActivitySearchQuery } from "./activities.schema.ts";
import { arrayParam } from "~/db/sql.ts";
import { readableBy, scheduleColumns, stalenessCutoffs } from "./activities.server.ts";
import { foldText } from "~/lib/text.ts";
import { pageBounds, pageCount } from "~/lib/paging.ts";
import { WORD } from "./tag-words.ts";

/**
 * The public finder's search, shared by the finder page, the open-data API,
 * exports and the benchmarks, so they all find the same things.
 *
 * Bounded work at national scale (see STACK-NOTES "Full-text search"): a text
 * query ranks at most RANK_CANDIDATES matches, counts stop at COUNT_CAP, and a
 * typo is corrected through the small table of known words rather than by
 * trigram over every title.
 */
export const RANK_CANDIDATES = 1000;
export const COUNT_CAP = 1000;
/** How similar (pg_trgm) a known word must be to a typed one to replace it. */
const CORRECTION_SIMILARITY = 0.4;
/** Half-heights (degrees of latitude) of the boxes a distance sort tries, nearest first: ≈ 2, 9, 36 and 142 km. */
const NEARBY_BOXES_DEGREES = [0.02, 0.08, 0.32, 1.28];

export interface SearchOptions {
  now?: Date;
  actor?: Actor;
}

/** "leksehjelp barn" → to_tsquery operands with prefix matching on every word ("lekse" finds "leksehjelp"). */
function tsqueryFor(words: string[]): SQL | null {
  if (!words.length) return null;
  const body = words.map((w) => `${w}:*`).join(" & ");
  return sql`(to_tsquery('norwegian', ${body}) || to_tsquery('english', ${body}))`;
}

/**
 * Query words as the index sees them: lower case, accent-free, letters and
 * digits of any script (a visitor reading in Ukrainian or Arabic types the
 * labels they see). Only letters and digits, so nothing reaches to_tsquery's
 * operator syntax.
 */
export function queryWords(q: string): string[] {
  return (foldText(q).match(WORD) ?? []).filter((w) => w.length >= 2).slice(0, 8);
}

/** How many of the most similar known words are checked against what the actor may read. */
const CORRECTION_CANDIDATES = 10;

/**
 * Activities the finder may show this actor at all, whatever they searched
 * for: readable by them, not ended, not unconfirmed for too long.
 */
function finderVisible(actor: Actor, now: Date): SQL {
  const { hiddenBefore } = stalenessCutoffs(now);
  return and(readableBy(actor), inArray(activities.status, ["planned", "active"]), gte(activities.lastConfirmedAt, hiddenBefore))!;
}

/**
 * An activity's text and tag words as `wordsOf` folds them (accent-free,
 * lower case): where a word of `search_words` can have come from.
 */
const foldedActivityText = sql`lower(samspill_unaccent(concat_ws(' ', ${activities.title}, ${activities.description},
  ${activities.translations}->'nn'->>'title', ${activities.translations}->'nn'->>'description',
  ${activities.translations}->'en'->>'title', ${activities.translations}->'en'->>'description', ${activities.tagWords})))`;

/**
 * `word` (an SQL expression of [a-z0-9] letters) occurs as a whole word in the
 * activity's text. The stemmed index narrows the rows first; the exact match
 * then keeps a word from being confirmed by a public text that only shares
 * its stem.
 */
function containsWord(word: SQL): SQL {
  // 'simple' as well: tag words are indexed unstemmed, and a stemmed word need not equal them.
  return sql`(${activities.searchVector} @@ (plainto_tsquery('norwegian', ${word}) || plainto_tsquery('english', ${word}) || plainto_tsquery('simple', ${word}))
    and ${foldedActivityText} ~ ('(^|[^a-z0-9])' || ${word} || '([^a-z0-9]|$)'))`;
}

/**
 * Replaces each typed word that finds nothing the actor may read by the most
 * similar known word that occurs in an activity they may read; null when
 * nothing changed.
 *
 * `search_words` holds words of every activity, internal and deleted ones
 * included (it only grows), so it serves as a list of candidates and nothing
 * more: a word is suggested only after the activities the finder would show
 * this actor confirm it. Checked when asked rather than kept per visibility,
 * so a change of visibility, a deletion (also by cascade from an
 * organisation) or an activity going unconfirmed for too long counts at once.
 * A typed word that finds something is kept as it is, so whether a word exists
 * only in texts the actor may not read makes no difference to the answer.
 */
async function correctWords(db: Queryable, words: string[], visible: SQL): Promise<string[] | null> {
  let changed = false;
  const corrected: string[] = [];
  for (const word of words) {
    if (word.length < 4 || (await isKnownTo(db, word, visible))) {
      corrected.push(word);
      continue;
    }
    const candidates = db
      .select({ word: sql<string>`${searchWords.word}`.as("word"), score: sql<number>`similarity(${searchWords.word}, ${word})`.as("score") })
      .from(searchWords)
      .where(sql`${searchWords.word} % ${word}`)
      .orderBy(sql`similarity(${searchWords.word}, ${word}) desc`, asc(searchWords.word))
      .limit(CORRECTION_CANDIDATES)
      .as("candidates");
    const [nearest] = await db
      .select({ word: candidates.word })
      .from(candidates)
      .where(
        and(
          gte(candidates.score, CORRECTION_SIMILARITY),
          sql`${candidates.word} ~ '^[a-z0-9]+$'`,
          sql`exists (select 1 from ${activities} where ${visible} and ${containsWord(sql`${candidates.word}`)})`,
        ),
      )
      .orderBy(desc(candidates.score), asc(candidates.word))
      .limit(1);
    if (nearest) {
      corrected.push(nearest.word);
      changed = true;
    } else corrected.push(word);
  }
  return changed ? corrected : null;
}

/**
 * The word alone finds something the actor may read, or the search ignores it anyway (a stop word).
 *
 * The planner guesses the same share of rows (≈ 0.5 %) for any prefix query, so under a plain EXISTS it
 * scanned the whole table hoping for an early match, and a word no activity has (a typo: the very case
 * this asks about) cost 3.7 s at 500,000 activities. Here the text index's matches come first, in a
 * materialised CTE that shadows the table's name (so `visible`'s column references read from it),
 * planned without EXISTS's early exit: ≈ 2 ms for an unknown word, ≈ 1 ms for a common one.
 * JIT is off for it: at national scale a common word's plan costs just above PostgreSQL's JIT
 * threshold, and compiling took 30–100 ms for a query that runs in one.
 */
async function isKnownTo(db: Queryable, word: string, visible: SQL): Promise<boolean> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`set local jit = off`);
    const result = await tx.execute(sql`with ${activities} as materialized (
        select * from ${activities} where ${activities.searchVector} @@ ${tsqueryFor([word])}
      )
      select (numnode(plainto_tsquery('norwegian', ${word})) = 0 or numnode(plainto_tsquery('english', ${word})) = 0
        or exists (select 1 from ${activities} where ${visible})) as known`);
    const [row] = (result as unknown as { rows: { known: boolean }[] }).rows;
    return Boolean(row?.known);
  });
}

function filtersFor(query: ActivitySearchQuery, actor: Actor, now: Date): SQL[] {
  const filters: SQL[] = [finderVisible(actor, now)];
  if (query.municipality) filters.push(eq(activities.municipalityNumber, query.municipality));
  if (query.themes.length) filters.push(sql`${activities.themes} && ${arrayParam(query.themes, "text")}`);
  if (query.targetGroups.length) filters.push(sql`${activities.targetGroups} && ${arrayParam(query.targetGroups, "text")}`);
  if (query.languages.length) filters.push(sql`${activities.languages} && ${arrayParam(query.languages, "text")}`);
  if (query.days.length) filters.push(sql`${activities.weekdays} && ${arrayParam(query.days.map(String), "smallint")}`);
  if (query.free) filters.push(eq(activities.isFree, true));
  if (query.volunteers) filters.push(eq(activities.seeksVolunteers, true));
  return filters;
}

/** Kilometres per degree of latitude (and of longitude at the equator). */
const KM_PER_DEGREE = 111.195;

function distanceKm(lat: number, lon: number): SQL<number> {
  // Equirectangular approximation: within a few metres at Norwegian distances, and cheap.
  return sql<number>`(${KM_PER_DEGREE}::float8 * sqrt(power(${activities.latitude} - ${lat}, 2) + power((${activities.longitude} - ${lon}) * cos(radians(${lat})), 2)))`;
}

export interface SearchPlan {
  query: ActivitySearchQuery;
  sort: "relevance" | "next" | "distance";
  where: SQL;
  order: SQL[];
  /** Candidate set for ranking a text query (bounded). */
  textQuery: SQL | null;
  distance: SQL<number> | null;
}

/** Builds the SQL for a search; the benchmark runs the same plan as raw SQL. */
export function planSearch(query: ActivitySearchQuery, actor: Actor, now: Date, words: string[]): SearchPlan {
  const textQuery = tsqueryFor(words);
  const filters = filtersFor(query, actor, now);
  const hasPoint = query.lat !== undefined && query.lon !== undefined;
  let sort = query.sort ?? (textQuery ? "relevance" : "next");
  if (sort === "distance" && !hasPoint) sort = textQuery ? "relevance" : "next";
  if (sort === "relevance" && !textQuery) sort = "next";
  const distance = hasPoint ? distanceKm(query.lat!, query.lon!) : null;
  if (textQuery) filters.push(sql`${activities.searchVector} @@ ${textQuery}`);
  const order: SQL[] =
    sort === "distance"
      ? [sql`${distance} asc nulls last`]
      : sort === "relevance"
        ? [sql`ts_rank(${activities.searchVector}, ${textQuery}) desc`]
        : [sql`${activities.nextOccurrenceAt} asc nulls last`];
  order.push(sql`${activities.id} asc`);
  return { query, sort, where: and(...filters)!, order, textQuery, distance };
}

const resultColumns = {
  id: activities.id,
  title: activities.title,
  description: activities.description,
  howToJoin: activities.howToJoin,
  translations: activities.translations,
  organizationId: activities.organizationId,
  municipalityNumber: activities.municipalityNumber,
  themes: activities.themes,
  targetGroups: activities.targetGroups,
  languages: activities.languages,
  address: activities.address,
  postalCode: activities.postalCode,
  postalPlace: activities.postalPlace,
  latitude: activities.latitude,
  longitude: activities.longitude,
  ...scheduleColumns,
  nextOccurrenceAt: activities.nextOccurrenceAt,
  weekdays: activities.weekdays,
  isFree: activities.isFree,
  costDescription: activities.costDescription,
  seeksVolunteers: activities.seeksVolunteers,
  capacity: activities.capacity,
  status: activities.status,
  isDemo: activities.isDemo,
  lastConfirmedAt: activities.lastConfirmedAt,
};

/**
 * Runs a plan: the ids of one page (with bounded ranking) and a capped count.
 * Kept apart from the detail fetch so both the app and the benchmark's raw
 * SQL do the same expensive part.
 */
export async function runSearchPlan(db: Queryable, plan: SearchPlan, page: number, pageSize: number) {
  const { offset } = pageBounds(page, pageSize);
  const matching = db.select({ id: activities.id }).from(activities).where(plan.where);
  let idsQuery;
  if (plan.sort === "relevance") {
    // Rank only a bounded candidate set; common words would otherwise rank tens of thousands of rows.
    const candidates = db
      .select({ id: activities.id, rank: sql<number>`ts_rank(${activities.searchVector}, ${plan.textQuery})`.as("rank") })
      .from(activities)
      .where(plan.where)
      .limit(RANK_CANDIDATES)
      .as("candidates");
    idsQuery = db.select({ id: candidates.id }).from(candidates).orderBy(desc(candidates.rank), asc(candidates.id)).limit(pageSize).offset(offset);
  } else if (plan.sort === "distance") {
    const nearest = await nearestInBoxes(db, plan, offset + pageSize);
    if (nearest) return { ids: nearest.slice(offset), total: await cappedCount(db, plan.where) };
    idsQuery = matching
      .orderBy(...plan.order)
      .limit(pageSize)
      .offset(offset);
  } else {
    idsQuery = matching
      .orderBy(...plan.order)
      .limit(pageSize)
      .offset(offset);
  }
  const [ids, total] = await Promise.all([idsQuery, cappedCount(db, plan.where)]);
  return { ids: ids.map((r) => r.id), total };
}

/**
 * The `need` nearest matches, looked for in growing boxes around the point
 * (the point index answers a box without reading the rest of the country).
 * A box's answer is final once it holds `need` rows and the farthest of them
 * is no farther than the box's inscribed circle: nothing outside can be
 * nearer. Null when even the largest box cannot tell (then sort everything).
 */
async function nearestInBoxes(db: Queryable, plan: SearchPlan, need: number): Promise<string[] | null> {
  const { lat, lon } = plan.query as { lat: number; lon: number };
  const cosLat = Math.cos((lat * Math.PI) / 180);
  for (const half of NEARBY_BOXES_DEGREES) {
    // Longitude degrees are shorter in the north: twice the latitude's half-width keeps the box near square in Norway.
    const box = and(
      sql`${activities.latitude} between ${lat - half} and ${lat + half}`,
      sql`${activities.longitude} between ${lon - 2 * half} and ${lon + 2 * half}`,
    );
    const rows = await db
      .select({ id: activities.id, km: plan.distance! })
      .from(activities)
      .where(and(plan.where, box))
      .orderBy(...plan.order)
      .limit(need);
    const inscribedKm = KM_PER_DEGREE * Math.min(half, 2 * half * cosLat);
    if (rows.length === need && rows[need - 1]!.km <= inscribedKm) return rows.map((r) => r.id);
  }
  return null;
}

async function cappedCount(db: Queryable, where: SQL): Promise<number> {
  const capped = db
    .select({ one: sql`1` })
    .from(activities)
    .where(where)
    .limit(COUNT_CAP + 1)
    .as("capped");
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(capped);
  return row?.n ?? 0;
}

export type ActivitySearchResult = Awaited<ReturnType<typeof searchActivities>>;
export type ActivitySearchItem = ActivitySearchResult["items"][number];

/**
 * The search's own SQL: the page's ids and the capped count, and for typed words that find nothing, the
 * "did you mean" correction and the corrected search. Everything `searchActivities` asks the database but
 * the page's rows (what bench/search.ts times as the search's SQL).
 */
export async function findActivityIds(db: Queryable, query: ActivitySearchQuery, actor: Actor, now: Date) {
  let words = queryWords(query.q);
  let plan = planSearch(query, actor, now, words);
  let { ids, total } = await runSearchPlan(db, plan, query.page, query.pageSize);
  let correctedQuery: string | null = null;
  if (total === 0 && words.length) {
    const corrected = await correctWords(db, words, finderVisible(actor, now));
    if (corrected) {
      words = corrected;
      plan = planSearch(query, actor, now, words);
      ({ ids, total } = await runSearchPlan(db, plan, query.page, query.pageSize));
      correctedQuery = corrected.join(" ");
    }
  }
  return { plan, ids, total, correctedQuery };
}

/**
 * The finder. Anonymous by default (public activities only); pass an actor to
 * include what they may read. Returns one page, a count capped at COUNT_CAP
 * ("1000+"), and the corrected query when a typo was fixed.
 */
export async function searchActivities(raw: ActivitySearchParams, options: SearchOptions = {}) {
  const query = activitySearchQuerySchema.parse(raw);
  const now = options.now ?? new Date();
  const actor = options.actor ?? anonymous();
  const db = getDb();
  const { plan, ids, total, correctedQuery } = await findActivityIds(db, query, actor, now);
  const rows = ids.length
    ? await db
        .select({
          ...resultColumns,
          organizationName: organizations.name,
          municipalityName: municipalities.name,
          ...(plan.distance ? { distanceKm: plan.distance } : {}),
        })
        .from(activities)
        .innerJoin(organizations, eq(organizations.id, activities.organizationId))
        .innerJoin(municipalities, eq(municipalities.number, activities.municipalityNumber))
        .where(inArray(activities.id, ids))
    : [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  const items = ids.map((id) => byId.get(id)!).filter(Boolean) as ((typeof rows)[number] & { distanceKm?: number | null })[];
  return {
    items,
    total: Math.min(total, COUNT_CAP),
    totalIsCapped: total > COUNT_CAP,
    page: query.page,
    pageSize: query.pageSize,
    pageCount: pageCount(Math.min(total, COUNT_CAP), query.pageSize),
    sort: plan.sort,
    correctedQuery,
    query,
  };
}
