import {
  getOrganizationHsds,
  getService,
  listLocations,
  listOrganizationsHsds,
  listSchedules,
  listServiceAtLocations,
  listServices,
} from "~/domain/opendata/hsds.server.ts";
import { hsdsItemErrors, hsdsPageErrors, samspillItemErrors, type HsdsKind } from "./hsds-validator.ts";

/** The answer as a client receives it (JSON drops undefined, turns dates into strings). */
const wire = <T>(answer: T): T => JSON.parse(JSON.stringify(answer));

function allErrors(kind: HsdsKind, item: unknown, label: string) {
  return [...hsdsItemErrors(kind, item, { label }), ...samspillItemErrors(kind, item, label)];
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
  const lists: [string, HsdsKind, (p: Record<string, unknown>) => Promise<{ contents: unknown[]; last_page: boolean }>][] = [
    ["/services", "service", (p) => listServices(p, { now })],
    ["/organizations", "organization", (p) => listOrganizationsHsds(p)],
    ["/locations", "location", (p) => listLocations(p, { now })],
    ["/service_at_locations", "service_at_location", (p) => listServiceAtLocations(p, { now })],
    ["/schedules", "schedule", (p) => listSchedules(p, { now })],
  ];
  const ids: Record<string, string[]> = {};
  for (const [path, kind, list] of lists) {
    counts[path] = 0;
    ids[path] = [];
    for (let page = 1; page <= 1000; page++) {
      const answer = wire(await list({ page: String(page), per_page: String(perPage) }));
      errors.push(...hsdsPageErrors(kind, answer, `${path}?page=${page}`));
      answer.contents.forEach((item, i) => errors.push(...samspillItemErrors(kind, item, `${path}?page=${page}[${i}]`)));
      counts[path] += answer.contents.length;
      ids[path]!.push(...answer.contents.map((c) => (c as { id: string }).id));
      if (answer.last_page) break;
    }
  }
  for (const id of ids["/services"]!) errors.push(...allErrors("service", wire(await getService(id, { now })), `/services/${id}`));
  for (const id of ids["/organizations"]!) errors.push(...allErrors("organization", wire(await getOrganizationHsds(id, { now })), `/organizations/${id}`));
  return { errors, counts };
}

/** The distinct kinds of error (path with indexes removed + message), with how often each occurs. */
export function summarizeErrors(errors: string[]) {
  const counts = new Map<string, number>();
  for (const e of errors) {
    const key = e
      .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, ":id")
      .replace(/page=\d+/, "page=*")
      .replace(/\[\d+\]/g, "[*]")
      .replace(/\/\d+(?=\/|\s|$)/g, "/*");
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts].map(([k, n]) => `${n}× ${k}`);
}
