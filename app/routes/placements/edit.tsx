import { redirect } from "react-router";
import { Paragraph } from "@digdir/designsystemet-react";
import type { Route } from "./+types/edit";
import { FormActions, PostForm, SelectField, SubmitButton } from "~/components/form.tsx";
import { PageHeading } from "~/components/section.tsx";
import { labelOptions } from "~/i18n/labels.ts";
import { getTranslator } from "~/i18n/translate.ts";
import { useT } from "~/i18n/use-t.ts";
import { formRules } from "~/lib/form-schema.ts";
import { formAction, getLocale, guard, requireUser } from "~/lib/route.server.ts";
import { formToObject } from "~/lib/validation.ts";
import { editPlacementSchema } from "~/domain/placements/placements.schema.ts";
import { getPlacementForEdit, updatePlacement } from "~/domain/placements/placements.server.ts";
import { PlacementFields } from "./placements-ui.tsx";

export function meta({ loaderData }: Route.MetaArgs) {
  return [{ title: `${loaderData?.title ?? "Praksisplass"} – Samspill` }];
}

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const actor = requireUser(context, request);
  const found = await guard(request, () => getPlacementForEdit(actor, params.id));
  const { row } = found;
  return {
    title: getTranslator(getLocale(context))("placements.edit.title"),
    id: row.id,
    placementTitle: row.title,
    municipalities: [{ number: row.municipalityNumber, name: found.municipalityName }],
    followUpOptions: found.followUpOrganizations.map((o) => ({
      id: o.id,
      name: o.name,
      municipalityNumber: o.municipalityNumber,
      municipalityName: o.municipalityName,
    })),
    values: {
      kind: row.kind,
      title: row.title,
      occupation: row.occupation,
      sector: row.sector,
      description: row.description,
      municipalityNumber: row.municipalityNumber,
      periodStart: row.periodStart,
      periodEnd: row.periodEnd ?? "",
      languageRequirement: row.languageRequirement,
      places: String(row.places),
      supportNeeds: row.supportNeeds,
      followUpOrganizationId: row.followUpOrganizationId ?? "",
      incentivesRequested: row.incentivesRequested,
      incentiveRequestMessage: row.incentiveRequestMessage,
      contactName: row.contactName,
      contactEmail: row.contactEmail ?? "",
      contactPhone: row.contactPhone ?? "",
      isPublic: row.isPublic ? "on" : "",
      status: row.status,
    },
    rules: formRules(editPlacementSchema),
  };
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const actor = requireUser(context, request);
  const values = formToObject(await request.formData());
  const result = await formAction(request, values, async () => {
    await updatePlacement(actor, params.id, values);
    return { ok: true as const };
  });
  if ("ok" in result && result.ok === true) throw redirect(`/praksisplasser/${params.id}?lagret=1`);
  return result;
}

export default function EditPlacement({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const { id, placementTitle, municipalities, followUpOptions, values, rules } = loaderData;
  return (
    <div className="page">
      <PageHeading back={{ to: `/praksisplasser/${id}`, label: placementTitle, size: "sm" }}>{t("placements.edit.title")}</PageHeading>
      <Paragraph>{t("placements.edit.followUpResets")}</Paragraph>
      <PostForm actionData={actionData} schema={rules} id="placement-edit" values={values}>
        <SelectField name="status" label={t("placements.field.status")} options={labelOptions(t, "placementStatus")} />
        <PlacementFields t={t} municipalities={municipalities} followUpOptions={followUpOptions} municipalityFixed />
        <FormActions>
          <SubmitButton>{t("placements.edit.submit")}</SubmitButton>
        </FormActions>
      </PostForm>
    </div>
  );
}
