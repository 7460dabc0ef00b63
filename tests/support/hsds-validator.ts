import { readFileSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import Ajv2020, { type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

/**
 * Validates /api/v1/ answers against Open Referral's own compiled HSDS 3.0
 * schemas (tests/fixtures/hsds-3.0/compiled/, vendored unchanged, CC BY-SA 4.0).
 *
 * The compiled schemas inline every nested object with its own `required`
 * list, so a nested phone, schedule or address that lacks a required property
 * fails here (the per-table schemas only check the top level of a nested
 * object through their `$ref`s). HSDS 3.0 publishes JSON Schema 2020-12 (its
 * OpenAPI document is 3.1); the compiled files declare no `$schema`, so Ajv's
 * 2020-12 dialect is used. `strict: false` only because the files carry
 * HSDS's own annotation keywords (`core`, `constraints`, `datapackage_metadata`,
 * `example`…), which strict mode refuses as unknown keywords; it does not
 * relax any validation keyword.
 *
 * Which schema for which endpoint:
 * - list endpoints: the page envelope (HSDS openapi.json `Page`) whose
 *   `contents` items match the compiled `*_list.json` schema and, because
 *   Samspill's list items carry their nested objects too, the full compiled
 *   schema as well;
 * - one item (`/services/:id`, `/organizations/:id`): the full compiled schema;
 * - `/locations` and `/schedules`: HSDS compiles no file of their own, so their
 *   items are checked against the location and schedule objects inside the
 *   compiled `service_at_location.json` and `service.json`.
 */

const fixtures = fileURLToPath(new URL("../fixtures/hsds-3.0/", import.meta.url));
const BASE = "https://hsds.test/compiled/";

export const hsdsAjv = new Ajv2020({ strict: false, allErrors: true });
addFormats(hsdsAjv);

for (const file of readdirSync(fixtures + "compiled").filter((f) => f.endsWith(".json"))) {
  const schema = JSON.parse(readFileSync(`${fixtures}compiled/${file}`, "utf8"));
  hsdsAjv.addSchema({ ...schema, $id: BASE + file });
}

const openApi = JSON.parse(readFileSync(fixtures + "openapi.json", "utf8"));
const pageSchema = openApi.components.schemas.Page;
export const envelopeKeys = ["total_items", "total_pages", "page_number", "size", "first_page", "last_page", "empty", "contents"];

/** The compiled schema (or a part of one) each kind of item is checked against. */
const itemSchemas = {
  service: { full: "service.json", list: "service_list.json" },
  organization: { full: "organization.json", list: "organization_list.json" },
  service_at_location: {
    full: "service_at_location.json",
    list: "service_at_location_list.json",
  },
  location: { full: "service_at_location.json#/properties/location" },
  schedule: { full: "service.json#/properties/schedules/items" },
} as const;

export type HsdsKind = keyof typeof itemSchemas;

/** The endpoints and the kind of item each one answers. */
export const hsdsEndpoints = {
  "/services": "service",
  "/organizations": "organization",
  "/locations": "location",
  "/service_at_locations": "service_at_location",
  "/schedules": "schedule",
} as const satisfies Record<string, HsdsKind>;

const validators = new Map<string, ValidateFunction>();
function validatorFor(ref: string): ValidateFunction {
  let v = validators.get(ref);
  if (!v) {
    v = hsdsAjv.compile({ $ref: BASE + ref });
    validators.set(ref, v);
  }
  return v;
}

let pageValidator: ValidateFunction | undefined;

function describeErrors(label: string, errors: ErrorObject[] | null | undefined) {
  return (errors ?? []).map((e) => `${label}${e.instancePath} ${e.message}${e.params ? ` ${JSON.stringify(e.params)}` : ""}`);
}

/** Every error of one item against the full (and, for list items, the list) compiled schema; [] when valid. */
export function hsdsItemErrors(kind: HsdsKind, item: unknown, options: { listItem?: boolean; label?: string } = {}): string[] {
  const schemas = itemSchemas[kind];
  const refs = options.listItem && "list" in schemas ? [schemas.list, schemas.full] : [schemas.full];
  const out: string[] = [];
  for (const ref of refs) {
    const validate = validatorFor(ref);
    if (!validate(item)) out.push(...describeErrors(`${options.label ?? kind} (${ref})`, validate.errors));
  }
  return out;
}

/** Every error of a page answer: the HSDS page envelope, then each item as a list item. */
export function hsdsPageErrors(kind: HsdsKind, page: unknown, label: string = kind): string[] {
  pageValidator ??= hsdsAjv.compile({
    $schema: "https://json-schema.org/draft/2020-12/schema",
    allOf: [pageSchema],
    required: envelopeKeys,
  });
  const out = pageValidator(page) ? [] : describeErrors(`${label} page`, pageValidator.errors);
  const contents = (page as { contents?: unknown[] } | null)?.contents;
  if (Array.isArray(contents))
    contents.forEach((item, i) =>
      out.push(
        ...hsdsItemErrors(kind, item, {
          listItem: true,
          label: `${label}[${i}]`,
        }),
      ),
    );
  return out;
}

type Obj = Record<string, unknown>;
const list = (v: unknown) => (Array.isArray(v) ? (v as Obj[]) : []);

/**
 * What the schemas cannot say: a required property filled with an empty
 * string is a placeholder, not a value (HSDS makes postal_code, city, … of an
 * address required; an address without them is left out instead), and a
 * nested object's back-reference must name the object it is nested in.
 */
export function samspillItemErrors(kind: HsdsKind, item: unknown, label: string): string[] {
  const out: string[] = [];
  const walk = (v: unknown, path: string) => {
    if (v === "") out.push(`${label}${path} is an empty string`);
    else if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${path}/${i}`));
    else if (v && typeof v === "object") for (const [k, x] of Object.entries(v)) walk(x, `${path}/${k}`);
  };
  walk(item, "");
  const ref = (path: string, actual: unknown, expected: unknown) => {
    if (actual !== undefined && actual !== expected) out.push(`${label}${path} is ${JSON.stringify(actual)}, not ${JSON.stringify(expected)}`);
  };
  const location = (l: Obj, path: string, organizationId?: unknown) => {
    if (organizationId !== undefined) ref(`${path}/organization_id`, l.organization_id, organizationId);
    list(l.addresses).forEach((a, i) => ref(`${path}/addresses/${i}/location_id`, a.location_id, l.id));
  };
  const organization = (o: Obj, path: string) => {
    for (const key of ["phones", "organization_identifiers", "services"])
      list(o[key]).forEach((x, i) => ref(`${path}/${key}/${i}/organization_id`, x.organization_id, o.id));
    list(o.attributes).forEach((x, i) => ref(`${path}/attributes/${i}/link_id`, x.link_id, o.id));
  };
  const o = item as Obj;
  if (kind === "service") {
    for (const key of ["phones", "languages", "contacts", "cost_options", "schedules", "service_at_locations"])
      list(o[key]).forEach((x, i) => ref(`/${key}/${i}/service_id`, x.service_id, o.id));
    list(o.attributes).forEach((x, i) => ref(`/attributes/${i}/link_id`, x.link_id, o.id));
    if (o.organization) {
      ref("/organization/id", (o.organization as Obj).id, o.organization_id);
      organization(o.organization as Obj, "/organization");
    }
    list(o.service_at_locations).forEach((sal, i) => {
      if (sal.location) {
        ref(`/service_at_locations/${i}/location/id`, (sal.location as Obj).id, sal.location_id);
        location(sal.location as Obj, `/service_at_locations/${i}/location`, o.organization_id);
      }
    });
  } else if (kind === "organization") organization(o, "");
  else if (kind === "service_at_location" && o.location) {
    ref("/location/id", (o.location as Obj).id, o.location_id);
    location(o.location as Obj, "/location");
  } else if (kind === "location") location(o, "");
  return out;
}
