import { openApiDocument } from "~/domain/opendata/openapi.ts";
import { apiCall } from "./respond.server.ts";

/** GET /api/v1/openapi.json: the OpenAPI 3.1 description of this API. */
export async function loader() {
  return apiCall(() => openApiDocument());
}
