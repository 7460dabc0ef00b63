import { Link } from "react-router";
import { Heading, Paragraph } from "@digdir/designsystemet-react";
import { Choropleth, type ChoroplethMap } from "~/components/choropleth.tsx";
import { useFormat, useT } from "~/i18n/use-t.ts";
import type { MessageKey } from "~/i18n/messages.ts";
import { labelOf } from "~/i18n/labels.ts";
import { activityThemes } from "~/domain/activities/activities.constants.ts";
import { rollupSorts, type RollupSort, type SortDirection } from "~/domain/overview/rollup.schema.ts";
import type { CountyGap, CountyTotals, KommuneRollupRow } from "~/domain/overview/rollup.server.ts";
import { MAPPED_MIN_ACTIVITIES } from "~/domain/overview/mapping.ts";

/** Shared pieces of the county and national roll-up pages (not a route). */

/** Sort orders and directions as they appear in the address bar (Norwegian), and back. */
export const sortParam: Record<RollupSort, string> = {
  name: "navn",
  population: "innbyggere",
  settled: "bosatte",
  activities: "aktiviteter",
  organizations: "organisasjoner",
  capacity: "plasser",
  volunteers: "frivillige",
  coverage: "dekning",
  gaps: "hull",
};
const sortFromParam = Object.fromEntries(rollupSorts.map((s) => [sortParam[s], s]));
export const directionParam: Record<SortDirection, string> = { asc: "stigende", desc: "synkende" };
const directionFromParam: Record<string, SortDirection> = { stigende: "asc", synkende: "desc" };

/** The domain query from the URL: unknown values are passed on and ignored there. */
export function sortQuery(params: URLSearchParams) {
  return {
    sort: sortFromParam[params.get("sortering") ?? ""],
    direction: directionFromParam[params.get("retning") ?? ""],
    year: params.get("aar") ?? undefined,
  };
}

const columnLabel: Record<RollupSort, MessageKey> = {
  name: "rollup.col.name",
  population: "rollup.col.population",
  settled: "rollup.col.settled",
  activities: "rollup.col.activities",
  organizations: "rollup.col.organizations",
  capacity: "rollup.col.capacity",
  volunteers: "rollup.col.volunteers",
  coverage: "rollup.col.coverage",
  gaps: "rollup.col.gaps",
};

function SortHeader({
  column,
  sort,
  direction,
  href,
}: {
  column: RollupSort;
  sort: RollupSort;
  direction: SortDirection;
  href: (sort: RollupSort, direction?: SortDirection) => string;
}) {
  const t = useT();
  const active = column === sort;
  // Choosing the active column again turns the order round; a new column starts in its natural order.
  const target = active ? href(column, direction === "asc" ? "desc" : "asc") : href(column);
  return (
    <th scope="col" aria-sort={active ? (direction === "asc" ? "ascending" : "descending") : undefined} className={column === "name" ? undefined : "num"}>
      <Link to={target}>{t(columnLabel[column])}</Link>
      {active ? <span aria-hidden="true">{direction === "asc" ? " ↑" : " ↓"}</span> : null}
    </th>
  );
}

function Figure({ value }: { value: number | null }) {
  const t = useT();
  const format = useFormat();
  // Plain text, no wrapper: the national table has 357 rows, and every element costs on a cheap phone (and in axe).
  return <td className="num">{value === null ? t("rollup.notReported") : format.number(value)}</td>;
}

/** Every kommune in a row; the column headers are GET links that sort (no JavaScript). */
export function KommuneTable({
  rows,
  sort,
  direction,
  href,
  area,
  showCounty,
  totals,
}: {
  rows: KommuneRollupRow[];
  sort: RollupSort;
  direction: SortDirection;
  href: (sort: RollupSort, direction?: SortDirection) => string;
  area: string;
  showCounty: boolean;
  /** A last row with the sums (per 100 settled over the reporting kommuner only). */
  totals?: CountyTotals & { label: string };
}) {
  const t = useT();
  const format = useFormat();
  const header = (column: RollupSort) => <SortHeader column={column} sort={sort} direction={direction} href={href} />;
  return (
    <div className="table-wrap">
      <table className="ds-table rollup-table" data-size="sm">
        <caption>
          {t("rollup.table.caption", {
            area,
            column: t(columnLabel[sort]).toLowerCase(),
            direction: t(direction === "asc" ? "rollup.table.ascending" : "rollup.table.descending"),
          })}
          <span className="muted"> {t("rollup.table.sortHint")}</span>
        </caption>
        <thead>
          <tr>
            {header("name")}
            {showCounty ? <th scope="col">{t("rollup.col.county")}</th> : null}
            {header("population")}
            {header("settled")}
            {header("activities")}
            {header("organizations")}
            {header("capacity")}
            {header("volunteers")}
            {header("coverage")}
            {header("gaps")}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.number}>
              <th scope="row">
                <a href={`/kommuner/${r.number}/oversikt`}>{r.name}</a>
              </th>
              {showCounty ? <td>{r.countyName}</td> : null}
              <Figure value={r.population} />
              <Figure value={r.settled} />
              <td className="num">{format.number(r.activities)}</td>
              <td className="num">{format.number(r.organizations)}</td>
              <td className="num">{format.number(r.capacity)}</td>
              <td className="num">{format.number(r.volunteersSought)}</td>
              <td className="num">{r.coverage === null ? t("rollup.noValue") : format.number(r.coverage)}</td>
              <td className="num">
                {r.mapped ? t("rollup.gapsOf", { gaps: r.gaps, themes: activityThemes.length }) : <span className="muted">{t("rollup.notMapped")}</span>}
              </td>
            </tr>
          ))}
        </tbody>
        {totals ? (
          <tfoot>
            <tr>
              <th scope="row">{totals.label}</th>
              {showCounty ? <td /> : null}
              <Figure value={totals.population} />
              <Figure value={totals.settled} />
              <td className="num">{format.number(totals.activities)}</td>
              <td className="num">{format.number(totals.organizations)}</td>
              <td className="num">{format.number(totals.capacity)}</td>
              <td className="num">{format.number(totals.volunteersSought)}</td>
              <td className="num">{totals.coverage === null ? <span className="muted">{t("rollup.noValue")}</span> : format.number(totals.coverage)}</td>
              <td />
            </tr>
          </tfoot>
        ) : null}
      </table>
    </div>
  );
}

export function RollupMap({ map, rows, year, id }: { map: ChoroplethMap; rows: KommuneRollupRow[]; year: number; id: string }) {
  const t = useT();
  const reported = rows.filter((r) => r.settled !== null).length;
  return (
    <section aria-labelledby={`${id}-heading`} className="stack">
      <Heading level={2} data-size="sm" id={`${id}-heading`}>
        {t("rollup.map.heading")}
      </Heading>
      <Choropleth
        id={id}
        map={map}
        summary={t("rollup.map.summary", { count: rows.length, year, reported, notReported: rows.length - reported })}
        regions={rows.map((r) => ({
          number: r.number,
          name: r.name,
          value: r.coverage,
          missing: r.settled === null ? "notReported" : r.settled === 0 ? "noneSettled" : undefined,
        }))}
      />
    </section>
  );
}

/**
 * Kommuner where too little is registered to tell what is offered, listed apart from the gaps: in the 2016
 * report's words the kommuner lack an overview, which is not the same as lacking offers.
 */
export function UnmappedKommuner({ rows, id, list = true }: { rows: KommuneRollupRow[]; id: string; list?: boolean }) {
  const t = useT();
  const unmapped = rows.filter((r) => !r.mapped);
  return (
    <section aria-labelledby={`${id}-heading`} className="stack" data-testid={id}>
      <Heading level={2} data-size="sm" id={`${id}-heading`}>
        {t("rollup.unmapped.heading", { count: unmapped.length })}
      </Heading>
      <Paragraph>{t("rollup.unmapped.intro", { count: unmapped.length, total: rows.length, min: MAPPED_MIN_ACTIVITIES })}</Paragraph>
      {!list ? (
        <Paragraph>{t("rollup.unmapped.perCounty")}</Paragraph>
      ) : unmapped.length > 0 ? (
        <details>
          <summary>{t("rollup.unmapped.show", { count: unmapped.length })}</summary>
          <ul className="overview-columns">
            {unmapped.map((r) => (
              <li key={r.number}>
                <a href={`/kommuner/${r.number}/oversikt`}>{r.name}</a> ({t("rollup.unmapped.activities", { count: r.activities })})
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </section>
  );
}

export function CountyGaps({ gaps, id }: { gaps: CountyGap[]; id: string }) {
  const t = useT();
  return (
    <section aria-labelledby={`${id}-heading`} className="stack">
      <Heading level={2} data-size="sm" id={`${id}-heading`}>
        {t("rollup.gaps.heading")}
      </Heading>
      <Paragraph>{t("rollup.gaps.intro")}</Paragraph>
      {gaps.length === 0 ? (
        <Paragraph>{t("rollup.gaps.none")}</Paragraph>
      ) : (
        <ul>
          {gaps.map((g) => (
            <li key={g.theme}>
              {t("rollup.gaps.item", { theme: labelOf(t, "theme", g.theme), count: g.kommunerWithGap, total: g.kommuner, activities: g.activities })}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
