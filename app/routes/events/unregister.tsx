import { redirect } from "react-router";
import type { Route } from "./+types/unregister";
import { noFields, intent, intentAction } from "~/lib/intents.server.ts";
import { formToObject } from "~/lib/validation.ts";
import { cancelRegistrationByToken } from "~/domain/events/registrations.server.ts";
import { TokenPage } from "./token-page.tsx";
import { loadTokenView } from "./token-view.server.ts";

/** The cancel link in every registration e-mail: plain HTML. */
export const handle = { hydrate: false };

export function meta({ loaderData }: Route.MetaArgs) {
  return [{ title: `${loaderData?.title ?? "Samspill"} – Samspill` }, { name: "robots", content: "noindex" }];
}

export async function loader({ params, context }: Route.LoaderArgs) {
  return loadTokenView(context, params.token, "cancel", "events.token.cancelHeading", (r) => r.status !== "cancelled");
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const values = formToObject(await request.formData());
  return intentAction(request, context, values, {
    unregister: intent(noFields, async () => {
      const { eventId } = await cancelRegistrationByToken(params.token);
      throw redirect(`/arrangementer/${eventId}?avmeldt=1`);
    }),
  });
}

export default function Unregister({ loaderData, actionData }: Route.ComponentProps) {
  return (
    <TokenPage
      view={loaderData}
      actionData={actionData}
      heading="events.token.cancelHeading"
      text="events.token.cancelText"
      submit="events.token.cancelSubmit"
      intent="unregister"
    />
  );
}
