import { and, eq, inArray, sql, type SQL } from "drizzle-orm";
import { getDb, type Queryable } from "~/db/client.server.ts";
import { arrayParam } from "~/db/sql.ts";
import { activities, municipalityCoverage } from "~/db/schema/index.ts";

/**
 * Coverage figures per kommune (activities, organisations, capacity and
 * volunteer requests by theme and target group), kept pre-aggregated in
 * `municipality_coverage`. An activity write recomputes only the rows it can
 * change (`refreshCoverageFor`: its kommune's total and its old and new themes
 * and target groups, both scopes); start-up and bulk loads refresh whole
 * kommuner (`refreshCoverage`). Both use the same aggregate SQL, and a figure
 * that falls to 0 activities has no row in either (readers treat a missing
 * row as 0).
 *
 * Concurrency: recomputes of one kommune are serialised with a transaction
 * advisory lock taken before the recompute statement, so under READ COMMITTED
 * the later writer's statement sees the earlier writer's committed activity
 * and no count is lost; a refresh of every kommune takes the global lock
 * exclusively, the others share it.
 */

export type CoverageScope = "public" | "all";

/** Only these rows of a kommune (a write's footprint); the total row is always included. */
interface KeyFilter {
  themes: string[];
  targetGroups: string[];
}

/** The four figures of one scope; `where` narrows to the public scope. */
function figureColumns(prefix: "" | "public_", where: SQL | null) {
  const f = (agg: SQL, cond?: SQL) =>
    where ? sql`${agg} filter (where ${cond ? sql`${cond} and ` : sql``}${where})` : cond ? sql`${agg} filter (where ${cond})` : agg;
  return sql`
    ${f(sql`count(*)`)} as ${sql.raw(prefix)}activity_count,
    ${f(sql`count(distinct a.organization_id)`)} as ${sql.raw(prefix)}organization_count,
    ${f(sql`sum(coalesce(a.capacity, 0))`)} as ${sql.raw(prefix)}capacity,
    ${f(sql`count(*)`, sql`a.seeks_volunteers`)} as ${sql.raw(prefix)}seeking_volunteers`;
}

/**
 * The figures, one row per (kommune, scope, dimension, key) with at least one
 * activity. Counted: activities that are not ended; the "public" scope also
 * requires public visibility. Per row: activities, distinct organisations,
 * places (capacity, none = 0), activities seeking volunteers. Each dimension is
 * one pass over the kommune's activities (the covering index
 * activities_coverage_idx makes it an index-only scan) computing both scopes.
 * `keys` limits the theme and target-group rows to those keys (the total row
 * is always computed); the counting is the same either way.
 */
function figuresSql(municipalityNumbers: string[] | null, keys?: KeyFilter) {
  const counted = municipalityNumbers
    ? sql`a.status <> 'ended' and a.municipality_number in (${sql.join(
        municipalityNumbers.map((n) => sql`${n}`),
        sql`, `,
      )})`
    : sql`a.status <> 'ended'`;
  const columns = sql`${figureColumns("", null)}, ${figureColumns("public_", sql`a.visibility = 'public'`)}`;
  const perKey = (dimension: "theme" | "target_group", column: SQL, only: string[] | undefined) => sql`
    select a.municipality_number, ${dimension}::text as dimension, k.key, ${columns}
    from activities a, unnest(${column}) as k(key)
    where ${counted} ${only ? sql`and ${column} && ${arrayParam(only, "text")} and k.key = any(${arrayParam(only, "text")})` : sql``}
    group by a.municipality_number, k.key`;
  return sql`
    with per_dimension as (
      select a.municipality_number, 'total'::text as dimension, 'all'::text as key, ${columns}
      from activities a
      where ${counted}
      group by a.municipality_number
      union all
      ${perKey("theme", sql`a.themes`, keys?.themes)}
      union all
      ${perKey("target_group", sql`a.target_groups`, keys?.targetGroups)}
    )
    select f.municipality_number, s.scope, f.dimension, f.key,
      s.activity_count::int as activity_count, s.organization_count::int as organization_count,
      s.capacity::int as capacity, s.seeking_volunteers::int as seeking_volunteers
    from per_dimension f
    cross join lateral (values
      ('public'::text, f.public_activity_count, f.public_organization_count, f.public_capacity, f.public_seeking_volunteers),
      ('all'::text, f.activity_count, f.organization_count, f.capacity, f.seeking_volunteers)
    ) as s(scope, activity_count, organization_count, capacity, seeking_volunteers)
    where s.activity_count > 0`;
}

/** Advisory lock keys: one class for coverage, 0 = every kommune, else the kommune number. */
const LOCK_CLASS = 7_340_401;
async function lockKommuner(tx: Queryable, municipalityNumbers: string[] | null) {
  if (!municipalityNumbers) {
    await tx.execute(sql`select pg_advisory_xact_lock(${LOCK_CLASS}::int, 0)`);
    return;
  }
  await tx.execute(sql`select pg_advisory_xact_lock_shared(${LOCK_CLASS}::int, 0)`);
  // Sorted, so two writers never wait on each other in opposite order.
  for (const n of [...municipalityNumbers].sort()) await tx.execute(sql`select pg_advisory_xact_lock(${LOCK_CLASS}::int, ${Number(n)}::int)`);
}

/** Recomputes the figures of the given kommuner (all when null), in one transaction. */
export async function refreshCoverage(db: Queryable, municipalityNumbers: string[] | null): Promise<void> {
  if (municipalityNumbers && municipalityNumbers.length === 0) return;
  const run = async (tx: Queryable) => {
    await lockKommuner(tx, municipalityNumbers);
    if (municipalityNumbers) await tx.delete(municipalityCoverage).where(inArray(municipalityCoverage.municipalityNumber, municipalityNumbers));
    else await tx.delete(municipalityCoverage);
    await tx.execute(sql`
      insert into municipality_coverage (municipality_number, scope, dimension, key, activity_count, organization_count, capacity, seeking_volunteers)
      select municipality_number, scope, dimension, key, activity_count, organization_count, capacity, seeking_volunteers
      from (${figuresSql(municipalityNumbers)}) figures`);
  };
  // A caller's transaction is used as it is; the shared handle gets a transaction of its own.
  if (db === getDb()) await getDb().transaction(run);
  else await run(db);
}

/** What of an activity decides which coverage rows it counts in. */
export interface CoverageFootprint {
  municipalityNumber: string;
  themes: readonly string[];
  targetGroups: readonly string[];
}

/**
 * An activity's footprint as stored now, its row locked until the transaction
 * ends: call it inside the write's transaction before changing or deleting
 * the activity, so a concurrent edit cannot slip in between.
 */
export async function lockCoverageFootprint(tx: Queryable, activityId: string): Promise<CoverageFootprint | null> {
  const [row] = await tx
    .select({ municipalityNumber: activities.municipalityNumber, themes: activities.themes, targetGroups: activities.targetGroups })
    .from(activities)
    .where(eq(activities.id, activityId))
    .for("update");
  return row ?? null;
}

/**
 * The incremental refresh after an activity write, inside its transaction:
 * recomputes only the rows the activity can affect — per kommune of the old
 * and new footprint, both scopes × (total, every theme and target group of
 * either footprint) — with the same aggregate as `refreshCoverage`; rows that
 * fall to 0 activities are deleted. Pass the footprint before the write
 * (null for a create) and after it (null for a delete).
 */
export async function refreshCoverageFor(tx: Queryable, footprints: readonly (CoverageFootprint | null | undefined)[]): Promise<void> {
  const byKommune = new Map<string, { themes: Set<string>; targetGroups: Set<string> }>();
  for (const f of footprints) {
    if (!f) continue;
    const keys = byKommune.get(f.municipalityNumber) ?? { themes: new Set<string>(), targetGroups: new Set<string>() };
    for (const t of f.themes) keys.themes.add(t);
    for (const g of f.targetGroups) keys.targetGroups.add(g);
    byKommune.set(f.municipalityNumber, keys);
  }
  if (!byKommune.size) return;
  await lockKommuner(tx, [...byKommune.keys()]);
  for (const [kommune, sets] of [...byKommune].sort(([a], [b]) => a.localeCompare(b))) {
    const keys = { themes: [...sets.themes].sort(), targetGroups: [...sets.targetGroups].sort() };
    const targets = (["public", "all"] as const).flatMap((scope) => [
      [scope, "total", "all"],
      ...keys.themes.map((k) => [scope, "theme", k]),
      ...keys.targetGroups.map((k) => [scope, "target_group", k]),
    ]);
    await tx.execute(sql`
      with figures as (${figuresSql([kommune], keys)}),
      targets as (
        select * from unnest(${arrayParam(
          targets.map((t) => t[0]!),
          "text",
        )}, ${arrayParam(
          targets.map((t) => t[1]!),
          "text",
        )}, ${arrayParam(
          targets.map((t) => t[2]!),
          "text",
        )}) as t(scope, dimension, key)
      ),
      emptied as (
        delete from municipality_coverage c
        using targets t
        where c.municipality_number = ${kommune} and c.scope = t.scope and c.dimension = t.dimension and c.key = t.key
          and not exists (select 1 from figures f where f.scope = t.scope and f.dimension = t.dimension and f.key = t.key)
      )
      insert into municipality_coverage (municipality_number, scope, dimension, key, activity_count, organization_count, capacity, seeking_volunteers)
      select municipality_number, scope, dimension, key, activity_count, organization_count, capacity, seeking_volunteers from figures
      on conflict (municipality_number, scope, dimension, key) do update set
        activity_count = excluded.activity_count,
        organization_count = excluded.organization_count,
        capacity = excluded.capacity,
        seeking_volunteers = excluded.seeking_volunteers,
        refreshed_at = now()`);
  }
}

/** Fills the table at start-up when it has never been filled (e.g. after the migration or a bulk load). */
export async function ensureCoverage(): Promise<boolean> {
  const db = getDb();
  const [any] = await db
    .select({ n: sql<number>`1` })
    .from(municipalityCoverage)
    .limit(1);
  const [anyActivity] = await db
    .select({ n: sql<number>`1` })
    .from(activities)
    .limit(1);
  if (any || !anyActivity) return false;
  await refreshCoverage(db, null);
  return true;
}

export interface CoverageRow {
  municipalityNumber: string;
  dimension: "total" | "theme" | "target_group";
  key: string;
  activityCount: number;
  organizationCount: number;
  capacity: number;
  seekingVolunteers: number;
}

/** Figures for the given kommuner (all when null). Authorization is the caller's: public scope is public data. */
export async function readCoverage(scope: CoverageScope, municipalityNumbers: string[] | null): Promise<CoverageRow[]> {
  const db = getDb();
  return db
    .select({
      municipalityNumber: municipalityCoverage.municipalityNumber,
      dimension: municipalityCoverage.dimension,
      key: municipalityCoverage.key,
      activityCount: municipalityCoverage.activityCount,
      organizationCount: municipalityCoverage.organizationCount,
      capacity: municipalityCoverage.capacity,
      seekingVolunteers: municipalityCoverage.seekingVolunteers,
    })
    .from(municipalityCoverage)
    .where(and(eq(municipalityCoverage.scope, scope), municipalityNumbers ? inArray(municipalityCoverage.municipalityNumber, municipalityNumbers) : undefined));
}
