import { Link } from "react-router";
import { Alert, Heading, Paragraph, Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from "@digdir/designsystemet-react";
import type { Route } from "./+types/import-job";
import { getTranslator } from "~/i18n/translate.ts";
import { useFormat, useLocale, useT } from "~/i18n/use-t.ts";
import { intlLocale } from "~/i18n/config.ts";
import { getLocale, guard, requireUser } from "~/lib/route.server.ts";
import { getImportJob } from "~/domain/jobs/jobs.server.ts";
import { outOfScopeReasons, type OutOfScopeRecord } from "~/domain/organizations/brreg-import.constants.ts";
import { JobStatusTag, formatBytes } from "./import-ui.tsx";

/** Until the job is done the page reloads itself every 2 s: progress without JavaScript. */
export function meta({ loaderData }: Route.MetaArgs) {
  const title = { title: `${loaderData?.title ?? "Import"} – Samspill` };
  return loaderData && !loaderData.job.isDone ? [title, { httpEquiv: "refresh", content: "2" }] : [title];
}

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const actor = requireUser(context, request);
  const job = await guard(request, () => getImportJob(actor, params.id));
  return { title: getTranslator(getLocale(context))("jobs.progress.title"), job };
}

function num(value: unknown): number {
  return typeof value === "number" ? value : 0;
}

/** The records a scoped import left out, as stored in the job's result (only known reasons are shown). */
function outOfScopeList(value: unknown): OutOfScopeRecord[] {
  if (!Array.isArray(value)) return [];
  return value.filter(
    (r): r is OutOfScopeRecord =>
      !!r && typeof r.orgNumber === "string" && typeof r.name === "string" && (outOfScopeReasons as readonly string[]).includes(r.reason),
  );
}

export default function ImportJobPage({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const format = useFormat();
  const locale = intlLocale[useLocale()];
  const { job } = loaderData;
  const p = job.progress;
  const result = job.result ?? {};
  const rejectedByReason = (result.rejectedByReason ?? {}) as Record<string, number>;
  const examples = (Array.isArray(result.rejectedExamples) ? result.rejectedExamples : []) as { index: number; orgNumber: string | null; reason: string }[];
  const outOfScopeTotal = num(result.outOfScope ?? p.outOfScope);
  const outOfScope = outOfScopeList(result.outOfScopeExamples);
  const percent = job.fraction === null ? null : new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1 }).format(job.fraction);
  const counts: [string, number][] = [
    [t("jobs.progress.records"), num(p.records)],
    [t("jobs.progress.kept"), num(p.kept)],
    [t("jobs.progress.inserted"), num(p.inserted)],
    [t("jobs.progress.updated"), num(p.updated)],
    [t("jobs.progress.unchanged"), num(p.unchanged)],
    [t("jobs.progress.skipped"), num(p.skipped)],
    [t("jobs.progress.rejected"), num(p.rejected)],
    ...(num(p.outOfScope) > 0 ? ([[t("jobs.progress.outOfScope"), num(p.outOfScope)]] as [string, number][]) : []),
  ];
  const filters = job.all
    ? [t("jobs.progress.filterAll")]
    : [
        t("jobs.progress.filterDefault"),
        ...(job.municipalities.length ? [t("jobs.progress.filterKommuner", { list: job.kommuner.map((k) => `${k.name} (${k.number})`).join(", ") })] : []),
        ...(job.forms.length ? [t("jobs.progress.filterForms", { list: job.forms.join(", ") })] : []),
      ];
  return (
    <div className="page">
      <Paragraph>
        <Link to="/admin/import">{t("jobs.progress.back")}</Link>
      </Paragraph>
      <Heading level={1} data-size="lg">
        {t("jobs.progress.title")}
      </Heading>

      <dl>
        <dt>{t("jobs.progress.file")}</dt>
        <dd>
          {job.fileName} ({formatBytes(job.fileBytes, locale)})
        </dd>
        <dt>{t("jobs.progress.status")}</dt>
        <dd>
          <JobStatusTag status={job.status} />
        </dd>
        <dt>{t("jobs.progress.filters")}</dt>
        <dd>
          {filters.join(". ")}
          {job.dryRun ? `. ${t("jobs.progress.dryRun")}` : null}
        </dd>
        <dt>{t("jobs.progress.created")}</dt>
        <dd>{format.dateTime(job.createdAt)}</dd>
        <dt>{t("jobs.progress.started")}</dt>
        <dd>{job.startedAt ? format.dateTime(job.startedAt) : t("jobs.progress.notYet")}</dd>
        <dt>{t("jobs.progress.finished")}</dt>
        <dd>{job.finishedAt ? format.dateTime(job.finishedAt) : t("jobs.progress.notYet")}</dd>
      </dl>

      {job.status === "queued" ? <Paragraph>{t("jobs.progress.waiting")}</Paragraph> : null}
      {!job.isDone ? <Paragraph data-size="sm">{t("jobs.progress.autoRefresh")}</Paragraph> : null}

      {job.status === "succeeded" ? (
        <Alert data-color="success">
          <Paragraph>{job.dryRun ? t("jobs.progress.dryRunDone") : t("jobs.progress.succeeded")}</Paragraph>
          {!job.dryRun ? (
            <ul>
              {job.kommuner.length ? (
                job.kommuner.map((k) => (
                  <li key={k.number}>
                    <Link to={`/organisasjoner?kommune=${k.number}`}>{t("jobs.progress.seeOrganizations", { kommune: k.name })}</Link>
                  </li>
                ))
              ) : (
                <li>
                  <Link to="/organisasjoner">{t("jobs.progress.seeAllOrganizations")}</Link>
                </li>
              )}
            </ul>
          ) : null}
        </Alert>
      ) : null}
      {job.status === "failed" ? (
        <Alert data-color="danger" role="alert">
          <Heading level={2} data-size="xs">
            {t("jobs.progress.failedHeading")}
          </Heading>
          <Paragraph>{t("jobs.progress.failedText")}</Paragraph>
          {job.error ? (
            <Paragraph data-size="sm">
              {t("jobs.progress.errorDetail")} <span lang="en">{job.error}</span>
            </Paragraph>
          ) : null}
        </Alert>
      ) : null}

      {job.status !== "queued" ? (
        <>
          <Heading level={2} data-size="md">
            {t("jobs.progress.counts")}
          </Heading>
          {job.fraction !== null ? (
            <div className="ds-field">
              <label htmlFor="import-progress" className="ds-label">
                {t("jobs.progress.bar")}
              </label>
              <progress id="import-progress" max={1000} value={Math.round(job.fraction * 1000)} aria-valuetext={percent ?? undefined} />
              <Paragraph data-size="sm" data-testid="import-bytes">
                {t("jobs.progress.bytes", {
                  read: formatBytes(num(p.bytesRead), locale),
                  total: formatBytes(num(p.totalBytes), locale),
                  percent: percent ?? "",
                })}
              </Paragraph>
            </div>
          ) : null}
          <dl data-testid="import-counts">
            {counts.map(([label, value]) => (
              <div key={label}>
                <dt>{label}</dt>
                <dd>{format.number(value)}</dd>
              </div>
            ))}
            <div>
              <dt>{t("jobs.progress.rate")}</dt>
              <dd>{job.rate === null ? t("jobs.progress.unknown") : t("jobs.progress.rateValue", { rate: format.number(job.rate) })}</dd>
            </div>
            {!job.isDone ? (
              <div>
                <dt>{t("jobs.progress.eta")}</dt>
                <dd>
                  {job.etaSeconds === null
                    ? t("jobs.progress.unknown")
                    : t("jobs.progress.etaValue", { minutes: Math.floor(job.etaSeconds / 60), seconds: job.etaSeconds % 60 })}
                </dd>
              </div>
            ) : null}
          </dl>
        </>
      ) : null}

      {outOfScopeTotal > 0 ? (
        <section aria-labelledby="out-of-scope" data-testid="import-out-of-scope">
          <Heading level={2} data-size="md" id="out-of-scope">
            {t("jobs.progress.outOfScopeHeading")}
          </Heading>
          <Paragraph>{t("jobs.progress.outOfScopeIntro")}</Paragraph>
          {outOfScope.length < outOfScopeTotal ? (
            <Paragraph data-size="sm">
              {t("jobs.progress.outOfScopeShown", { shown: format.number(outOfScope.length), total: format.number(outOfScopeTotal) })}
            </Paragraph>
          ) : null}
          {outOfScope.length ? (
            <div className="table-wrap">
              <Table data-size="sm" zebra>
                <caption>{t("jobs.progress.outOfScopeExamples")}</caption>
                <TableHead>
                  <TableRow>
                    <TableHeaderCell scope="col">{t("jobs.progress.rejectedOrgNumber")}</TableHeaderCell>
                    <TableHeaderCell scope="col">{t("jobs.progress.outOfScopeName")}</TableHeaderCell>
                    <TableHeaderCell scope="col">{t("jobs.progress.rejectedReason")}</TableHeaderCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {outOfScope.map((r, i) => (
                    <TableRow key={`${r.orgNumber}-${i}`}>
                      <TableCell>{r.orgNumber}</TableCell>
                      <TableCell>{r.name}</TableCell>
                      <TableCell>{t(`jobs.progress.outOfScopeReason.${r.reason}`)}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </div>
          ) : null}
        </section>
      ) : null}

      {Object.keys(rejectedByReason).length ? (
        <>
          <Heading level={2} data-size="md">
            {t("jobs.progress.rejectedHeading")}
          </Heading>
          <div className="table-wrap">
            <Table data-size="sm">
              <caption className="visually-hidden">{t("jobs.progress.rejectedHeading")}</caption>
              <TableHead>
                <TableRow>
                  <TableHeaderCell scope="col">{t("jobs.progress.rejectedReason")}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t("jobs.progress.rejectedCount")}</TableHeaderCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {Object.entries(rejectedByReason).map(([reason, count]) => (
                  <TableRow key={reason}>
                    <TableCell>
                      <code>{reason}</code>
                    </TableCell>
                    <TableCell>{format.number(count)}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
          {examples.length ? (
            <div className="table-wrap">
              <Table data-size="sm" zebra>
                <caption>{t("jobs.progress.rejectedExamples")}</caption>
                <TableHead>
                  <TableRow>
                    <TableHeaderCell scope="col">{t("jobs.progress.rejectedIndex")}</TableHeaderCell>
                    <TableHeaderCell scope="col">{t("jobs.progress.rejectedOrgNumber")}</TableHeaderCell>
                    <TableHeaderCell scope="col">{t("jobs.progress.rejectedReason")}</TableHeaderCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {examples.map((r) => (
                    <TableRow key={r.index}>
                      <TableCell>{format.number(r.index + 1)}</TableCell>
                      <TableCell>{r.orgNumber ?? t("jobs.progress.noOrgNumber")}</TableCell>
                      <TableCell>
                        <code>{r.reason}</code>
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </div>
          ) : null}
        </>
      ) : null}
    </div>
  );
}
