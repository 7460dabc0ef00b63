import { redirect } from "react-router";
import type { Route } from "./+types/plan-edit";
import { PageHeading } from "~/components/section.tsx";
import { getTranslator } from "~/i18n/translate.ts";
import { useT } from "~/i18n/use-t.ts";
import { formFields, intent, intentAction } from "~/lib/intents.server.ts";
import { getLocale, guard, requireUser } from "~/lib/route.server.ts";
import { formToObject } from "~/lib/validation.ts";
import { getWorkshopForEdit, updateWorkshop } from "~/domain/workshops/plan.server.ts";
import { WorkshopForm } from "./plan-ui.tsx";

export const handle = { hydrate: false };

export function meta({ loaderData }: Route.MetaArgs) {
  return [{ title: `${loaderData?.heading ?? "Endre verksted"} – Samspill` }];
}

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const actor = requireUser(context, request);
  const workshop = await guard(request, () => getWorkshopForEdit(actor, params.id));
  return { heading: getTranslator(getLocale(context))("workshops.edit.title", { title: workshop.title }), workshop };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const actor = requireUser(context, request);
  const values = formToObject(await request.formData());
  return intentAction(request, context, values, {
    update: intent(formFields, async () => {
      await updateWorkshop(actor, params.id, values);
      throw redirect(`/verksteder/${params.id}?lagret=1`);
    }),
  });
}

export default function EditWorkshop({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const { workshop } = loaderData;
  return (
    <div className="page">
      <PageHeading back={{ to: `/verksteder/${workshop.id}`, label: workshop.title, size: "sm" }}>{loaderData.heading}</PageHeading>
      <WorkshopForm
        data={{ values: workshop.values, sessionSlots: workshop.sessionSlots }}
        actionData={actionData}
        intent="update"
        submitLabel={t("workshops.edit.submit")}
      />
    </div>
  );
}
