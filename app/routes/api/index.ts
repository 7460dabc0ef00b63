import { apiIndex } from "~/domain/opendata/hsds.server.ts";
import { apiCall } from "./respond.server.ts";

/** GET /api/v1/ (and /api/v1): HSDS version, the OpenAPI document's URL and the endpoints. */
export async function loader() {
  return apiCall(() => apiIndex());
}
