import type { Route } from "./+types/participants-csv";
import { getLocale, guard, requireUser } from "~/lib/route.server.ts";
import { fileResponse } from "~/lib/file-response.server.ts";
import { participantsCsv } from "~/domain/events/registrations.server.ts";

/** GET /arrangementer/:id/deltakere.csv: the participant list, for the organiser only. */
export async function loader({ request, context, params }: Route.LoaderArgs) {
  const actor = requireUser(context, request);
  const file = await guard(request, () => participantsCsv(actor, params.id, getLocale(context)));
  return fileResponse(file.body, { type: "csv", filename: file.filename, cacheControl: "private, no-store" });
}
