import { redirect } from "react-router";
import type { Route } from "./+types/inbox-municipality";
import { assertInboxAccess, listInbox, updateInterest } from "~/domain/volunteers/interests.server.ts";
import { inboxStatusFilterSchema } from "~/domain/volunteers/volunteers.schema.ts";
import { getTranslator } from "~/i18n/translate.ts";
import { formFields, intent, intentAction } from "~/lib/intents.server.ts";
import { parsePage } from "~/lib/paging.ts";
import { getActor, getLocale, guard, requireUser } from "~/lib/route.server.ts";
import { formToObject } from "~/lib/validation.ts";
import { Inbox } from "./inbox-ui.tsx";

export function meta({ loaderData }: Route.MetaArgs) {
  return [{ title: `${loaderData?.title ?? "Frivillige"} – Samspill` }, { name: "robots", content: "noindex" }];
}

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const actor = requireUser(context, request);
  const search = new URL(request.url).searchParams;
  const status = inboxStatusFilterSchema.parse(search.get("status") || null);
  const { name, ...result } = await guard(request, () =>
    listInbox(actor, { municipalityNumber: params.number }, { status, page: parsePage(search.get("side")) }),
  );
  return {
    title: getTranslator(getLocale(context))("volunteers.inbox.titleMunicipality"),
    municipalityNumber: params.number,
    view: { name, status, saved: search.has("lagret"), result },
  };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const actor = getActor(context);
  requireUser(context, request);
  const values = formToObject(await request.formData());
  return intentAction(request, context, values, {
    update: intent(formFields, async () => {
      await guard(request, () => assertInboxAccess(actor, { municipalityNumber: params.number }));
      await updateInterest(actor, values);
      throw redirect(`/kommuner/${params.number}/frivillige/innboks?lagret=1`);
    }),
  });
}

export default function MunicipalityVolunteerInbox({ loaderData, actionData }: Route.ComponentProps) {
  const path = `/kommuner/${loaderData.municipalityNumber}/frivillige/innboks`;
  return (
    <Inbox
      view={loaderData.view}
      actionData={actionData}
      title="volunteers.inbox.titleMunicipality"
      path={path}
      back={{ to: `/kommuner/${loaderData.municipalityNumber}`, label: loaderData.view.name }}
    />
  );
}
