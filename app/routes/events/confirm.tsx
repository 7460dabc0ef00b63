import { redirect } from "react-router";
import type { Route } from "./+types/confirm";
import { noFields, intent, intentAction } from "~/lib/intents.server.ts";
import { formToObject } from "~/lib/validation.ts";
import { confirmRegistration } from "~/domain/events/registrations.server.ts";
import { TokenPage } from "./token-page.tsx";
import { loadTokenView } from "./token-view.server.ts";

/** A link from an e-mail, opened on any phone: plain HTML. */
export const handle = { hydrate: false };

export function meta({ loaderData }: Route.MetaArgs) {
  return [{ title: `${loaderData?.title ?? "Samspill"} – Samspill` }, { name: "robots", content: "noindex" }];
}

export async function loader({ params, context }: Route.LoaderArgs) {
  return loadTokenView(context, params.token, "confirm", "events.token.confirmHeading", (r) => r.status === "pending");
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const values = formToObject(await request.formData());
  return intentAction(request, context, values, {
    confirm: intent(noFields, async () => {
      const { eventId, status } = await confirmRegistration(params.token);
      throw redirect(`/arrangementer/${eventId}?${status === "confirmed" ? "pameldt" : "venteliste"}=1`);
    }),
  });
}

export default function ConfirmRegistration({ loaderData, actionData }: Route.ComponentProps) {
  return (
    <TokenPage
      view={loaderData}
      actionData={actionData}
      heading="events.token.confirmHeading"
      text="events.token.confirmText"
      submit="events.token.confirmSubmit"
      intent="confirm"
    />
  );
}
