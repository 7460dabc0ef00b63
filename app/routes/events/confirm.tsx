import { redirect } from "react-router";
import type { Route } from "./+types/confirm";
import { noFields, intent, intentAction } from "~/lib/intents.server.ts";
import { isAppError } from "~/lib/errors.ts";
import { formToObject } from "~/lib/validation.ts";
import { getLocale } from "~/lib/route.server.ts";
import { getTranslator } from "~/i18n/translate.ts";
import { confirmRegistration, getRegistrationByToken } from "~/domain/events/registrations.server.ts";
import { TokenPage, type TokenView } from "./token-page.tsx";

/** A link from an e-mail, opened on any phone: plain HTML. */
export const handle = { hydrate: false };

export function meta({ loaderData }: Route.MetaArgs) {
  return [{ title: `${loaderData?.title ?? "Samspill"} – Samspill` }, { name: "robots", content: "noindex" }];
}

export async function loader({ params, context }: Route.LoaderArgs): Promise<TokenView & { title: string }> {
  const title = getTranslator(getLocale(context))("events.token.confirmHeading");
  try {
    const registration = await getRegistrationByToken(params.token, "confirm");
    return { title, valid: true, registration: registration.status === "pending" ? registration : null };
  } catch (error) {
    if (isAppError(error) && error.code === "invalid_token") return { title, valid: false, registration: null };
    throw error;
  }
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
