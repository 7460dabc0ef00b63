import type { Route } from "./+types/calendar";
import { getActor, getLocale, guard } from "~/lib/route.server.ts";
import { activityCalendar } from "~/domain/opendata/ical.server.ts";
import { calendarResponse } from "~/lib/file-response.server.ts";

/**
 * GET /aktiviteter/:id/kalender.ics: one activity as an iCalendar file, for
 * whoever may read the activity (404 otherwise, like its page). An activity
 * without fixed times answers 404 with a one-line explanation as plain text.
 */
export async function loader({ request, context, params }: Route.LoaderArgs) {
  const actor = getActor(context);
  const result = await guard(request, () => activityCalendar(actor, params.id, { locale: getLocale(context) }));
  if (!result.file) {
    return new Response(`${result.explanation}\n`, {
      status: 404,
      headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "private, no-store" },
    });
  }
  // Public activities may be cached briefly by the browser; others only for this user, never stored.
  return calendarResponse(result.file, result.visibility === "public" && actor.kind === "anonymous" ? "private, max-age=300" : "private, no-store");
}
