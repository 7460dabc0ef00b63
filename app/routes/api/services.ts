import type { Route } from "./+types/services";
import { listServices, paramsObject } from "~/domain/opendata/hsds.server.ts";
import { apiCall, queryOf } from "./respond.server.ts";

/** GET /api/v1/services: public activities as HSDS services; ?search= and the finder's filters; ?page=&per_page=. */
export async function loader({ request }: Route.LoaderArgs) {
  return apiCall(() => listServices(paramsObject(queryOf(request))));
}
