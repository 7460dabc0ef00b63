import type { Browser } from "@playwright/test";
import { manifest, roles, type Role } from "./route-manifest.ts";
import { contextFor, noScriptContextFor, expect, expectNoAxeViolations, expectNoProblems, expectPageStructure, test, watchPage } from "./support/fixtures.ts";
import { BASE_URL } from "./support/paths.ts";

/**
 * Every page a role may see, loaded in Chromium as that role: no 5xx, no
 * console errors, <html lang="nb">, one h1, and no WCAG 2.1 AA violations
 * (axe). Error pages (400/403/404) get the same checks once per status, and
 * public pages and forms are checked again with JavaScript off.
 */

interface PageVisit {
  browser: Browser;
  role: Role;
  url: string;
  status: number;
  javaScriptEnabled?: boolean;
}

async function visitAndCheck({ browser, role, url, status, javaScriptEnabled = true }: PageVisit): Promise<void> {
  const context = javaScriptEnabled ? await contextFor(browser, role) : await noScriptContextFor(browser, role);
  try {
    const page = await context.newPage();
    const problems = watchPage(page, { ignoreHttpErrorConsole: status !== 200, scriptsBlocked: !javaScriptEnabled });
    const response = await page.goto(url, { waitUntil: "networkidle" });
    expect(response?.status(), `status of ${url}`).toBe(status);
    // A 200 after a redirect (e.g. to sign-in) is not the page we asked for.
    expect(new URL(page.url()).pathname, "no redirect").toBe(new URL(url, BASE_URL).pathname);
    await expectPageStructure(page);
    await expectNoAxeViolations(page);
    expectNoProblems(problems);
  } finally {
    await context.close();
  }
}

const okPages: { pattern: string; url: string; role: Role; note?: string }[] = [];
const errorPages: { pattern: string; url: string; role: Role; status: number; note?: string }[] = [];
for (const entry of manifest) {
  for (const sample of entry.samples) {
    if (!sample.crawl) continue;
    const errorStatusesSeen = new Set<number>();
    for (const role of roles) {
      const expected = sample.expect[role];
      if (expected === 200) okPages.push({ pattern: entry.pattern, url: sample.url, role, note: sample.note });
      else if (typeof expected === "number" && !errorStatusesSeen.has(expected)) {
        errorStatusesSeen.add(expected);
        errorPages.push({ pattern: entry.pattern, url: sample.url, role, status: expected, note: sample.note });
      }
    }
  }
}

test.describe("pages", () => {
  for (const p of okPages) {
    test(`[${p.pattern}] ${p.role}: ${p.url}${p.note ? ` (${p.note})` : ""}`, async ({ browser }) => {
      await visitAndCheck({ browser, role: p.role, url: p.url, status: 200 });
    });
  }
});

test.describe("error pages", () => {
  for (const p of errorPages) {
    test(`[${p.pattern}] ${p.role}: ${p.url} renders a ${p.status} page${p.note ? ` (${p.note})` : ""}`, async ({ browser }) => {
      await visitAndCheck({ browser, role: p.role, url: p.url, status: p.status });
    });
  }
});

/** Signed-in pages with forms, checked without JavaScript too (labels must work before hydration). */
const signedInForms: { role: Role; url: string }[] = [
  { role: "org_admin", url: "/min-side" },
  { role: "org_admin", url: "/min-side/personvern" },
  { role: "org_admin", url: "/organisasjoner/ny" },
  { role: "org_admin", url: "/organisasjoner/00000000-0000-4000-8000-000000000101/rediger" },
  { role: "org_admin", url: "/organisasjoner/00000000-0000-4000-8000-000000000101/medlemmer" },
  { role: "national_admin", url: "/admin/roller" },
];

test.describe("without JavaScript", () => {
  const publicPages = okPages.filter((p) => p.role === "anonymous");
  for (const p of [...publicPages, ...signedInForms]) {
    test(`${p.role}: ${p.url} (no JS)`, async ({ browser }) => {
      await visitAndCheck({ browser, role: p.role, url: p.url, status: 200, javaScriptEnabled: false });
    });
  }
});
