import { redirect } from "react-router";
import { Heading, Paragraph } from "@digdir/designsystemet-react";
import type { Route } from "./+types/new";
import { getTranslator } from "~/i18n/translate.ts";
import { useT } from "~/i18n/use-t.ts";
import { formRules } from "~/lib/form-schema.ts";
import { formFields, intent, intentAction } from "~/lib/intents.server.ts";
import { getLocale, guard, requireUser } from "~/lib/route.server.ts";
import { formToObject } from "~/lib/validation.ts";
import { createEvent, eventFormData } from "~/domain/events/events.server.ts";
import { eventInputSchema } from "~/domain/events/events.schema.ts";
import { EventForm } from "./event-ui.tsx";

export function meta({ loaderData }: Route.MetaArgs) {
  return [{ title: `${loaderData?.title ?? "Nytt arrangement"} – Samspill` }];
}

export async function loader({ request, context }: Route.LoaderArgs) {
  const actor = requireUser(context, request);
  const form = await guard(request, () => eventFormData(actor));
  return {
    title: getTranslator(getLocale(context))("events.new.title"),
    form: { ...form, rules: formRules(eventInputSchema), values: { durationMinutes: "120", type: "course", level: "regional" } },
  };
}

export async function action({ request, context }: Route.ActionArgs) {
  const actor = requireUser(context, request);
  const values = formToObject(await request.formData());
  return intentAction(request, context, values, {
    create: intent(formFields, async () => {
      const { id } = await createEvent(actor, values);
      throw redirect(`/arrangementer/${id}?lagret=1`);
    }),
  });
}

export default function NewEvent({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  return (
    <div className="page">
      <Heading level={1} data-size="lg">
        {t("events.new.title")}
      </Heading>
      <Paragraph>{t("events.new.intro")}</Paragraph>
      <EventForm data={loaderData.form} actionData={actionData} intent="create" submitLabel={t("events.new.submit")} />
    </div>
  );
}
