import { Form, Link } from "react-router";
import { Button, Heading, Paragraph } from "@digdir/designsystemet-react";
import type { Route } from "./+types/national";
import { SelectField } from "~/components/form.tsx";
import { Pagination } from "~/components/pagination.tsx";
import { getTranslator } from "~/i18n/translate.ts";
import { useFormat, useT } from "~/i18n/use-t.ts";
import type { MessageKey } from "~/i18n/messages.ts";
import { label, labelOf } from "~/i18n/labels.ts";
import { getLocale, guard, requireUser } from "~/lib/route.server.ts";
import { TopObstaclesSection } from "../workshops/report-overview-sections.tsx";
import { topObstaclesFor } from "~/domain/workshops/common-obstacles.server.ts";
import { placementFiguresFor } from "~/domain/placements/placement-figures.server.ts";
import { PlacementFiguresSection } from "../placements/followup-figures-ui.tsx";
import { pageOf, parsePage } from "~/lib/paging.ts";
import { getNationalRollup } from "~/domain/overview/rollup.server.ts";
import { nationalMap } from "~/domain/overview/map.server.ts";
import { getNationalResponseTimes } from "~/domain/guidance/response-times.server.ts";
import { ResponseTimesTable } from "../competence/response-times-ui.tsx";
import { defaultDirection, languageForms, sizeClasses, type RollupSort, type SortDirection } from "~/domain/overview/rollup.schema.ts";
import { languageFormKey } from "../municipalities/municipality-ui.tsx";
import { directionParam, KommuneTable, RollupMap, sortParam, sortQuery, UnmappedKommuner } from "./rollup-ui.tsx";
import "~/styles/rollup.css";

/** A table, an SVG map and GET forms: nothing here needs JavaScript. */
export const handle = { hydrate: false };

/** Filters as they appear in the address bar (Norwegian). */
const sizeParam = { small: "liten", medium: "mellomstor", large: "stor", city: "by" } as const;
const sizeFromParam = Object.fromEntries(Object.entries(sizeParam).map(([k, v]) => [v, k]));
/** Table rows per page: the map shows every kommune of the filter, the table a page of them (keeps the page light for phones and for axe). */
const PAGE_SIZE = 120;

type CountyTotal = Route.ComponentProps["loaderData"]["countyTotals"][number];

/** The fylke totals' number columns: header, value, and what a missing value says. */
const countyNumberColumns: [header: MessageKey, value: (c: CountyTotal) => number | null, missing?: MessageKey][] = [
  ["rollup.col.kommuner", (c) => c.kommuner],
  ["rollup.col.population", (c) => c.population],
  ["rollup.col.settled", (c) => c.settled, "rollup.notReported"],
  ["rollup.col.reporting", (c) => c.reportingKommuner],
  ["rollup.col.mapped", (c) => c.mappedKommuner],
  ["rollup.col.activities", (c) => c.activities],
  ["rollup.col.coverage", (c) => c.coverage, "rollup.noValue"],
];

export function meta({ loaderData }: Route.MetaArgs) {
  return [{ title: `${loaderData?.title ?? "Nasjonal oversikt"} – Samspill` }];
}

export async function loader({ request, context }: Route.LoaderArgs) {
  const actor = requireUser(context, request);
  const params = new URL(request.url).searchParams;
  const rollup = await guard(request, () =>
    getNationalRollup(actor, {
      ...sortQuery(params),
      sizeClass: sizeFromParam[params.get("storrelse") ?? ""],
      languageForm: params.get("malform") ?? undefined,
      county: params.get("fylke") ?? undefined,
    }),
  );
  const responseTimes = await guard(request, () => getNationalResponseTimes(actor));
  // Top obstacles from all development workshops (issue 13); the rollup's guard has checked the reader.
  const topObstacles = await topObstaclesFor({ level: "national" });
  // Placements that became lasting work, per fylke, and flagged employers (issue 14).
  const placementFigures = await guard(request, () => placementFiguresFor(actor, { level: "national" }));
  const map = nationalMap();
  // Only the kommuner shown are drawn; fylke borders always.
  const shown = new Set(rollup.kommuner.map((k) => k.number));
  const kommunePaths = Object.fromEntries(Object.entries(map.kommuner).filter(([n]) => shown.has(n)));
  const { page, pageCount, rows: pageRows } = pageOf(rollup.kommuner, parsePage(params.get("side")), PAGE_SIZE);
  return {
    title: getTranslator(getLocale(context))("rollup.national.title"),
    topObstacles,
    ...rollup,
    placementFigures,
    map: { ...map, kommuner: kommunePaths },
    page,
    pageCount,
    pageSize: PAGE_SIZE,
    pageRows,
    responseTimes,
  };
}

export default function NationalOverview({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const format = useFormat();
  const {
    filter,
    counties,
    year,
    yearChoices,
    defaultYear,
    sort,
    direction,
    kommuner,
    countyTotals,
    totals,
    totalKommuner,
    map,
    page,
    pageCount,
    pageSize,
    pageRows,
  } = loaderData;
  const href = (column: RollupSort, dir?: SortDirection, side = 1) => {
    const params = new URLSearchParams();
    params.set("aar", String(year));
    if (filter.sizeClass) params.set("storrelse", sizeParam[filter.sizeClass]);
    if (filter.languageForm) params.set("malform", filter.languageForm);
    if (filter.county) params.set("fylke", filter.county);
    if (column !== "name") params.set("sortering", sortParam[column]);
    const d = dir ?? defaultDirection(column);
    if (d !== defaultDirection(column)) params.set("retning", directionParam[d]);
    if (side > 1) params.set("side", String(side));
    return `/oversikt?${params}`;
  };
  const filtered = Boolean(filter.sizeClass || filter.languageForm || filter.county);
  const area = filter.county ? (counties.find((c) => c.number === filter.county)?.name ?? "") : t("rollup.totals.all");
  return (
    <div className="page">
      <Heading level={1} data-size="lg">
        {t("rollup.national.title")}
      </Heading>
      <Paragraph>{t("rollup.national.intro", { count: totalKommuner, year })}</Paragraph>
      {defaultYear ? <Paragraph>{t("rollup.latestReportedYear", { year })}</Paragraph> : null}

      <section aria-labelledby="national-filter-heading" className="stack">
        <Heading level={2} data-size="sm" id="national-filter-heading">
          {t("rollup.filter.heading")}
        </Heading>
        <Form method="get" action="/oversikt" className="rollup-filter" aria-labelledby="national-filter-heading">
          <SelectField
            name="aar"
            label={t("rollup.year")}
            defaultValue={String(year)}
            options={yearChoices.map((y) => ({ value: String(y), label: String(y) }))}
          />
          <SelectField
            name="storrelse"
            label={t("rollup.filter.sizeClass")}
            defaultValue={filter.sizeClass ? sizeParam[filter.sizeClass] : ""}
            options={[{ value: "", label: t("rollup.filter.all") }, ...sizeClasses.map((c) => ({ value: sizeParam[c], label: label(t, "sizeClass", c) }))]}
          />
          <SelectField
            name="malform"
            label={t("rollup.filter.languageForm")}
            defaultValue={filter.languageForm ?? ""}
            options={[{ value: "", label: t("rollup.filter.all") }, ...languageForms.map((f) => ({ value: f, label: t(languageFormKey(f)) }))]}
          />
          <SelectField
            name="fylke"
            label={t("rollup.filter.county")}
            defaultValue={filter.county ?? ""}
            options={[{ value: "", label: t("rollup.filter.all") }, ...counties.map((c) => ({ value: c.number, label: c.name }))]}
          />
          {sort !== "name" ? <input type="hidden" name="sortering" value={sortParam[sort]} /> : null}
          {direction !== defaultDirection(sort) ? <input type="hidden" name="retning" value={directionParam[direction]} /> : null}
          <Button type="submit">{t("rollup.filter.submit")}</Button>
          {filtered ? <Link to="/oversikt">{t("rollup.filter.reset")}</Link> : null}
        </Form>
        <Paragraph role="status">{t("rollup.filter.showing", { count: kommuner.length, total: totalKommuner })}</Paragraph>
      </section>

      <RollupMap id="national-map" map={map} rows={kommuner} year={year} />

      <section aria-labelledby="national-counties-heading" className="stack">
        <Heading level={2} data-size="sm" id="national-counties-heading">
          {t("rollup.totals.heading")}
        </Heading>
        <div className="table-wrap">
          <table className="ds-table rollup-table" data-size="sm">
            <caption>{t("rollup.totals.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("rollup.col.county")}</th>
                {countyNumberColumns.map(([header]) => (
                  <th key={header} scope="col" className="num">
                    {t(header)}
                  </th>
                ))}
                <th scope="col">{t("rollup.countyGaps.col")}</th>
              </tr>
            </thead>
            <tbody>
              {countyTotals.map((c) => (
                <tr key={c.number}>
                  <th scope="row">
                    <Link to={`/fylker/${c.number}/oversikt?aar=${year}`}>{c.name}</Link>
                  </th>
                  {countyNumberColumns.map(([header, value, missing]) => {
                    const n = value(c);
                    return (
                      <td key={header} className="num">
                        {n === null ? <span className="muted">{t(missing ?? "rollup.noValue")}</span> : format.number(n)}
                      </td>
                    );
                  })}
                  <td>{c.gaps.map((g) => labelOf(t, "theme", g.theme)).join(", ") || t("rollup.noValue")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <ResponseTimesTable
        id="national-response-times"
        heading={t("competence.responseTimes.national.heading")}
        caption={t("competence.responseTimes.national.caption")}
        areaColumn={t("competence.responseTimes.col.fylke")}
        rows={loaderData.responseTimes.fylker}
        total={{ label: t("competence.responseTimes.total.national"), times: loaderData.responseTimes.national }}
        hrefFor={(row) => `/fylker/${row.number}/oversikt`}
      />

      {/* Some 350 names help nobody here: the counts are per fylke above, the names on each fylke's page. */}
      <UnmappedKommuner id="national-unmapped" rows={kommuner} list={false} />

      <section aria-labelledby="national-table-heading" className="stack">
        <Heading level={2} data-size="sm" id="national-table-heading">
          {t("rollup.table.heading")}
        </Heading>
        {pageCount > 1 ? (
          <Paragraph>
            {t("rollup.page.showing", { from: (page - 1) * pageSize + 1, to: (page - 1) * pageSize + pageRows.length, total: kommuner.length })}
          </Paragraph>
        ) : null}
        <KommuneTable rows={pageRows} sort={sort} direction={direction} href={href} area={area} showCounty totals={{ label: area, ...totals }} />
        <Pagination label={t("rollup.page.label")} page={page} pageCount={pageCount} href={(n) => href(sort, direction, n)} />
      </section>
      <TopObstaclesSection top={loaderData.topObstacles} showLink />
      <PlacementFiguresSection figures={loaderData.placementFigures} showKommune />
    </div>
  );
}
