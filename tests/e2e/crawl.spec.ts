import type { Page } from "@playwright/test";
import { expectedLang, manifest, roles, type Role } from "./route-manifest.ts";
import { crawlPlan, type PageCheck } from "./support/crawl-plan.ts";
import { expect, expectNoAxeViolations, expectNoProblems, expectPageStructure, test, watchPage, type CrawlPages } from "./support/fixtures.ts";
import { BASE_URL } from "./support/paths.ts";

/**
 * Every crawled page (`crawl: true` in the manifest) loaded in Chromium: no
 * 5xx, no console errors, <html lang> (nb, or nn for a nynorsk kommune's pages and coordinators), one h1, and no WCAG 2.1 AA
 * violations (axe). Once per distinct rendering, not once per role (see
 * support/crawl-plan.ts for which roles); who gets which status is asserted
 * for every role by authz.spec.ts. Error pages get the same checks once per
 * pattern and status, and public pages and forms again with JavaScript off.
 */

interface PageVisit {
  pages: CrawlPages;
  role: Role;
  url: string;
  status: number;
  javaScriptEnabled?: boolean;
}

/**
 * Waits until the page has settled. A page with scripts (hydration, a map
 * enhancement) gets the network to go quiet, so late console errors are
 * caught; a page without any (the `hydrate: false` pages, or scripts blocked)
 * is settled at `load`, and waiting 500 ms for network idle gains nothing.
 */
async function settle(page: Page, javaScriptEnabled: boolean): Promise<void> {
  if (!javaScriptEnabled) return;
  if ((await page.locator("script[src], script[type='module']").count()) === 0) return;
  await page.waitForLoadState("networkidle");
}

async function visitAndCheck({ pages, role, url, status, javaScriptEnabled = true }: PageVisit): Promise<void> {
  const page = await pages.pageFor(role, javaScriptEnabled);
  const problems = watchPage(page, { ignoreHttpErrorConsole: status !== 200, scriptsBlocked: !javaScriptEnabled });
  try {
    const response = await page.goto(url, { waitUntil: "load" });
    expect(response?.status(), `status of ${url}`).toBe(status);
    // A 200 after a redirect (e.g. to sign-in) is not the page we asked for.
    expect(new URL(page.url()).pathname, "no redirect").toBe(new URL(url, BASE_URL).pathname);
    await settle(page, javaScriptEnabled);
    await expectPageStructure(page, expectedLang(role, url));
    await expectNoAxeViolations(page);
    expectNoProblems(problems);
  } finally {
    problems.stop();
  }
}

// axe on the largest pages (all 357 kommuner in one table) takes 11–14 s on an idle machine and over 30 s on
// a busy one: the crawl's pages get more room than the default test timeout.
test.describe.configure({ timeout: 90_000 });

const plan = crawlPlan();
const title = (p: PageCheck) => `[${p.pattern}] ${p.role}: ${p.url}${p.note ? ` (${p.note})` : ""}`;

test("the crawl covers every crawled sample, every error status and every role", () => {
  const loaded = new Set(plan.pages.map((p) => p.url));
  for (const entry of manifest) {
    for (const sample of entry.samples.filter((s) => s.crawl)) {
      if (roles.some((role) => sample.expect[role] === 200)) expect(loaded.has(sample.url), `${sample.url} is crawled`).toBe(true);
      if (sample.expect.anonymous === 200)
        expect(
          plan.noScript.some((p) => p.url === sample.url),
          `${sample.url} is crawled without JS`,
        ).toBe(true);
      for (const status of roles.map((role) => sample.expect[role]).filter((s) => typeof s === "number" && s !== 200)) {
        expect(
          plan.errorPages.some((p) => p.pattern === entry.pattern && p.status === status),
          `${entry.pattern}: a ${status} page is crawled`,
        ).toBe(true);
      }
    }
  }
  const rolesSeen = new Set([...plan.pages, ...plan.layouts].map((p) => p.role));
  expect(
    [...roles].filter((role) => !rolesSeen.has(role)),
    "roles whose pages are never crawled",
  ).toEqual([]);
});

test.describe("pages", () => {
  for (const p of plan.pages) {
    test(title(p), async ({ crawlPages }) => {
      await visitAndCheck({ pages: crawlPages, role: p.role, url: p.url, status: 200 });
    });
  }
});

test.describe("each role's page chrome", () => {
  for (const p of plan.layouts) {
    test(title(p), async ({ crawlPages }) => {
      await visitAndCheck({ pages: crawlPages, role: p.role, url: p.url, status: 200 });
    });
  }
});

test.describe("error pages", () => {
  for (const p of plan.errorPages) {
    test(`[${p.pattern}] ${p.role}: ${p.url} renders a ${p.status} page${p.note ? ` (${p.note})` : ""}`, async ({ crawlPages }) => {
      await visitAndCheck({ pages: crawlPages, role: p.role, url: p.url, status: p.status });
    });
  }
});

test.describe("without JavaScript", () => {
  for (const p of plan.noScript) {
    test(`${p.role}: ${p.url} (no JS)`, async ({ crawlPages }) => {
      await visitAndCheck({ pages: crawlPages, role: p.role, url: p.url, status: 200, javaScriptEnabled: false });
    });
  }
});
