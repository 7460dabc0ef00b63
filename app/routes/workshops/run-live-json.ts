import type { Route } from "./+types/run-live-json";
import { getActor, guard } from "~/lib/route.server.ts";
import { liveState } from "~/domain/workshops/live.server.ts";
import { runAccessFor } from "~/domain/workshops/run.server.ts";

/**
 * The live ranking as JSON, polled by the projector and phones. Read from the
 * database on every request (no process memory), so every app instance
 * answers the same; never cached.
 */
export async function loader({ request, context, params }: Route.LoaderArgs) {
  const actor = getActor(context);
  const state = await guard(request, async () => liveState(await runAccessFor(request, actor, params.id)));
  return Response.json(state, { headers: { "Cache-Control": "no-store" } });
}
