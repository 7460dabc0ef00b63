import {
  getOrganizationHsds,
  getService,
  listLocations,
  listOrganizationsHsds,
  listSchedules,
  listServiceAtLocations,
  listServices,
} from "~/domain/opendata/hsds.server.ts";
import {
  hsdsItemErrors,
  hsdsPageErrors,
  type HsdsKind,
} from "./hsds-validator.ts";

type Obj = Record<string, unknown>;
const list = (v: unknown) => (Array.isArray(v) ? (v as Obj[]) : []);

/**
 * What the schemas cannot say: a required property filled with an empty
 * string is a placeholder, not a value (HSDS makes postal_code, city, … of an
 * address required; an address without them is left out instead), and a
 * nested object's back-reference must name the object it is nested in.
 */
export function samspillItemErrors(
  kind: HsdsKind,
  item: unknown,
  label: string,
): string[] {
  const out: string[] = [];
  const walk = (v: unknown, path: string) => {
    if (v === "") out.push(`${label}${path} is an empty string`);
    else if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${path}/${i}`));
    else if (v && typeof v === "object")
      for (const [k, x] of Object.entries(v)) walk(x, `${path}/${k}`);
  };
  walk(item, "");
  const ref = (path: string, actual: unknown, expected: unknown) => {
    if (actual !== undefined && actual !== expected)
      out.push(
        `${label}${path} is ${JSON.stringify(actual)}, not ${JSON.stringify(expected)}`,
      );
  };
  const location = (l: Obj, path: string, organizationId?: unknown) => {
    if (organizationId !== undefined)
      ref(`${path}/organization_id`, l.organization_id, organizationId);
    list(l.addresses).forEach((a, i) =>
      ref(`${path}/addresses/${i}/location_id`, a.location_id, l.id),
    );
  };
  const organization = (o: Obj, path: string) => {
    for (const key of ["phones", "organization_identifiers", "services"])
      list(o[key]).forEach((x, i) =>
        ref(`${path}/${key}/${i}/organization_id`, x.organization_id, o.id),
      );
    list(o.attributes).forEach((x, i) =>
      ref(`${path}/attributes/${i}/link_id`, x.link_id, o.id),
    );
  };
  const o = item as Obj;
  if (kind === "service") {
    for (const key of [
      "phones",
      "languages",
      "contacts",
      "cost_options",
      "schedules",
      "service_at_locations",
    ])
      list(o[key]).forEach((x, i) =>
        ref(`/${key}/${i}/service_id`, x.service_id, o.id),
      );
    list(o.attributes).forEach((x, i) =>
      ref(`/attributes/${i}/link_id`, x.link_id, o.id),
    );
    if (o.organization) {
      ref("/organization/id", (o.organization as Obj).id, o.organization_id);
      organization(o.organization as Obj, "/organization");
    }
    list(o.service_at_locations).forEach((sal, i) => {
      if (sal.location) {
        ref(
          `/service_at_locations/${i}/location/id`,
          (sal.location as Obj).id,
          sal.location_id,
        );
        location(
          sal.location as Obj,
          `/service_at_locations/${i}/location`,
          o.organization_id,
        );
      }
    });
  } else if (kind === "organization") organization(o, "");
  else if (kind === "service_at_location" && o.location) {
    ref("/location/id", (o.location as Obj).id, o.location_id);
    location(o.location as Obj, "/location");
  } else if (kind === "location") location(o, "");
  return out;
}

/** The answer as a client receives it (JSON drops undefined, turns dates into strings). */
const wire = <T>(answer: T): T => JSON.parse(JSON.stringify(answer));

function allErrors(kind: HsdsKind, item: unknown, label: string) {
  return [
    ...hsdsItemErrors(kind, item, { label }),
    ...samspillItemErrors(kind, item, label),
  ];
}

/**
 * Reads every page of every /api/v1/ list endpoint and every full item
 * (/services/:id, /organizations/:id) through the same domain functions the
 * routes call, and validates each answer against the compiled HSDS schemas.
 * Returns the errors (empty when everything validates) and how much it read,
 * so a test can also assert it did not validate an empty API.
 */
export async function validateWholeApi(now: Date, perPage = 100) {
  const errors: string[] = [];
  const counts: Record<string, number> = {};
  const lists: [
    string,
    HsdsKind,
    (
      p: Record<string, unknown>,
    ) => Promise<{ contents: unknown[]; last_page: boolean }>,
  ][] = [
    ["/services", "service", (p) => listServices(p, { now })],
    ["/organizations", "organization", (p) => listOrganizationsHsds(p)],
    ["/locations", "location", (p) => listLocations(p, { now })],
    [
      "/service_at_locations",
      "service_at_location",
      (p) => listServiceAtLocations(p, { now }),
    ],
    ["/schedules", "schedule", (p) => listSchedules(p, { now })],
  ];
  const ids: Record<string, string[]> = {};
  for (const [path, kind, list] of lists) {
    counts[path] = 0;
    ids[path] = [];
    for (let page = 1; page <= 1000; page++) {
      const answer = wire(
        await list({ page: String(page), per_page: String(perPage) }),
      );
      errors.push(...hsdsPageErrors(kind, answer, `${path}?page=${page}`));
      answer.contents.forEach((item, i) =>
        errors.push(
          ...samspillItemErrors(kind, item, `${path}?page=${page}[${i}]`),
        ),
      );
      counts[path] += answer.contents.length;
      ids[path]!.push(...answer.contents.map((c) => (c as { id: string }).id));
      if (answer.last_page) break;
    }
  }
  for (const id of ids["/services"]!)
    errors.push(
      ...allErrors(
        "service",
        wire(await getService(id, { now })),
        `/services/${id}`,
      ),
    );
  for (const id of ids["/organizations"]!)
    errors.push(
      ...allErrors(
        "organization",
        wire(await getOrganizationHsds(id, { now })),
        `/organizations/${id}`,
      ),
    );
  return { errors, counts };
}

/** The distinct kinds of error (path with indexes removed + message), with how often each occurs. */
export function summarizeErrors(errors: string[]) {
  const counts = new Map<string, number>();
  for (const e of errors) {
    const key = e
      .replace(
        /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g,
        ":id",
      )
      .replace(/page=\d+/, "page=*")
      .replace(/\[\d+\]/g, "[*]")
      .replace(/\/\d+(?=\/|\s|$)/g, "/*");
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts].map(([k, n]) => `${n}× ${k}`);
}
