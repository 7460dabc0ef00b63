import { Link, redirect } from "react-router";
import { Paragraph } from "@digdir/designsystemet-react";
import type { Route } from "./+types/new";
import { FormActions, PostForm, SelectField, SubmitButton } from "~/components/form.tsx";
import { Notice } from "~/components/notice.tsx";
import { PageHeading } from "~/components/section.tsx";
import { getTranslator } from "~/i18n/translate.ts";
import { useT } from "~/i18n/use-t.ts";
import { formRules } from "~/lib/form-schema.ts";
import { formAction, getLocale, requireUser } from "~/lib/route.server.ts";
import { formToObject } from "~/lib/validation.ts";
import { newNeedSchema } from "~/domain/needs/needs.schema.ts";
import { createNeed, postingOptions, todayOf } from "~/domain/needs/needs.server.ts";
import { NeedFields, settlementMonthOptions } from "./needs-ui.tsx";

export function meta({ loaderData }: Route.MetaArgs) {
  return [{ title: `${loaderData?.title ?? "Nytt behov"} – Samspill` }];
}

export async function loader({ request, context }: Route.LoaderArgs) {
  const actor = requireUser(context, request);
  const options = await postingOptions(actor);
  // Who posts (?som=kommune or an organisation id) decides which kommuner the form offers; unknown reads as the first.
  const asked = new URL(request.url).searchParams.get("som");
  const choices = [
    ...(options.kommuner.length ? [{ owner: "kommune", name: null as string | null, municipalities: options.kommuner }] : []),
    ...options.organizations.map((o) => ({ owner: o.id, name: o.name as string | null, municipalities: o.municipalities })),
  ];
  const chosen = choices.find((c) => c.owner === asked) ?? choices[0] ?? null;
  const today = todayOf(new Date());
  return {
    title: getTranslator(getLocale(context))("needs.new.title"),
    locale: getLocale(context),
    choices: choices.map((c) => ({ owner: c.owner, name: c.name })),
    chosen,
    monthOptions: settlementMonthOptions(today, null),
    rules: formRules(newNeedSchema),
  };
}

export async function action({ request, context }: Route.ActionArgs) {
  const actor = requireUser(context, request);
  const values = formToObject(await request.formData());
  const result = await formAction(request, values, () => createNeed(actor, values));
  if ("id" in result) throw redirect(`/behov/${result.id}?lagret=1`);
  return result;
}

export default function NewNeed({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const { choices, chosen, rules, monthOptions, locale } = loaderData;
  const ownerLabel = (c: { owner: string; name: string | null }) => (c.name === null ? t("needs.new.asKommune") : c.name);
  return (
    <div className="page">
      <PageHeading back={{ to: "/behov", label: t("needs.title"), size: "sm" }}>{t("needs.new.title")}</PageHeading>
      {chosen === null ? (
        <Notice tone="info">
          <Paragraph>{t("needs.new.nobody")}</Paragraph>
        </Notice>
      ) : (
        <>
          <Paragraph>{t("needs.new.intro")}</Paragraph>
          {choices.length > 1 ? (
            <ul className="stack">
              {choices
                .filter((c) => c.owner !== chosen.owner)
                .map((c) => (
                  <li key={c.owner}>
                    <Link to={`/behov/ny?som=${c.owner}`}>{t("needs.new.postFor", { owner: ownerLabel(c) })}</Link>
                  </li>
                ))}
            </ul>
          ) : null}
          <PostForm actionData={actionData} schema={rules} id="need-new" values={{ owner: chosen.owner, unit: "people", targetGroups: [] }}>
            <SelectField name="owner" label={t("needs.field.owner")} options={[{ value: chosen.owner, label: ownerLabel(chosen) }]} />
            <SelectField
              name="municipalityNumber"
              label={t("needs.field.municipality")}
              options={chosen.municipalities.map((m) => ({ value: m.number, label: m.name }))}
            />
            <NeedFields monthOptions={monthOptions} locale={locale} />
            <FormActions>
              <SubmitButton>{t("needs.new.submit")}</SubmitButton>
            </FormActions>
          </PostForm>
        </>
      )}
    </div>
  );
}
