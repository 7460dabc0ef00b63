import { redirect } from "react-router";
import { Heading, Paragraph } from "@digdir/designsystemet-react";
import type { Route } from "./+types/new";
import { FormActions, PostForm, SelectField, SubmitButton } from "~/components/form.tsx";
import { Notice } from "~/components/notice.tsx";
import { PageHeading } from "~/components/section.tsx";
import { getTranslator } from "~/i18n/translate.ts";
import { useFormat, useT } from "~/i18n/use-t.ts";
import { formRules } from "~/lib/form-schema.ts";
import { formAction, getLocale, guard, requireUser } from "~/lib/route.server.ts";
import { formToObject } from "~/lib/validation.ts";
import { newPlacementSchema } from "~/domain/placements/placements.schema.ts";
import { createPlacement, placementFormOptions } from "~/domain/placements/placements.server.ts";
import { IncentivesInfo, PlacementFields } from "./placements-ui.tsx";

export function meta({ loaderData }: Route.MetaArgs) {
  return [{ title: `${loaderData?.title ?? "Praksisplass"} – Samspill` }];
}

export async function loader({ request, context }: Route.LoaderArgs) {
  const actor = requireUser(context, request);
  const { employers, followUpOrganizations } = await guard(request, () => placementFormOptions(actor));
  const municipalities = [...new Map(employers.flatMap((e) => e.municipalities).map((m) => [m.number, m])).values()];
  return {
    title: getTranslator(getLocale(context))("placements.new.title"),
    employers: employers.map((e) => ({ id: e.id, name: e.name })),
    municipalities,
    followUpOptions: followUpOrganizations.map((o) => ({
      id: o.id,
      name: o.name,
      municipalityNumber: o.municipalityNumber,
      municipalityName: o.municipalityName,
    })),
    rules: formRules(newPlacementSchema),
  };
}

export async function action({ request, context }: Route.ActionArgs) {
  const actor = requireUser(context, request);
  const values = formToObject(await request.formData());
  const result = await formAction(request, values, () => createPlacement(actor, values));
  if ("id" in result) throw redirect(`/praksisplasser/${result.id}?lagt-ut=1`);
  return result;
}

export default function NewPlacement({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const format = useFormat();
  const { employers, municipalities, followUpOptions, rules } = loaderData;
  return (
    <div className="page">
      <PageHeading back={{ to: "/praksisplasser", label: t("placements.title"), size: "sm" }}>{t("placements.new.title")}</PageHeading>
      <Paragraph>{t("placements.new.intro")}</Paragraph>
      {followUpOptions.length === 0 ? (
        <Notice tone="warning">
          <Paragraph>{t("placements.new.noFollowUp")}</Paragraph>
        </Notice>
      ) : null}
      <div style={{ display: "grid", gap: "2rem", gridTemplateColumns: "repeat(auto-fit, minmax(min(100%, 20rem), 1fr))", alignItems: "start" }}>
        <PostForm
          actionData={actionData}
          schema={rules}
          id="placement-new"
          values={{
            employerOrganizationId: employers[0]?.id ?? "",
            municipalityNumber: municipalities[0]?.number ?? "",
            kind: "practice_placement",
            sector: "construction",
            languageRequirement: "none",
            places: "1",
            isPublic: "on",
          }}
        >
          <SelectField name="employerOrganizationId" label={t("placements.field.employer")} options={employers.map((e) => ({ value: e.id, label: e.name }))} />
          <PlacementFields t={t} municipalities={municipalities} followUpOptions={followUpOptions} />
          <FormActions>
            <SubmitButton>{t("placements.new.submit")}</SubmitButton>
          </FormActions>
        </PostForm>
        <aside aria-labelledby="placement-incentives-heading" className="stack">
          <Heading level={2} data-size="xs" id="placement-incentives-heading">
            {t("placements.incentives.aside")}
          </Heading>
          <Paragraph data-size="sm">{t("placements.incentives.ask")}</Paragraph>
          <IncentivesInfo t={t} formatDate={format.date} compact />
        </aside>
      </div>
    </div>
  );
}
