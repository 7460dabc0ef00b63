import { Form, Link } from "react-router";
import { Button, Heading, Paragraph } from "@digdir/designsystemet-react";
import type { Route } from "./+types/county";
import { SelectField } from "~/components/form.tsx";
import { getTranslator } from "~/i18n/translate.ts";
import { useT } from "~/i18n/use-t.ts";
import { getLocale, guard, requireUser } from "~/lib/route.server.ts";
import { TopObstaclesSection } from "../workshops/report-overview-sections.tsx";
import { topObstaclesFor } from "~/domain/workshops/common-obstacles.server.ts";
import { placementFiguresFor } from "~/domain/placements/placement-figures.server.ts";
import { PlacementFiguresSection } from "../placements/followup-figures-ui.tsx";
import { getCountyRollup } from "~/domain/overview/rollup.server.ts";
import { countyMap } from "~/domain/overview/map.server.ts";
import { getCountyResponseTimes } from "~/domain/guidance/response-times.server.ts";
import { ResponseTimesTable } from "../competence/response-times-ui.tsx";
import { defaultDirection, type RollupSort, type SortDirection } from "~/domain/overview/rollup.schema.ts";
import { CountyGaps, directionParam, KommuneTable, RollupMap, sortParam, sortQuery, UnmappedKommuner } from "./rollup-ui.tsx";
import "~/styles/rollup.css";

/** A table, an SVG map and a GET form: nothing here needs JavaScript. */
export const handle = { hydrate: false };

export function meta({ loaderData }: Route.MetaArgs) {
  return [{ title: `${loaderData?.title ?? "Oversikt"} – Samspill` }];
}

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const actor = requireUser(context, request);
  const rollup = await guard(request, () => getCountyRollup(actor, params.number, sortQuery(new URL(request.url).searchParams)));
  const map = countyMap(
    rollup.county.number,
    rollup.kommuner.map((k) => k.number),
  );
  const responseTimes = await guard(request, () => getCountyResponseTimes(actor, params.number));
  // Top obstacles from the fylke's development workshops (issue 13); the rollup's guard has checked the reader.
  const topObstacles = await topObstaclesFor({ level: "county", countyNumbers: [params.number] });
  // Placements that became lasting work, per kommune, and flagged employers (issue 14).
  const placementFigures = await guard(request, () => placementFiguresFor(actor, { level: "county", countyNumber: params.number }));
  return {
    title: getTranslator(getLocale(context))("rollup.county.title", { county: rollup.county.name }),
    ...rollup,
    map,
    responseTimes,
    topObstacles,
    placementFigures,
  };
}

export default function CountyOverview({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const { county, year, yearChoices, defaultYear, sort, direction, kommuner, totals, gaps, map, responseTimes } = loaderData;
  const base = `/fylker/${county.number}/oversikt`;
  const href = (column: RollupSort, dir?: SortDirection) => {
    const params = new URLSearchParams();
    params.set("aar", String(year));
    if (column !== "name") params.set("sortering", sortParam[column]);
    const d = dir ?? defaultDirection(column);
    if (d !== defaultDirection(column)) params.set("retning", directionParam[d]);
    return `${base}?${params}`;
  };
  return (
    <div className="page">
      <Heading level={1} data-size="lg">
        {t("rollup.county.title", { county: county.name })}
      </Heading>
      <Paragraph>{t("rollup.county.intro", { count: totals.kommuner, year })}</Paragraph>
      {defaultYear ? <Paragraph>{t("rollup.latestReportedYear", { year })}</Paragraph> : null}

      <Form method="get" action={base} className="rollup-filter" aria-label={t("rollup.filter.heading")}>
        <SelectField
          name="aar"
          label={t("rollup.year")}
          defaultValue={String(year)}
          options={yearChoices.map((y) => ({ value: String(y), label: String(y) }))}
        />
        {sort !== "name" ? <input type="hidden" name="sortering" value={sortParam[sort]} /> : null}
        {direction !== defaultDirection(sort) ? <input type="hidden" name="retning" value={directionParam[direction]} /> : null}
        <Button type="submit">{t("rollup.filter.submit")}</Button>
      </Form>

      <RollupMap id="county-map" map={map} rows={kommuner} year={year} />

      <CountyGaps id="county-gaps" gaps={gaps} />

      <UnmappedKommuner id="county-unmapped" rows={kommuner} />

      <section aria-labelledby="county-table-heading" className="stack">
        <Heading level={2} data-size="sm" id="county-table-heading">
          {t("rollup.table.heading")}
        </Heading>
        <KommuneTable
          rows={kommuner}
          sort={sort}
          direction={direction}
          href={href}
          area={county.name}
          showCounty={false}
          totals={{ label: t("rollup.totals.fylke"), ...totals }}
        />
      </section>

      <ResponseTimesTable
        id="county-response-times"
        heading={t("competence.responseTimes.county.heading")}
        caption={t("competence.responseTimes.county.caption", { county: county.name })}
        areaColumn={t("competence.responseTimes.col.kommune")}
        rows={responseTimes.kommuner}
        total={{ label: t("competence.responseTimes.total.county"), times: responseTimes.county }}
        hrefFor={(row) => `/kommuner/${row.number}/oversikt`}
      />
      <TopObstaclesSection top={loaderData.topObstacles} showLink />
      <PlacementFiguresSection figures={loaderData.placementFigures} showKommune />
      <Paragraph data-size="sm">
        <Link to="/admin">{t("admin.index.title")}</Link>
      </Paragraph>
    </div>
  );
}
