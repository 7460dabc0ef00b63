import { Form, Link, redirect, useNavigation } from "react-router";
import { upcomingNeedsBySettlementMonth } from "~/domain/needs/needs-gaps.server.ts";
import { osloDate } from "~/domain/competence/working-days.ts";
import { SettlementNeedsSection } from "../needs/needs-ui.tsx";
import { Alert, Button, Heading, Paragraph, Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from "@digdir/designsystemet-react";
import type { Route } from "./+types/settlement";
import { CsrfField } from "~/components/csrf.tsx";
import { FormActions, FormErrorSummary, TextField, formFailure } from "~/components/form.tsx";
import { getTranslator } from "~/i18n/translate.ts";
import { useFormat, useT } from "~/i18n/use-t.ts";
import { getLocale, guard, requireUser } from "~/lib/route.server.ts";
import { formFields, intent, intentAction } from "~/lib/intents.server.ts";
import { formToObject } from "~/lib/validation.ts";
import { isNationalAdmin } from "~/domain/auth/actor.ts";
import { getSettlementPage, upsertSettlementFigures } from "~/domain/settlement/settlement.server.ts";
import { getOverviewSettings, updateGapThreshold } from "~/domain/overview/settings.server.ts";
import { SETTLEMENT_MIN_YEAR, settlementFigureFields, settlementMaxYear } from "~/domain/settlement/settlement.schema.ts";

export function meta({ loaderData }: Route.MetaArgs) {
  return [{ title: `${loaderData?.title ?? "Bosetting"} – Samspill` }];
}

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const actor = requireUser(context, request);
  const page = await guard(request, () => getSettlementPage(actor, params.number));
  const settings = await getOverviewSettings(page.municipality.number);
  const search = new URL(request.url).searchParams;
  const savedYear = Number(search.get("lagret"));
  return {
    title: getTranslator(getLocale(context))("settlement.title", { name: page.municipality.name }),
    ...page,
    settings,
    savedYear: Number.isInteger(savedYear) && savedYear >= SETTLEMENT_MIN_YEAR && savedYear <= 9999 ? savedYear : null,
    thresholdSaved: search.has("terskel"),
    mayImport: isNationalAdmin(actor),
    minYear: SETTLEMENT_MIN_YEAR,
    maxYear: settlementMaxYear(),
    /** Needs (issue 14): the kommune's open needs tied to a settlement month, next to the figures. */
    upcomingNeeds: await upcomingNeedsBySettlementMonth(page.municipality.number, osloDate(new Date())),
  };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const actor = requireUser(context, request);
  const values = formToObject(await request.formData());
  return intentAction(request, context, values, {
    threshold: intent(formFields, async (input) => {
      await updateGapThreshold(actor, params.number, input);
      throw redirect(`/kommuner/${params.number}/bosetting?terskel=1#terskel`);
    }),
    figures: intent(formFields, async (input) => {
      const saved = await upsertSettlementFigures(actor, params.number, input);
      throw redirect(`/kommuner/${params.number}/bosetting?lagret=${saved.year}`);
    }),
  });
}

export default function SettlementPage({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const format = useFormat();
  const busy = useNavigation().state === "submitting";
  const { municipality: m, years, mayEdit, settings } = loaderData;
  const failure = formFailure(actionData);
  const failedIntent = failure.formError ? (failure.values.intent === "threshold" ? "threshold" : "figures") : null;
  const figureFailure = failedIntent === "figures" ? failure : { fieldErrors: {}, values: {} as Record<string, string> };
  const thresholdFailure = failedIntent === "threshold" ? failure : { fieldErrors: {}, values: {} as Record<string, string> };
  const show = (value: number | null) => (value === null ? <span className="muted">{t("settlement.notReported")}</span> : format.number(value));
  return (
    <div className="page">
      <Paragraph data-size="sm">
        <Link to={`/kommuner/${m.number}`}>{t("settlement.backToMunicipality", { name: m.name })}</Link>
        {" · "}
        <Link to={`/kommuner/${m.number}/oversikt`}>{t("settlement.toOverview")}</Link>
      </Paragraph>
      <Heading level={1} data-size="lg">
        {t("settlement.title", { name: m.name })}
      </Heading>
      <Paragraph>{t("settlement.intro")}</Paragraph>
      {loaderData.savedYear ? (
        <Alert data-color="success" role="status">
          {t("settlement.saved", { year: String(loaderData.savedYear) })}
        </Alert>
      ) : null}
      {!mayEdit ? <Alert data-color="info">{t("settlement.readOnly")}</Alert> : null}

      <section aria-labelledby="settlement-years" className="stack">
        <Heading level={2} data-size="sm" id="settlement-years">
          {t("settlement.tableHeading")}
        </Heading>
        {years.length === 0 ? (
          <Paragraph>{t("settlement.empty")}</Paragraph>
        ) : (
          <div className="table-wrap">
            <Table data-size="sm" aria-labelledby="settlement-years">
              <TableHead>
                <TableRow>
                  <TableHeaderCell scope="col">{t("settlement.col.year")}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t("settlement.col.requested")}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t("settlement.col.decided")}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t("settlement.col.settled")}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t("settlement.col.inIntroductionProgramme")}</TableHeaderCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {years.map((y) => (
                  <TableRow key={y.year}>
                    <TableHeaderCell scope="row">{y.year}</TableHeaderCell>
                    <TableCell>{show(y.requested)}</TableCell>
                    <TableCell>{show(y.decided)}</TableCell>
                    <TableCell>{show(y.settled)}</TableCell>
                    <TableCell>{show(y.inIntroductionProgramme)}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
        )}
        {loaderData.mayImport ? (
          <Paragraph>
            <Link to="/admin/bosetting/import">{t("settlement.importLink")}</Link>
          </Paragraph>
        ) : null}
      </section>
      <SettlementNeedsSection months={loaderData.upcomingNeeds} municipalityNumber={m.number} />

      {mayEdit ? (
        <section aria-labelledby="settlement-form" className="stack">
          <Heading level={2} data-size="sm" id="settlement-form">
            {t("settlement.form.heading")}
          </Heading>
          <Paragraph>{t("settlement.form.help")}</Paragraph>
          <Form method="post" className="form" noValidate>
            <CsrfField />
            <input type="hidden" name="intent" value="figures" />
            <FormErrorSummary formError={figureFailure.formError} fieldErrors={figureFailure.fieldErrors} />
            <TextField
              name="year"
              label={t("settlement.form.year")}
              description={t("settlement.form.yearHelp", { min: String(loaderData.minYear), max: String(loaderData.maxYear) })}
              inputMode="numeric"
              maxLength={4}
              required
              defaultValue={figureFailure.values.year ?? ""}
              error={figureFailure.fieldErrors.year}
            />
            {settlementFigureFields.map((field) => (
              <TextField
                key={field}
                name={field}
                label={t(`settlement.form.${field}`)}
                inputMode="numeric"
                maxLength={12}
                defaultValue={figureFailure.values[field] ?? ""}
                error={figureFailure.fieldErrors[field]}
              />
            ))}
            <FormActions>
              <Button type="submit" disabled={busy}>
                {t("settlement.form.submit")}
              </Button>
            </FormActions>
          </Form>
        </section>
      ) : null}

      <section aria-labelledby="terskel-heading" className="stack" id="terskel">
        <Heading level={2} data-size="sm" id="terskel-heading">
          {t("settlement.settings.heading")}
        </Heading>
        {loaderData.thresholdSaved ? (
          <Alert data-color="success" role="status">
            {t("settlement.settings.saved")}
          </Alert>
        ) : null}
        <Paragraph>
          {settings.isSet
            ? t("settlement.settings.current", { value: settings.gapThreshold })
            : t("settlement.settings.default", { value: settings.gapThreshold })}
        </Paragraph>
        {mayEdit ? (
          <Form method="post" className="form" noValidate>
            <CsrfField />
            <input type="hidden" name="intent" value="threshold" />
            <FormErrorSummary formError={thresholdFailure.formError} fieldErrors={thresholdFailure.fieldErrors} />
            <TextField
              name="gapThreshold"
              label={t("settlement.settings.threshold")}
              description={t("settlement.settings.thresholdHelp")}
              inputMode="numeric"
              maxLength={3}
              required
              defaultValue={thresholdFailure.values.gapThreshold ?? String(settings.gapThreshold)}
              error={thresholdFailure.fieldErrors.gapThreshold}
            />
            <FormActions>
              <Button type="submit" variant="secondary" disabled={busy}>
                {t("settlement.settings.submit")}
              </Button>
            </FormActions>
          </Form>
        ) : null}
      </section>
    </div>
  );
}
