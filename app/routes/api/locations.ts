import type { Route } from "./+types/locations";
import { listLocations, paramsObject } from "~/domain/opendata/hsds.server.ts";
import { apiCall, queryOf } from "./respond.server.ts";

/** GET /api/v1/locations: the places of public activities. */
export async function loader({ request }: Route.LoaderArgs) {
  return apiCall(() => listLocations(paramsObject(queryOf(request))));
}
