import type { Route } from "./+types/county-feed";
import { getLocale, guard } from "~/lib/route.server.ts";
import { calendarResponse } from "~/lib/file-response.server.ts";
import { countyEventFeed } from "~/domain/events/calendar.server.ts";

/** GET /fylker/:number/arrangementer.ics: a feed of the fylke's events, for subscribing. */
export async function loader({ request, context, params }: Route.LoaderArgs) {
  return calendarResponse(await guard(request, () => countyEventFeed(params.number, { locale: getLocale(context) })));
}
