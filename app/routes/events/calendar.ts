import type { Route } from "./+types/calendar";
import { getLocale, guard } from "~/lib/route.server.ts";
import { calendarResponse } from "~/lib/file-response.server.ts";
import { eventCalendar } from "~/domain/events/calendar.server.ts";

/** GET /arrangementer/:id/kalender.ics: one event for a calendar program. Public. */
export async function loader({ request, context, params }: Route.LoaderArgs) {
  return calendarResponse(await guard(request, () => eventCalendar(params.id, { locale: getLocale(context) })));
}
