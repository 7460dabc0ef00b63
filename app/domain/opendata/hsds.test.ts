import { readFileSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/db/client.server.ts";
import { activities, organizations } from "~/db/schema/index.ts";
import { seedDemoData } from "~/domain/demo/seed.server.ts";
import { demoActivityIds, demoOrganizationIds } from "~/domain/demo/ids.ts";
import {
  ApiError,
  apiIndex,
  derivedIds,
  getOrganizationHsds,
  getService,
  listLocations,
  listOrganizationsHsds,
  listSchedules,
  listServiceAtLocations,
  listServices,
  uuidV5,
} from "./hsds.server.ts";
import { openApiDocument } from "./openapi.ts";

// ---------------------------------------------------------------- HSDS validation (vendored schemas, no network)

const schemaDir = fileURLToPath(new URL("../../../tests/fixtures/hsds-3.0/", import.meta.url));
const BASE = "https://hsds.test/schema/";
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
for (const file of readdirSync(schemaDir).filter((f) => f.endsWith(".json") && f !== "openapi.json")) {
  const schema = JSON.parse(readFileSync(schemaDir + file, "utf8"));
  ajv.addSchema({ ...schema, $id: BASE + file });
}
const hsdsOpenApi = JSON.parse(readFileSync(schemaDir + "openapi.json", "utf8"));
const pageSchema = hsdsOpenApi.components.schemas.Page;
const envelopeKeys = ["total_items", "total_pages", "page_number", "size", "first_page", "last_page", "empty", "contents"];

function expectValid(schemaFile: string, value: unknown) {
  const validate = ajv.getSchema(BASE + schemaFile)!;
  const ok = validate(value);
  expect(ok ? [] : validate.errors, `${schemaFile}: ${JSON.stringify(validate.errors?.slice(0, 3))}`).toEqual([]);
}

const pageValidators = new Map<string, ReturnType<typeof ajv.compile>>();
function expectValidPage(itemSchemaFile: string, page: unknown) {
  let validate = pageValidators.get(itemSchemaFile);
  if (!validate) {
    validate = ajv.compile({
      $schema: "https://json-schema.org/draft/2020-12/schema",
      allOf: [pageSchema],
      required: envelopeKeys,
      properties: { contents: { type: "array", items: { $ref: BASE + itemSchemaFile } } },
    });
    pageValidators.set(itemSchemaFile, validate);
  }
  const ok = validate(page);
  expect(ok ? [] : validate.errors, JSON.stringify(validate.errors?.slice(0, 3))).toEqual([]);
}

// ---------------------------------------------------------------- data

const now = new Date();
const notPublic = [demoActivityIds.hamarInternal, demoActivityIds.hamarPartners];
const ORG_NUMBER = "974760673"; // Brønnøysundregistrene's own number, valid MOD11.

beforeAll(async () => {
  await seedDemoData();
  await getDb()
    .update(organizations)
    .set({ orgNumber: ORG_NUMBER, website: "https://frivilligsentral.example" })
    .where(eq(organizations.id, demoOrganizationIds.hamarVolunteerCentre));
});

async function allPages<T>(fetchPage: (p: Record<string, unknown>) => Promise<{ contents: T[]; last_page: boolean }>) {
  const all: T[] = [];
  for (let page = 1; page < 50; page++) {
    const p = await fetchPage({ page: String(page), per_page: "2" });
    all.push(...p.contents);
    if (p.last_page) break;
  }
  return all;
}

describe("the HSDS 3.0 API", () => {
  it("lists public services as valid HSDS pages, and never internal or partners-only activities", async () => {
    const first = await listServices({ per_page: "3" }, { now });
    expectValidPage("service.json", first);
    expect(first.page_number).toBe(1);
    expect(first.size).toBe(3);
    expect(first.first_page).toBe(true);
    const services = await allPages((p) => listServices(p, { now }));
    for (const s of services) expectValid("service.json", s);
    const ids = services.map((s) => s.id);
    expect(ids).toContain(demoActivityIds.hamarLanguageCafe);
    for (const id of notPublic) expect(ids).not.toContain(id);
    expect(services.length).toBe(first.total_items);
  });

  it("maps an activity to a fully nested service: languages, schedule with RRULE parts, location, organisation, translated titles", async () => {
    const service = (await getService(demoActivityIds.hamarLanguageCafe, { now })) as Record<string, any>;
    expectValid("service.json", service);
    expect(service.name).toBe("Språkkafé på Hamar bibliotek");
    expect(service.languages.map((l: { code: string }) => l.code)).toEqual(["nb", "en", "ar", "uk"]);
    expect(service.organization.id).toBe(demoOrganizationIds.hamarLanguageCafe);
    const [schedule] = service.schedules;
    expect(schedule.freq).toBe("WEEKLY");
    expect(schedule.opens_at).toMatch(/^\d\d:\d\d:00$/);
    expect(schedule.dtstart).toMatch(/^\d{4}-\d\d-\d\d$/);
    const sal = service.service_at_locations[0];
    expect(sal.location_id).toBe(derivedIds.location(demoActivityIds.hamarLanguageCafe));
    expect(sal.location.addresses[0]).toMatchObject({ address_1: "Grønnegata 12", postal_code: "2317", country: "NO" });
    const en = service.attributes.find((a: { link_type: string }) => a.link_type === "title_en");
    expect(en.value).toBe("Language café at Hamar library");
    expect(service.attributes.some((a: { link_type: string; value: string }) => a.link_type === "theme" && a.value === "language")).toBe(true);
  });

  it("leaves out activities hidden for being unconfirmed too long (stale but not hidden ones stay, flagged by assured_date)", async () => {
    expect((await getService(demoActivityIds.hamarStale, { now })).assured_date).toMatch(/^\d{4}-\d\d-\d\d$/);
    const longAgo = new Date(now);
    longAgo.setMonth(longAgo.getMonth() - 13);
    await getDb().update(activities).set({ lastConfirmedAt: longAgo }).where(eq(activities.id, demoActivityIds.hamarStale));
    try {
      await expect(getService(demoActivityIds.hamarStale, { now })).rejects.toMatchObject({ status: 404 });
      const services = await allPages((p) => listServices(p, { now }));
      expect(services.map((s) => s.id)).not.toContain(demoActivityIds.hamarStale);
      const locations = await allPages((p) => listLocations(p, { now }));
      expect(locations.map((l) => l.id)).not.toContain(derivedIds.location(demoActivityIds.hamarStale));
    } finally {
      const recent = new Date(now);
      recent.setMonth(recent.getMonth() - 7);
      await getDb().update(activities).set({ lastConfirmedAt: recent }).where(eq(activities.id, demoActivityIds.hamarStale));
    }
  });

  it("answers 404 for internal, partners-only, unknown and malformed service ids", async () => {
    for (const id of [...notPublic, "00000000-0000-4000-8000-00000000a999", "not-a-uuid", "' or 1=1 --"]) {
      await expect(getService(id, { now })).rejects.toMatchObject({ status: 404 });
    }
  });

  it("finds the demo homework activities with ?search=leksehjelp, through the finder's search and filters", async () => {
    const page = await listServices({ search: "leksehjelp" }, { now });
    expectValidPage("service.json", page);
    const ids = page.contents.map((s) => s.id);
    expect(ids).toEqual(expect.arrayContaining([demoActivityIds.hamarHomework, demoActivityIds.tonsbergHomework]));
    const hamarOnly = await listServices({ search: "leksehjelp", municipality: "3403" }, { now });
    expect(hamarOnly.contents.map((s) => s.id).sort()).toEqual([demoActivityIds.hamarHomework, demoActivityIds.hamarLibraryHomework].sort());
    const byTheme = await listServices({ themes: "homework_help" }, { now });
    expect(byTheme.contents.every((s) => (s.attributes as { link_type: string; value: string }[]).some((a) => a.value === "homework_help"))).toBe(true);
  });

  it("refuses bad paging and overlong searches with a 400 message, and treats SQL as plain text", async () => {
    for (const params of [{ page: "-1" }, { page: "abc" }, { page: "0" }, { per_page: "100000" }, { per_page: "0" }, { search: "x".repeat(10_000) }]) {
      const error = await listServices(params, { now }).catch((e) => e);
      expect(error).toBeInstanceOf(ApiError);
      expect(error.status).toBe(400);
      expect(error.message).toMatch(/page|per_page|search/);
    }
    await expect(listOrganizationsHsds({ per_page: "100000" })).rejects.toMatchObject({ status: 400 });
    await expect(listLocations({ page: "-1" })).rejects.toMatchObject({ status: 400 });
    const sql = await listServices({ search: "'; drop table activities; --", municipality: "3403' or '1'='1", themes: "<script>" }, { now });
    expectValidPage("service.json", sql);
    expect((await listServices({ page: "500" }, { now })).empty).toBe(true);
  });

  it("lists organisations with public fields and the organisation number as an identifier", async () => {
    const page = await listOrganizationsHsds({ per_page: "100" });
    expectValidPage("organization.json", page);
    const centre = page.contents.find((o) => o.id === demoOrganizationIds.hamarVolunteerCentre) as Record<string, any>;
    expect(centre.organization_identifiers).toEqual([
      expect.objectContaining({ identifier_scheme: "NO-BRC", identifier_type: "Organisasjonsnummer", identifier: ORG_NUMBER }),
    ]);
    for (const o of page.contents) {
      expect(Object.keys(o)).not.toEqual(expect.arrayContaining(["members"]));
      expect(JSON.stringify(o)).not.toMatch(/passwordHash|memberships|samspill-demo/);
    }
    const one = await getOrganizationHsds(demoOrganizationIds.hamarVolunteerCentre, { now });
    expectValid("organization.json", one);
    const serviceIds = one.services.map((s) => s.id);
    expect(serviceIds).not.toContain(demoActivityIds.hamarInternal);
    await expect(getOrganizationHsds("not-a-uuid")).rejects.toMatchObject({ status: 404 });
    await expect(getOrganizationHsds("00000000-0000-4000-8000-000000000999")).rejects.toMatchObject({ status: 404 });
    const searched = await listOrganizationsHsds({ search: "Hamar" });
    expect(searched.contents.every((o) => /hamar/i.test(o.name))).toBe(true);
  });

  it("lists locations, service_at_locations and schedules as valid HSDS pages with stable derived ids, public only", async () => {
    const locations = await allPages((p) => listLocations(p, { now }));
    for (const l of locations) expectValid("location.json", l);
    expectValidPage("location.json", await listLocations({}, { now }));
    const locIds = locations.map((l) => l.id);
    expect(locIds).toContain(derivedIds.location(demoActivityIds.hamarLanguageCafe));
    for (const id of notPublic) expect(locIds).not.toContain(derivedIds.location(id));
    expect(derivedIds.location(demoActivityIds.hamarLanguageCafe)).toBe(derivedIds.location(demoActivityIds.hamarLanguageCafe));

    const sals = await allPages((p) => listServiceAtLocations(p, { now }));
    for (const s of sals) expectValid("service_at_location.json", s);
    expectValidPage("service_at_location.json", await listServiceAtLocations({}, { now }));
    for (const id of notPublic) expect(sals.map((s) => s.service_id)).not.toContain(id);

    const schedules = (await allPages((p) => listSchedules(p, { now }))) as Record<string, any>[];
    for (const s of schedules) expectValid("schedule.json", s);
    expectValidPage("schedule.json", await listSchedules({}, { now }));
    for (const id of notPublic) expect(schedules.map((s) => s.service_id)).not.toContain(id);
    const monthly = schedules.find((s) => s.description === "RRULE:FREQ=MONTHLY;BYDAY=-1FR");
    expect(monthly).toMatchObject({ freq: "MONTHLY", byday: "-1FR", interval: 1 });
  });

  it("turns cancelled dates, extra dates and one-off dates into schedules", async () => {
    const db = getDb();
    const [row] = await db.select().from(activities).where(eq(activities.id, demoActivityIds.hamarLanguageCafe));
    const start = row!.startsAt!;
    const week = 7 * 86_400_000;
    await db
      .update(activities)
      .set({ exceptionDates: [new Date(start.getTime() + week)], extraDates: [new Date(start.getTime() + week + 86_400_000)] })
      .where(eq(activities.id, row!.id));
    const service = (await getService(row!.id, { now })) as Record<string, any>;
    expectValid("service.json", service);
    expect(service.schedules).toHaveLength(2);
    expect(service.schedules[0].notes).toMatch(/^Avlyst: \d{4}-\d\d-\d\d$/);
    expect(service.schedules[1].valid_from).toBe(service.schedules[1].valid_to);
    await db.update(activities).set({ exceptionDates: [], extraDates: [] }).where(eq(activities.id, row!.id));
  });

  it("has an index and an OpenAPI 3.1 document naming every endpoint", async () => {
    const index = apiIndex();
    expect(index.version).toBe("3.0");
    expect(index.openapi_url).toMatch(/\/api\/v1\/openapi\.json$/);
    const doc = openApiDocument();
    expect(doc.openapi).toBe("3.1.0");
    for (const path of ["/", "/services", "/services/{id}", "/organizations", "/organizations/{id}", "/locations", "/service_at_locations", "/schedules"]) {
      expect(doc.paths).toHaveProperty([path]);
    }
    expect(JSON.parse(JSON.stringify(doc))).toEqual(doc);
  });

  it("has a validator that really rejects what HSDS does not allow", () => {
    const validate = ajv.getSchema(BASE + "service.json")!;
    expect(validate({ id: "00000000-0000-4000-8000-00000000a101", name: "x" })).toBe(false); // no status
    expect(validate({ id: "00000000-0000-4000-8000-00000000a101", name: "x", status: "open" })).toBe(false); // not in the enum
    expect(validate({ id: "x", name: "x", status: "active", schedules: [{ id: "00000000-0000-4000-8000-00000000a101", freq: "DAILY" }] })).toBe(false);
    const page = ajv.compile({ allOf: [pageSchema], required: envelopeKeys });
    expect(page({ total_items: "1" })).toBe(false);
  });

  it("derives RFC 4122 version 5 ids", () => {
    // The RFC's DNS-namespace example ("www.example.com"), as computed by common uuid libraries.
    expect(uuidV5("www.example.com", "6ba7b810-9dad-11d1-80b4-00c04fd430c8")).toBe("2ed6657d-e927-568b-95e1-2665a8aea6a2");
  });
});
