import { data } from "react-router";
import { Alert, Heading, Paragraph, Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from "@digdir/designsystemet-react";
import type { Route } from "./+types/settlement-import";
import { FileField, FormActions, PostForm, SubmitButton } from "~/components/form.tsx";
import { getTranslator } from "~/i18n/translate.ts";
import { useT } from "~/i18n/use-t.ts";
import { labelOf } from "~/i18n/labels.ts";
import { AppError } from "~/lib/errors.ts";
import { formAction, getLocale, getPageLocale, guard, requireUser } from "~/lib/route.server.ts";
import { unknownIntentResponse } from "~/lib/intents.server.ts";
import { importSettlementCsv, requireSettlementImporter } from "~/domain/settlement/settlement.server.ts";
import { SETTLEMENT_IMPORT_MAX_BYTES } from "~/domain/settlement/settlement.schema.ts";

export function meta({ loaderData }: Route.MetaArgs) {
  return [{ title: `${loaderData?.title ?? "Import"} – Samspill` }];
}

export async function loader({ request, context }: Route.LoaderArgs) {
  const actor = requireUser(context, request);
  await guard(request, async () => requireSettlementImporter(actor));
  return { title: getTranslator(getLocale(context))("settlement.import.title") };
}

/**
 * Small files only (1 MB), so the file is read with request.formData().
 * "preview" parses and reports without writing and hands the file back as
 * base64 in a hidden field, so "apply" needs no second upload; "apply" writes
 * the valid lines and reports the rejected ones.
 */
export async function action({ request, context }: Route.ActionArgs) {
  const actor = requireUser(context, request);
  await guard(request, async () => requireSettlementImporter(actor));
  const length = Number(request.headers.get("Content-Length") ?? 0);
  const formData = length > SETTLEMENT_IMPORT_MAX_BYTES * 2 ? null : await request.formData();
  const requested = formData?.get("intent");
  // Two buttons, two intents; anything else is refused, never taken for a preview.
  if (formData && requested !== "apply" && requested !== "preview") throw unknownIntentResponse(getPageLocale(context));
  const intent = requested === "apply" ? "apply" : "preview";
  return formAction(request, { intent }, async () => {
    if (!formData) throw fileError("settlement.import.error.tooBig");
    let bytes: Uint8Array;
    const file = formData.get("file");
    const content = formData.get("content");
    if (file instanceof File && file.size > 0) {
      if (file.size > SETTLEMENT_IMPORT_MAX_BYTES) throw fileError("settlement.import.error.tooBig");
      bytes = new Uint8Array(await file.arrayBuffer());
    } else if (typeof content === "string" && content.length > 0) {
      if (content.length > Math.ceil((SETTLEMENT_IMPORT_MAX_BYTES * 4) / 3) + 4 || !/^[A-Za-z0-9+/=]+$/.test(content))
        throw fileError("settlement.import.error.encoding");
      bytes = new Uint8Array(Buffer.from(content, "base64"));
    } else {
      throw fileError("settlement.import.error.noFile");
    }
    const report = await importSettlementCsv(actor, bytes, { dryRun: intent !== "apply" });
    return data({
      ok: true as const,
      report: {
        dryRun: report.dryRun,
        dataLines: report.dataLines,
        valid: report.rows.length,
        rejected: report.rejected,
        inserted: report.inserted,
        updated: report.updated,
        unchanged: report.unchanged,
      },
      content: report.dryRun && report.rows.length > 0 ? Buffer.from(bytes).toString("base64") : null,
    });
  });
}

function fileError(key: string) {
  return new AppError("validation", "common.errorSummary", { file: { key } });
}

type Report = {
  dryRun: boolean;
  dataLines: number;
  valid: number;
  rejected: { line: number; reason: string; text: string }[];
  inserted: number;
  updated: number;
  unchanged: number;
};

function ImportReport({ report }: { report: Report }) {
  const t = useT();
  return (
    <section aria-labelledby="import-report" className="stack">
      <Alert data-color={report.dryRun ? "info" : "success"} role="status">
        <Heading level={2} data-size="xs" id="import-report">
          {report.dryRun ? t("settlement.import.report.previewHeading") : t("settlement.import.report.appliedHeading")}
        </Heading>
        <Paragraph>{t("settlement.import.report.summary", { lines: report.dataLines, valid: report.valid, rejected: report.rejected.length })}</Paragraph>
        {!report.dryRun ? (
          <Paragraph>{t("settlement.import.report.applied", { inserted: report.inserted, updated: report.updated, unchanged: report.unchanged })}</Paragraph>
        ) : null}
      </Alert>
      <Heading level={3} data-size="xs" id="import-rejected">
        {t("settlement.import.report.rejectedHeading")}
      </Heading>
      {report.rejected.length === 0 ? (
        <Paragraph>{t("settlement.import.report.noneRejected")}</Paragraph>
      ) : (
        <div className="table-wrap">
          <Table data-size="sm" aria-labelledby="import-rejected">
            <TableHead>
              <TableRow>
                <TableHeaderCell scope="col">{t("settlement.import.col.line")}</TableHeaderCell>
                <TableHeaderCell scope="col">{t("settlement.import.col.reason")}</TableHeaderCell>
                <TableHeaderCell scope="col">{t("settlement.import.col.content")}</TableHeaderCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {report.rejected.map((r) => (
                <TableRow key={r.line}>
                  <TableHeaderCell scope="row">{r.line}</TableHeaderCell>
                  <TableCell>{labelOf(t, "importRejectReason", r.reason)}</TableCell>
                  <TableCell>
                    <code>{r.text}</code>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
    </section>
  );
}

export default function SettlementImportPage({ actionData }: Route.ComponentProps) {
  const t = useT();
  const result = actionData && "ok" in actionData && actionData.ok === true ? actionData : null;
  return (
    <div className="page">
      <Heading level={1} data-size="lg">
        {t("settlement.import.title")}
      </Heading>
      <Paragraph>{t("settlement.import.intro")}</Paragraph>
      <Paragraph>{t("settlement.import.example")}</Paragraph>
      <pre>
        <code>{"kommunenummer;år;anmodning;vedtak;bosatt\n3403;2025;60;60;58\n3905;2025;;45;"}</code>
      </pre>

      {result ? <ImportReport report={result.report} /> : null}
      {result?.content ? (
        <PostForm id="apply" summary={false} noValidate={false} hidden={{ content: result.content }}>
          <FormActions>
            <SubmitButton name="intent" value="apply">
              {t("settlement.import.applyPreviewed", { count: result.report.valid })}
            </SubmitButton>
          </FormActions>
        </PostForm>
      ) : null}

      {/* The buttons send the intent (preview or apply), so this form shows whichever failed. */}
      <PostForm id="upload" actionData={actionData} encType="multipart/form-data" noValidate={false}>
        <FileField name="file" label={t("settlement.import.file")} description={t("settlement.import.fileHelp")} accept=".csv,text/csv,text/plain" required />
        <FormActions>
          <SubmitButton name="intent" value="preview">
            {t("settlement.import.preview")}
          </SubmitButton>
          <SubmitButton name="intent" value="apply" variant="secondary">
            {t("settlement.import.apply")}
          </SubmitButton>
        </FormActions>
      </PostForm>
    </div>
  );
}
