import { redirect } from "react-router";
import type { Route } from "./+types/manage-need";
import { createRole, getRolesForManagement, setRoleOpen, updateRole } from "~/domain/volunteers/roles.server.ts";
import { getTranslator } from "~/i18n/translate.ts";
import { formFields, intent, intentAction } from "~/lib/intents.server.ts";
import { getActor, getLocale, guard, requireUser } from "~/lib/route.server.ts";
import { formToObject } from "~/lib/validation.ts";
import { ManageRoles } from "./manage-ui.tsx";

export function meta({ loaderData }: Route.MetaArgs) {
  return [{ title: `${loaderData?.title ?? "Frivillige roller"} – Samspill` }];
}

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const actor = requireUser(context, request);
  const { parent, roles, inboxHref } = await guard(request, () => getRolesForManagement(actor, "need", params.id));
  return {
    title: getTranslator(getLocale(context))("volunteers.manage.titleNeed"),
    view: { parent, roles, saved: new URL(request.url).searchParams.has("lagret"), inboxHref },
  };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const actor = getActor(context);
  requireUser(context, request);
  const values = formToObject(await request.formData());
  const here = `/behov/${params.id}/frivillige?lagret=1`;
  return intentAction(request, context, values, {
    create: intent(formFields, async () => {
      await createRole(actor, "need", params.id, values);
      throw redirect(here);
    }),
    update: intent(formFields, async () => {
      await updateRole(actor, "need", params.id, values);
      throw redirect(here);
    }),
    close: intent(formFields, async () => {
      await guard(request, () => setRoleOpen(actor, "need", params.id, values, false));
      throw redirect(here);
    }),
    reopen: intent(formFields, async () => {
      await guard(request, () => setRoleOpen(actor, "need", params.id, values, true));
      throw redirect(here);
    }),
  });
}

export default function ManageNeedRoles({ loaderData, actionData }: Route.ComponentProps) {
  return <ManageRoles view={loaderData.view} actionData={actionData} title="volunteers.manage.titleNeed" backHref={`/behov/${loaderData.view.parent.id}`} />;
}
