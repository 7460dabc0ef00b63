import { redirect } from "react-router";
import type { Route } from "./+types/sign-out";
import { destroySession } from "~/domain/auth/session.server.ts";

/** POST /logg-ut ends the session (the CSRF check has already run in the root middleware). */
export async function action({ request }: Route.ActionArgs) {
  return redirect("/", { headers: { "Set-Cookie": await destroySession(request) } });
}

export function loader() {
  return redirect("/");
}
