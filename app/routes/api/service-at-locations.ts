import type { Route } from "./+types/service-at-locations";
import { listServiceAtLocations, paramsObject } from "~/domain/opendata/hsds.server.ts";
import { apiCall, queryOf } from "./respond.server.ts";

/** GET /api/v1/service_at_locations: which public activity is held where. */
export async function loader({ request }: Route.LoaderArgs) {
  return apiCall(() => listServiceAtLocations(paramsObject(queryOf(request))));
}
