import { Form, Link } from "react-router";
import { Button, Heading, Paragraph, Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from "@digdir/designsystemet-react";
import type { Route } from "./+types/list";
import { SelectField, TextField } from "~/components/form.tsx";
import { getTranslator } from "~/i18n/translate.ts";
import { useFormat, useT } from "~/i18n/use-t.ts";
import type { MessageKey } from "~/i18n/messages.ts";
import { getLocale, guard } from "~/lib/route.server.ts";
import { listMunicipalityOverview } from "~/domain/municipalities/municipalities.server.ts";
import type { MunicipalityFilter, MunicipalitySort } from "~/domain/municipalities/municipalities.schema.ts";
import { languageFormKey } from "./municipality-ui.tsx";

/** Public and read on cheap phones: plain HTML, the filter is an ordinary GET form. */
export const handle = { hydrate: false };

/** Sort orders as they appear in the address bar (Norwegian), and back. */
const sortParam: Record<MunicipalitySort, string> = { county: "fylke", name: "navn", population: "innbyggere", organizations: "organisasjoner" };
const sortFromParam = Object.fromEntries(Object.entries(sortParam).map(([sort, param]) => [param, sort]));

export function meta({ loaderData }: Route.MetaArgs) {
  return [{ title: `${loaderData?.title ?? "Kommuner"} – Samspill` }];
}

export async function loader({ request, context }: Route.LoaderArgs) {
  const params = new URL(request.url).searchParams;
  const result = await guard(request, () =>
    listMunicipalityOverview({
      q: params.get("q") ?? "",
      county: params.get("fylke") || undefined,
      sort: sortFromParam[params.get("sortering") ?? ""],
    }),
  );
  return { title: getTranslator(getLocale(context))("municipality.list.title"), ...result };
}

function listHref(filter: { q: string; county?: string }, sort: MunicipalitySort): string {
  const params = new URLSearchParams();
  if (filter.q) params.set("q", filter.q);
  if (filter.county) params.set("fylke", filter.county);
  if (sort !== "county") params.set("sortering", sortParam[sort]);
  const search = params.toString();
  return `/kommuner${search ? `?${search}` : ""}`;
}

/** Population and organisation counts read best largest first; names and counties A–Å. */
const descending: Record<MunicipalitySort, boolean> = { county: false, name: false, population: true, organizations: true };

function SortableHeader({ filter, sort, label, numeric }: { filter: MunicipalityFilter; sort: MunicipalitySort; label: MessageKey; numeric?: boolean }) {
  const t = useT();
  const active = filter.sort === sort;
  return (
    <TableHeaderCell
      scope="col"
      aria-sort={active ? (descending[sort] ? "descending" : "ascending") : undefined}
      style={numeric ? { textAlign: "right" } : undefined}
    >
      <Link to={listHref(filter, sort)}>{t(label)}</Link>
      {active ? <span aria-hidden="true">{descending[sort] ? " ↓" : " ↑"}</span> : null}
    </TableHeaderCell>
  );
}

export default function MunicipalityList({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const format = useFormat();
  const { filter, municipalities, counties, totalInCountry } = loaderData;
  const filtered = Boolean(filter.q || filter.county);

  return (
    <div className="page">
      <Heading level={1} data-size="lg">
        {t("municipality.list.title")}
      </Heading>
      <Paragraph>{t("municipality.list.intro", { count: totalInCountry })}</Paragraph>

      <section aria-labelledby="municipality-filter-heading" className="stack">
        <Heading level={2} data-size="sm" id="municipality-filter-heading">
          {t("municipality.list.filterHeading")}
        </Heading>
        <Form method="get" className="form" role="search" aria-labelledby="municipality-filter-heading">
          <TextField name="q" type="search" label={t("municipality.list.q")} maxLength={100} defaultValue={filter.q} />
          <SelectField
            name="fylke"
            label={t("municipality.list.county")}
            defaultValue={filter.county ?? ""}
            options={[{ value: "", label: t("municipality.list.countyAll") }, ...counties.map((c) => ({ value: c.number, label: c.name }))]}
          />
          {filter.sort !== "county" ? <input type="hidden" name="sortering" value={sortParam[filter.sort]} /> : null}
          <div className="form-actions">
            <Button type="submit">{t("municipality.list.submit")}</Button>
            {filtered ? <Link to="/kommuner">{t("municipality.list.reset")}</Link> : null}
          </div>
        </Form>
      </section>

      <section aria-labelledby="municipality-results-heading" className="stack">
        <Heading level={2} data-size="sm" id="municipality-results-heading">
          {t("municipality.list.resultsHeading")}
        </Heading>
        <Paragraph>{t("municipality.list.count", { count: municipalities.length })}</Paragraph>
        {municipalities.length === 0 ? (
          <Paragraph>{t("municipality.list.empty")}</Paragraph>
        ) : (
          <div className="table-wrap">
            <Table data-size="sm" zebra>
              <caption className="visually-hidden">{t("municipality.list.caption")}</caption>
              <TableHead>
                <TableRow>
                  <SortableHeader filter={filter} sort="name" label="municipality.col.name" />
                  <SortableHeader filter={filter} sort="county" label="municipality.col.county" />
                  <SortableHeader filter={filter} sort="population" label="municipality.col.population" numeric />
                  <TableHeaderCell scope="col">{t("municipality.col.languageForm")}</TableHeaderCell>
                  <SortableHeader filter={filter} sort="organizations" label="municipality.col.organizations" numeric />
                </TableRow>
              </TableHead>
              <TableBody>
                {municipalities.map((m) => (
                  <TableRow key={m.number}>
                    <TableHeaderCell scope="row">
                      <Link to={`/kommuner/${m.number}`}>{m.name}</Link>
                    </TableHeaderCell>
                    <TableCell>{m.countyName}</TableCell>
                    <TableCell style={{ textAlign: "right" }}>{m.population === null ? t("municipality.notStated") : format.number(m.population)}</TableCell>
                    <TableCell>{t(languageFormKey(m.languageForm))}</TableCell>
                    <TableCell style={{ textAlign: "right" }}>{format.number(m.organizationCount)}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
        )}
      </section>
    </div>
  );
}
