import type { Route } from "./+types/service";
import { getService } from "~/domain/opendata/hsds.server.ts";
import { apiCall } from "./respond.server.ts";

/** GET /api/v1/services/:id: one public activity, fully nested. */
export async function loader({ params }: Route.LoaderArgs) {
  return apiCall(() => getService(params.id));
}
