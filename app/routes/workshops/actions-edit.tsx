import { redirect } from "react-router";
import { Paragraph } from "@digdir/designsystemet-react";
import type { Route } from "./+types/actions-edit";
import { ConfirmStep } from "~/components/confirm-step.tsx";
import { FormActions, PostForm, SubmitButton } from "~/components/form.tsx";
import { PageHeading } from "~/components/section.tsx";
import { useT } from "~/i18n/use-t.ts";
import { getTranslator } from "~/i18n/translate.ts";
import { getActor, getLocale, guard, requireUser } from "~/lib/route.server.ts";
import { formFields, intent, intentAction } from "~/lib/intents.server.ts";
import { formToObject } from "~/lib/validation.ts";
import { deleteAction, getActionForEdit, updateAction } from "~/domain/workshops/actions.server.ts";
import { ActionFields } from "./actions-ui.tsx";

/** Plain POST forms: nothing here needs JavaScript. */
export const handle = { hydrate: false };

export function meta({ loaderData }: Route.MetaArgs) {
  return [{ title: `${loaderData?.title ?? "Tiltak"} – Samspill` }];
}

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const edit = await guard(request, () => getActionForEdit(getActor(context), params.id, params.action));
  const t = getTranslator(getLocale(context));
  return { title: t("workshops.actions.editTitle", { action: edit.action.title }), ...edit };
}

/** Save the action, or delete it once the box is ticked (managers only); back to the plan with a notice. */
export async function action({ request, context, params }: Route.ActionArgs) {
  const actor = requireUser(context, request);
  const values = formToObject(await request.formData());
  const plan = `/verksteder/${params.id}/handlingsplan`;
  return intentAction(request, context, values, {
    save: intent(formFields, async () => {
      await updateAction(actor, params.id, params.action, values);
      throw redirect(`${plan}?lagret=endret#tiltak-${params.action}`);
    }),
    delete: intent(formFields, async () => {
      await deleteAction(actor, params.id, params.action, values);
      throw redirect(`${plan}?lagret=slettet#tiltak`);
    }),
  });
}

export default function EditActionPage({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const { workshop, action, choices } = loaderData;
  const plan = `/verksteder/${workshop.id}/handlingsplan`;
  return (
    <div className="stack">
      <PageHeading back={{ to: plan, label: t("workshops.actions.backToPlan") }}>{t("workshops.actions.editHeading", { action: action.title })}</PageHeading>
      <Paragraph>{t("workshops.actions.editIntro")}</Paragraph>
      <PostForm intent="save" actionData={actionData} values={action}>
        <ActionFields choices={choices} />
        <FormActions>
          <SubmitButton>{t("workshops.actions.save")}</SubmitButton>
        </FormActions>
      </PostForm>
      <ConfirmStep
        id="slett-tiltak"
        heading={t("workshops.actions.deleteConfirmHeading", { action: action.title })}
        text={t("workshops.actions.deleteText")}
        intent="delete"
        confirmLabel={t("workshops.actions.deleteConfirm")}
        submitLabel={t("workshops.actions.delete")}
        cancelTo={plan}
        actionData={actionData}
        framed={false}
      />
    </div>
  );
}
