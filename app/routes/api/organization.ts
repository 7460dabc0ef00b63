import type { Route } from "./+types/organization";
import { getOrganizationHsds } from "~/domain/opendata/hsds.server.ts";
import { apiCall } from "./respond.server.ts";

/** GET /api/v1/organizations/:id: one organisation's public fields and its public services. */
export async function loader({ params }: Route.LoaderArgs) {
  return apiCall(() => getOrganizationHsds(params.id));
}
