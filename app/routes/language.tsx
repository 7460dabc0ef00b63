import { redirect } from "react-router";
import type { Route } from "./+types/language";
import { isLocale, isUiLocale, langQueryParam } from "~/i18n/config.ts";
import { localeCookie } from "~/middleware/request.server.ts";
import { getActor } from "~/lib/route.server.ts";
import { saveUserLocale } from "~/domain/auth/account.server.ts";
import { safeRedirectPath } from "~/lib/redirect.ts";

/**
 * POST /sprak: remembers the chosen language (cookie; the profile too when
 * signed in and it is a full locale — e-mails are only in nb/nn/en) and goes
 * back, without a ?lang= that would override the new choice.
 */
export async function action({ request, context }: Route.ActionArgs) {
  const form = await request.formData();
  const lang = form.get("lang");
  // Without a ?lang= that would override the new choice; the rebuilt path is what gets checked.
  const back = safeRedirectPath(form.get("redirectTo"), "/", (params) => params.delete(langQueryParam));
  if (!isUiLocale(lang)) return redirect(back);
  const actor = getActor(context);
  if (actor.kind === "user" && isLocale(lang)) await saveUserLocale(actor, lang);
  return redirect(back, { headers: { "Set-Cookie": await localeCookie.serialize(lang) } });
}

export function loader() {
  return redirect("/");
}

export { RedirectOnlyPage as default } from "~/lib/redirect-only-page.tsx";
