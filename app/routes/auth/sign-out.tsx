import { redirect } from "react-router";
import type { Route } from "./+types/sign-out";
import { signOut } from "~/domain/auth/account.server.ts";
import { getActor } from "~/lib/route.server.ts";

/** POST /logg-ut ends the session (the CSRF check has already run in the root middleware). */
export async function action({ request, context }: Route.ActionArgs) {
  return redirect("/", { headers: { "Set-Cookie": await signOut(getActor(context), request) } });
}

export function loader() {
  return redirect("/");
}

/**
 * Never shown: every request here ends in a redirect. The component makes this a page route rather than a
 * resource route, so a refusal before the action (an expired form's CSRF token, a body that is not a form)
 * is the site's error page in the visitor's language, as on every other form, instead of JSON.
 */
export default function Redirects() {
  return null;
}
