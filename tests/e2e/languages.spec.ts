import type { APIRequestContext, BrowserContext, Page } from "@playwright/test";
import { request as playwrightRequest } from "@playwright/test";
import { manifest } from "./route-manifest.ts";
import { expect, expectNoAxeViolations, expectNoProblems, expectPageStructure, test, watchPage } from "./support/fixtures.ts";
import { message, type TestLocale } from "./support/messages.ts";
import { BASE_URL } from "./support/paths.ts";
import { csrfTokenFrom, relativeLocation } from "./support/http.ts";
import { allLocalesRoutePatterns, localeCookieName, localeDir, localeNames, allLocales } from "../../app/i18n/config.ts";
import { demoActivityIds, UNKNOWN_ID } from "../../app/domain/demo/ids.ts";

/**
 * The finder languages (docs/decisions/finder-languages.md): Ukrainian,
 * Arabic, Tigrinya, Somali and Dari on the pages available in all languages
 * (home, finder, activity page), right to left for Arabic and Dari; English
 * on every other page for a visitor who chose one of them. Anonymous
 * visitors only (a signed-in switch would be saved on the shared demo account).
 */

const finderUrl = "/aktiviteter";
const languageCafe = `/aktiviteter/${demoActivityIds.hamarLanguageCafe}`;

/** The language cookie as the app writes it (React Router's cookie: base64 of the JSON value). */
async function chooseByCookie(context: BrowserContext, locale: TestLocale): Promise<void> {
  await context.addCookies([{ name: localeCookieName, value: Buffer.from(JSON.stringify(locale)).toString("base64"), url: BASE_URL }]);
}

async function expectLanguage(page: Page, locale: TestLocale): Promise<void> {
  await expect(page.locator("html")).toHaveAttribute("lang", locale);
  await expect(page.locator("html")).toHaveAttribute("dir", localeDir[locale]);
  await expect(page.getByRole("navigation", { name: message(locale, "shell.mainNav") })).toBeVisible();
}

async function switchLanguage(page: Page, from: TestLocale, to: TestLocale): Promise<void> {
  await page.getByLabel(message(from, "language.label"), { exact: true }).selectOption(to);
  await page.getByRole("button", { name: message(from, "language.submit"), exact: true }).click();
}

test("the finder switches to Arabic, Dari and Ukrainian with the language form, without JavaScript", async ({ pageAs }) => {
  const page = await pageAs("anonymous", { javaScriptEnabled: false });
  await page.goto(finderUrl);
  await expectLanguage(page, "nb");

  await switchLanguage(page, "nb", "ar");
  await expect(page).toHaveURL(finderUrl);
  await expectLanguage(page, "ar");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(message("ar", "finder.title"));

  await switchLanguage(page, "ar", "prs");
  await expectLanguage(page, "prs");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(message("prs", "finder.title"));

  await switchLanguage(page, "prs", "uk");
  await expectLanguage(page, "uk");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(message("uk", "finder.title"));

  await switchLanguage(page, "uk", "nb");
  await expectLanguage(page, "nb");
});

test("the finder's language switcher offers all eight languages, each named in itself", async ({ pageAs }) => {
  const page = await pageAs("anonymous");
  await page.goto(finderUrl);
  const options = page.locator("#language-select option");
  await expect(options).toHaveCount(allLocales.length);
  for (const locale of allLocales) {
    const option = page.locator(`#language-select option[value="${locale}"]`);
    await expect(option).toHaveText(localeNames[locale]);
    await expect(option).toHaveAttribute("lang", locale);
  }
});

test("Arabic on a page that is not translated: English, left to right, three languages offered", async ({ pageAs }) => {
  const page = await pageAs("anonymous");
  await chooseByCookie(page.context(), "ar");
  const problems = watchPage(page);
  await page.goto("/logg-inn", { waitUntil: "networkidle" });
  await expectLanguage(page, "en");
  await expect(page.getByRole("link", { name: message("en", "nav.organizations"), exact: true })).toBeVisible();
  await expect(page.locator("#language-select option")).toHaveCount(3);
  // The choice is kept: back on the finder it is Arabic again.
  await page.goto(finderUrl, { waitUntil: "networkidle" });
  await expectLanguage(page, "ar");
  expectNoProblems(problems);
});

test("a client-side navigation from an English page to the finder switches to Arabic and right to left", async ({ pageAs }) => {
  // Public pages ship no JavaScript (page-weight.spec.ts); a signed-in page is hydrated.
  const page = await pageAs("org_member");
  await chooseByCookie(page.context(), "ar");
  const problems = watchPage(page);
  await page.goto("/min-side", { waitUntil: "networkidle" });
  await expectLanguage(page, "en");
  // /min-side is hydrated, so this link is followed by React Router, not by a page load.
  const documentLoads: string[] = [];
  page.on("request", (request) => {
    if (request.resourceType() === "document") documentLoads.push(request.url());
  });
  await page
    .getByRole("navigation", { name: message("en", "shell.mainNav") })
    .getByRole("link", { name: message("en", "nav.activities"), exact: true })
    .click();
  await expect(page).toHaveURL(finderUrl);
  expect(documentLoads, "a client-side navigation").toEqual([]);
  await expectLanguage(page, "ar");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(message("ar", "finder.title"));
  expectNoProblems(problems);
});

test("?lang=ar shows an activity in Arabic without a cookie, and the switcher then takes over", async ({ pageAs }) => {
  const page = await pageAs("anonymous");
  await page.goto(`${languageCafe}?lang=ar`);
  await expectLanguage(page, "ar");
  // The link language does not stick: the next page is in the visitor's own language.
  await page.goto(languageCafe);
  await expectLanguage(page, "nb");
  // Switching from a ?lang= page drops the parameter, so the new choice shows.
  await page.goto(`${finderUrl}?lang=ar`);
  await switchLanguage(page, "ar", "so");
  await expect(page).toHaveURL(finderUrl);
  await expectLanguage(page, "so");
});

for (const [header, expected] of [
  ["ar", "ar"],
  ["fa-AF", "prs"],
  ["ti-ER", "ti"],
] as const) {
  test(`Accept-Language "${header}" on a fresh visit to the finder gives ${expected}`, async ({ browser }) => {
    const context = await browser.newContext({ locale: header });
    try {
      const page = await context.newPage();
      await page.goto(finderUrl);
      await expectLanguage(page, expected);
    } finally {
      await context.close();
    }
  });
}

/**
 * The crawl in the finder languages: every crawled page available in all
 * languages (anonymous, 200), in Arabic and Dari (right to left) with the
 * full page checks; the finder and one activity in the other three.
 */
const allLocalesPages = manifest
  .filter((entry) => allLocalesRoutePatterns.includes(entry.pattern))
  .flatMap((entry) => entry.samples.filter((s) => s.crawl && s.expect.anonymous === 200).map((s) => ({ pattern: entry.pattern, url: s.url, note: s.note })));

const crawlPlan: { locale: TestLocale; pages: typeof allLocalesPages }[] = [
  { locale: "ar", pages: allLocalesPages },
  { locale: "prs", pages: allLocalesPages },
  ...(["uk", "ti", "so"] as const).map((locale) => ({ locale, pages: allLocalesPages.filter((p) => p.url === finderUrl || p.url === languageCafe) })),
];

test("the crawl in the finder languages covers the finder and the activity page", () => {
  expect(allLocalesPages.map((p) => p.url)).toEqual(expect.arrayContaining(["/", finderUrl, languageCafe]));
});

for (const { locale, pages } of crawlPlan) {
  for (const p of pages) {
    test(`[${p.pattern}] in ${locale}: ${p.url}${p.note ? ` (${p.note})` : ""}: lang, dir, one h1, axe`, async ({ pageAs }) => {
      const page = await pageAs("anonymous");
      await chooseByCookie(page.context(), locale);
      const problems = watchPage(page);
      const response = await page.goto(p.url, { waitUntil: "networkidle" });
      expect(response?.status()).toBe(200);
      await expectPageStructure(page, locale);
      await expect(page.locator("html")).toHaveAttribute("dir", localeDir[locale]);
      await expectNoAxeViolations(page);
      expectNoProblems(problems);
    });
  }
}

test("an unknown activity in Arabic: the 404 page in Arabic, right to left", async ({ pageAs }) => {
  const page = await pageAs("anonymous");
  await chooseByCookie(page.context(), "ar");
  const problems = watchPage(page, { ignoreHttpErrorConsole: true });
  const response = await page.goto(`/aktiviteter/${UNKNOWN_ID}`, { waitUntil: "networkidle" });
  expect(response?.status()).toBe(404);
  await expectLanguage(page, "ar");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(message("ar", "errors.title.404"));
  await expectNoAxeViolations(page);
  expectNoProblems(problems);
});

test.describe("bad input to the language choice", () => {
  /** A fresh anonymous client (not the shared one: a language cookie would follow other tests). */
  async function withClient(run: (api: APIRequestContext, csrf: string) => Promise<void>): Promise<void> {
    const api = await playwrightRequest.newContext({ baseURL: BASE_URL, extraHTTPHeaders: { "Accept-Language": "nb-NO" } });
    try {
      const home = await api.get("/");
      await run(api, csrfTokenFrom(await home.text()));
    } finally {
      await api.dispose();
    }
  }

  for (const [label, lang] of [
    ["an unknown code", "xx"],
    ["HTML", "<script>alert(1)</script>"],
    ["10,000 characters", "a".repeat(10_000)],
    ["an empty value", ""],
  ] as const) {
    test(`POST /sprak with ${label}: back, no cookie, nothing changes`, async () => {
      await withClient(async (api, csrf) => {
        const response = await api.post("/sprak", { form: { _csrf: csrf, lang, redirectTo: "/aktiviteter" }, maxRedirects: 0 });
        expect(response.status()).toBe(302);
        expect(relativeLocation(response.headers()["location"] ?? "")).toBe("/aktiviteter");
        expect(response.headers()["set-cookie"] ?? "").not.toContain(localeCookieName);
        expect(await (await api.get("/aktiviteter")).text()).toContain('<html lang="nb" dir="ltr"');
      });
    });
  }

  test("POST /sprak keeps a foreign redirect on this site and drops ?lang= from the way back", async () => {
    await withClient(async (api, csrf) => {
      const foreign = await api.post("/sprak", { form: { _csrf: csrf, lang: "ar", redirectTo: "https://evil.example/" }, maxRedirects: 0 });
      expect(relativeLocation(foreign.headers()["location"] ?? "")).toBe("/");
      const back = await api.post("/sprak", { form: { _csrf: csrf, lang: "ti", redirectTo: "/aktiviteter?lang=ar&q=kafe" }, maxRedirects: 0 });
      expect(relativeLocation(back.headers()["location"] ?? "")).toBe("/aktiviteter?q=kafe");
      expect(await (await api.get("/aktiviteter")).text()).toContain('<html lang="ti" dir="ltr"');
    });
  });

  test("?lang= is ignored when unknown, and on pages that are not translated", async () => {
    await withClient(async (api) => {
      for (const url of ["/aktiviteter?lang=xx", "/aktiviteter?lang=%3Cscript%3E", "/logg-inn?lang=ar", "/kommuner?lang=en"]) {
        const response = await api.get(url);
        expect(response.status(), url).toBe(200);
        expect(await response.text(), url).toContain('<html lang="nb" dir="ltr"');
      }
      expect(await (await api.get("/aktiviteter?lang=prs")).text()).toContain('<html lang="prs" dir="rtl"');
    });
  });
});
