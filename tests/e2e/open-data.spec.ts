import { expect, test } from "./support/fixtures.ts";
import { hsdsEndpoints, hsdsItemErrors, hsdsPageErrors, samspillItemErrors } from "../support/hsds-validator.ts";
import { demoActivityIds } from "../../app/domain/demo/ids.ts";

/**
 * Open data over HTTP (docs/open-data.md): the answers' types and headers,
 * JSON errors, and that the static download paths are not taken for
 * /aktiviteter/:id. The status of every URL per role is in the route manifest.
 */
const cafe = demoActivityIds.hamarLanguageCafe;
const internal = demoActivityIds.hamarInternal;

test.describe("open data over HTTP", () => {
  test("the API answers HSDS pages as JSON for any origin", async ({ roleApi }) => {
    const api = await roleApi("anonymous");
    for (const url of ["/api/v1/", "/api/v1"]) {
      const index = await api.get(url);
      expect(index.status(), url).toBe(200);
      expect((await index.json()).version).toBe("3.0");
    }
    const response = await api.get("/api/v1/services?search=leksehjelp");
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toContain("application/json");
    expect(response.headers()["access-control-allow-origin"]).toBe("*");
    expect(response.headers()["cache-control"]).toContain("max-age=");
    const page = await response.json();
    expect(Object.keys(page).sort()).toEqual(["contents", "empty", "first_page", "last_page", "page_number", "size", "total_items", "total_pages"]);
    expect(page.contents.map((s: { name: string }) => s.name).join(" ")).toMatch(/Leksehjelp/);
    const openapi = await (await api.get("/api/v1/openapi.json")).json();
    expect(openapi.openapi).toBe("3.1.0");
  });

  test("every answer of every endpoint validates against the compiled HSDS 3.0 schemas, nested objects included", async ({ roleApi }) => {
    test.setTimeout(120_000);
    const api = await roleApi("anonymous");
    const errors: string[] = [];
    const ids: Record<string, string[]> = {};
    for (const [path, kind] of Object.entries(hsdsEndpoints)) {
      ids[path] = [];
      for (let page = 1; page < 100; page++) {
        const url = `/api/v1${path}?per_page=10&page=${page}`;
        const response = await api.get(url);
        expect(response.status(), url).toBe(200);
        const body = await response.json();
        errors.push(...hsdsPageErrors(kind, body, url));
        body.contents.forEach((item: unknown, i: number) => errors.push(...samspillItemErrors(kind, item, `${url}[${i}]`)));
        ids[path]!.push(...body.contents.map((c: { id: string }) => c.id));
        if (body.last_page) break;
      }
      expect(ids[path]!.length, path).toBeGreaterThan(0);
    }
    for (const [path, kind] of [
      ["/services", "service"],
      ["/organizations", "organization"],
    ] as const) {
      for (const id of ids[path]!) {
        const url = `/api/v1${path}/${id}`;
        const item = await (await api.get(url)).json();
        errors.push(...hsdsItemErrors(kind, item, { label: url }), ...samspillItemErrors(kind, item, url));
      }
    }
    expect(errors).toEqual([]);
  });

  test("bad parameters and ids get JSON errors, never a 500 or an HTML page", async ({ roleApi }) => {
    const api = await roleApi("anonymous");
    const cases: [string, number][] = [
      ["/api/v1/services?page=-1", 400],
      ["/api/v1/services?per_page=100000", 400],
      [`/api/v1/services?search=${"x".repeat(10_000)}`, 400],
      ["/api/v1/services?search=%27%3B%20drop%20table%20activities%3B%20--", 200],
      ["/api/v1/organizations?page=abc", 400],
      [`/api/v1/services/${internal}`, 404],
      ["/api/v1/services/not-a-uuid", 404],
      ["/api/v1/organizations/%3Cscript%3E", 404],
      ["/api/v1/finnes-ikke", 404],
    ];
    for (const [url, status] of cases) {
      const response = await api.get(url);
      expect(response.status(), url).toBe(status);
      expect(response.headers()["content-type"], url).toContain("application/json");
      if (status !== 200) expect(typeof (await response.json()).message, url).toBe("string");
    }
  });

  test("CSV and Excel downloads of a finder search", async ({ roleApi }) => {
    const api = await roleApi("anonymous");
    const csv = await api.get("/aktiviteter/eksport.csv?q=leksehjelp");
    expect(csv.status()).toBe(200);
    expect(csv.headers()["content-type"]).toContain("text/csv");
    expect(csv.headers()["content-disposition"]).toMatch(/^attachment; filename="samspill-aktiviteter-\d{4}-\d\d-\d\d\.csv"$/);
    const body = await csv.body();
    expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = body.toString("utf8");
    expect(text).toContain("Tittel;Organisasjon;Kommune");
    expect(text).toContain("Leksehjelp");
    const xlsx = await api.get("/aktiviteter/eksport.xlsx?municipality=3403");
    expect(xlsx.status()).toBe(200);
    expect(xlsx.headers()["content-type"]).toContain("spreadsheetml");
    expect([...(await xlsx.body()).subarray(0, 2)]).toEqual([0x50, 0x4b]); // a zip file
  });

  test("exports follow the actor: Hamar's coordinator gets the internal activity, anonymous visitors do not", async ({ roleApi }) => {
    const anonymous = await (await (await roleApi("anonymous")).get("/aktiviteter/eksport.csv?municipality=3403")).text();
    const hamar = await (await (await roleApi("coordinator_hamar")).get("/aktiviteter/eksport.csv?municipality=3403")).text();
    expect(anonymous).not.toContain(internal);
    expect(hamar).toContain(internal);
  });

  test("calendar files are iCalendar with Europe/Oslo times", async ({ roleApi }) => {
    const api = await roleApi("anonymous");
    const one = await api.get(`/aktiviteter/${cafe}/kalender.ics`);
    expect(one.status()).toBe(200);
    expect(one.headers()["content-type"]).toContain("text/calendar");
    const text = await one.text();
    expect(text).toMatch(/\r\nDTSTART;TZID=Europe\/Oslo:\d{8}T\d{6}\r\n/);
    expect(text).toMatch(/\r\nRRULE:FREQ=WEEKLY/);
    const feed = await (await api.get("/kommuner/3403/aktiviteter.ics")).text();
    expect(feed).toContain("BEGIN:VCALENDAR");
    expect(feed).not.toContain(internal);
    const ongoing = await api.get(`/aktiviteter/${demoActivityIds.hamarPlacement}/kalender.ics`);
    expect(ongoing.status()).toBe(404);
    expect(ongoing.headers()["content-type"]).toContain("text/plain");
  });
});
