import { Form, Link } from "react-router";
import { Button, Card, CardBlock, Heading, Paragraph } from "@digdir/designsystemet-react";
import type { Route } from "./+types/list";
import { SelectField } from "~/components/form.tsx";
import { Pagination } from "~/components/pagination.tsx";
import { Section } from "~/components/section.tsx";
import { getTranslator } from "~/i18n/translate.ts";
import { useT } from "~/i18n/use-t.ts";
import { getActor, getLocale, guard } from "~/lib/route.server.ts";
import { parsePage } from "~/lib/paging.ts";
import { listEvents, mayCreateEvents } from "~/domain/events/events.server.ts";
import { eventLevelLabels, eventLevels, eventTypeLabels, eventTypes } from "~/domain/events/events.constants.ts";
import { listCounties, listMunicipalities } from "~/domain/reference/reference.server.ts";
import { useEventTime } from "./event-ui.tsx";

/** Public, read on phones: plain HTML; the filter is an ordinary GET form. */
export const handle = { hydrate: false };

export function meta({ loaderData }: Route.MetaArgs) {
  return [{ title: `${loaderData?.title ?? "Arrangementer"} – Samspill` }];
}

export async function loader({ request, context }: Route.LoaderArgs) {
  const params = new URL(request.url).searchParams;
  const query = Object.fromEntries(["type", "level", "fylke", "kommune"].map((k) => [k, params.get(k) || undefined]));
  const [result, counties, municipalities] = await guard(request, () =>
    Promise.all([listEvents(query, parsePage(params.get("side"))), listCounties(), listMunicipalities()]),
  );
  return {
    title: getTranslator(getLocale(context))("events.list.title"),
    result,
    counties: counties.map((c) => ({ number: c.number, name: c.name })),
    municipalities: municipalities.map((m) => ({ number: m.number, name: m.name })),
    mayCreate: mayCreateEvents(getActor(context)),
  };
}

function pageHref(filters: Record<string, string | undefined>, page: number): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(filters)) if (v) params.set(k, v);
  if (page > 1) params.set("side", String(page));
  const search = params.toString();
  return `/arrangementer${search ? `?${search}` : ""}`;
}

export default function EventList({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const time = useEventTime();
  const { result, counties, municipalities, mayCreate } = loaderData;
  const f = result.filters;
  const filtered = Boolean(f.type || f.level || f.fylke || f.kommune);
  return (
    <div className="page">
      <Heading level={1} data-size="lg">
        {t("events.list.title")}
      </Heading>
      <Paragraph>{t("events.list.intro")}</Paragraph>
      <Paragraph>
        {mayCreate ? (
          <Link to="/arrangementer/ny" className="ds-button" data-variant="primary">
            {t("events.list.new")}
          </Link>
        ) : null}{" "}
        <Link to="/nettverk">{t("events.list.networks")}</Link>
      </Paragraph>

      <Section id="events-filter" heading={t("events.list.filterHeading")}>
        <Form method="get" className="form" aria-labelledby="events-filter-heading">
          <SelectField
            name="type"
            label={t("events.list.type")}
            defaultValue={f.type ?? ""}
            options={[{ value: "", label: t("events.list.all") }, ...eventTypes.map((v) => ({ value: v, label: t(eventTypeLabels[v]) }))]}
          />
          <SelectField
            name="level"
            label={t("events.list.level")}
            defaultValue={f.level ?? ""}
            options={[{ value: "", label: t("events.list.all") }, ...eventLevels.map((v) => ({ value: v, label: t(eventLevelLabels[v]) }))]}
          />
          <SelectField
            name="fylke"
            label={t("events.list.county")}
            defaultValue={f.fylke ?? ""}
            options={[{ value: "", label: t("events.list.all") }, ...counties.map((c) => ({ value: c.number, label: c.name }))]}
          />
          <SelectField
            name="kommune"
            label={t("events.list.municipality")}
            defaultValue={f.kommune ?? ""}
            options={[{ value: "", label: t("events.list.all") }, ...municipalities.map((m) => ({ value: m.number, label: m.name }))]}
          />
          <div className="form-actions">
            <Button type="submit">{t("events.list.submit")}</Button>
            {filtered ? <Link to="/arrangementer">{t("events.list.reset")}</Link> : null}
          </div>
        </Form>
      </Section>

      <Section
        id="events-results"
        heading={t("events.list.resultsHeading", { count: result.total })}
        empty={result.rows.length === 0 ? t("events.list.empty") : null}
      >
        <ul className="card-grid">
          {result.rows.map((e) => (
            <li key={e.id}>
              <Card data-color="neutral">
                <CardBlock>
                  <Heading level={3} data-size="xs">
                    <Link to={`/arrangementer/${e.id}`}>{e.title}</Link>
                  </Heading>
                  <Paragraph data-size="sm">
                    {t(eventTypeLabels[e.type])} · {t(eventLevelLabels[e.level])}
                  </Paragraph>
                  <Paragraph data-size="sm">
                    {time.short(e.nextStartsAt)}
                    {e.rrule ? ` · ${t("events.list.recurring")}` : ""}
                  </Paragraph>
                  <Paragraph data-size="sm" className="muted">
                    {[e.municipalityName ?? e.countyName, e.online ? t("events.list.online") : null].filter(Boolean).join(" · ")}
                  </Paragraph>
                  {e.full ? <Paragraph data-size="sm">{t("events.list.full")}</Paragraph> : null}
                </CardBlock>
              </Card>
            </li>
          ))}
        </ul>
      </Section>
      <Pagination label={t("events.list.pagination")} page={result.page} pageCount={result.pageCount} href={(page) => pageHref(f, page)} />
    </div>
  );
}
