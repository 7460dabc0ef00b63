import { isAppError } from "~/lib/errors.ts";
import { getLocale } from "~/lib/route.server.ts";
import { getTranslator } from "~/i18n/translate.ts";
import type { MessageKey } from "~/i18n/messages.ts";
import { getRegistrationByToken } from "~/domain/events/registrations.server.ts";
import type { TokenView } from "./token-page.tsx";

type Registration = Awaited<ReturnType<typeof getRegistrationByToken>>;

/**
 * What the page behind an e-mail link shows: the registration the token names, or that the link is
 * not (or no longer) valid. `actionable` says whether the button still has something to do.
 */
export async function loadTokenView(
  context: Parameters<typeof getLocale>[0],
  token: string,
  purpose: "confirm" | "cancel",
  heading: MessageKey,
  actionable: (registration: Registration) => boolean,
): Promise<TokenView & { title: string }> {
  const title = getTranslator(getLocale(context))(heading);
  try {
    const registration = await getRegistrationByToken(token, purpose);
    return { title, valid: true, registration: actionable(registration) ? registration : null };
  } catch (error) {
    if (isAppError(error) && error.code === "invalid_token") return { title, valid: false, registration: null };
    throw error;
  }
}
