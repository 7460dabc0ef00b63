import type { Route } from "./+types/calendar";
import { getLocale, guard } from "~/lib/route.server.ts";
import { municipalityCalendar } from "~/domain/opendata/ical.server.ts";
import { calendarResponse } from "~/lib/file-response.server.ts";

/** GET /kommuner/:number/aktiviteter.ics: a calendar feed of the kommune's public activities, for subscribing. */
export async function loader({ request, context, params }: Route.LoaderArgs) {
  const file = await guard(request, () => municipalityCalendar(params.number, { locale: getLocale(context) }));
  return calendarResponse(file);
}
