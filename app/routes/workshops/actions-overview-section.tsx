import { Link } from "react-router";
import { Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from "@digdir/designsystemet-react";
import { Section } from "~/components/section.tsx";
import { useFormat, useT } from "~/i18n/use-t.ts";

export interface ActionPlanProgressRow {
  workshopId: string;
  title: string;
  done: number;
  dropped: number;
  total: number;
  overdue: number;
  doneShare: number | null;
}

/** The kommune overview's section (issue 13): progress per workshop action plan, with a link to each plan. */
export function ActionPlansOverviewSection({ plans }: { plans: ActionPlanProgressRow[] }) {
  const t = useT();
  const format = useFormat();
  return (
    <Section
      id="overview-action-plans"
      heading={t("workshops.actions.overview.heading")}
      empty={plans.length === 0 ? t("workshops.actions.overview.empty") : null}
    >
      <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="overview-action-plans-heading">
        <Table data-size="sm" aria-labelledby="overview-action-plans-heading" data-testid="overview-action-plans">
          <TableHead>
            <TableRow>
              <TableHeaderCell scope="col">{t("workshops.actions.overview.col.workshop")}</TableHeaderCell>
              <TableHeaderCell scope="col">{t("workshops.actions.overview.col.done")}</TableHeaderCell>
              <TableHeaderCell scope="col">{t("workshops.actions.overview.col.overdue")}</TableHeaderCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {plans.map((p) => (
              <TableRow key={p.workshopId}>
                <TableHeaderCell scope="row">
                  <Link to={`/verksteder/${p.workshopId}/handlingsplan`}>{p.title}</Link>
                </TableHeaderCell>
                <TableCell>
                  {p.doneShare === null
                    ? t("workshops.actions.overview.noShare")
                    : t("workshops.actions.overview.doneOf", {
                        done: p.done,
                        counted: p.total - p.dropped,
                        share: `${format.number(Math.round(p.doneShare * 100))} %`,
                      })}
                </TableCell>
                <TableCell>{format.number(p.overdue)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
    </Section>
  );
}
