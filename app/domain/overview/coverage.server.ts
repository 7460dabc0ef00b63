import { and, eq, inArray, sql } from "drizzle-orm";
import { getDb, type Queryable } from "~/db/client.server.ts";
import { activities, municipalityCoverage } from "~/db/schema/index.ts";

/**
 * Coverage figures per kommune (activities, organisations, capacity and
 * volunteer requests by theme and target group), kept pre-aggregated in
 * `municipality_coverage`. Activity writes refresh their kommune; start-up
 * fills kommuner that have never been aggregated.
 */

export type CoverageScope = "public" | "all";

/** Counted: activities that are not ended. "public" also requires public visibility. */
function aggregateSql(scope: CoverageScope, municipalityNumbers: string[] | null) {
  const scopeFilter = scope === "public" ? sql`and a.visibility = 'public'` : sql``;
  const kommuneFilter = municipalityNumbers
    ? sql`and a.municipality_number in (${sql.join(municipalityNumbers.map((n) => sql`${n}`), sql`, `)})`
    : sql``;
  return sql`
    with base as (
      select a.municipality_number, a.organization_id, coalesce(a.capacity, 0) as capacity, a.seeks_volunteers, a.themes, a.target_groups
      from activities a
      where a.status <> 'ended' ${scopeFilter} ${kommuneFilter}
    ),
    dims as (
      select municipality_number, 'total'::text as dimension, 'all'::text as key, organization_id, capacity, seeks_volunteers from base
      union all
      select municipality_number, 'theme', unnest(themes), organization_id, capacity, seeks_volunteers from base
      union all
      select municipality_number, 'target_group', unnest(target_groups), organization_id, capacity, seeks_volunteers from base
    )
    select municipality_number, ${scope}::text as scope, dimension, key,
      count(*)::int as activity_count,
      count(distinct organization_id)::int as organization_count,
      sum(capacity)::int as capacity,
      count(*) filter (where seeks_volunteers)::int as seeking_volunteers
    from dims
    group by municipality_number, dimension, key`;
}

/** Recomputes the figures of the given kommuner (all when null), in one transaction. */
export async function refreshCoverage(db: Queryable, municipalityNumbers: string[] | null): Promise<void> {
  if (municipalityNumbers && municipalityNumbers.length === 0) return;
  const run = async (tx: Queryable) => {
    if (municipalityNumbers) await tx.delete(municipalityCoverage).where(inArray(municipalityCoverage.municipalityNumber, municipalityNumbers));
    else await tx.delete(municipalityCoverage);
    for (const scope of ["public", "all"] as const) {
      await tx.execute(sql`
        insert into municipality_coverage (municipality_number, scope, dimension, key, activity_count, organization_count, capacity, seeking_volunteers)
        select municipality_number, scope, dimension, key, activity_count, organization_count, capacity, seeking_volunteers
        from (${aggregateSql(scope, municipalityNumbers)}) figures`);
    }
  };
  // A caller's transaction is used as it is; the shared handle gets a transaction of its own.
  if (db === getDb()) await getDb().transaction(run);
  else await run(db);
}

/** Fills the table at start-up when it has never been filled (e.g. after the migration or a bulk load). */
export async function ensureCoverage(): Promise<boolean> {
  const db = getDb();
  const [any] = await db.select({ n: sql<number>`1` }).from(municipalityCoverage).limit(1);
  const [anyActivity] = await db.select({ n: sql<number>`1` }).from(activities).limit(1);
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
    .where(
      and(
        eq(municipalityCoverage.scope, scope),
        municipalityNumbers ? inArray(municipalityCoverage.municipalityNumber, municipalityNumbers) : undefined,
      ),
    );
}
