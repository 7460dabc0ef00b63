import { Paragraph } from "@digdir/designsystemet-react";
import { Section } from "~/components/section.tsx";
import { useFormat, useT } from "~/i18n/use-t.ts";
import type { ResponseTimes, ResponseTimesRow } from "~/domain/guidance/response-times.server.ts";

/**
 * Guidance response times (app/domain/guidance/response-times.server.ts) as
 * the kommune, county and national overviews and the competence centre show
 * them: a summary for one area, and a table of kommuner or fylker side by side.
 */

function useFigures() {
  const t = useT();
  const format = useFormat();
  return {
    median: (times: ResponseTimes) =>
      times.medianWorkingDays === null ? t("competence.responseTimes.none") : t("competence.responseTimes.days", { days: times.medianWorkingDays }),
    share: (times: ResponseTimes) =>
      times.shareWithinLimit === null
        ? t("competence.responseTimes.none")
        : t("competence.responseTimes.percent", { percent: Math.round(times.shareWithinLimit * 100) }),
    count: (value: number) => format.number(value),
  };
}

/** How the figures are counted: shown once under each summary or table. */
function HowCounted() {
  const t = useT();
  return (
    <Paragraph data-size="sm" className="muted">
      {t("competence.responseTimes.howCounted")}
    </Paragraph>
  );
}

export function ResponseTimesSummary({ id, times, heading, level = 2 }: { id: string; times: ResponseTimes; heading?: string; level?: 2 | 3 }) {
  const t = useT();
  const figures = useFigures();
  return (
    <Section id={id} heading={heading ?? t("competence.responseTimes.heading")} level={level}>
      {times.counted === 0 && times.pending === 0 ? (
        <Paragraph>{t("competence.responseTimes.noRequests")}</Paragraph>
      ) : (
        <dl className="response-times">
          <dt>{t("competence.responseTimes.median")}</dt>
          <dd>{figures.median(times)}</dd>
          <dt>{t("competence.responseTimes.share")}</dt>
          <dd>{figures.share(times)}</dd>
          <dt>{t("competence.responseTimes.counted")}</dt>
          <dd>{t("competence.responseTimes.countedValue", { counted: times.counted, answered: times.answered, overdue: times.overdue })}</dd>
          <dt>{t("competence.responseTimes.pending")}</dt>
          <dd>{figures.count(times.pending)}</dd>
        </dl>
      )}
      <HowCounted />
    </Section>
  );
}

export function ResponseTimesTable({
  id,
  heading,
  caption,
  areaColumn,
  rows,
  total,
  hrefFor,
  level = 2,
}: {
  id: string;
  heading: string;
  caption: string;
  /** The first column's heading ("Kommune", "Fylke"). */
  areaColumn: string;
  rows: ResponseTimesRow[];
  /** The area's own figures, as the table's last row. */
  total?: { label: string; times: ResponseTimes };
  hrefFor?: (row: ResponseTimesRow) => string;
  level?: 2 | 3;
}) {
  const t = useT();
  const figures = useFigures();
  const cells = (times: ResponseTimes) => (
    <>
      <td className="num">{figures.median(times)}</td>
      <td className="num">{figures.share(times)}</td>
      <td className="num">{figures.count(times.counted)}</td>
      <td className="num">{figures.count(times.overdue)}</td>
      <td className="num">{figures.count(times.pending)}</td>
    </>
  );
  return (
    <Section id={id} heading={heading} level={level}>
      <div className="table-wrap">
        <table className="ds-table" data-size="sm">
          <caption>{caption}</caption>
          <thead>
            <tr>
              <th scope="col">{areaColumn}</th>
              <th scope="col">{t("competence.responseTimes.median")}</th>
              <th scope="col">{t("competence.responseTimes.share")}</th>
              <th scope="col">{t("competence.responseTimes.col.counted")}</th>
              <th scope="col">{t("competence.responseTimes.col.overdue")}</th>
              <th scope="col">{t("competence.responseTimes.col.pending")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.number}>
                <th scope="row">{hrefFor ? <a href={hrefFor(row)}>{row.name}</a> : row.name}</th>
                {cells(row.times)}
              </tr>
            ))}
          </tbody>
          {total ? (
            <tfoot>
              <tr>
                <th scope="row">{total.label}</th>
                {cells(total.times)}
              </tr>
            </tfoot>
          ) : null}
        </table>
      </div>
      <HowCounted />
    </Section>
  );
}
