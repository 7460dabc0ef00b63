import { Link } from "react-router";
import { Alert, Button, Heading, Paragraph, Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from "@digdir/designsystemet-react";
import { useId } from "react";
import type { Route } from "./+types/import";
import { CsrfField } from "~/components/csrf.tsx";
import { CheckboxField, FormActions, TextField } from "~/components/form.tsx";
import { getTranslator } from "~/i18n/translate.ts";
import { useFormat, useLocale, useT } from "~/i18n/use-t.ts";
import { intlLocale } from "~/i18n/config.ts";
import { getLocale, guard, requireUser } from "~/lib/route.server.ts";
import { getImportScope, listImportJobs } from "~/domain/jobs/jobs.server.ts";
import { isUploadErrorCode } from "~/domain/jobs/jobs.schema.ts";
import { JobStatusTag, formatBytes } from "./import-ui.tsx";

export function meta({ loaderData }: Route.MetaArgs) {
  return [{ title: `${loaderData?.title ?? "Import"} – Samspill` }];
}

/**
 * The Brreg upload form and the recent imports. The form posts to the same
 * URL, but that POST is handled by server/upload.server.ts in Express (it
 * streams the file to disk), not by a route action; it comes back here with
 * ?feil=<code> when the upload is refused.
 */
export async function loader({ request, context }: Route.LoaderArgs) {
  const actor = requireUser(context, request);
  const [scope, jobs] = await guard(request, () => Promise.all([getImportScope(actor), listImportJobs(actor)]));
  const error = new URL(request.url).searchParams.get("feil");
  return {
    title: getTranslator(getLocale(context))("jobs.upload.title"),
    scope,
    jobs,
    error: isUploadErrorCode(error) ? error : null,
  };
}

export default function ImportPage({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const format = useFormat();
  const locale = intlLocale[useLocale()];
  const { scope, jobs, error } = loaderData;
  const fileId = `${useId().replace(/:/g, "")}-file`;
  const maxSize = formatBytes(scope.maxUploadBytes, locale);
  return (
    <div className="page">
      <Heading level={1} data-size="lg">
        {t("jobs.upload.title")}
      </Heading>
      <Paragraph>{t("jobs.upload.intro")}</Paragraph>
      <Paragraph>
        {scope.national
          ? t("jobs.upload.scopeNational")
          : t("jobs.upload.scopeCoordinator", { kommuner: scope.municipalities.map((m) => `${m.name} (${m.number})`).join(", ") })}
      </Paragraph>

      {error ? (
        <Alert data-color="danger" role="alert">
          <Heading level={2} data-size="xs">
            {t("jobs.upload.error.heading")}
          </Heading>
          <Paragraph>{t(`jobs.upload.error.${error}`, { max: maxSize })}</Paragraph>
        </Alert>
      ) : null}

      {/* A plain form (no client-side navigation): the browser streams the file to the Express upload handler. */}
      <form method="post" action="/admin/import" encType="multipart/form-data" className="form">
        {/* The token must come before the file: the handler checks it before reading the file. */}
        <CsrfField />
        <div className="ds-field">
          <label htmlFor={fileId} className="ds-label">
            {t("jobs.upload.file")}
          </label>
          <Paragraph id={`${fileId}-description`} data-size="sm" className="muted">
            {t("jobs.upload.fileHelp", { max: maxSize })}
          </Paragraph>
          <input
            id={fileId}
            type="file"
            name="file"
            accept=".json,.gz,application/json,application/gzip"
            required
            aria-describedby={`${fileId}-description`}
            aria-invalid={error === "noFile" || error === "wrongType" || error === "empty" || error === "tooBig" ? true : undefined}
          />
        </div>
        {scope.national ? (
          <>
            <TextField
              name="municipalities"
              label={t("jobs.upload.municipalities")}
              description={t("jobs.upload.municipalitiesHelp")}
              maxLength={2000}
              inputMode="numeric"
            />
            <TextField name="forms" label={t("jobs.upload.forms")} description={t("jobs.upload.formsHelp")} maxLength={300} />
            <CheckboxField name="all" label={t("jobs.upload.all")} />
          </>
        ) : (
          <TextField name="forms" label={t("jobs.upload.forms")} description={t("jobs.upload.formsHelp")} maxLength={300} />
        )}
        <CheckboxField name="dryRun" label={t("jobs.upload.dryRun")} />
        <FormActions>
          <Button type="submit">{t("jobs.upload.submit")}</Button>
        </FormActions>
      </form>

      <Heading level={2} data-size="md">
        {t("jobs.recent.heading")}
      </Heading>
      {jobs.length === 0 ? (
        <Paragraph>{t("jobs.recent.empty")}</Paragraph>
      ) : (
        <div className="table-wrap">
          <Table data-size="sm" zebra>
            <caption className="visually-hidden">{t("jobs.recent.caption")}</caption>
            <TableHead>
              <TableRow>
                <TableHeaderCell scope="col">{t("jobs.recent.file")}</TableHeaderCell>
                <TableHeaderCell scope="col">{t("jobs.recent.status")}</TableHeaderCell>
                <TableHeaderCell scope="col">{t("jobs.recent.created")}</TableHeaderCell>
                <TableHeaderCell scope="col">{t("jobs.recent.records")}</TableHeaderCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {jobs.map((job) => (
                <TableRow key={job.id}>
                  <TableCell>
                    <Link to={`/admin/import/${job.id}`}>{job.fileName || job.id}</Link>
                  </TableCell>
                  <TableCell>
                    <JobStatusTag status={job.status} />
                  </TableCell>
                  <TableCell>{format.dateTime(job.createdAt)}</TableCell>
                  <TableCell>{format.number(typeof job.progress.records === "number" ? job.progress.records : 0)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
    </div>
  );
}
