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

export { RedirectOnlyPage as default } from "~/lib/redirect-only-page.tsx";
