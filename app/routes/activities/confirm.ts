import { redirect } from "react-router";
import type { Route } from "./+types/confirm";
import { guard, requireUser } from "~/lib/route.server.ts";
import { formToObject } from "~/lib/validation.ts";
import { confirmActivity } from "~/domain/activities/activities.server.ts";

/** POST only: a GET has nothing to show. */
export function loader() {
  throw new Response(null, { status: 405, headers: { Allow: "POST" } });
}

/** A same-site path to return to, or nothing (no open redirect). */
function safeReturnPath(value: unknown): string | null {
  return typeof value === "string" && /^\/(?![/\\])[^\s\\]*$/.test(value) && value.length <= 500 ? value : null;
}

/** "Still correct": one click confirms the activity and goes back to where the click came from. */
export async function action({ request, context, params }: Route.ActionArgs) {
  const actor = requireUser(context, request);
  const values = formToObject(await request.formData());
  const { id, organizationId } = await guard(request, () => confirmActivity(actor, params.id));
  const back = safeReturnPath(values.next) ?? `/organisasjoner/${organizationId}/aktiviteter`;
  const url = new URL(back, "http://samspill.invalid");
  url.searchParams.set("bekreftet", id);
  throw redirect(`${url.pathname}${url.search}${url.hash}`);
}
