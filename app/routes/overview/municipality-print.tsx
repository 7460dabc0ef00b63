import { Link } from "react-router";
import { Heading, Paragraph } from "@digdir/designsystemet-react";
import type { Route } from "./+types/municipality-print";
import { useFormat, useT } from "~/i18n/use-t.ts";
import { getTranslator } from "~/i18n/translate.ts";
import { getActor, getLocale, guard } from "~/lib/route.server.ts";
import { getMunicipalityOverview } from "~/domain/overview/overview.server.ts";
import { CoverageSection, GapsSection, MappingSection, StaleSection, TotalsSection } from "./overview-ui.tsx";
import "~/styles/overview.css";

/** A printable overview for the municipal council: the same figures, charts and tables, no forms, no navigation in print. */
export const handle = { hydrate: false };

export function meta({ loaderData }: Route.MetaArgs) {
  return [{ title: `${loaderData?.title ?? "Oversikt"} – Samspill` }];
}

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const url = new URL(request.url);
  const overview = await guard(request, () => getMunicipalityOverview(getActor(context), params.number, { year: url.searchParams.get("aar") ?? undefined }));
  const t = getTranslator(getLocale(context));
  return { title: t("overview.print.title", { name: overview.municipality.name, year: overview.year }), overview };
}

export default function MunicipalityOverviewPrint({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const format = useFormat();
  const { overview } = loaderData;
  const m = overview.municipality;
  return (
    <div className="page overview overview-print">
      <Paragraph data-size="sm" className="no-print">
        <Link to={`/kommuner/${m.number}/oversikt?aar=${overview.year}`}>{t("overview.print.back")}</Link>
        {" · "}
        {t("overview.print.button")}
      </Paragraph>
      <Heading level={1} data-size="lg">
        {t("overview.print.title", { name: `${m.name} (${m.countyName})`, year: overview.year })}
      </Heading>
      <Paragraph>{t("overview.print.generated", { date: format.dateTime(overview.generatedAt) })}</Paragraph>
      <Paragraph>{t(overview.full ? "overview.intro.full" : "overview.intro.public")}</Paragraph>
      <TotalsSection overview={overview} />
      <MappingSection overview={overview} />
      <CoverageSection overview={overview} dimension="theme" />
      <CoverageSection overview={overview} dimension="target_group" />
      <GapsSection overview={overview} />
      {overview.stale ? <StaleSection stale={overview.stale} /> : null}
    </div>
  );
}
