import { redirect } from "react-router";
import { Paragraph } from "@digdir/designsystemet-react";
import type { Route } from "./+types/run-join";
import { FormActions, PostForm, SelectField, SubmitButton, TextField } from "~/components/form.tsx";
import { PageHeading } from "~/components/section.tsx";
import { labelOptions } from "~/i18n/labels.ts";
import { getTranslator } from "~/i18n/translate.ts";
import { useT } from "~/i18n/use-t.ts";
import { formRules } from "~/lib/form-schema.ts";
import { formFields, intent, intentAction } from "~/lib/intents.server.ts";
import { getLocale, getRequestInfo } from "~/lib/route.server.ts";
import { formToObject } from "~/lib/validation.ts";
import { joinWithCode, workshopTitleForCode } from "~/domain/workshops/join.server.ts";
import { joinSchema } from "~/domain/workshops/run.schema.ts";

export const handle = { hydrate: false };

export function meta({ loaderData }: Route.MetaArgs) {
  return [{ title: `${loaderData?.title ?? "Samspill"} – Samspill` }];
}

/** Joining in the room without an account: the code (prefilled from the QR code's link), an optional name and a sector. */
export async function loader({ request, context }: Route.LoaderArgs) {
  const code = new URL(request.url).searchParams.get("kode")?.slice(0, 20) ?? "";
  return {
    title: getTranslator(getLocale(context))("workshopRun.join.title"),
    code,
    workshopTitle: code ? await workshopTitleForCode(code) : null,
    rules: formRules(joinSchema),
  };
}

export async function action({ request, context }: Route.ActionArgs) {
  const values = formToObject(await request.formData());
  return intentAction(request, context, values, {
    join: intent(formFields, async () => {
      const joined = await joinWithCode(values, getRequestInfo(context).ip);
      throw redirect(`/verksteder/${joined.workshopId}/hindringer`, { headers: { "Set-Cookie": joined.setCookie } });
    }),
  });
}

export default function JoinWorkshop({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  return (
    <div className="page stack narrow">
      <PageHeading>{t("workshopRun.join.title")}</PageHeading>
      <Paragraph>{t("workshopRun.join.intro")}</Paragraph>
      {loaderData.workshopTitle ? <Paragraph>{t("workshopRun.join.forWorkshop", { title: loaderData.workshopTitle })}</Paragraph> : null}
      <PostForm intent="join" actionData={actionData} schema={loaderData.rules} values={{ code: loaderData.code }}>
        <TextField name="code" label={t("workshopRun.join.code")} autoComplete="off" />
        <TextField name="name" label={t("workshopRun.join.name")} description={t("workshopRun.join.nameHint")} autoComplete="name" />
        <SelectField
          name="sector"
          label={t("workshopRun.join.sector")}
          options={[{ value: "", label: t("workshopRun.join.chooseSector") }, ...labelOptions(t, "participantSector")]}
        />
        <FormActions>
          <SubmitButton>{t("workshopRun.join.submit")}</SubmitButton>
        </FormActions>
      </PostForm>
    </div>
  );
}
