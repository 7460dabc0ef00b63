import { Form, Link } from "react-router";
import { Button, Heading, Paragraph, Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from "@digdir/designsystemet-react";
import type { Route } from "./+types/list";
import { SelectField } from "~/components/form.tsx";
import { Pagination } from "~/components/pagination.tsx";
import { Section } from "~/components/section.tsx";
import { getTranslator } from "~/i18n/translate.ts";
import { label } from "~/i18n/labels.ts";
import { useFormat, useT } from "~/i18n/use-t.ts";
import { getLocale, guard, requireUser } from "~/lib/route.server.ts";
import { parsePage } from "~/lib/paging.ts";
import { guidanceStatuses } from "~/domain/guidance/guidance.constants.ts";
import { guidanceStatusFilterSchema } from "~/domain/guidance/guidance.schema.ts";
import { guidanceListsOf, listGuidanceRequests, type GuidanceListKind } from "~/domain/guidance/guidance.server.ts";
import { holderName, StatusTag, statusLabel } from "./guidance-ui.tsx";

export function meta({ loaderData }: Route.MetaArgs) {
  return [{ title: `${loaderData?.title ?? "Veiledning"} – Samspill` }];
}

/** The lists' names in the address bar. */
const listParam = { inbox: "innboks", own: "egne", handed_on: "videre" } as const satisfies Record<GuidanceListKind, string>;
const listKeys = { inbox: "guidance.list.inbox", own: "guidance.list.own", handed_on: "guidance.list.handed_on" } as const;
const emptyKeys = { inbox: "guidance.list.empty.inbox", own: "guidance.list.empty.own", handed_on: "guidance.list.empty.handed_on" } as const;

export async function loader({ request, context }: Route.LoaderArgs) {
  const actor = requireUser(context, request);
  const params = new URL(request.url).searchParams;
  const lists = guidanceListsOf(actor);
  const asked = (Object.keys(listParam) as GuidanceListKind[]).find((k) => listParam[k] === params.get("liste"));
  const list = asked && lists.includes(asked) ? asked : (lists[0] ?? null);
  const status = guidanceStatusFilterSchema.parse(params.get("status") || null);
  const result = list ? await guard(request, () => listGuidanceRequests(actor, { list, status, page: parsePage(params.get("side")) })) : null;
  return {
    title: getTranslator(getLocale(context))("guidance.title"),
    lists,
    list,
    status,
    canAsk: actor.memberships.length > 0,
    result,
  };
}

function href(list: GuidanceListKind, status: string | null, page = 1): string {
  const params = new URLSearchParams({ liste: listParam[list] });
  if (status) params.set("status", status);
  if (page > 1) params.set("side", String(page));
  return `/veiledning?${params.toString()}`;
}

export default function GuidanceList({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const format = useFormat();
  const { lists, list, status, canAsk, result } = loaderData;
  return (
    <div className="page">
      <Heading level={1} data-size="lg">
        {t("guidance.title")}
      </Heading>
      <Paragraph>{t("guidance.intro")}</Paragraph>
      {canAsk ? (
        <Paragraph>
          <Link to="/veiledning/ny" className="ds-button" data-variant="primary">
            {t("guidance.ask")}
          </Link>
        </Paragraph>
      ) : (
        <Paragraph>{t("guidance.new.noOrganization")}</Paragraph>
      )}
      {lists.length > 1 ? (
        <nav aria-label={t("guidance.list.lists")}>
          <ul className="stack">
            {lists.map((l) => (
              <li key={l}>
                <Link to={href(l, null)} aria-current={l === list ? "page" : undefined}>
                  {t(listKeys[l])}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
      {list && result ? (
        <Section id="guidance-list" heading={`${t(listKeys[list])} (${t("guidance.list.count", { count: result.total })})`}>
          <Form method="get" action="/veiledning" className="form">
            <input type="hidden" name="liste" value={listParam[list]} />
            <SelectField
              name="status"
              label={t("guidance.list.filter")}
              defaultValue={status ?? ""}
              options={[{ value: "", label: t("guidance.list.allStatuses") }, ...guidanceStatuses.map((s) => ({ value: s, label: statusLabel(t, s) }))]}
            />
            <div className="form-actions">
              <Button type="submit" variant="secondary">
                {t("guidance.list.filterSubmit")}
              </Button>
            </div>
          </Form>
          {result.rows.length === 0 ? (
            <Paragraph>{t(emptyKeys[list])}</Paragraph>
          ) : (
            <div className="table-wrap">
              <Table data-testid="guidance-table">
                <TableHead>
                  <TableRow>
                    <TableHeaderCell>{t("guidance.column.title")}</TableHeaderCell>
                    <TableHeaderCell>{t("guidance.column.organization")}</TableHeaderCell>
                    <TableHeaderCell>{t("guidance.column.holder")}</TableHeaderCell>
                    <TableHeaderCell>{t("guidance.column.status")}</TableHeaderCell>
                    <TableHeaderCell>{t("guidance.column.updated")}</TableHeaderCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {result.rows.map((r) => (
                    <TableRow key={r.id}>
                      <TableCell>
                        <Link to={`/veiledning/${r.id}`}>{r.title}</Link>
                        <br />
                        <span className="muted">
                          {label(t, "competenceTopic", r.topic)} · {r.municipalityName}
                        </span>
                      </TableCell>
                      <TableCell>{r.organizationName}</TableCell>
                      <TableCell>{holderName(t, r.holder)}</TableCell>
                      <TableCell>
                        <StatusTag t={t} status={r.status} />
                      </TableCell>
                      <TableCell>{format.date(r.updatedAt)}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </div>
          )}
          <Pagination label={t(listKeys[list])} page={result.page} pageCount={result.pageCount} href={(p) => href(list, status, p)} />
        </Section>
      ) : null}
    </div>
  );
}
