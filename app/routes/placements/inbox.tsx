import { Link } from "react-router";
import { Heading, Paragraph, Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from "@digdir/designsystemet-react";
import type { Route } from "./+types/inbox";
import { Pagination } from "~/components/pagination.tsx";
import { getTranslator } from "~/i18n/translate.ts";
import { label } from "~/i18n/labels.ts";
import { useFormat, useT } from "~/i18n/use-t.ts";
import { getLocale, guard, requireUser } from "~/lib/route.server.ts";
import { parsePage } from "~/lib/paging.ts";
import { listFollowUpInbox } from "~/domain/placements/placements.server.ts";
import { periodText } from "./placements-ui.tsx";

export function meta({ loaderData }: Route.MetaArgs) {
  return [{ title: `${loaderData?.title ?? "Praksisplasser"} – Samspill` }];
}

export async function loader({ request, context }: Route.LoaderArgs) {
  const actor = requireUser(context, request);
  const page = parsePage(new URL(request.url).searchParams.get("side"));
  const result = await guard(request, () => listFollowUpInbox(actor, page));
  return { title: getTranslator(getLocale(context))("placements.inbox.title"), result };
}

export default function FollowUpInbox({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const format = useFormat();
  const { result } = loaderData;
  return (
    <div className="page">
      <Paragraph data-size="sm">
        <Link to="/praksisplasser">{t("placements.title")}</Link>
      </Paragraph>
      <Heading level={1} data-size="lg">
        {t("placements.inbox.title")}
      </Heading>
      <Paragraph>{t("placements.inbox.intro")}</Paragraph>
      {result.total === 0 ? (
        <Paragraph>{t("placements.inbox.empty")}</Paragraph>
      ) : (
        <>
          <Paragraph data-testid="placements-awaiting">{t("placements.inbox.awaiting", { count: result.awaiting })}</Paragraph>
          <div className="table-wrap">
            <Table data-testid="placements-inbox">
              <TableHead>
                <TableRow>
                  <TableHeaderCell>{t("placements.column.title")}</TableHeaderCell>
                  <TableHeaderCell>{t("placements.column.employer")}</TableHeaderCell>
                  <TableHeaderCell>{t("placements.column.period")}</TableHeaderCell>
                  <TableHeaderCell>{t("placements.column.followUp")}</TableHeaderCell>
                  <TableHeaderCell>{t("placements.column.status")}</TableHeaderCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {result.rows.map((r) => (
                  <TableRow key={r.id}>
                    <TableCell>
                      <Link to={`/praksisplasser/${r.id}`}>{r.title}</Link>
                      <br />
                      <span className="muted">
                        {label(t, "placementKind", r.kind)} · {t("placements.places", { count: r.places })} · {r.municipalityName}
                        {r.incentivesRequested.length ? ` · ${t("placements.inbox.incentivesAsked")}` : ""}
                      </span>
                    </TableCell>
                    <TableCell>{r.employerName}</TableCell>
                    <TableCell>{periodText(t, format.date, r.periodStart, null)}</TableCell>
                    <TableCell>
                      {r.followUpOrganizationName}: {label(t, "followUpStatus", r.followUpStatus)}
                    </TableCell>
                    <TableCell>{label(t, "placementStatus", r.status)}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
          <Pagination
            label={t("placements.inbox.title")}
            page={result.page}
            pageCount={result.pageCount}
            href={(p) => (p > 1 ? `/praksisplasser/oppfolging?side=${p}` : "/praksisplasser/oppfolging")}
          />
        </>
      )}
    </div>
  );
}
