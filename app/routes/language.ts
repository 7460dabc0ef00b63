import { redirect } from "react-router";
import type { Route } from "./+types/language";
import { isLocale } from "~/i18n/config.ts";
import { localeCookie } from "~/middleware/request.server.ts";
import { getActor } from "~/lib/route.server.ts";
import { saveUserLocale } from "~/domain/auth/account.server.ts";
import { safeRedirectPath } from "~/lib/redirect.ts";

/** POST /sprak: remembers the chosen language (cookie, and the profile when signed in) and goes back. */
export async function action({ request, context }: Route.ActionArgs) {
  const form = await request.formData();
  const lang = form.get("lang");
  const back = safeRedirectPath(form.get("redirectTo"));
  if (!isLocale(lang)) return redirect(back);
  const actor = getActor(context);
  if (actor.kind === "user") await saveUserLocale(actor, lang);
  return redirect(back, { headers: { "Set-Cookie": await localeCookie.serialize(lang) } });
}

export function loader() {
  return redirect("/");
}
