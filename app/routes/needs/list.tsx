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
import { needListFilterSchema, type NeedListFilter } from "~/domain/needs/needs.schema.ts";
import { listNeeds, municipalitiesWithNeeds, postingOptions, settlementMonthsInUse, todayOf } from "~/domain/needs/needs.server.ts";
import { monthName, NeedStatusTag, progressText } from "./needs-ui.tsx";

/** Public pages read on cheap phones: plain links and POST forms, no JavaScript needed (DESIGN.md §4). */
export const handle = { hydrate: false };

export function meta({ loaderData }: Route.MetaArgs) {
  return [{ title: `${loaderData?.title ?? "Behov"} – Samspill` }];
}

export async function loader({ request, context }: Route.LoaderArgs) {
  const actor = getActor(context);
  const params = new URL(request.url).searchParams;
  const filter = needListFilterSchema.parse({
    kommune: params.get("kommune") || null,
    tema: params.get("tema") || null,
    bosetting: params.get("bosetting") || null,
    egne: params.get("egne") === "1",
  });
  const [result, kommuner, months, options] = await Promise.all([
    listNeeds(actor, filter, parsePage(params.get("side"))),
    municipalitiesWithNeeds(),
    settlementMonthsInUse(),
    postingOptions(actor),
  ]);
  const today = todayOf(new Date());
  return {
    title: getTranslator(getLocale(context))("needs.title"),
    locale: getLocale(context),
    filter,
    kommuner,
    months,
    today,
    canPost: options.kommuner.length > 0 || options.organizations.length > 0,
    signedIn: actor.kind === "user",
    result,
  };
}

function href(filter: NeedListFilter, page = 1): string {
  const params = new URLSearchParams();
  if (filter.egne) params.set("egne", "1");
  if (filter.kommune) params.set("kommune", filter.kommune);
  if (filter.tema) params.set("tema", filter.tema);
  if (filter.bosetting) params.set("bosetting", filter.bosetting);
  if (page > 1) params.set("side", String(page));
  const query = params.toString();
  return query ? `/behov?${query}` : "/behov";
}

export default function NeedsList({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const format = useFormat();
  const { filter, kommuner, months, canPost, signedIn, result, locale, today } = loaderData;
  const heading = result.ours ? t("needs.list.ours") : t("needs.list.open");
  return (
    <div className="page">
      <Heading level={1} data-size="lg">
        {t("needs.title")}
      </Heading>
      <Paragraph>{t("needs.intro")}</Paragraph>
      {canPost ? (
        <Paragraph>
          <Link to="/behov/ny" className="ds-button" data-variant="primary">
            {t("needs.post")}
          </Link>
        </Paragraph>
      ) : signedIn ? null : (
        <Paragraph>{t("needs.list.signInToCommit")}</Paragraph>
      )}
      {result.mayFilterOwn ? (
        <nav aria-label={t("needs.list.lists")}>
          <ul className="stack">
            <li>
              <Link to={href({ ...filter, egne: false })} aria-current={!result.ours ? "page" : undefined}>
                {t("needs.list.open")}
              </Link>
            </li>
            <li>
              <Link to={href({ ...filter, egne: true })} aria-current={result.ours ? "page" : undefined}>
                {t("needs.list.ours")}
              </Link>
            </li>
          </ul>
        </nav>
      ) : null}
      <Section id="needs-list" heading={`${heading} (${t("needs.list.count", { count: result.total })})`}>
        <Form method="get" action="/behov" className="form">
          {result.ours ? <input type="hidden" name="egne" value="1" /> : null}
          <SelectField
            name="kommune"
            id="needs-filter-kommune"
            label={t("needs.filter.kommune")}
            defaultValue={filter.kommune ?? ""}
            options={[{ value: "", label: t("needs.filter.allKommuner") }, ...kommuner.map((k) => ({ value: k.number, label: k.name }))]}
          />
          <SelectField
            name="tema"
            id="needs-filter-theme"
            label={t("needs.filter.theme")}
            defaultValue={filter.tema ?? ""}
            options={[{ value: "", label: t("needs.filter.allThemes") }, ...labelOptions(t, "theme")]}
          />
          <SelectField
            name="bosetting"
            id="needs-filter-settlement"
            label={t("needs.filter.settlementMonth")}
            defaultValue={filter.bosetting ?? ""}
            options={[{ value: "", label: t("needs.filter.anyMonth") }, ...months.map((m) => ({ value: m, label: monthName(locale, m) }))]}
          />
          <div className="form-actions">
            <Button type="submit" variant="secondary">
              {t("needs.filter.submit")}
            </Button>
          </div>
        </Form>
        {result.rows.length === 0 ? (
          <Paragraph>{t(result.ours ? "needs.list.emptyOurs" : "needs.list.empty")}</Paragraph>
        ) : (
          <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="needs-list-heading">
            <Table data-testid="needs-table">
              <TableHead>
                <TableRow>
                  <TableHeaderCell>{t("needs.column.need")}</TableHeaderCell>
                  <TableHeaderCell>{t("needs.column.postedBy")}</TableHeaderCell>
                  <TableHeaderCell>{t("needs.column.progress")}</TableHeaderCell>
                  <TableHeaderCell>{t("needs.column.deadline")}</TableHeaderCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {result.rows.map((r) => (
                  <TableRow key={r.id}>
                    <TableCell>
                      <Link to={`/behov/${r.id}`}>{r.title}</Link>
                      <br />
                      <span className="muted">
                        {label(t, "theme", r.theme)} · {r.municipalityName}
                        {r.settlementMonth ? ` · ${t("needs.settlementTie", { month: monthName(locale, r.settlementMonth) })}` : ""}
                      </span>
                    </TableCell>
                    <TableCell>{r.organizationName ?? t("needs.postedByKommune", { kommune: r.municipalityName })}</TableCell>
                    <TableCell>{progressText(t, r)}</TableCell>
                    <TableCell>
                      {format.date(r.deadline)}
                      {result.ours ? (
                        <>
                          <br />
                          <NeedStatusTag status={r.status} expired={r.status === "open" && r.deadline < today} />
                        </>
                      ) : null}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
        )}
        <Pagination label={heading} page={result.page} pageCount={result.pageCount} href={(p) => href(filter, p)} />
      </Section>
    </div>
  );
}
