import { Form, Link, redirect } from "react-router";
import { Alert, Button, Heading, Paragraph } from "@digdir/designsystemet-react";
import type { Route } from "./+types/municipality";
import { CsrfField } from "~/components/csrf.tsx";
import { FormErrorSummary, formFailure } from "~/components/form.tsx";
import { useFormat, useT } from "~/i18n/use-t.ts";
import { getTranslator } from "~/i18n/translate.ts";
import { formAction, getActor, getLocale, guard, requireUser } from "~/lib/route.server.ts";
import { formToObject } from "~/lib/validation.ts";
import { getMunicipalityOverview, sendStaleReminder } from "~/domain/overview/overview.server.ts";
import { overviewTables, type OverviewTable } from "~/domain/overview/overview-export.server.ts";
import { getMunicipalityResponseTimes } from "~/domain/guidance/response-times.server.ts";
import { storiesInFylkeOf } from "~/domain/stories/stories.server.ts";
import { ResponseTimesSummary } from "../competence/response-times-ui.tsx";
import { ActionPlansOverviewSection } from "../workshops/actions-overview-section.tsx";
import { municipalityActionPlans } from "~/domain/workshops/actions.server.ts";
import { TopObstaclesSection } from "../workshops/report-overview-sections.tsx";
import { topObstaclesFor } from "~/domain/workshops/common-obstacles.server.ts";
import { receivesEscalations } from "~/domain/workshops/escalations.server.ts";
import { placementFiguresFor } from "~/domain/placements/placement-figures.server.ts";
import { PlacementFiguresSection } from "../placements/followup-figures-ui.tsx";
import { label } from "~/i18n/labels.ts";
import { CoverageSection, GapsSection, MappingSection, StaleSection, TotalsSection, WithoutActivitySection } from "./overview-ui.tsx";
import { NeedsDemandSection } from "../needs/needs-ui.tsx";
import "~/styles/overview.css";

/** Server-rendered SVG charts and plain forms: nothing here needs JavaScript. */
export const handle = { hydrate: false };

export function meta({ loaderData }: Route.MetaArgs) {
  return [{ title: `${loaderData?.title ?? "Oversikt"} – Samspill` }];
}

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const url = new URL(request.url);
  const overview = await guard(request, () => getMunicipalityOverview(getActor(context), params.number, { year: url.searchParams.get("aar") ?? undefined }));
  const t = getTranslator(getLocale(context));
  const remindedId = url.searchParams.get("paminnet");
  const reminded = remindedId ? (overview.stale?.organizations.find((o) => o.id === remindedId) ?? null) : null;
  const recipients = Number(url.searchParams.get("mottakere") ?? "0") || 0;
  // Guidance response times: for those who coordinate the kommune, as the rest of the full overview.
  const responseTimes = overview.full ? await getMunicipalityResponseTimes(getActor(context), params.number) : null;
  // Workshop action plans (issue 13): progress per plan, for those who coordinate the kommune.
  const actionPlans = overview.full ? await guard(request, () => municipalityActionPlans(getActor(context), params.number)) : null;
  // Top obstacles from the kommune's development workshops (issue 13), for those who coordinate it.
  const topObstacles = overview.full ? await topObstaclesFor({ level: "municipality", municipalityNumber: params.number }) : null;
  // Placements that became lasting work and flagged employers (issue 14), for those who coordinate the kommune.
  const placementFigures = overview.full
    ? await guard(request, () => placementFiguresFor(getActor(context), { level: "municipality", municipalityNumber: params.number }))
    : null;
  // "Others in your fylke did this" (issue 12): approved stories from the fylke, other kommuner first; public.
  const fylkeStories = (await storiesInFylkeOf(overview.municipality.number, 3)).map((st) => ({
    id: st.id,
    title: st.title,
    organizationName: st.organizationName,
    municipalityName: st.municipalityName,
  }));
  return {
    responseTimes,
    actionPlans,
    topObstacles,
    topObstaclesLink: receivesEscalations(getActor(context)),
    placementFigures,
    fylkeStories,
    title: t("overview.title", { name: `${overview.municipality.name} (${overview.municipality.countyName})` }),
    overview,
    reminded: reminded ? { name: reminded.name, recipients } : null,
    exportTables: overview.full ? [...overviewTables] : overviewTables.filter((x) => x !== "utdatert"),
  };
}

/** "Send reminder" for one organisation; back to the page with a receipt (post/redirect/get). */
export async function action({ request, context, params }: Route.ActionArgs) {
  const actor = requireUser(context, request);
  const values = formToObject(await request.formData());
  const result = await formAction(request, values, () => sendStaleReminder(actor, params.number, values));
  if (!("organizationId" in result)) return result;
  const back = new URL(request.url);
  const next = new URLSearchParams();
  const year = back.searchParams.get("aar");
  if (year) next.set("aar", year);
  next.set("paminnet", result.organizationId);
  next.set("mottakere", String(result.recipients));
  throw redirect(`/kommuner/${params.number}/oversikt?${next.toString()}#overview-stale-heading`);
}

function ExportLinks({ number, year, tables }: { number: string; year: number; tables: readonly OverviewTable[] }) {
  const t = useT();
  return (
    <Paragraph data-size="sm" className="overview-export no-print">
      {tables.map((table, i) => (
        <span key={table}>
          {i > 0 ? " · " : null}
          {(["csv", "xlsx"] as const).map((format, j) => (
            <span key={format}>
              {j > 0 ? " · " : null}
              <a href={`/kommuner/${number}/oversikt/eksport.${format}?tabell=${table}&aar=${year}`} download>
                {t("overview.export.linkLabel", {
                  table: label(t, "overviewTable", table),
                  format: t(format === "csv" ? "overview.export.csv" : "overview.export.xlsx"),
                })}
              </a>
            </span>
          ))}
        </span>
      ))}
    </Paragraph>
  );
}

export default function MunicipalityOverview({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const format = useFormat();
  const { overview, reminded } = loaderData;
  const m = overview.municipality;
  const base = `/kommuner/${m.number}`;
  const failure = formFailure(actionData);
  const { exportTables } = loaderData;
  return (
    <div className="page overview">
      <Paragraph data-size="sm">
        <Link to={base}>{t("overview.backToMunicipality", { name: m.name })}</Link>
      </Paragraph>
      <Heading level={1} data-size="lg">
        {t("overview.title", { name: m.name })}
      </Heading>
      <Paragraph data-size="lg">{t(overview.full ? "overview.intro.full" : "overview.intro.public")}</Paragraph>
      <Alert data-color="info" data-testid={overview.full ? "overview-scope-full" : "overview-scope-public"}>
        {t(overview.full ? "overview.scope.full" : "overview.scope.public")}
      </Alert>

      <div className="overview-toolbar">
        <Form method="get" className="overview-year">
          <label htmlFor="overview-year">{t("overview.year.label")}</label>
          <select id="overview-year" name="aar" className="ds-input" defaultValue={String(overview.year)}>
            {overview.yearChoices.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
          <Button type="submit" variant="secondary" data-size="sm">
            {t("overview.year.submit")}
          </Button>
        </Form>
        <Paragraph>
          <Link to={`${base}/oversikt/utskrift?aar=${overview.year}`}>{t("overview.print.link")}</Link>
        </Paragraph>
      </div>

      {reminded ? (
        <Alert data-color="success" role="status">
          {t("overview.reminder.sent", { name: reminded.name, recipients: reminded.recipients })}
        </Alert>
      ) : null}
      <FormErrorSummary formError={failure.formError} />

      <TotalsSection overview={overview} />
      <MappingSection overview={overview} />
      {overview.full && overview.settlement.settled === null ? (
        <Paragraph>
          <Link to={`${base}/bosetting`}>{t("overview.settlement.enter")}</Link>
        </Paragraph>
      ) : null}
      <CoverageSection overview={overview} dimension="theme" after={<ExportLinks number={m.number} year={overview.year} tables={["tema"]} />} />
      <CoverageSection overview={overview} dimension="target_group" after={<ExportLinks number={m.number} year={overview.year} tables={["malgruppe"]} />} />
      <GapsSection
        overview={overview}
        after={
          <>
            {overview.full ? (
              <Paragraph data-size="sm">
                <Link to={`${base}/bosetting#terskel`}>{t("overview.gaps.setThreshold")}</Link>
              </Paragraph>
            ) : null}
            <ExportLinks number={m.number} year={overview.year} tables={["hull"]} />
          </>
        }
      />
      <NeedsDemandSection needs={overview.needs} municipalityNumber={m.number} />

      {overview.stale ? (
        <StaleSection
          stale={overview.stale}
          reminderCell={(org) => (
            <>
              {org.lastReminderAt ? (
                <Paragraph data-size="sm" className="muted">
                  {t("overview.stale.remindedOn", { date: format.date(org.lastReminderAt) })}
                </Paragraph>
              ) : null}
              <Form method="post">
                <CsrfField />
                <input type="hidden" name="organizationId" value={org.id} />
                <Button type="submit" variant="secondary" data-size="sm" aria-label={t("overview.stale.remindTo", { name: org.name })}>
                  {t("overview.stale.remind")}
                </Button>
              </Form>
            </>
          )}
          after={<ExportLinks number={m.number} year={overview.year} tables={["utdatert"]} />}
        />
      ) : null}

      {overview.withoutActivity ? <WithoutActivitySection withoutActivity={overview.withoutActivity} /> : null}

      {loaderData.responseTimes ? <ResponseTimesSummary id="overview-response-times" times={loaderData.responseTimes} /> : null}

      {loaderData.actionPlans ? <ActionPlansOverviewSection plans={loaderData.actionPlans} /> : null}

      {loaderData.topObstacles ? <TopObstaclesSection top={loaderData.topObstacles} showLink={loaderData.topObstaclesLink} showKommune={false} /> : null}

      {loaderData.placementFigures ? <PlacementFiguresSection figures={loaderData.placementFigures} showKommune={false} /> : null}

      {overview.full ? (
        <section aria-labelledby="overview-parallel-heading" className="stack">
          <Heading level={2} data-size="sm" id="overview-parallel-heading">
            {t("overview.parallel.heading")}
          </Heading>
          <Paragraph>{t("overview.parallel.text")}</Paragraph>
          <Paragraph>
            <Link to={`${base}/parallelle`}>
              {overview.parallelPairCount === null
                ? t("overview.parallel.link", { name: m.name })
                : t("overview.parallel.linkCount", { count: overview.parallelPairCount, name: m.name })}
            </Link>
          </Paragraph>
          {overview.followUps ? (
            <Paragraph data-testid="overview-follow-ups">
              {t("overlap.followUp.counts", {
                suggested: overview.followUps.suggested,
                inContact: overview.followUps.inContact,
                partners: overview.followUps.partners,
                distinct: overview.followUps.distinct,
              })}
            </Paragraph>
          ) : null}
        </section>
      ) : null}

      <section aria-labelledby="overview-stories-heading" className="stack" data-testid="overview-stories">
        <Heading level={2} data-size="sm" id="overview-stories-heading">
          {t("stories.overview.heading")}
        </Heading>
        {loaderData.fylkeStories.length === 0 ? (
          <Paragraph>{t("stories.overview.none")}</Paragraph>
        ) : (
          <>
            <Paragraph>{t("stories.overview.intro", { county: m.countyName })}</Paragraph>
            <ul>
              {loaderData.fylkeStories.map((st) => (
                <li key={st.id}>
                  <Link to={`/erfaringer/${st.id}`}>{st.title}</Link> – {st.organizationName}, {st.municipalityName}
                </li>
              ))}
            </ul>
          </>
        )}
        <Paragraph>
          <Link to="/erfaringer">{t("stories.overview.all")}</Link>
        </Paragraph>
      </section>

      <section aria-labelledby="overview-export-heading" className="stack no-print">
        <Heading level={2} data-size="sm" id="overview-export-heading">
          {t("overview.export.heading")}
        </Heading>
        <ExportLinks number={m.number} year={overview.year} tables={exportTables} />
      </section>
    </div>
  );
}
