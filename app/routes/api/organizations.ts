import type { Route } from "./+types/organizations";
import { listOrganizationsHsds, paramsObject } from "~/domain/opendata/hsds.server.ts";
import { apiCall, queryOf } from "./respond.server.ts";

/** GET /api/v1/organizations: organisations' public fields; ?search= matches the name. */
export async function loader({ request }: Route.LoaderArgs) {
  return apiCall(() => listOrganizationsHsds(paramsObject(queryOf(request))));
}
