import { redirect } from "react-router";
import type { Route } from "./+types/unregister";
import { noFields, intent, intentAction } from "~/lib/intents.server.ts";
import { isAppError } from "~/lib/errors.ts";
import { formToObject } from "~/lib/validation.ts";
import { getLocale } from "~/lib/route.server.ts";
import { getTranslator } from "~/i18n/translate.ts";
import { cancelRegistrationByToken, getRegistrationByToken } from "~/domain/events/registrations.server.ts";
import { TokenPage, type TokenView } from "./token-page.tsx";

/** The cancel link in every registration e-mail: plain HTML. */
export const handle = { hydrate: false };

export function meta({ loaderData }: Route.MetaArgs) {
  return [{ title: `${loaderData?.title ?? "Samspill"} – Samspill` }, { name: "robots", content: "noindex" }];
}

export async function loader({ params, context }: Route.LoaderArgs): Promise<TokenView & { title: string }> {
  const title = getTranslator(getLocale(context))("events.token.cancelHeading");
  try {
    const registration = await getRegistrationByToken(params.token, "cancel");
    return { title, valid: true, registration: registration.status === "cancelled" ? null : registration };
  } catch (error) {
    if (isAppError(error) && error.code === "invalid_token") return { title, valid: false, registration: null };
    throw error;
  }
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
