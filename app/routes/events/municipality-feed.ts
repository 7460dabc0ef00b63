import type { Route } from "./+types/municipality-feed";
import { getLocale, guard } from "~/lib/route.server.ts";
import { calendarResponse } from "~/lib/file-response.server.ts";
import { municipalityEventFeed } from "~/domain/events/calendar.server.ts";

/** GET /kommuner/:number/arrangementer.ics: a feed of the events held in the kommune, for subscribing. */
export async function loader({ request, context, params }: Route.LoaderArgs) {
  return calendarResponse(await guard(request, () => municipalityEventFeed(params.number, { locale: getLocale(context) })));
}
