import { Form, Link, redirect, useNavigation } from "react-router";
import { Alert, Button, Heading, Paragraph, Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from "@digdir/designsystemet-react";
import type { Route } from "./+types/merge";
import { CsrfField } from "~/components/csrf.tsx";
import { CheckboxField, FormErrorSummary, TextField, formFailure } from "~/components/form.tsx";
import { getTranslator } from "~/i18n/translate.ts";
import { useT } from "~/i18n/use-t.ts";
import { formAction, getLocale, guard, requireUser } from "~/lib/route.server.ts";
import { formToObject } from "~/lib/validation.ts";
import { getMergePreview, mergeOrganizations } from "~/domain/organizations/merge.server.ts";
import { DemoTag } from "./org-ui.tsx";

export function meta({ loaderData }: Route.MetaArgs) {
  return [{ title: `${loaderData?.title ?? "Samspill"} – Samspill` }];
}

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const actor = requireUser(context, request);
  const search = new URL(request.url).searchParams;
  const result = await guard(request, () => getMergePreview(actor, params.id, { q: search.get("q") ?? "", source: search.get("kilde") ?? undefined }));
  return { ...result, title: getTranslator(getLocale(context))("org.merge.title", { organization: result.target.name }) };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const actor = requireUser(context, request);
  const values = formToObject(await request.formData());
  return formAction(request, values, async () => {
    const { targetId } = await mergeOrganizations(actor, params.id, values);
    throw redirect(`/organisasjoner/${targetId}?sammenslatt=1`);
  });
}

type Summary = Route.ComponentProps["loaderData"]["target"];

function municipalityNames(organization: Summary, fallback: string): string {
  return organization.municipalities.length ? organization.municipalities.map((m) => m.name).join(", ") : fallback;
}

export default function MergeOrganizations({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const busy = useNavigation().state === "submitting";
  const failure = formFailure(actionData);
  const { target, q, candidates, moreCandidates, sourceNotFound, preview } = loaderData;
  const base = `/organisasjoner/${target.id}`;
  const mergeUrl = `${base}/slaa-sammen`;
  const notGiven = t("org.merge.notGiven");

  return (
    <div className="page">
      <Heading level={1} data-size="lg">
        {t("org.merge.heading", { organization: target.name })} <DemoTag show={target.isDemo} />
      </Heading>
      <Paragraph>{t("org.merge.intro", { organization: target.name })}</Paragraph>
      <Paragraph>
        <Link to={base}>{t("org.merge.backToOrganization", { organization: target.name })}</Link>
      </Paragraph>

      <section aria-labelledby="merge-search-heading" className="stack">
        <Heading level={2} data-size="sm" id="merge-search-heading">
          {t("org.merge.searchHeading")}
        </Heading>
        <Form method="get" action={mergeUrl} className="form">
          <TextField name="q" type="search" label={t("org.merge.searchLabel")} defaultValue={q} maxLength={200} />
          <div className="form-actions">
            <Button type="submit" variant="secondary">
              {t("org.merge.searchSubmit")}
            </Button>
          </div>
        </Form>
        {q && candidates.length === 0 ? <Paragraph>{t("org.merge.noResults", { q })}</Paragraph> : null}
        {candidates.length > 0 ? (
          <div className="table-wrap">
            <Table>
              <caption>{t("org.merge.resultsCaption", { q })}</caption>
              <TableHead>
                <TableRow>
                  <TableHeaderCell>{t("org.merge.columnName")}</TableHeaderCell>
                  <TableHeaderCell>{t("org.merge.columnOrgNumber")}</TableHeaderCell>
                  <TableHeaderCell>{t("org.merge.columnMunicipalities")}</TableHeaderCell>
                  <TableHeaderCell>{t("org.merge.columnChoose")}</TableHeaderCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {candidates.map((c) => (
                  <TableRow key={c.id}>
                    <TableCell>
                      {c.name} <DemoTag show={c.isDemo} />
                    </TableCell>
                    <TableCell>{c.orgNumber ?? notGiven}</TableCell>
                    <TableCell>{c.municipalities.length ? c.municipalities.map((m) => m.name).join(", ") : notGiven}</TableCell>
                    <TableCell>
                      <Link to={`${mergeUrl}?${new URLSearchParams({ q, kilde: c.id })}`}>{t("org.merge.choose", { name: c.name })}</Link>
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
        ) : null}
        {moreCandidates ? <Paragraph data-size="sm">{t("org.merge.tooManyResults", { count: candidates.length })}</Paragraph> : null}
      </section>

      {/* A refused POST without a mergeable preview (e.g. a hand-made request) still gets its message. */}
      {preview?.details && !preview.problem ? null : <FormErrorSummary formError={failure.formError} fieldErrors={failure.fieldErrors} />}

      {sourceNotFound ? (
        <Alert data-color="warning" role="status">
          {t("org.merge.sourceNotFound")}
        </Alert>
      ) : null}

      {preview ? (
        <section aria-labelledby="merge-preview-heading" className="stack">
          <Heading level={2} data-size="sm" id="merge-preview-heading">
            {t("org.merge.previewHeading")}
          </Heading>
          {preview.problem ? (
            <Alert data-color="danger" role="alert">
              {preview.problem === "notAllowed"
                ? t("org.merge.error.notAllowed", { name: preview.source.name })
                : t(preview.problem === "sameOrganization" ? "org.merge.error.sameOrganization" : "org.merge.error.orgNumberConflict")}
            </Alert>
          ) : null}
          {preview.details ? (
            <>
              <div className="table-wrap">
                <Table>
                  <caption>{t("org.merge.compareCaption")}</caption>
                  <TableHead>
                    <TableRow>
                      <TableHeaderCell>{t("org.merge.columnField")}</TableHeaderCell>
                      <TableHeaderCell>{t("org.merge.targetColumn", { name: target.name })}</TableHeaderCell>
                      <TableHeaderCell>{t("org.merge.sourceColumn", { name: preview.source.name })}</TableHeaderCell>
                    </TableRow>
                  </TableHead>
                  <TableBody>
                    <TableRow>
                      <TableHeaderCell scope="row">{t("org.merge.fieldName")}</TableHeaderCell>
                      <TableCell>{target.name}</TableCell>
                      <TableCell>
                        <Link to={`/organisasjoner/${preview.source.id}`}>{preview.source.name}</Link>
                      </TableCell>
                    </TableRow>
                    <TableRow>
                      <TableHeaderCell scope="row">{t("org.merge.fieldOrgNumber")}</TableHeaderCell>
                      <TableCell>{target.orgNumber ?? notGiven}</TableCell>
                      <TableCell>{preview.source.orgNumber ?? notGiven}</TableCell>
                    </TableRow>
                    <TableRow>
                      <TableHeaderCell scope="row">{t("org.merge.fieldMunicipalities")}</TableHeaderCell>
                      <TableCell>{municipalityNames(target, notGiven)}</TableCell>
                      <TableCell>{municipalityNames(preview.source, notGiven)}</TableCell>
                    </TableRow>
                    <TableRow>
                      <TableHeaderCell scope="row">{t("org.merge.fieldMembers")}</TableHeaderCell>
                      <TableCell>{preview.details.targetMembers}</TableCell>
                      <TableCell>{preview.details.sourceMembers}</TableCell>
                    </TableRow>
                  </TableBody>
                </Table>
              </div>
              {preview.problem ? null : (
                <>
                  <Heading level={3} data-size="xs">
                    {t("org.merge.whatMovesHeading")}
                  </Heading>
                  <ul>
                    <li>{t("org.merge.movesMembers", { count: preview.details.sourceMembers })}</li>
                    <li>{t("org.merge.movesMunicipalities")}</li>
                    <li>{t("org.merge.movesInvitations", { count: preview.details.sourceInvitations })}</li>
                    <li>{t("org.merge.movesHistory", { count: preview.details.sourceAuditEntries })}</li>
                    <li>{t("org.merge.fillsFields")}</li>
                  </ul>
                  <Alert data-color="warning">
                    <Paragraph>{t("org.merge.deletesSource", { name: preview.source.name })}</Paragraph>
                  </Alert>
                  <FormErrorSummary formError={failure.formError} fieldErrors={failure.fieldErrors} />
                  <Form method="post" action={`${mergeUrl}?${new URLSearchParams({ kilde: preview.source.id })}`} className="form">
                    <CsrfField />
                    <input type="hidden" name="source" value={preview.source.id} />
                    <CheckboxField
                      name="confirm"
                      label={t("org.merge.confirmCheckbox", { source: preview.source.name, target: target.name })}
                      error={failure.fieldErrors.confirm}
                    />
                    <div className="form-actions">
                      <Button type="submit" data-color="danger" disabled={busy}>
                        {t("org.merge.submit")}
                      </Button>
                      <Link to={q ? `${mergeUrl}?${new URLSearchParams({ q })}` : mergeUrl}>{t("org.merge.chooseAnother")}</Link>
                    </div>
                  </Form>
                </>
              )}
            </>
          ) : null}
        </section>
      ) : null}
    </div>
  );
}
