import type { Route } from "./+types/plan-session-calendar";
import { getActor, getLocale, guard } from "~/lib/route.server.ts";
import { fileResponse } from "~/lib/file-response.server.ts";
import { workshopSessionCalendar } from "~/domain/workshops/plan-calendar.server.ts";

/** GET /verksteder/:id/okter/:sessionId.ics: one session, for the workshop's managers and participants only. */
export async function loader({ request, context, params }: Route.LoaderArgs) {
  const file = await guard(request, () => workshopSessionCalendar(request, getActor(context), params.id, params.session, { locale: getLocale(context) }));
  // Not public: no cross-origin access, and no shared cache.
  return fileResponse(file.body, { type: "ics", filename: file.filename, cacheControl: "private, no-store", inline: true });
}
