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

export { RedirectOnlyPage as default } from "~/lib/redirect-only-page.tsx";
