import type { Route } from "./+types/calendar";
import { getLocale, guard } from "~/lib/route.server.ts";
import { organizationCalendar } from "~/domain/opendata/ical.server.ts";
import { calendarResponse } from "~/lib/file-response.server.ts";

/** GET /organisasjoner/:id/aktiviteter.ics: a calendar feed of the organisation's public activities. */
export async function loader({ request, context, params }: Route.LoaderArgs) {
  const file = await guard(request, () => organizationCalendar(params.id, { locale: getLocale(context) }));
  return calendarResponse(file);
}
