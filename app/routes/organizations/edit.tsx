import { redirect } from "react-router";
import { Heading } from "@digdir/designsystemet-react";
import type { Route } from "./+types/edit";
import { formRules } from "~/lib/form-schema.ts";
import { getTranslator } from "~/i18n/translate.ts";
import { useT } from "~/i18n/use-t.ts";
import { formAction, getLocale, guard, requireUser } from "~/lib/route.server.ts";
import { formToObject } from "~/lib/validation.ts";
import { getOrganizationForEdit, updateOrganization } from "~/domain/organizations/organizations.server.ts";
import { organizationInputSchema } from "~/domain/organizations/organizations.schema.ts";
import { listMunicipalities } from "~/domain/reference/reference.server.ts";
import { OrganizationForm } from "./org-ui.tsx";

export function meta({ loaderData }: Route.MetaArgs) {
  return [{ title: `${loaderData?.title ?? "Samspill"} – Samspill` }];
}

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const actor = requireUser(context, request);
  const organization = await guard(request, () => getOrganizationForEdit(actor, params.id));
  return {
    title: getTranslator(getLocale(context))("org.edit.title", { organization: organization.name }),
    organization,
    municipalities: await listMunicipalities(),
    rules: formRules(organizationInputSchema),
  };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const actor = requireUser(context, request);
  const values = formToObject(await request.formData());
  return formAction(request, values, async () => {
    await updateOrganization(actor, params.id, values);
    throw redirect(`/organisasjoner/${params.id}?lagret=1`);
  });
}

export default function EditOrganization({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const { organization } = loaderData;
  return (
    <div className="page">
      <Heading level={1} data-size="lg">
        {t("org.edit.title", { organization: organization.name })}
      </Heading>
      <OrganizationForm
        initial={{ ...organization, municipalities: organization.municipalities.map((m) => m.number) }}
        actionData={actionData}
        rules={loaderData.rules}
        municipalities={loaderData.municipalities}
        submitLabel={t("org.edit.submit")}
        cancelTo={`/organisasjoner/${organization.id}`}
      />
    </div>
  );
}
