import type { APIRequestContext, APIResponse, Browser, BrowserContext, Page } from "@playwright/test";
import { request as playwrightRequest } from "@playwright/test";
import fc from "fast-check";
import { contextFor, expect, expectNoProblems, test, watchPage } from "./support/fixtures.ts";
import { getRetryingOnReset, htmlStructure } from "./support/http.ts";
import { message } from "./support/messages.ts";
import { signedInPreference } from "./support/crawl-plan.ts";
import { ids, manifest, queryParameters, type ManifestEntry, type Role } from "./route-manifest.ts";
import { BASE_URL, storageStatePath } from "./support/paths.ts";
import { signUpAndConfirmOverHttp } from "./support/accounts.ts";

/**
 * Hostile and careless input into the forms a visitor or a new user meets:
 * the server must answer below 500, show a localised error (or accept the
 * input and render it as text), keep one h1, and never run injected script.
 * The browser's own checks (required, maxlength, type=email) are switched off
 * so the server's validation is what gets tested.
 */

interface FormUnderTest {
  name: string;
  url: string;
  /** Finds the form on the page. */
  form: string;
  signedIn: boolean;
}

const forms: FormUnderTest[] = [
  { name: "sign-in (password)", url: "/logg-inn", form: 'main form:has(input[name="intent"][value="password"])', signedIn: false },
  { name: "sign-in (magic link)", url: "/logg-inn", form: 'main form:has(input[name="intent"][value="magic-link"])', signedIn: false },
  { name: "registration", url: "/registrer", form: 'main form:has(input[name="email"])', signedIn: false },
  { name: "forgot password", url: "/glemt-passord", form: 'main form:has(input[name="email"])', signedIn: false },
  { name: "create organisation", url: "/organisasjoner/ny", form: 'main form:has(input[name="name"])', signedIn: true },
  { name: "profile", url: "/min-side", form: 'main form:has(input[name="name"])', signedIn: true },
];

interface Payload {
  label: string;
  value: string;
  /** Input no form may accept: the page must show an error. */
  mustFail: boolean;
}

const payloads: Payload[] = [
  { label: "empty", value: "", mustFail: true },
  { label: "10,000 characters", value: "a".repeat(10_000), mustFail: true },
  { label: "HTML", value: "<script>alert(1)</script><img src=x onerror=alert(2)>", mustFail: false },
  { label: "SQL", value: "'; drop table users; --", mustFail: false },
  { label: "unicode and RTL", value: "مرحبا \u202Eevil\u202C 👩🏽‍💻 Ærøskøbing ǅ \u200B", mustFail: false },
  { label: "NUL and control characters", value: "nul\u0000byte\u0007\u001b[31m", mustFail: false },
];

const ERROR_SELECTOR = '[role="alert"], .ds-validation-message, [data-field="validation"]';

/** Switches off client-side validation so the raw value reaches the server. */
async function disableBrowserValidation(page: Page, formSelector: string): Promise<void> {
  await page.locator(formSelector).evaluate((form: HTMLFormElement) => {
    form.noValidate = true;
    for (const field of Array.from(form.querySelectorAll("input, textarea"))) {
      field.removeAttribute("maxlength");
      field.removeAttribute("required");
      field.removeAttribute("pattern");
      if (field instanceof HTMLInputElement && ["email", "url", "tel", "number"].includes(field.type)) field.type = "text";
    }
  });
}

/** Fills every text field of the form with the value and submits it; returns the POST's status. */
async function submitEverywhere(page: Page, formSelector: string, value: string): Promise<number> {
  await disableBrowserValidation(page, formSelector);
  const form = page.locator(formSelector);
  const fields = form.locator('input:not([type="hidden"]):not([type="checkbox"]):not([type="radio"]):not([type="submit"]), textarea');
  for (const field of await fields.all()) {
    if (await field.isVisible()) await field.fill(value);
  }
  // Pages that ship no JavaScript submit by navigating: the answer is on the page once a new document has
  // loaded (marked so the old one, already loaded, does not count). Hydrated pages submit by fetch and then
  // revalidate: wait until the network is quiet.
  const hydrated = (await page.locator("script[type=module]").count()) > 0;
  if (!hydrated) await page.evaluate(() => ((window as unknown as { beforeSubmit?: boolean }).beforeSubmit = true));
  const posted = page.waitForResponse((r) => r.request().method() === "POST" && r.url().startsWith(BASE_URL), { timeout: 15_000 });
  await form.locator('button[type="submit"]').first().click();
  const response = await posted;
  if (hydrated) await page.waitForLoadState("networkidle");
  else {
    await page.waitForFunction(() => !(window as unknown as { beforeSubmit?: boolean }).beforeSubmit && document.readyState === "complete", undefined, {
      polling: 50,
    });
  }
  return response.status();
}

async function expectSafeResult(page: Page, formUrl: string, payload: Payload, status: number): Promise<void> {
  expect(status, "status of the POST").toBeLessThan(500);
  await expect(page.locator("h1"), "exactly one <h1>").toHaveCount(1);
  const injected = await page.evaluate(
    () => Array.from(document.scripts).filter((s) => /alert\(\d\)/.test(s.textContent ?? "") && !(s.textContent ?? "").includes("\\u003c")).length,
  );
  expect(injected, "no injected <script> element").toBe(0);
  expect(await page.locator("img[src=x]").count(), "no injected <img>").toBe(0);

  const errors = page.locator(ERROR_SELECTOR);
  const stayed = new URL(page.url()).pathname === new URL(formUrl, BASE_URL).pathname;
  if (payload.mustFail) {
    await expect(errors.first(), "an error message is shown").toBeVisible();
  } else if (stayed) {
    // Odd but valid input (a name with HTML or RTL text) may be saved in place: then a confirmation shows instead.
    await expect(page.locator(`${ERROR_SELECTOR}, [role="status"]`).first(), "an error or a confirmation is shown").toBeVisible();
  }
  const shown = (await page.locator(`${ERROR_SELECTOR}, [role="status"]`).allInnerTexts()).join(" ");
  expect(shown, "messages are translated, not raw keys").not.toMatch(/\b(validation|errors|auth|org|account|common)\.[a-z][A-Za-z]+/);
}

/** A throwaway account, signed up and confirmed through its e-mail, so changes to a profile do not touch the demo accounts. */
async function newUserContext(browser: Browser): Promise<BrowserContext> {
  const api = await playwrightRequest.newContext({ baseURL: BASE_URL, maxRedirects: 0 });
  try {
    const email = `bad-input-${Date.now()}-${Math.floor(Math.random() * 1e6)}@samspill.example`;
    await signUpAndConfirmOverHttp(api, "Testbruker Ugyldig", email, "et-langt-passord-123");
    const path = storageStatePath("anonymous").replace(/anonymous\.json$/, `fresh-${Date.now()}-${Math.random()}.json`);
    await api.storageState({ path });
    return browser.newContext({ storageState: path });
  } finally {
    await api.dispose();
  }
}

// One test per form: the payloads run one after the other in one browser context (one throwaway account for
// the signed-in forms), each on a fresh page load of the form; a failure names the form and the payload (step).
for (const form of forms) {
  test(`bad input: ${form.name} (${form.url}): ${payloads.map((p) => p.label).join("; ")}`, async ({ browser }) => {
    // The 30 s each payload had as a test of its own, and the throwaway account's sign-up.
    test.setTimeout(30_000 * (payloads.length + 1));
    const context = form.signedIn ? await newUserContext(browser) : await contextFor(browser, "anonymous");
    try {
      // One tab for all payloads, each loading the form afresh (a new tab per payload cost a renderer process each).
      const page = await context.newPage();
      for (const payload of payloads) {
        await test.step(`${form.name}: ${payload.label}`, async () => {
          const problems = watchPage(page, { ignoreHttpErrorConsole: true });
          try {
            const response = await page.goto(form.url);
            expect(response?.status(), `GET ${form.url}`).toBe(200);
            const status = await submitEverywhere(page, form.form, payload.value);
            await expectSafeResult(page, form.url, payload, status);
            expectNoProblems(problems);
          } catch (error) {
            if (error instanceof Error) error.message = `${form.name} (${form.url}), ${payload.label}: ${error.message}`;
            throw error;
          } finally {
            problems.stop();
          }
        });
      }
    } finally {
      await context.close();
    }
  });
}

test("bad input: random strings into the sign-in form (fast-check, 20 runs)", async ({ browser }) => {
  // Each run submits the form and waits for the answer page: 2 minutes on a heavily loaded machine.
  test.setTimeout(240_000);
  const context = await contextFor(browser, "anonymous");
  try {
    const page = await context.newPage();
    const problems = watchPage(page, { ignoreHttpErrorConsole: true });
    const form = 'main form:has(input[name="intent"][value="password"])';
    const arbitrary = fc.oneof(
      fc.string({ unit: "grapheme", maxLength: 300 }),
      fc.string({ unit: "binary", maxLength: 300 }),
      fc.tuple(fc.string({ maxLength: 40 }), fc.constantFrom("@", "<", ">", "'", '"', "\\", "%00", "\u202E")).map(([a, b]) => a + b + a),
    );
    await fc.assert(
      fc.asyncProperty(arbitrary, async (value) => {
        await page.goto("/logg-inn");
        const status = await submitEverywhere(page, form, value);
        expect(status).toBeLessThan(500);
        await expect(page.locator("h1")).toHaveCount(1);
        await expect(page.locator(ERROR_SELECTOR).first()).toBeVisible();
      }),
      { numRuns: 20 },
    );
    expectNoProblems(problems);
  } finally {
    await context.close();
  }
});

// ---------------------------------------------------------------------------------------------
// Query parameters and path segments (issue 9, finding 8; issue 11, defect 1).
//
// Every route in the route manifest gets hostile values in every query parameter it is known to
// read (its sample URLs' parameters, the manifest's `queryParameters`, and `q` and `side`, which
// lists share), one parameter at a time, and then in every parameter name the manifest knows at
// once; routes with path parameters get them in the path too. Values no route may accept (control
// characters, broken percent-encoding, text that is not UTF-8, overlong values) must be refused
// with 400 and a localised message (JSON on the open-data API); odd but valid values must not
// cause a 5xx.
//
// Who sends them (see rolesFor): each route is tried as anonymous and as the signed-in role that
// sees the most of it. The refusal is made in the root middleware, before any route or anything
// that depends on the visitor runs, so the refused values one parameter at a time are sent as one
// of the two (the first, the cheaper one that still reaches the route's loader); the other role
// gets every refused value in all parameters at once (proving the refusal also comes first on its
// way through the route, e.g. before a redirect to sign-in) and everything the route accepts, whose
// handling depends on the role (what it may see, the redirect to sign-in with the URL in ?neste).

interface UrlPayload {
  label: string;
  /** Already percent-encoded (or deliberately broken): put into the URL as it is. */
  raw: string;
  refused: boolean;
}

const refusedValues: UrlPayload[] = [
  { label: "NUL", raw: "a%00b", refused: true },
  { label: "bell and escape", raw: "%07%1B%5B31m", refused: true },
  { label: "vertical tab, form feed, unit separator, DEL", raw: "a%0B%0C%1F%7F", refused: true },
  { label: "encoded lone surrogate", raw: "%ED%A0%80", refused: true },
  { label: "truncated percent-encoding", raw: "%E0%A4%A", refused: true },
  { label: "bare %", raw: "100%", refused: true },
  { label: "non-hex percent-encoding", raw: "%zz", refused: true },
  { label: "overlong UTF-8", raw: "%C0%AE%C0%AE%2F", refused: true },
  { label: "bytes that are never UTF-8", raw: "%FF%FE", refused: true },
];
const overlongValue: UrlPayload = { label: "3,000 characters", raw: "a".repeat(3000), refused: true };
// Odd but valid text in one value (each one runs the route's whole loader, so they share it).
const acceptedValues: UrlPayload[] = [
  {
    label: "tab, line breaks, HTML, SQL, RTL override, emoji, U+FFFF",
    raw: encodeURIComponent("a\tb\r\nc <script>alert(1)</script>'; drop table users; -- مرحبا \u202Eevil\u202C 👩🏽‍💻 Ærøskøbing ǅ \u200B\uFFFF"),
    refused: false,
  },
];
const longestAllowedValue: UrlPayload = { label: "2,000 characters", raw: "a".repeat(2000), refused: false };

const pathPayloads: UrlPayload[] = [
  { label: "NUL", raw: "%00", refused: true },
  { label: "control character", raw: "abc%01", refused: true },
  { label: "truncated percent-encoding", raw: "%E0%A4%A", refused: true },
  { label: "encoded lone surrogate", raw: "%ED%A0%80", refused: true },
  { label: "bare %", raw: "%", refused: true },
  { label: "HTML", raw: "%3Cscript%3Ealert(1)%3C%2Fscript%3E", refused: false },
  { label: "unicode", raw: "%F0%9F%91%A9%E2%80%AE%C3%86", refused: false },
  { label: "dot segments", raw: "..%2F..%2Fetc%2Fpasswd", refused: false },
  { label: "500 characters", raw: "x".repeat(500), refused: false },
];

/** Parameter names in a URL's query string, decoded. */
function parameterNames(url: string): string[] {
  return [...new URL(url, BASE_URL).searchParams.keys()];
}

/** Every parameter name the manifest knows: in sample URLs and in `queryParameters`. */
const knownParameterNames = [
  ...new Set([
    "q",
    "side",
    ...manifest.flatMap((entry) => entry.samples.flatMap((sample) => parameterNames(sample.url))),
    ...Object.values(queryParameters).flatMap((names) => names ?? []),
  ]),
].sort();

/** `url` with parameter `name` set to `raw` (replacing any value the URL had). */
function withParameter(url: string, name: string, raw: string): string {
  const [path, query = ""] = url.split("?");
  const kept = query.split("&").filter((pair) => pair && decodeURIComponent(pair.split("=")[0]!) !== name);
  return `${path}?${[...kept, `${encodeURIComponent(name)}=${raw}`].join("&")}`;
}

/** The first path parameter of `pattern`, replaced in a sample URL of it (samples follow the pattern's segments). */
function withPathParameter(pattern: string, sampleUrl: string, raw: string): string | null {
  const segments = pattern.split("/");
  const index = segments.findIndex((s) => s.startsWith(":"));
  if (index === -1) return null;
  const sampleSegments = sampleUrl.split("?")[0]!.split("/");
  sampleSegments[index] = raw;
  return sampleSegments.join("/");
}

/** The refusal in the asker's language: a role's account may have chosen nynorsk (Kinn's coordinator works in nynorsk). */
const refusalMessages = (["nb", "nn", "en"] as const).map((locale) => message(locale, "errors.badUrl"));
const refusalMessage = refusalMessages[0]!;

/** What a refusal must look like: 400 and the message, as a page, or JSON on the API and downloads. */
async function refusalProblem(response: APIResponse, url: string): Promise<string | null> {
  if (response.status() !== 400) return `${url}: expected 400, got ${response.status()}`;
  const type = response.headers()["content-type"] ?? "";
  const body = await response.text();
  if (new URL(url, BASE_URL).pathname.startsWith("/api/")) {
    const json = JSON.parse(body) as { error?: string; message?: string };
    return json.error === "bad_request" && json.message ? null : `${url}: API answer without {error: "bad_request", message}: ${body.slice(0, 200)}`;
  }
  if (type.startsWith("text/html")) {
    const { h1Count } = htmlStructure(body);
    if (h1Count !== 1) return `${url}: ${h1Count} <h1> on the error page`;
    return refusalMessages.some((m) => body.includes(m)) ? null : `${url}: the error page lacks the message "${refusalMessage}"`;
  }
  const json = JSON.parse(body) as { message?: string };
  return json.message !== undefined && refusalMessages.includes(json.message) ? null : `${url}: ${type} answer without the message: ${body.slice(0, 200)}`;
}

/**
 * The roles the route is tried as. First: anonymous when anonymous visitors get a 200 page of the route
 * (the parameters reach its loader), else the signed-in role that sees the most of it; second: the other
 * one of anonymous and that signed-in role.
 */
function rolesFor(entry: ManifestEntry): [Role, Role] {
  const signedIn = signedInPreference.find((role) => entry.samples.some((s) => s.expect[role] === 200));
  if (!signedIn || entry.samples.some((s) => s.expect.anonymous === 200)) return ["anonymous", signedIn ?? "national_admin"];
  return [signedIn, "anonymous"];
}

/** The sample the role gets a 200 for (so the parameters reach the loader), else the first. */
function baseUrlFor(entry: ManifestEntry, role: Role): string {
  return (entry.samples.find((s) => s.expect[role] === 200) ?? entry.samples[0]!).url;
}

/** Runs the tasks with at most `limit` of them at a time (a few requests in flight keep the server busy). */
async function inParallel(tasks: (() => Promise<void>)[], limit = 4): Promise<void> {
  let next = 0;
  const run = async () => {
    while (next < tasks.length) await tasks[next++]!();
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, run));
}

test.describe("bad input: every route's query parameters and path parameters", () => {
  for (const entry of manifest) {
    test(`[${entry.pattern}]`, async ({ roleApi }) => {
      test.setTimeout(240_000);
      const names = [...new Set(["q", "side", ...entry.samples.flatMap((s) => parameterNames(s.url)), ...(queryParameters[entry.pattern] ?? [])])];
      const failures: string[] = [];
      const checks: (() => Promise<void>)[] = [];
      const check = (api: APIRequestContext, role: Role, url: string, payload: UrlPayload) =>
        checks.push(async () => {
          const response = await getRetryingOnReset(api, url);
          if (payload.refused) {
            const problem = await refusalProblem(response, url);
            if (problem) failures.push(`${role} (${payload.label}): ${problem}`);
          } else if (response.status() >= 500) {
            failures.push(`${role} (${payload.label}): ${url.slice(0, 200)}: ${response.status()}`);
          }
        });
      const [first, second] = rolesFor(entry);
      for (const role of [first, second]) {
        const api = await roleApi(role);
        const base = baseUrlFor(entry, role);
        // One parameter at a time: the refused values as the first role only (the refusal precedes the route).
        const oneAtATime =
          role === first ? [...refusedValues, overlongValue, ...acceptedValues, longestAllowedValue] : [...acceptedValues, longestAllowedValue];
        for (const payload of oneAtATime) {
          for (const name of names) check(api, role, withParameter(base, name, payload.raw), payload);
        }
        // Every known name at once (lengths stay per parameter: all of them long would pass Node's header limit).
        for (const payload of [...refusedValues, ...acceptedValues]) {
          check(
            api,
            role,
            knownParameterNames.reduce((url, name) => withParameter(url, name, payload.raw), base),
            payload,
          );
        }
        for (const payload of pathPayloads) {
          const url = withPathParameter(entry.pattern, base, payload.raw);
          if (url) check(api, role, url, payload);
        }
      }
      await inParallel(checks);
      expect(failures.sort(), `${failures.length} bad answers`).toEqual([]);
    });
  }

  test("every route named in queryParameters exists in the manifest", () => {
    const patterns = new Set(manifest.map((e) => e.pattern));
    expect(Object.keys(queryParameters).filter((p) => !patterns.has(p))).toEqual([]);
  });
});

test.describe("bad input: a NUL byte in the searches that answered 500", () => {
  const cases: { url: string; role: Role }[] = [
    { url: "/admin/logg?handling=a%00b", role: "national_admin" },
    { url: "/admin/logg?type=a%00b", role: "national_admin" },
    { url: "/admin/logg?f%C3%B8r=a%00b", role: "national_admin" },
    { url: `/organisasjoner/${ids.hamarVolunteerCentre}/slaa-sammen?q=a%00b`, role: "coordinator_hamar" },
    { url: `/organisasjoner/${ids.hamarVolunteerCentre}/slaa-sammen?kilde=a%00b`, role: "coordinator_hamar" },
    { url: "/aktiviteter/lignende?municipality=3403&title=Lekse%00hjelp", role: "org_admin" },
    { url: "/aktiviteter/lignende?municipality=3403&title=Leksehjelp&description=a%00b", role: "org_admin" },
    { url: "/aktiviteter?q=a%00b", role: "anonymous" },
    { url: "/aktiviteter?municipality=a%00b", role: "anonymous" },
    { url: "/organisasjoner?q=a%00b", role: "anonymous" },
    { url: "/organisasjoner?q=a%00b", role: "org_member" },
    { url: "/kommuner?q=a%00b", role: "anonymous" },
    { url: "/aktiviteter/eksport.csv?q=a%00b", role: "anonymous" },
    { url: "/api/v1/services?search=a%00b", role: "anonymous" },
    { url: "/api/v1/organizations?search=a%00b", role: "anonymous" },
  ];
  test(`each of the ${cases.length} → 400 with a message`, async ({ roleApi }) => {
    const problems: string[] = [];
    for (const c of cases) {
      const problem = await refusalProblem(await getRetryingOnReset(await roleApi(c.role), c.url), c.url);
      if (problem) problems.push(`${c.role}: ${problem}`);
    }
    expect(problems).toEqual([]);
  });

  test("the same searches without the NUL still answer 200", async ({ roleApi }) => {
    for (const c of cases) {
      const api = await roleApi(c.role);
      const url = c.url.replace("%00", "");
      expect((await api.get(url, { maxRedirects: 0 })).status(), url).toBe(200);
    }
  });

  test("a query string over 8,192 characters or with over 200 parameters → 400", async ({ roleApi }) => {
    const api = await roleApi("anonymous");
    const long = `/organisasjoner?${Array.from({ length: 10 }, (_, i) => `q${i}=${"a".repeat(900)}`).join("&")}`;
    expect(await refusalProblem(await api.get(long), long.slice(0, 60))).toBeNull();
    const many = `/aktiviteter?${Array.from({ length: 201 }, () => "themes=language").join("&")}`;
    expect(await refusalProblem(await api.get(many), many.slice(0, 60))).toBeNull();
  });

  test("the refusal is in the visitor's language: ?lang=ar on the finder, English by Accept-Language", async () => {
    // Fresh clients without cookies: a language chosen earlier by another test
    // in this worker (the shared anonymous client) would outrank Accept-Language.
    const fresh = () => playwrightRequest.newContext({ baseURL: BASE_URL, maxRedirects: 0 });
    const arabicClient = await fresh();
    const englishClient = await fresh();
    try {
      const arabic = await arabicClient.get("/aktiviteter?lang=ar&q=a%00b");
      expect(arabic.status()).toBe(400);
      const arabicHtml = await arabic.text();
      expect(htmlStructure(arabicHtml).lang).toBe("ar");
      expect(arabicHtml).toContain(message("ar", "errors.badUrl"));
      const english = await englishClient.get("/organisasjoner?q=a%00b", { headers: { "Accept-Language": "en" } });
      expect(english.status()).toBe(400);
      expect(await english.text()).toContain(message("en", "errors.badUrl"));
    } finally {
      await arabicClient.dispose();
      await englishClient.dispose();
    }
  });

  test("in the browser: the refusal page has one h1, the message, and no script errors", async ({ browser }) => {
    const context = await contextFor(browser, "national_admin");
    try {
      const page = await context.newPage();
      const problems = watchPage(page, { ignoreHttpErrorConsole: true });
      const response = await page.goto("/admin/logg?handling=a%00b");
      expect(response?.status()).toBe(400);
      await expect(page.locator("h1")).toHaveCount(1);
      await expect(page.locator("main")).toContainText(refusalMessage);
      await page.waitForLoadState("networkidle");
      expect(problems.pageErrors, "uncaught exceptions in the page").toEqual([]);
      expect(problems.consoleErrors, "console errors (hydration)").toEqual([]);
    } finally {
      await context.close();
    }
  });
});
