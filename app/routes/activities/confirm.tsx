import { redirect } from "react-router";
import type { Route } from "./+types/confirm";
import { guard, requireUser } from "~/lib/route.server.ts";
import { formToObject } from "~/lib/validation.ts";
import { safeRedirectPath } from "~/lib/redirect.ts";
import { confirmActivity } from "~/domain/activities/activities.server.ts";

/** POST only: a GET has nothing to show. */
export function loader() {
  throw new Response(null, { status: 405, headers: { Allow: "POST" } });
}

/** "Still correct": one click confirms the activity and goes back to where the click came from. */
export async function action({ request, context, params }: Route.ActionArgs) {
  const actor = requireUser(context, request);
  const values = formToObject(await request.formData());
  const { id, organizationId } = await guard(request, () => confirmActivity(actor, params.id));
  const withNotice = (params: URLSearchParams) => params.set("bekreftet", id);
  // Back where the click came from (same-site paths only), else the organisation's activities.
  const back = safeRedirectPath(values.next, "", withNotice) || safeRedirectPath(`/organisasjoner/${organizationId}/aktiviteter`, "/", withNotice);
  throw redirect(back);
}

/**
 * Never shown: a POST ends in a redirect, a GET in the 405 page. The component makes this a page route rather
 * than a resource route, so a refusal before the action (an expired form's CSRF token, a body that is not a
 * form) is the site's error page in the visitor's language, as on every other form, instead of JSON.
 */
export default function Redirects() {
  return null;
}
