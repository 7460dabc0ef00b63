import type { Route } from "./+types/similar";
import { requireUser } from "~/lib/route.server.ts";
import { findSimilarActivities } from "~/domain/activities/activities.server.ts";

/**
 * GET /aktiviteter/lignende?municipality=&title=&themes=a,b — the activity
 * form's live "similar activities" list (JSON). Only what the signed-in
 * actor may read; odd parameters give an empty list, never an error.
 */
export async function loader({ request, context }: Route.LoaderArgs) {
  const actor = requireUser(context, request);
  const params = new URL(request.url).searchParams;
  const themes = params
    .getAll("themes")
    .flatMap((v) => v.split(","))
    .filter(Boolean);
  const found = await findSimilarActivities(actor, {
    municipality: params.get("municipality") ?? undefined,
    title: params.get("title") ?? "",
    description: params.get("description") ?? "",
    themes,
    excludeId: params.get("excludeId") ?? undefined,
  });
  return Response.json(
    { items: found.map((s) => ({ id: s.id, title: s.title, organizationName: s.organizationName })) },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}
