import { sql } from "drizzle-orm";
import { getDb } from "~/db/client.server.ts";
import { AppError } from "~/lib/errors.ts";
import { canAdviseCounty, canCoordinateMunicipality, isNationalAdmin, type Actor } from "~/domain/auth/actor.ts";
import { osloDate } from "~/domain/competence/working-days.ts";
import { SHORT_PLACEMENT_DAYS, SHORT_PLACEMENT_FLAG_MIN } from "./placements.constants.ts";

/**
 * The public side's figures on placements (issue 14): how many of the places
 * that ended became lasting work, for a kommune (its coordinators, its
 * county's advisors, IMDi), a fylke (its advisors, IMDi) and the whole
 * country (IMDi); and the employers with repeated short placements and no
 * transition to lasting work — a flag for follow-up, never shown publicly.
 *
 * Counts only, from placement_outcome_counts: "ended" places are completed +
 * lasting work + ended early; an extended place has not ended and is left
 * out of the share. Withdrawn placements count nowhere.
 */

export type FigureScope = { level: "municipality"; municipalityNumber: string } | { level: "county"; countyNumber: string } | { level: "national" };

export interface PlacementFigures {
  placements: number;
  places: number;
  completed: number;
  extended: number;
  lastingWork: number;
  endedEarly: number;
  ended: number;
  /** lastingWork / ended, 0–1; null while no place has ended. */
  share: number | null;
}

export interface FlaggedEmployer {
  organizationId: string;
  name: string;
  kommuner: string;
  shortPlacements: number;
}

function mayRead(actor: Actor, scope: FigureScope): boolean {
  if (scope.level === "municipality") return canCoordinateMunicipality(actor, scope.municipalityNumber);
  if (scope.level === "county") return canAdviseCounty(actor, scope.countyNumber);
  return isNationalAdmin(actor);
}

function scopeFilter(scope: FigureScope) {
  if (scope.level === "municipality") return sql`p.municipality_number = ${scope.municipalityNumber}`;
  if (scope.level === "county") return sql`m.county_number = ${scope.countyNumber}`;
  return sql`true`;
}

function figures(row: {
  placements: number;
  places: number;
  completed: number;
  extended: number;
  lasting_work: number;
  ended_early: number;
}): PlacementFigures {
  const ended = row.completed + row.lasting_work + row.ended_early;
  return {
    placements: row.placements,
    places: row.places,
    completed: row.completed,
    extended: row.extended,
    lastingWork: row.lasting_work,
    endedEarly: row.ended_early,
    ended,
    share: ended > 0 ? row.lasting_work / ended : null,
  };
}

type Aggregate = {
  area: string;
  area_name: string;
  placements: number;
  places: number;
  completed: number;
  extended: number;
  lasting_work: number;
  ended_early: number;
};

/**
 * The figures for one scope, the same split by area (the kommuner of a fylke,
 * the fylker of the country; none for one kommune) and the flagged employers.
 * Two grouped queries and one for the flag, whatever the number of placements.
 */
export async function placementFiguresFor(actor: Actor, scope: FigureScope, now = new Date()) {
  if (actor.kind !== "user") throw new AppError("unauthenticated", "errors.unauthenticated");
  if (!mayRead(actor, scope)) throw new AppError("forbidden", "errors.forbidden");
  const db = getDb();
  const where = scopeFilter(scope);
  const areaKey = scope.level === "national" ? sql`m.county_number` : sql`p.municipality_number`;
  const areaName = scope.level === "national" ? sql`(select c.name from counties c where c.number = m.county_number)` : sql`m.name`;
  const aggregate = (await db.execute(sql`
    with scoped as (
      select p.id, p.places, ${areaKey} as area, ${areaName} as area_name
      from placements p join municipalities m on m.number = p.municipality_number
      where p.status <> 'withdrawn' and ${where}
    ), outcomes as (
      select s.area,
        coalesce(sum(o.count) filter (where o.outcome = 'completed'), 0)::int as completed,
        coalesce(sum(o.count) filter (where o.outcome = 'extended'), 0)::int as extended,
        coalesce(sum(o.count) filter (where o.outcome = 'lasting_work'), 0)::int as lasting_work,
        coalesce(sum(o.count) filter (where o.outcome = 'ended_early'), 0)::int as ended_early
      from placement_outcome_counts o join scoped s on s.id = o.placement_id
      group by s.area
    )
    select s.area, min(s.area_name) as area_name, count(*)::int as placements, sum(s.places)::int as places,
      coalesce(max(o.completed), 0)::int as completed, coalesce(max(o.extended), 0)::int as extended,
      coalesce(max(o.lasting_work), 0)::int as lasting_work, coalesce(max(o.ended_early), 0)::int as ended_early
    from scoped s left join outcomes o on o.area = s.area
    group by s.area
    order by min(s.area_name)
  `)) as unknown as { rows: Aggregate[] };
  const rows = aggregate.rows.map((r) => ({
    ...r,
    placements: Number(r.placements),
    places: Number(r.places),
    completed: Number(r.completed),
    extended: Number(r.extended),
    lasting_work: Number(r.lasting_work),
    ended_early: Number(r.ended_early),
  }));
  const total = figures(
    rows.reduce(
      (t, r) => ({
        placements: t.placements + r.placements,
        places: t.places + r.places,
        completed: t.completed + r.completed,
        extended: t.extended + r.extended,
        lasting_work: t.lasting_work + r.lasting_work,
        ended_early: t.ended_early + r.ended_early,
      }),
      { placements: 0, places: 0, completed: 0, extended: 0, lasting_work: 0, ended_early: 0 },
    ),
  );
  const byArea = scope.level === "municipality" ? [] : rows.map((r) => ({ area: r.area, name: r.area_name, ...figures(r) }));
  return { total, byArea, flagged: await flaggedEmployers(scope, now) };
}

/**
 * Employers with at least SHORT_PLACEMENT_FLAG_MIN placements in the scope
 * that have ended (their period is over) after fewer than SHORT_PLACEMENT_DAYS
 * days, and not one place — anywhere — that became lasting work.
 */
async function flaggedEmployers(scope: FigureScope, now: Date): Promise<FlaggedEmployer[]> {
  const today = osloDate(now);
  const result = (await getDb().execute(sql`
    select p.employer_organization_id as organization_id, e.name, string_agg(distinct m.name, ', ' order by m.name) as kommuner,
      count(*)::int as short_placements
    from placements p
      join municipalities m on m.number = p.municipality_number
      join organizations e on e.id = p.employer_organization_id
    where ${scopeFilter(scope)}
      and p.status <> 'withdrawn'
      and p.period_end is not null and p.period_end < ${today}::date
      and (p.period_end - p.period_start) < ${SHORT_PLACEMENT_DAYS}
      and not exists (
        select 1 from placement_outcome_counts o join placements q on q.id = o.placement_id
        where q.employer_organization_id = p.employer_organization_id and o.outcome = 'lasting_work'
      )
    group by p.employer_organization_id, e.name
    having count(*) >= ${SHORT_PLACEMENT_FLAG_MIN}
    order by count(*) desc, e.name
    limit 50
  `)) as unknown as { rows: { organization_id: string; name: string; kommuner: string; short_placements: number }[] };
  return result.rows.map((r) => ({ organizationId: r.organization_id, name: r.name, kommuner: r.kommuner, shortPlacements: Number(r.short_placements) }));
}

/** An employer organisation's own outcome summary for its start page: its members only. */
export async function employerOutcomeSummary(organizationIds: string[]) {
  if (!organizationIds.length) return null;
  const ids = sql.join(
    organizationIds.map((id) => sql`${id}::uuid`),
    sql`, `,
  );
  const result = (await getDb().execute(sql`
    select coalesce(sum(o.count) filter (where o.outcome = 'lasting_work'), 0)::int as lasting_work,
      coalesce(sum(o.count) filter (where o.outcome in ('completed', 'lasting_work', 'ended_early')), 0)::int as ended
    from placement_outcome_counts o join placements p on p.id = o.placement_id
    where p.employer_organization_id in (${ids}) and p.status <> 'withdrawn'
  `)) as unknown as { rows: { lasting_work: number; ended: number }[] };
  const row = result.rows[0];
  return row && Number(row.ended) > 0 ? { lastingWork: Number(row.lasting_work), ended: Number(row.ended) } : null;
}
