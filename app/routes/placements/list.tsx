import { Form, Link } from "react-router";
import { Button, Heading, Paragraph, Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from "@digdir/designsystemet-react";
import type { Route } from "./+types/list";
import { SelectField } from "~/components/form.tsx";
import { Pagination } from "~/components/pagination.tsx";
import { Section } from "~/components/section.tsx";
import { getTranslator } from "~/i18n/translate.ts";
import { label, labelOptions } from "~/i18n/labels.ts";
import { useFormat, useT } from "~/i18n/use-t.ts";
import { getActor, getLocale } from "~/lib/route.server.ts";
import { parsePage } from "~/lib/paging.ts";
import { placementFiltersSchema, type PlacementFilters } from "~/domain/placements/placements.schema.ts";
import { isEmployerMember, listPublicPlacements, mayFollowUpPlacements, placementMunicipalities } from "~/domain/placements/placements.server.ts";
import { periodText } from "./placements-ui.tsx";

export const handle = { hydrate: false };

export function meta({ loaderData }: Route.MetaArgs) {
  return [{ title: `${loaderData?.title ?? "Praksisplasser"} – Samspill` }];
}

export async function loader({ request, context }: Route.LoaderArgs) {
  const actor = getActor(context);
  const params = new URL(request.url).searchParams;
  const filters = placementFiltersSchema.parse({
    municipalityNumber: params.get("kommune") || null,
    kind: params.get("type") || null,
    sector: params.get("bransje") || null,
  });
  const [result, municipalities, canPost, canFollowUp] = await Promise.all([
    listPublicPlacements(filters, parsePage(params.get("side"))),
    placementMunicipalities(),
    isEmployerMember(actor),
    mayFollowUpPlacements(actor),
  ]);
  return { title: getTranslator(getLocale(context))("placements.title"), filters, result, municipalities, canPost, canFollowUp };
}

function href(filters: PlacementFilters, page = 1): string {
  const params = new URLSearchParams();
  if (filters.municipalityNumber) params.set("kommune", filters.municipalityNumber);
  if (filters.kind) params.set("type", filters.kind);
  if (filters.sector) params.set("bransje", filters.sector);
  if (page > 1) params.set("side", String(page));
  const query = params.toString();
  return query ? `/praksisplasser?${query}` : "/praksisplasser";
}

export default function PlacementList({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const format = useFormat();
  const { filters, result, municipalities, canPost, canFollowUp } = loaderData;
  const all = { value: "", label: t("placements.list.all") };
  return (
    <div className="page">
      <Heading level={1} data-size="lg">
        {t("placements.title")}
      </Heading>
      <Paragraph>{t("placements.intro")}</Paragraph>
      <ul className="stack">
        {canPost ? (
          <li>
            <Link to="/praksisplasser/ny">{t("placements.list.post")}</Link>
          </li>
        ) : null}
        {canFollowUp ? (
          <li>
            <Link to="/praksisplasser/oppfolging">{t("placements.list.inbox")}</Link>
          </li>
        ) : null}
        <li>
          <Link to="/praksisplasser/insentiver">{t("placements.list.incentives")}</Link>
        </li>
      </ul>
      <Section id="placements-list" heading={`${t("placements.list.heading")} (${t("placements.list.count", { count: result.total })})`}>
        <Form method="get" action="/praksisplasser" className="form" aria-label={t("placements.list.filters")}>
          <SelectField
            name="kommune"
            id="placements-filter-municipality"
            label={t("placements.list.municipality")}
            defaultValue={filters.municipalityNumber ?? ""}
            options={[all, ...municipalities.map((m) => ({ value: m.number, label: m.name }))]}
          />
          <SelectField
            name="type"
            id="placements-filter-kind"
            label={t("placements.list.kind")}
            defaultValue={filters.kind ?? ""}
            options={[all, ...labelOptions(t, "placementKind")]}
          />
          <SelectField
            name="bransje"
            id="placements-filter-sector"
            label={t("placements.list.sector")}
            defaultValue={filters.sector ?? ""}
            options={[all, ...labelOptions(t, "placementSector")]}
          />
          <div className="form-actions">
            <Button type="submit" variant="secondary">
              {t("placements.list.filterSubmit")}
            </Button>
          </div>
        </Form>
        {result.rows.length === 0 ? (
          <Paragraph>{t("placements.list.empty")}</Paragraph>
        ) : (
          <div className="table-wrap">
            <Table data-testid="placements-table">
              <TableHead>
                <TableRow>
                  <TableHeaderCell>{t("placements.column.title")}</TableHeaderCell>
                  <TableHeaderCell>{t("placements.column.employer")}</TableHeaderCell>
                  <TableHeaderCell>{t("placements.column.municipality")}</TableHeaderCell>
                  <TableHeaderCell>{t("placements.column.period")}</TableHeaderCell>
                  <TableHeaderCell>{t("placements.column.places")}</TableHeaderCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {result.rows.map((r) => (
                  <TableRow key={r.id}>
                    <TableCell>
                      <Link to={`/praksisplasser/${r.id}`}>{r.title}</Link>
                      <br />
                      <span className="muted">
                        {label(t, "placementKind", r.kind)} · {r.occupation} · {label(t, "languageRequirement", r.languageRequirement)}
                      </span>
                    </TableCell>
                    <TableCell>{r.employerName}</TableCell>
                    <TableCell>{r.municipalityName}</TableCell>
                    <TableCell>{periodText(t, format.date, r.periodStart, r.periodEnd)}</TableCell>
                    <TableCell>{t("placements.places", { count: r.places })}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
        )}
        <Pagination label={t("placements.list.pagination")} page={result.page} pageCount={result.pageCount} href={(p) => href(filters, p)} />
      </Section>
    </div>
  );
}
