import { ApiError } from "~/domain/opendata/hsds.server.ts";
import { apiErrorResponse } from "./respond.server.ts";

/** Any other /api/v1/… path: a JSON 404 rather than the HTML not-found page. */
export async function loader() {
  return apiErrorResponse(new ApiError(404, "No such endpoint; see /api/v1/"));
}
