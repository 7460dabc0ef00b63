import { Link, redirect } from "react-router";
import { Button, Heading, Paragraph } from "@digdir/designsystemet-react";
import type { Route } from "./+types/new";
import { ChoiceGroup, DateField, FieldGroup, FormActions, PostForm, SelectField, TextareaField, TextField, formFailure } from "~/components/form.tsx";
import { Notice } from "~/components/notice.tsx";
import { labelOptions } from "~/i18n/labels.ts";
import { getTranslator } from "~/i18n/translate.ts";
import { useT } from "~/i18n/use-t.ts";
import { formFields, intent, intentAction } from "~/lib/intents.server.ts";
import { getActor, getLocale, guard, requireUser } from "~/lib/route.server.ts";
import { formToObject } from "~/lib/validation.ts";
import { createSurvey, previewRecipients, surveyFormOptions } from "~/domain/surveys/surveys.server.ts";
import { surveySchema } from "~/domain/surveys/surveys.schema.ts";

export const handle = { hydrate: false };

export function meta({ loaderData }: Route.MetaArgs) {
  return [{ title: `${loaderData?.title ?? "Samspill"} – Samspill` }];
}

export async function loader({ request, context }: Route.LoaderArgs) {
  const options = await guard(request, () => surveyFormOptions(getActor(context)));
  return { title: getTranslator(getLocale(context))("surveys.new.title"), ...options };
}

/** intent=preview counts the recipients and shows the form again; intent=send creates the survey and mails the links. */
export async function action({ request, context }: Route.ActionArgs) {
  const actor = requireUser(context, request);
  const values = formToObject(await request.formData());
  return intentAction(request, context, values, {
    preview: intent(formFields, async () => {
      const preview = await previewRecipients(actor, values);
      return { ok: true as const, preview, values };
    }),
    send: intent(formFields, async () => {
      const { id, recipients } = await createSurvey(actor, values, { locale: getLocale(context) });
      throw redirect(`/undersokelser/${id}?sendt=${recipients}`);
    }),
  });
}

function listValue(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : typeof v === "string" && v ? [v] : [];
}

export default function NewSurvey({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const { sender, counties, municipalities } = loaderData;
  const preview = actionData && "preview" in actionData ? actionData.preview : null;
  const posted = actionData && "values" in actionData ? (actionData.values as Record<string, unknown>) : formFailure(actionData).values;
  const chosenMunicipalities = listValue(posted.municipalities);
  const byCounty = new Map<string, { name: string; kommuner: typeof municipalities }>();
  for (const m of municipalities) {
    const group = byCounty.get(m.countyNumber) ?? { name: m.countyName, kommuner: [] };
    group.kommuner.push(m);
    byCounty.set(m.countyNumber, group);
  }
  return (
    <div className="page stack">
      <Paragraph data-size="sm">
        <Link to="/undersokelser">{t("surveys.results.back")}</Link>
      </Paragraph>
      <Heading level={1} data-size="lg">
        {t("surveys.new.title")}
      </Heading>
      <Paragraph>{t("surveys.new.intro")}</Paragraph>
      {sender.level === "county" ? <Paragraph>{t("surveys.new.countyScope", { county: counties[0]?.name ?? "" })}</Paragraph> : null}
      {preview ? (
        <Notice tone="info" role="status">
          {t("surveys.new.previewCount", { count: preview.count })}
          {preview.tooMany ? ` ${t("surveys.error.tooMany")}` : ""}
        </Notice>
      ) : null}
      <PostForm id="survey" actionData={actionData} schema={surveySchema} values={posted}>
        <TextField name="title" label={t("surveys.new.fieldTitle")} />
        <TextareaField name="intro" label={t("surveys.new.fieldIntro")} rows={3} />
        <DateField name="closesOn" label={t("surveys.new.fieldCloses")} />
        <FieldGroup legend={t("surveys.new.recipientsHeading")}>
          <Paragraph data-size="sm">{t("surveys.new.recipientsHelp")}</Paragraph>
          <ChoiceGroup name="kinds" type="checkbox" legend={t("surveys.new.kinds")} options={labelOptions(t, "organizationKind")} />
          <ChoiceGroup name="counties" type="checkbox" legend={t("surveys.new.counties")} options={counties.map((c) => ({ value: c.number, label: c.name }))} />
          <SelectField
            name="municipalities"
            label={t("surveys.new.municipalities")}
            description={t("surveys.new.municipalitiesHelp")}
            multiple
            defaultValue={chosenMunicipalities}
          >
            {[...byCounty.entries()].map(([number, group]) => (
              <optgroup key={number} label={group.name}>
                {group.kommuner.map((m) => (
                  <option key={m.number} value={m.number}>
                    {m.name}
                  </option>
                ))}
              </optgroup>
            ))}
          </SelectField>
        </FieldGroup>
        <FormActions>
          <Button type="submit" name="intent" value="preview" variant="secondary">
            {t("surveys.new.preview")}
          </Button>
          <Button type="submit" name="intent" value="send">
            {t("surveys.new.send")}
          </Button>
        </FormActions>
      </PostForm>
    </div>
  );
}
