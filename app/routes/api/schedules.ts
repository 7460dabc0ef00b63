import type { Route } from "./+types/schedules";
import { listSchedules, paramsObject } from "~/domain/opendata/hsds.server.ts";
import { apiCall, queryOf } from "./respond.server.ts";

/** GET /api/v1/schedules: when public activities take place (RRULE parts, one-off dates). */
export async function loader({ request }: Route.LoaderArgs) {
  return apiCall(() => listSchedules(paramsObject(queryOf(request))));
}
