import { redirect } from "react-router";
import { Heading, Paragraph } from "@digdir/designsystemet-react";
import type { Route } from "./+types/new";
import { formRules } from "~/lib/form-schema.ts";
import { getTranslator } from "~/i18n/translate.ts";
import { useT } from "~/i18n/use-t.ts";
import { formAction, getLocale, requireUser } from "~/lib/route.server.ts";
import { formToObject } from "~/lib/validation.ts";
import { createOrganization } from "~/domain/organizations/organizations.server.ts";
import { organizationInputSchema } from "~/domain/organizations/organizations.schema.ts";
import { listMunicipalities } from "~/domain/reference/reference.server.ts";
import { OrganizationForm } from "./org-ui.tsx";

export function meta({ loaderData }: Route.MetaArgs) {
  return [{ title: `${loaderData?.title ?? "Samspill"} – Samspill` }];
}

export async function loader({ request, context }: Route.LoaderArgs) {
  requireUser(context, request);
  return { title: getTranslator(getLocale(context))("org.new.title"), municipalities: await listMunicipalities(), rules: formRules(organizationInputSchema) };
}

export async function action({ request, context }: Route.ActionArgs) {
  const actor = requireUser(context, request);
  const values = formToObject(await request.formData());
  return formAction(request, values, async () => {
    const { id } = await createOrganization(actor, values);
    throw redirect(`/organisasjoner/${id}?opprettet=1`);
  });
}

export default function NewOrganization({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  return (
    <div className="page">
      <Heading level={1} data-size="lg">
        {t("org.new.title")}
      </Heading>
      <Paragraph>{t("org.new.intro")}</Paragraph>
      <OrganizationForm
        initial={{}}
        actionData={actionData}
        rules={loaderData.rules}
        municipalities={loaderData.municipalities}
        submitLabel={t("org.new.submit")}
        cancelTo="/organisasjoner"
      />
    </div>
  );
}
