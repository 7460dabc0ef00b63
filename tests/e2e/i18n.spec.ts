import type { Page } from "@playwright/test";
import { expect, expectNoAxeViolations, expectNoProblems, expectPageStructure, test, watchPage } from "./support/fixtures.ts";
import { message, type TestLocale } from "./support/messages.ts";

/**
 * Language: the header's language form switches to nynorsk and English with
 * and without JavaScript, the browser's Accept-Language picks the first
 * language, and a handful of pages pass the page checks in each language.
 * Only anonymous visitors switch here: a signed-in switch is saved on the
 * demo account and would change the language of other tests' pages.
 */

async function expectLanguage(page: Page, locale: TestLocale): Promise<void> {
  await expect(page.locator("html")).toHaveAttribute("lang", locale);
  const nav = page.getByRole("navigation", { name: message(locale, "shell.mainNav") });
  await expect(nav.getByRole("link", { name: message(locale, "nav.organizations"), exact: true })).toBeVisible();
  await expect(nav.getByRole("link", { name: message(locale, "nav.municipalities"), exact: true })).toBeVisible();
}

async function switchLanguage(page: Page, from: TestLocale, to: TestLocale): Promise<void> {
  await page.getByLabel(message(from, "language.label"), { exact: true }).selectOption(to);
  await page.getByRole("button", { name: message(from, "language.submit"), exact: true }).click();
}

for (const javaScriptEnabled of [false, true]) {
  const mode = javaScriptEnabled ? "with JavaScript" : "without JavaScript";
  // /logg-inn is hydrated, the home page is plain HTML: one of each.
  for (const startUrl of ["/", "/logg-inn"]) {
    test(`language form on ${startUrl} switches nb → nn → en → nb (${mode})`, async ({ pageAs }) => {
      const page = await pageAs("anonymous", { javaScriptEnabled });
      const problems = watchPage(page);
      await page.goto(startUrl);
      await expectLanguage(page, "nb");

      await switchLanguage(page, "nb", "nn");
      await expectLanguage(page, "nn");
      await expect(page, "stays on the same page").toHaveURL(startUrl);

      await switchLanguage(page, "nn", "en");
      await expectLanguage(page, "en");

      // The choice is remembered on the next page.
      await page.goto(startUrl === "/" ? "/logg-inn" : "/");
      await expectLanguage(page, "en");

      await switchLanguage(page, "en", "nb");
      await expectLanguage(page, "nb");
      expectNoProblems(problems);
    });
  }
}

/** A fresh visitor whose browser asks for this language (Chromium sends the locale as Accept-Language). */
function acceptLanguage(locale: string) {
  return { locale };
}

for (const [header, expected] of [
  ["en-GB", "en"],
  ["en", "en"],
  ["nn-NO", "nn"],
  ["no", "nb"],
  ["de-DE", "nb"],
] as const) {
  test(`Accept-Language "${header}" on a fresh visit gives ${expected}`, async ({ browser }) => {
    const context = await browser.newContext(acceptLanguage(header));
    try {
      const page = await context.newPage();
      await page.goto("/");
      await expectLanguage(page, expected);
    } finally {
      await context.close();
    }
  });
}

const pagesPerLanguage = ["/", "/logg-inn", "/organisasjoner", "/kommuner/3403", "/glemt-passord", "/finnes-ikke"];
for (const locale of ["nn", "en"] as const) {
  for (const url of pagesPerLanguage) {
    test(`${url} in ${locale}: lang, one h1, axe`, async ({ browser }) => {
      const context = await browser.newContext(acceptLanguage(locale === "nn" ? "nn-NO" : "en-GB"));
      try {
        const page = await context.newPage();
        const problems = watchPage(page, { ignoreHttpErrorConsole: url === "/finnes-ikke" });
        await page.goto(url, { waitUntil: "networkidle" });
        await expectPageStructure(page, locale);
        await expectNoAxeViolations(page);
        expectNoProblems(problems);
      } finally {
        await context.close();
      }
    });
  }
}

test("a signed-in user's page follows the browser language too", async ({ pageAs }) => {
  const page = await pageAs("org_member", acceptLanguage("en-GB"));
  await page.goto("/");
  // The demo accounts have no saved language, so Accept-Language decides.
  await expectLanguage(page, "en");
  await expect(page.getByRole("button", { name: message("en", "nav.signOut"), exact: true })).toBeVisible();
});
