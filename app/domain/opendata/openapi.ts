import { getEnv } from "~/env.server.ts";
import { API_BASE, API_VERSION, DEFAULT_PER_PAGE, MAX_PER_PAGE, MAX_SEARCH_LENGTH } from "./hsds.server.ts";
import { activityLanguages, activityThemes, targetGroups } from "~/domain/activities/activities.constants.ts";

/**
 * The OpenAPI 3.1 description of /api/v1/ (served at /api/v1/openapi.json).
 * Item schemas are HSDS 3.0's own, referenced from openreferral/specification
 * like HSDS's reference API does; the page envelope is HSDS's Page.
 */
const HSDS_SCHEMA = "https://raw.githubusercontent.com/openreferral/specification/3.0/schema";

const param = (name: string, description: string, schema: Record<string, unknown>) => ({ name, in: "query", required: false, description, schema });

const paging = [
  param("page", "Page number, from 1.", { type: "integer", minimum: 1, maximum: 10_000, default: 1 }),
  param("per_page", `Items per page (at most ${MAX_PER_PAGE}).`, { type: "integer", minimum: 1, maximum: MAX_PER_PAGE, default: DEFAULT_PER_PAGE }),
];

const listParam = (name: string, values: readonly string[], what: string) =>
  param(name, `${what}; comma-separated or repeated. Unknown values are ignored.`, { type: "string", examples: [values.slice(0, 2).join(",")] });

const finderParams = [
  param(
    "search",
    `Full-text search, the same as the finder at /aktiviteter (Norwegian stemming, prefix match, typo correction). At most ${MAX_SEARCH_LENGTH} characters.`,
    {
      type: "string",
      maxLength: MAX_SEARCH_LENGTH,
    },
  ),
  param("municipality", "Kommunenummer (4 digits).", { type: "string", pattern: "^\\d{4}$" }),
  listParam("themes", activityThemes, `Themes: ${activityThemes.join(", ")}`),
  listParam("targetGroups", targetGroups, `Target groups: ${targetGroups.join(", ")}`),
  listParam("languages", activityLanguages, "Languages spoken (ISO 639 codes)"),
  param("days", "ISO weekdays (Monday = 1), comma-separated.", { type: "string", examples: ["2,4"] }),
  param("free", "1: free of charge only.", { type: "string", enum: ["1"] }),
  param("volunteers", "1: looking for volunteers only.", { type: "string", enum: ["1"] }),
  param("sort", "relevance (with search), next (next occurrence) or distance (with lat and lon).", { type: "string", enum: ["relevance", "next", "distance"] }),
  param("lat", "Latitude for sort=distance.", { type: "number" }),
  param("lon", "Longitude for sort=distance.", { type: "number" }),
];

const error = (description: string) => ({
  description,
  content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
});

const pageOf = (schemaFile: string, description: string) => ({
  description,
  content: {
    "application/json": {
      schema: {
        allOf: [{ $ref: "#/components/schemas/Page" }],
        properties: { contents: { type: "array", items: { $ref: `${HSDS_SCHEMA}/${schemaFile}` } } },
      },
    },
  },
});

const one = (schemaFile: string, description: string) => ({
  description,
  content: { "application/json": { schema: { $ref: `${HSDS_SCHEMA}/${schemaFile}` } } },
});

const idParam = { name: "id", in: "path", required: true, schema: { type: "string", format: "uuid" } };

export function openApiDocument() {
  const server = new URL(API_BASE, getEnv().PUBLIC_URL).toString();
  return {
    openapi: "3.1.0",
    jsonSchemaDialect: "https://json-schema.org/draft/2020-12/schema",
    info: {
      title: "Samspill open data API",
      version: API_VERSION,
      summary: "Public integration activities in Norwegian kommuner, as Open Referral HSDS 3.0.",
      description:
        "Read-only. Only public activities (not internal, not partners-only, not hidden because unconfirmed for too long) and organisations' public fields. " +
        "Activities are HSDS services; each activity's place is a location and a service_at_location; its times are schedules. " +
        "Counts of searched services stop at 1000, like the finder's. See docs/open-data.md.",
    },
    servers: [{ url: server }],
    paths: {
      "/": {
        get: {
          operationId: "getApiMetaInformation",
          summary: "HSDS version, this document's URL and the endpoints.",
          responses: {
            "200": {
              description: "About this API.",
              content: {
                "application/json": {
                  schema: {
                    type: "object",
                    properties: { version: { type: "string" }, profile: { type: "string", format: "uri" }, openapi_url: { type: "string", format: "uri" } },
                  },
                },
              },
            },
          },
        },
      },
      "/services": {
        get: {
          operationId: "getPaginatedListOfServices",
          summary: "Public activities as HSDS services, searched and filtered like the finder.",
          parameters: [...finderParams, ...paging],
          responses: { "200": pageOf("service.json", "A page of services."), "400": error("Bad parameters.") },
        },
      },
      "/services/{id}": {
        get: {
          operationId: "getServiceById",
          summary: "One public activity, fully nested.",
          parameters: [idParam],
          responses: { "200": one("service.json", "The service."), "404": error("No public service with this id.") },
        },
      },
      "/organizations": {
        get: {
          operationId: "getPaginatedListOfOrganizations",
          summary: "Organisations (public fields), by name.",
          parameters: [param("search", "Part of the name.", { type: "string", maxLength: MAX_SEARCH_LENGTH }), ...paging],
          responses: { "200": pageOf("organization.json", "A page of organisations."), "400": error("Bad parameters.") },
        },
      },
      "/organizations/{id}": {
        get: {
          operationId: "getOrganizationById",
          summary: "One organisation, with the ids and names of its public services.",
          parameters: [idParam],
          responses: { "200": one("organization.json", "The organisation."), "404": error("No such organisation.") },
        },
      },
      "/locations": {
        get: {
          operationId: "getPaginatedListOfLocations",
          summary: "Places of public activities (one per activity with an address or coordinates).",
          parameters: paging,
          responses: { "200": pageOf("location.json", "A page of locations."), "400": error("Bad parameters.") },
        },
      },
      "/service_at_locations": {
        get: {
          operationId: "getPaginatedListOfServiceAtLocations",
          summary: "Which public activity is held where, with the location nested.",
          parameters: paging,
          responses: { "200": pageOf("service_at_location.json", "A page of service_at_locations."), "400": error("Bad parameters.") },
        },
      },
      "/schedules": {
        get: {
          operationId: "getPaginatedListOfSchedules",
          summary: "Schedules of public activities, paged by activity (total_items counts activities).",
          parameters: paging,
          responses: { "200": pageOf("schedule.json", "A page of schedules."), "400": error("Bad parameters.") },
        },
      },
    },
    components: {
      schemas: {
        Page: {
          type: "object",
          required: ["total_items", "total_pages", "page_number", "size", "first_page", "last_page", "empty", "contents"],
          properties: {
            total_items: { type: "integer", description: "The total number of entities (capped at 1000 for searched services)." },
            total_pages: { type: "integer", description: "Count of total pages." },
            page_number: { type: "integer", description: "The number of the current page." },
            size: { type: "integer", description: "The number of entities in the current page." },
            first_page: { type: "boolean" },
            last_page: { type: "boolean" },
            empty: { type: "boolean" },
            contents: { type: "array" },
          },
        },
        Error: {
          type: "object",
          required: ["error", "message"],
          properties: { error: { type: "string", enum: ["bad_request", "not_found"] }, message: { type: "string" } },
        },
      },
    },
  };
}
