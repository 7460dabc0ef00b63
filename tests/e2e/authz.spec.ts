import { request as playwrightRequest, type APIRequestContext } from "@playwright/test";
import routes from "../../app/routes.ts";
import { DEMO_PASSWORD } from "../../app/domain/demo/ids.ts";
import { allCases, compareWithRoutes, demoAccountEmails, describeExpectation, expectedLang, ids, SIGN_IN, type SignedInRole } from "./route-manifest.ts";
import { expect, test } from "./support/fixtures.ts";
import { checkExpectation, csrfTokenFrom, getRetryingOnReset, htmlStructure, relativeLocation } from "./support/http.ts";
import { BASE_URL } from "./support/paths.ts";

/**
 * docs/authorization.md as tests: every manifest sample × every role gets
 * exactly the status the policy gives (redirects not followed), and
 * mutations are refused without a CSRF token or on another tenant's data.
 * Plain HTTP with each role's saved session, no browser: the browser crawl
 * (crawl.spec.ts) loads each page once per distinct rendering, and here every
 * role's HTML of a crawled page is checked for its <html lang> (bokmål, or a nynorsk kommune's målform) and one <h1>.
 */

test("every route in app/routes.ts has a route-manifest entry", () => {
  const { missing, stale } = compareWithRoutes(routes);
  expect(missing, `routes without an entry in tests/e2e/route-manifest.ts: ${missing.join(", ")}`).toEqual([]);
  expect(stale, `manifest entries for routes that no longer exist: ${stale.join(", ")}`).toEqual([]);
});

type Case = ReturnType<typeof allCases>[number];

/** One (URL, role) case: throws with the case named when the answer is not what the manifest says. */
async function checkCase(api: APIRequestContext, c: Case): Promise<void> {
  const response = await getRetryingOnReset(api, c.url);
  const result = checkExpectation(response, c.expect);
  expect(result.ok, `${c.role} GET ${c.url}: ${result.message}`).toBe(true);

  if (c.crawl && c.expect === 200) {
    // Every role's rendering has the structure the crawl checks on one of them.
    const structure = htmlStructure(await response.text());
    expect(structure.lang, `${c.role} GET ${c.url}: <html lang>`).toBe(expectedLang(c.role, c.url));
    expect(structure.h1Count, `${c.role} GET ${c.url}: number of <h1>`).toBe(1);
  }

  if (c.role === "anonymous" && c.expect === SIGN_IN) {
    // The visitor comes back to this very page after signing in.
    const location = new URL(relativeLocation(response.headers()["location"] ?? ""), BASE_URL);
    expect(location.searchParams.get("neste"), "sign-in redirect carries ?neste=<this page>").toBe(c.url);
  }
  if (c.pattern === "/min-side/eksport" && c.expect === 200) {
    expect(response.headers()["content-type"]).toContain("application/json");
    expect(response.headers()["content-disposition"] ?? "").toContain("attachment");
    const body: unknown = await response.json();
    expect(JSON.stringify(body)).toContain(demoAccountEmails[c.role as SignedInRole]);
  }
}

/**
 * One test per route pattern checks all of its (sample, role) cases: a test per case cost more in
 * Playwright's per-test overhead than the request. Every case still runs, also after one fails, and the
 * failure lists each failing case by its title.
 */
const casesByPattern = new Map<string, Case[]>();
for (const c of allCases()) casesByPattern.set(c.pattern, [...(casesByPattern.get(c.pattern) ?? []), c]);
for (const [pattern, cases] of casesByPattern) {
  test(`[${pattern}] GET as every role: ${cases.length} (URL, role) cases`, async ({ roleApi }) => {
    // The default 30 s was per case; a group may take longer on a busy machine.
    test.setTimeout(Math.max(30_000, cases.length * 5_000));
    const failures: string[] = [];
    for (const c of cases) {
      const title = `${c.role}: GET ${c.url} → ${describeExpectation(c.expect)}${c.note ? ` (${c.note})` : ""}`;
      try {
        await checkCase(await roleApi(c.role), c);
      } catch (error) {
        failures.push(`${title}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    expect(failures, `[${pattern}] failing (URL, role) cases`).toEqual([]);
  });
}

/** A valid CSRF token for the client's session, read from a page's forms. */
async function csrfFor(api: APIRequestContext): Promise<string> {
  const page = await api.get("/");
  expect(page.status()).toBe(200);
  return csrfTokenFrom(await page.text());
}

test.describe("mutations need the CSRF token", () => {
  test("POST /sprak without _csrf → 403", async ({ roleApi }) => {
    const api = await roleApi("anonymous");
    const response = await api.post("/sprak", { form: { lang: "en", redirectTo: "/" }, maxRedirects: 0 });
    expect(response.status()).toBe(403);
    expect(response.headers()["set-cookie"] ?? "").not.toContain("samspill_lang");
  });

  test("POST /sprak with a wrong _csrf → 403", async ({ roleApi }) => {
    const api = await roleApi("anonymous");
    const response = await api.post("/sprak", { form: { _csrf: "forged-token", lang: "en", redirectTo: "/" }, maxRedirects: 0 });
    expect(response.status()).toBe(403);
  });

  test("POST /sprak with a valid token but from another origin → refused, no language cookie", async ({ roleApi }) => {
    const api = await roleApi("anonymous");
    const csrf = await csrfFor(api);
    const response = await api.post("/sprak", {
      form: { _csrf: csrf, lang: "en", redirectTo: "/" },
      headers: { Origin: "https://evil.example" },
      maxRedirects: 0,
    });
    // React Router's own check of a page's action requests answers 400 before our middleware's 403 (security-csrf.spec.ts).
    expect([400, 403]).toContain(response.status());
    expect(response.headers()["set-cookie"] ?? "").not.toContain("samspill_lang");
  });

  test("POST /sprak with a valid token → 302 back", async ({ roleApi }) => {
    const api = await roleApi("anonymous");
    const csrf = await csrfFor(api);
    const response = await api.post("/sprak", { form: { _csrf: csrf, lang: "nb", redirectTo: "/kommuner" }, maxRedirects: 0 });
    expect(response.status()).toBe(302);
    expect(relativeLocation(response.headers()["location"] ?? "")).toBe("/kommuner");
  });

  test("POST /organisasjoner/ny without _csrf → 403 (signed in)", async ({ roleApi }) => {
    const api = await roleApi("org_admin");
    const response = await api.post("/organisasjoner/ny", {
      form: { name: "Uten CSRF-token", kind: "voluntary", municipalities: ids.hamar },
      maxRedirects: 0,
    });
    expect(response.status()).toBe(403);
  });

  test("POST /logg-ut without _csrf → 403 and the session survives", async () => {
    // A session of its own: if the check were missing, the shared org_member session would end.
    const api = await signInFresh("org_member");
    try {
      const response = await api.post("/logg-ut", { form: {}, maxRedirects: 0 });
      expect(response.status()).toBe(403);
      const after = await api.get("/min-side", { maxRedirects: 0 });
      expect(relativeLocation(after.headers()["location"] ?? ""), "still signed in").not.toMatch(/^\/logg-inn/);
    } finally {
      await api.dispose();
    }
  });
});

test.describe("another tenant's objects", () => {
  const takeover = {
    name: "Overtatt av feil organisasjon",
    kind: "voluntary",
    description: "Endret av noen uten tilgang.",
    municipalities: ids.tonsberg,
  };

  test("org_admin (Hamar) POST /organisasjoner/<Tønsberg>/rediger with a valid token → 403, nothing changes", async ({ roleApi }) => {
    const api = await roleApi("org_admin");
    const csrf = await csrfFor(api);
    const response = await api.post(`/organisasjoner/${ids.tonsbergRedCross}/rediger`, { form: { _csrf: csrf, ...takeover }, maxRedirects: 0 });
    expect(response.status()).toBe(403);
    const publicPage = await (await roleApi("anonymous")).get(`/organisasjoner/${ids.tonsbergRedCross}`);
    expect(await publicPage.text()).not.toContain(takeover.name);
  });

  test("coordinator_tonsberg POST /organisasjoner/<Hamar>/rediger with a valid token → 403", async ({ roleApi }) => {
    const api = await roleApi("coordinator_tonsberg");
    const csrf = await csrfFor(api);
    const response = await api.post(`/organisasjoner/${ids.hamarVolunteerCentre}/rediger`, {
      form: { _csrf: csrf, ...takeover, municipalities: ids.hamar },
      maxRedirects: 0,
    });
    expect(response.status()).toBe(403);
  });

  test("org_admin (Hamar) POST /organisasjoner/<Tønsberg>/medlemmer (invite) → 403", async ({ roleApi }) => {
    const api = await roleApi("org_admin");
    const csrf = await csrfFor(api);
    const response = await api.post(`/organisasjoner/${ids.tonsbergRedCross}/medlemmer`, {
      form: { _csrf: csrf, intent: "invite", email: "inntrenger@samspill.example", role: "admin" },
      maxRedirects: 0,
    });
    expect(response.status()).toBe(403);
  });

  test("org_member POST /organisasjoner/<own org>/rediger → 403 (members do not edit)", async ({ roleApi }) => {
    const api = await roleApi("org_member");
    const csrf = await csrfFor(api);
    const response = await api.post(`/organisasjoner/${ids.hamarVolunteerCentre}/rediger`, {
      form: { _csrf: csrf, ...takeover, municipalities: ids.hamar },
      maxRedirects: 0,
    });
    expect(response.status()).toBe(403);
  });

  test("employer POST /admin/roller with a valid token → 403", async ({ roleApi }) => {
    const api = await roleApi("employer");
    const csrf = await csrfFor(api);
    const response = await api.post("/admin/roller", {
      form: { _csrf: csrf, intent: "grant", email: demoAccountEmails.employer, role: "national_admin" },
      maxRedirects: 0,
    });
    expect(response.status()).toBe(403);
  });

  test("anonymous POST /organisasjoner/ny with a valid token → sign-in, nothing created", async ({ roleApi }) => {
    const api = await roleApi("anonymous");
    const csrf = await csrfFor(api);
    const response = await api.post("/organisasjoner/ny", {
      form: { _csrf: csrf, name: "Anonym organisasjon", kind: "voluntary", municipalities: ids.hamar },
      maxRedirects: 0,
    });
    expect(response.status()).toBe(302);
    expect(relativeLocation(response.headers()["location"] ?? "")).toMatch(/^\/logg-inn/);
  });

  test("coordinator_hamar GET /kommuner/3905/intern → 403", async ({ roleApi }) => {
    const response = await (await roleApi("coordinator_hamar")).get(`/kommuner/${ids.tonsberg}/intern`, { maxRedirects: 0 });
    expect(response.status()).toBe(403);
  });

  test("county_advisor (Innlandet) GET /kommuner/3403/intern → 200, /kommuner/3905/intern → 403", async ({ roleApi }) => {
    const api = await roleApi("county_advisor");
    expect((await api.get(`/kommuner/${ids.hamar}/intern`, { maxRedirects: 0 })).status()).toBe(200);
    expect((await api.get(`/kommuner/${ids.tonsberg}/intern`, { maxRedirects: 0 })).status()).toBe(403);
  });
});

/** A new session for the role, for tests that could end or change it. */
async function signInFresh(role: SignedInRole): Promise<APIRequestContext> {
  const api = await playwrightRequest.newContext({ baseURL: BASE_URL, maxRedirects: 0 });
  const page = await api.get("/logg-inn");
  const csrf = csrfTokenFrom(await page.text());
  const response = await api.post("/logg-inn", {
    form: { _csrf: csrf, intent: "password", next: "/", email: demoAccountEmails[role], password: DEMO_PASSWORD },
  });
  expect(response.status(), `signing in as ${role}`).toBe(302);
  return api;
}
