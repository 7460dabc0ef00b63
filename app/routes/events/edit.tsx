import { redirect } from "react-router";
import { PageHeading } from "~/components/section.tsx";
import { Paragraph } from "@digdir/designsystemet-react";
import type { Route } from "./+types/edit";
import { ConfirmStep } from "~/components/confirm-step.tsx";
import { getTranslator } from "~/i18n/translate.ts";
import { useT } from "~/i18n/use-t.ts";
import { formRules } from "~/lib/form-schema.ts";
import { formFields, intent, intentAction } from "~/lib/intents.server.ts";
import { getLocale, guard, requireUser } from "~/lib/route.server.ts";
import { formToObject } from "~/lib/validation.ts";
import { cancelEvent, eventFormData, getEventForEdit, updateEvent } from "~/domain/events/events.server.ts";
import { eventInputSchema } from "~/domain/events/events.schema.ts";
import { EventForm } from "./event-ui.tsx";

export function meta({ loaderData }: Route.MetaArgs) {
  return [{ title: `${loaderData?.title ?? "Rediger arrangement"} – Samspill` }];
}

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const actor = requireUser(context, request);
  const event = await guard(request, () => getEventForEdit(actor, params.id));
  const form = await guard(request, () => eventFormData(actor, params.id));
  return {
    title: getTranslator(getLocale(context))("events.edit.title", { title: event.title }),
    event: { id: event.id, title: event.title, status: event.status },
    form: { ...form, rules: formRules(eventInputSchema) },
  };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const actor = requireUser(context, request);
  const values = formToObject(await request.formData());
  return intentAction(request, context, values, {
    update: intent(formFields, async () => {
      await updateEvent(actor, params.id, values);
      throw redirect(`/arrangementer/${params.id}?lagret=1`);
    }),
    "cancel-event": intent(formFields, async () => {
      await cancelEvent(actor, params.id, values);
      throw redirect(`/arrangementer/${params.id}?avlyst=1`);
    }),
  });
}

export default function EditEvent({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const { event } = loaderData;
  return (
    <div className="page">
      <PageHeading back={{ to: `/arrangementer/${event.id}`, label: t("events.edit.back", { title: event.title }), size: "sm" }}>
        {t("events.edit.heading")}
      </PageHeading>
      {event.status === "cancelled" ? (
        <Paragraph>{t("events.detail.cancelled")}</Paragraph>
      ) : (
        <>
          <EventForm data={loaderData.form} actionData={actionData} intent="update" submitLabel={t("common.save")} />
          <ConfirmStep
            id="cancel-event"
            heading={t("events.cancel.heading")}
            text={t("events.cancel.text")}
            intent="cancel-event"
            confirmLabel={t("events.cancel.confirm")}
            submitLabel={t("events.cancel.submit")}
            actionData={actionData}
            framed={false}
          />
        </>
      )}
    </div>
  );
}
