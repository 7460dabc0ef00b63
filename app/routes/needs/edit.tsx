import { redirect } from "react-router";
import type { Route } from "./+types/edit";
import { FormActions, PostForm, SubmitButton } from "~/components/form.tsx";
import { PageHeading } from "~/components/section.tsx";
import { useT } from "~/i18n/use-t.ts";
import { formRules } from "~/lib/form-schema.ts";
import { formAction, getLocale, guard, requireUser } from "~/lib/route.server.ts";
import { formToObject } from "~/lib/validation.ts";
import { needSchema } from "~/domain/needs/needs.schema.ts";
import { getNeedForEdit, todayOf, updateNeed } from "~/domain/needs/needs.server.ts";
import { NeedFields, settlementMonthOptions } from "./needs-ui.tsx";

export function meta({ loaderData }: Route.MetaArgs) {
  return [{ title: `${loaderData?.need.title ?? "Behov"} – Samspill` }];
}

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const actor = requireUser(context, request);
  const need = await guard(request, () => getNeedForEdit(actor, params.id));
  return {
    locale: getLocale(context),
    need: {
      id: need.id,
      title: need.title,
      description: need.description,
      theme: need.theme,
      targetGroups: need.targetGroups,
      unit: need.unit,
      quantity: String(need.quantity),
      periodStart: need.periodStart,
      periodEnd: need.periodEnd ?? "",
      deadline: need.deadline,
      settlementMonth: need.settlementMonth?.slice(0, 7) ?? "",
      contactName: need.contactName,
      contactEmail: need.contactEmail ?? "",
      contactPhone: need.contactPhone ?? "",
    },
    monthOptions: settlementMonthOptions(todayOf(new Date()), need.settlementMonth),
    rules: formRules(needSchema),
  };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const actor = requireUser(context, request);
  const values = formToObject(await request.formData());
  const result = await formAction(request, values, () => updateNeed(actor, params.id, values));
  if (result === undefined) throw redirect(`/behov/${params.id}?lagret=1`);
  return result;
}

export default function EditNeed({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const { need, monthOptions, rules, locale } = loaderData;
  return (
    <div className="page">
      <PageHeading back={{ to: `/behov/${need.id}`, label: need.title, size: "sm" }}>{t("needs.edit.title")}</PageHeading>
      <PostForm actionData={actionData} schema={rules} id="need-edit" values={need}>
        <NeedFields monthOptions={monthOptions} locale={locale} />
        <FormActions>
          <SubmitButton>{t("needs.edit.submit")}</SubmitButton>
        </FormActions>
      </PostForm>
    </div>
  );
}
