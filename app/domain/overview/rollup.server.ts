import { and, asc, eq, sql } from "drizzle-orm";
import { getDb } from "~/db/client.server.ts";
import { counties, municipalities, municipalityOverviewSettings, settlementFigures } from "~/db/schema/index.ts";
import { AppError } from "~/lib/errors.ts";
import { canAdviseCounty, isNationalAdmin, type Actor } from "~/domain/auth/actor.ts";
import { activityThemes, type ActivityTheme } from "~/domain/activities/activities.constants.ts";
import { listMunicipalities } from "~/domain/reference/reference.server.ts";
import { readCoverage } from "./coverage.server.ts";
import { isMapped } from "./mapping.ts";
import {
  countyRollupQuerySchema,
  defaultDirection,
  nationalRollupQuerySchema,
  sizeClassOf,
  type RollupSort,
  type SizeClass,
  type SortDirection,
} from "./rollup.schema.ts";

/**
 * County and national roll-ups (issue 4): every kommune side by side with
 * its population, refugees settled in the year, what is on offer (from the
 * pre-aggregated `municipality_coverage`, scope "all" — never a scan of
 * activities), activities per 100 settled and how many themes are gaps
 * (below the kommune's own threshold); per fylke totals; and the themes that
 * are thin across a fylke. County advisors see their fylke, national admins
 * everything.
 */

const DEFAULT_GAP_THRESHOLD = 2;

export interface KommuneRollupRow {
  number: string;
  name: string;
  countyNumber: string;
  countyName: string;
  population: number | null;
  sizeClass: SizeClass | null;
  languageForm: string | null;
  /** Refugees settled in the year; null = not reported (never 0). */
  settled: number | null;
  activities: number;
  organizations: number;
  capacity: number;
  volunteersSought: number;
  /** Activities per 100 settled; null when settlement is not reported or 0. */
  coverage: number | null;
  gapThreshold: number;
  /** Enough activities registered to read empty themes as gaps (see mapping.ts). */
  mapped: boolean;
  /** Themes below the kommune's threshold; none while the kommune is not mapped yet. */
  gapThemes: ActivityTheme[];
  gaps: number;
}

export interface CountyTotals {
  number: string;
  name: string;
  kommuner: number;
  /** Kommuner with enough registered to read gaps; the others are "not mapped yet". */
  mappedKommuner: number;
  population: number;
  /** Sum over the kommuner that reported; null when none did. */
  settled: number | null;
  reportingKommuner: number;
  activities: number;
  /** Summed per kommune: an organisation active in two kommuner counts twice. */
  organizations: number;
  capacity: number;
  volunteersSought: number;
  /** Activities per 100 settled over the reporting kommuner only. */
  coverage: number | null;
}

export interface CountyGap {
  theme: ActivityTheme;
  /** How many of the fylke's kommuner have this theme below their threshold. */
  kommunerWithGap: number;
  kommuner: number;
  /** Active activities with the theme across the fylke. */
  activities: number;
}

const norwegian = new Intl.Collator("nb");

function coverageOf(activities: number, settled: number | null): number | null {
  if (settled === null || settled <= 0) return null;
  return Math.round((activities / settled) * 1000) / 10;
}

/**
 * Years with settlement figures in the scope (a fylke, or the nation), newest first, and the newest of them in
 * which some kommune has reported how many were settled. A year in progress usually has only IMDi's request:
 * opening on it would show every kommune as "not reported".
 */
async function yearsWithFigures(countyNumber: string | null): Promise<{ years: number[]; latestReported: number | null }> {
  const rows = await getDb()
    .select({ year: settlementFigures.year, reported: sql<number>`count(${settlementFigures.settled})::int` })
    .from(settlementFigures)
    .innerJoin(municipalities, eq(municipalities.number, settlementFigures.municipalityNumber))
    .where(countyNumber ? eq(municipalities.countyNumber, countyNumber) : undefined)
    .groupBy(settlementFigures.year)
    .orderBy(sql`${settlementFigures.year} desc`);
  return { years: rows.map((r) => r.year), latestReported: rows.find((r) => r.reported > 0)?.year ?? null };
}

/** The chosen year with its choices, and the kommune table in the asked order: both roll-ups show them. */
function kommuneTable(
  loaded: Pick<Awaited<ReturnType<typeof loadRows>>, "year" | "yearChoices" | "defaultYear">,
  rows: KommuneRollupRow[],
  query: { sort?: RollupSort; direction?: SortDirection },
) {
  const sort = query.sort ?? "name";
  const direction = query.direction ?? defaultDirection(sort);
  return { year: loaded.year, yearChoices: loaded.yearChoices, defaultYear: loaded.defaultYear, sort, direction, kommuner: sortRows(rows, sort, direction) };
}

async function loadRows(countyNumber: string | null, year: number | undefined, now: Date) {
  const { years, latestReported } = await yearsWithFigures(countyNumber);
  const currentYear = Number(new Intl.DateTimeFormat("en", { year: "numeric", timeZone: "Europe/Oslo" }).format(now));
  const chosenYear = year ?? latestReported ?? years[0] ?? currentYear;
  const db = getDb();
  const inCounty = countyNumber ? eq(municipalities.countyNumber, countyNumber) : undefined;
  const [kommuner, figures, settings] = await Promise.all([
    listMunicipalities(countyNumber ?? undefined),
    db
      .select({ number: settlementFigures.municipalityNumber, settled: settlementFigures.settled })
      .from(settlementFigures)
      .innerJoin(municipalities, eq(municipalities.number, settlementFigures.municipalityNumber))
      .where(and(eq(settlementFigures.year, chosenYear), inCounty)),
    db
      .select({ number: municipalityOverviewSettings.municipalityNumber, gapThreshold: municipalityOverviewSettings.gapThreshold })
      .from(municipalityOverviewSettings),
  ]);
  // Coverage rows of the total and theme dimensions: ≤ 13 per kommune, a few thousand nationally.
  const coverage = await readCoverage("all", countyNumber ? kommuner.map((k) => k.number) : null);

  const settledBy = new Map(figures.map((f) => [f.number, f.settled]));
  const thresholdBy = new Map(settings.map((s) => [s.number, s.gapThreshold]));
  const totalBy = new Map<string, { activities: number; organizations: number; capacity: number; volunteers: number }>();
  const themeBy = new Map<string, Map<string, number>>();
  for (const row of coverage) {
    if (row.dimension === "total") {
      totalBy.set(row.municipalityNumber, {
        activities: row.activityCount,
        organizations: row.organizationCount,
        capacity: row.capacity,
        volunteers: row.seekingVolunteers,
      });
    } else if (row.dimension === "theme") {
      let themes = themeBy.get(row.municipalityNumber);
      if (!themes) themeBy.set(row.municipalityNumber, (themes = new Map()));
      themes.set(row.key, row.activityCount);
    }
  }

  const rows: KommuneRollupRow[] = kommuner.map((k) => {
    const total = totalBy.get(k.number) ?? { activities: 0, organizations: 0, capacity: 0, volunteers: 0 };
    const settled = settledBy.get(k.number) ?? null;
    const gapThreshold = thresholdBy.get(k.number) ?? DEFAULT_GAP_THRESHOLD;
    const themes = themeBy.get(k.number);
    const mapped = isMapped(total.activities);
    const gapThemes = mapped ? activityThemes.filter((theme) => (themes?.get(theme) ?? 0) < gapThreshold) : [];
    return {
      ...k,
      sizeClass: sizeClassOf(k.population),
      settled,
      activities: total.activities,
      organizations: total.organizations,
      capacity: total.capacity,
      volunteersSought: total.volunteers,
      coverage: coverageOf(total.activities, settled),
      gapThreshold,
      mapped,
      gapThemes,
      gaps: gapThemes.length,
    };
  });
  const yearChoices = [...new Set([currentYear, chosenYear, ...years])].sort((a, b) => b - a);
  // Whether the page opened on the latest reported year by itself, so it can say why that year.
  return { rows, themeBy, year: chosenYear, yearChoices, defaultYear: year === undefined && latestReported !== null };
}

const sortValue: Record<Exclude<RollupSort, "name">, (r: KommuneRollupRow) => number | null> = {
  population: (r) => r.population,
  settled: (r) => r.settled,
  activities: (r) => r.activities,
  organizations: (r) => r.organizations,
  capacity: (r) => r.capacity,
  volunteers: (r) => r.volunteersSought,
  coverage: (r) => r.coverage,
  // A kommune not mapped yet has no gap count: it sorts with the unreported values, last.
  gaps: (r) => (r.mapped ? r.gaps : null),
};

/** Sorts in place; kommuner without a value (not reported) always come last, ties by name. */
export function sortRows(rows: KommuneRollupRow[], sort: RollupSort, direction: SortDirection): KommuneRollupRow[] {
  const byName = (a: KommuneRollupRow, b: KommuneRollupRow) => norwegian.compare(a.name, b.name) || a.number.localeCompare(b.number);
  const sign = direction === "asc" ? 1 : -1;
  if (sort === "name") return rows.sort((a, b) => sign * byName(a, b));
  const value = sortValue[sort];
  return rows.sort((a, b) => {
    const va = value(a);
    const vb = value(b);
    if (va === null || vb === null) return va === vb ? byName(a, b) : va === null ? 1 : -1;
    return sign * (va - vb) || byName(a, b);
  });
}

function countyTotals(rows: KommuneRollupRow[], number: string, name: string): CountyTotals {
  const reporting = rows.filter((r) => r.settled !== null);
  const settled = reporting.length > 0 ? reporting.reduce((s, r) => s + r.settled!, 0) : null;
  const sum = (f: (r: KommuneRollupRow) => number) => rows.reduce((s, r) => s + f(r), 0);
  return {
    number,
    name,
    kommuner: rows.length,
    mappedKommuner: rows.filter((r) => r.mapped).length,
    population: sum((r) => r.population ?? 0),
    settled,
    reportingKommuner: reporting.length,
    activities: sum((r) => r.activities),
    organizations: sum((r) => r.organizations),
    capacity: sum((r) => r.capacity),
    volunteersSought: sum((r) => r.volunteersSought),
    coverage: coverageOf(
      reporting.reduce((s, r) => s + r.activities, 0),
      settled,
    ),
  };
}

/**
 * The fylke's gaps: themes below the threshold in at least half of its
 * mapped kommuner, most widespread first. Kommuner not mapped yet are left
 * out: that nothing is registered there says nothing about what is offered.
 */
function countyGaps(allRows: KommuneRollupRow[], themeBy: Map<string, Map<string, number>>): CountyGap[] {
  const rows = allRows.filter((r) => r.mapped);
  if (rows.length === 0) return [];
  return activityThemes
    .map((theme) => ({
      theme,
      kommunerWithGap: rows.filter((r) => r.gapThemes.includes(theme)).length,
      kommuner: rows.length,
      activities: rows.reduce((s, r) => s + (themeBy.get(r.number)?.get(theme) ?? 0), 0),
    }))
    .filter((g) => g.kommunerWithGap * 2 >= g.kommuner && g.kommunerWithGap > 0)
    .sort((a, b) => b.kommunerWithGap - a.kommunerWithGap || a.activities - b.activities);
}

/** Query values come from a URL: anything that is not an object of values counts as "no query". */
function asObject(raw: unknown): Record<string, unknown> {
  return raw !== null && typeof raw === "object" && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
}

function requireSignedIn(actor: Actor) {
  if (actor.kind !== "user") throw new AppError("unauthenticated", "errors.unauthenticated");
}

/** One fylke: its advisors and national admins; others 403, unknown or malformed fylke 404. */
export async function getCountyRollup(actor: Actor, countyNumber: string, rawQuery: unknown = {}, options: { now?: Date } = {}) {
  requireSignedIn(actor);
  const county = /^\d{2}$/.test(countyNumber)
    ? (await getDb().select({ number: counties.number, name: counties.name }).from(counties).where(eq(counties.number, countyNumber)))[0]
    : undefined;
  if (!county) throw new AppError("not_found", "errors.notFound");
  if (!canAdviseCounty(actor, county.number)) throw new AppError("forbidden", "errors.forbidden");
  const query = countyRollupQuerySchema.parse(asObject(rawQuery));
  const loaded = await loadRows(county.number, query.year, options.now ?? new Date());
  const { rows, themeBy } = loaded;
  return {
    county,
    ...kommuneTable(loaded, rows, query),
    totals: countyTotals(rows, county.number, county.name),
    gaps: countyGaps(rows, themeBy),
  };
}

export type CountyRollup = Awaited<ReturnType<typeof getCountyRollup>>;

/** All 357 kommuner and 15 fylker, filtered by size class, målform and fylke: national admins only. */
export async function getNationalRollup(actor: Actor, rawQuery: unknown = {}, options: { now?: Date } = {}) {
  requireSignedIn(actor);
  if (!isNationalAdmin(actor)) throw new AppError("forbidden", "errors.forbidden");
  const query = nationalRollupQuerySchema.parse(asObject(rawQuery));
  const [loaded, countyList] = await Promise.all([
    loadRows(null, query.year, options.now ?? new Date()),
    getDb().select({ number: counties.number, name: counties.name }).from(counties).orderBy(asc(counties.number)),
  ]);
  const { rows: all, themeBy } = loaded;
  const rows = all.filter(
    (r) =>
      (!query.sizeClass || r.sizeClass === query.sizeClass) &&
      (!query.languageForm || r.languageForm === query.languageForm) &&
      (!query.county || r.countyNumber === query.county),
  );
  const countyRows = countyList
    .filter((c) => !query.county || c.number === query.county)
    .map((c) => {
      const inCounty = rows.filter((r) => r.countyNumber === c.number);
      return { ...countyTotals(inCounty, c.number, c.name), gaps: countyGaps(inCounty, themeBy) };
    })
    .sort((a, b) => norwegian.compare(a.name, b.name));
  return {
    filter: { sizeClass: query.sizeClass ?? null, languageForm: query.languageForm ?? null, county: query.county ?? null },
    counties: countyList.sort((a, b) => norwegian.compare(a.name, b.name)),
    ...kommuneTable(loaded, rows, query),
    countyTotals: countyRows,
    totals: countyTotals(rows, "", ""),
    totalKommuner: all.length,
  };
}

export type NationalRollup = Awaited<ReturnType<typeof getNationalRollup>>;
