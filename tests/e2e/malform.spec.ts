import { request } from "@playwright/test";
import { expect, expectNoAxeViolations, expectPageStructure, test } from "./support/fixtures.ts";
import { BASE_URL } from "./support/paths.ts";
import { ids } from "./route-manifest.ts";
import { csrfTokenFrom } from "./support/http.ts";

/**
 * Målform: a kommune that writes nynorsk (Kinn) is shown in nynorsk — its own pages, its print view, and its
 * coordinators' interface — unless the reader chose a language (?lang, the switcher, a saved choice, or a browser
 * asking for something other than Norwegian). Hamar is neutral and stays in bokmål.
 */
test.describe("målform", () => {
  test("a nynorsk kommune's pages and print view are in nynorsk for a Norwegian browser, English for an English one", async () => {
    const norwegian = await request.newContext({ baseURL: BASE_URL, extraHTTPHeaders: { "Accept-Language": "nb-NO,nb;q=0.9" } });
    for (const path of [`/kommuner/${ids.kinn}`, `/kommuner/${ids.kinn}/oversikt`, `/kommuner/${ids.kinn}/oversikt/utskrift`]) {
      const html = await (await norwegian.get(path)).text();
      expect(html, path).toMatch(/<html lang="nn"/);
    }
    expect(await (await norwegian.get(`/kommuner/${ids.hamar}/oversikt`)).text()).toMatch(/<html lang="nb"/);
    expect(await (await norwegian.get("/kommuner")).text()).toMatch(/<html lang="nb"/);
    await norwegian.dispose();

    const english = await request.newContext({ baseURL: BASE_URL, extraHTTPHeaders: { "Accept-Language": "en-GB,en;q=0.9" } });
    expect(await (await english.get(`/kommuner/${ids.kinn}/oversikt`)).text()).toMatch(/<html lang="en"/);
    await english.dispose();
  });

  test("Kinn's coordinator works in nynorsk until they choose bokmål", async ({ pageAs }) => {
    const page = await pageAs("coordinator_kinn");
    await page.goto("/");
    await expectPageStructure(page, "nn");
    await expect(page.getByRole("heading", { level: 2, name: /^Arbeidet ditt/ })).toBeVisible();
    await expect(page.getByRole("heading", { level: 3, name: "Kinn kommune" })).toBeVisible();
    await expectNoAxeViolations(page);

    // A choice for this browser only: the cookie as the language switcher writes it ("nb", JSON in base64). The
    // switcher itself would also save it to the shared demo account, which other tests read.
    await page.context().addCookies([{ name: "samspill_lang", value: encodeURIComponent(btoa(JSON.stringify("nb"))), url: BASE_URL }]);
    await page.goto("/");
    await expectPageStructure(page, "nb");
    await expect(page.getByRole("heading", { level: 2, name: /^Ditt arbeid/ })).toBeVisible();
  });

  test("a visitor's own choice wins over the kommune's målform", async ({ browser }) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto("/");
    const token = csrfTokenFrom(await page.content());
    const response = await page.request.post("/sprak", { form: { _csrf: token, lang: "nb", redirectTo: `/kommuner/${ids.kinn}/oversikt` }, maxRedirects: 0 });
    expect(response.status()).toBe(302);
    await page.goto(`/kommuner/${ids.kinn}/oversikt`);
    await expectPageStructure(page, "nb");
    await context.close();
  });
});
