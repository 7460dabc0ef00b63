import {
  test as base,
  expect,
  request,
  type APIRequestContext,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type ConsoleMessage,
  type Dialog,
  type Page,
  type Response,
} from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import axe, { type AxeResults } from "axe-core";
import { existsSync, readFileSync } from "node:fs";
import { BASE_URL, signInErrorPath, storageStatePath } from "./paths.ts";
import type { Role } from "../route-manifest.ts";

export { expect };

/** The WCAG 2.1 AA rules the app must pass. */
export const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

/** Stops a role's test with the global setup's reason when that role could not sign in. */
export function assertSignedIn(role: Role): void {
  const errorFile = signInErrorPath(role);
  if (existsSync(errorFile)) throw new Error(`could not sign in as ${role}: ${readFileSync(errorFile, "utf8")}`);
}

/** A browser context for the role (its saved session), as AxeBuilder needs one from browser.newContext(). */
export async function contextFor(browser: Browser, role: Role, options: BrowserContextOptions = {}): Promise<BrowserContext> {
  assertSignedIn(role);
  return browser.newContext({ storageState: storageStatePath(role), ...options });
}

/**
 * A context whose pages run none of the app's scripts, as a browser without
 * JavaScript sees them. Chromium's own switch (javaScriptEnabled: false) also
 * stops axe (its timers never fire), so instead each page arrives with a
 * Content-Security-Policy that forbids scripts; axe, injected through the
 * DevTools protocol, is not subject to it.
 */
export async function noScriptContextFor(browser: Browser, role: Role, options: BrowserContextOptions = {}): Promise<BrowserContext> {
  const context = await contextFor(browser, role, options);
  await context.route("**/*", async (route) => {
    if (!route.request().isNavigationRequest() || !route.request().url().startsWith(BASE_URL)) return route.continue();
    const response = await route.fetch({ maxRedirects: 0 });
    const headers = { ...response.headers(), "content-security-policy": "script-src 'none'" };
    await route.fulfill({ response, headers });
  });
  return context;
}

/** An HTTP client for the role that does not follow redirects, so statuses are what the server said. */
export async function apiFor(role: Role): Promise<APIRequestContext> {
  assertSignedIn(role);
  return request.newContext({ baseURL: BASE_URL, storageState: storageStatePath(role), maxRedirects: 0 });
}

/**
 * Records what goes wrong on a page while a test uses it: console errors,
 * uncaught exceptions, 5xx answers from our own origin, and dialogs (a
 * dialog means injected script ran).
 */
export interface PageProblems {
  consoleErrors: string[];
  pageErrors: string[];
  serverErrors: string[];
  dialogs: string[];
  /** Stops recording (a page that outlives the test, see crawlPages). */
  stop: () => void;
}

export function watchPage(page: Page, options: { ignoreHttpErrorConsole?: boolean; scriptsBlocked?: boolean } = {}): PageProblems {
  const onConsole = (message: ConsoleMessage) => {
    if (message.type() !== "error") return;
    const text = message.text();
    const source = message.location().url;
    // The browser logs "Failed to load resource: … 404" for an error page we asked for on purpose.
    if (options.ignoreHttpErrorConsole && /Failed to load resource: the server responded with a status of 4\d\d/.test(text)) return;
    // Chromium asks for /favicon.ico by itself on pages without an icon link; that is not the page's doing.
    if (source.endsWith("/favicon.ico")) return;
    if (options.scriptsBlocked && /Content Security Policy/.test(text)) return;
    problems.consoleErrors.push(source ? `${text} (${source})` : text);
  };
  const onPageError = (error: Error) => problems.pageErrors.push(error.message);
  const onResponse = (response: Response) => {
    if (response.url().startsWith(BASE_URL) && response.status() >= 500) problems.serverErrors.push(`${response.status()} ${response.url()}`);
  };
  const onDialog = (dialog: Dialog) => {
    problems.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss().catch(() => undefined);
  };
  const problems: PageProblems = {
    consoleErrors: [],
    pageErrors: [],
    serverErrors: [],
    dialogs: [],
    stop: () => {
      page.off("console", onConsole);
      page.off("pageerror", onPageError);
      page.off("response", onResponse);
      page.off("dialog", onDialog);
    },
  };
  page.on("console", onConsole);
  page.on("pageerror", onPageError);
  page.on("response", onResponse);
  page.on("dialog", onDialog);
  return problems;
}

export function expectNoProblems(problems: PageProblems): void {
  expect(problems.serverErrors, "5xx responses from the app").toEqual([]);
  expect(problems.pageErrors, "uncaught exceptions in the page").toEqual([]);
  expect(problems.consoleErrors, "console errors").toEqual([]);
  expect(problems.dialogs, "dialogs (injected script?)").toEqual([]);
}

/**
 * axe-core's `axe.run` in the page with the WCAG 2.1 AA tags. The same engine and rules as
 * @axe-core/playwright's AxeBuilder, without its overhead: AxeBuilder evaluates axe's 560 kB source
 * three times a check (once in the page, again in every frame, again in a blank page it opens for
 * `finishRun`), which took most of each check's time — the rules themselves are the small part. A
 * page without frames (every page of the app) is the document alone; one with frames still goes
 * through AxeBuilder, which checks each frame.
 */
export async function axeResults(page: Page): Promise<AxeResults> {
  if (page.frames().length > 1)
    return new AxeBuilder({ page })
      .withTags(AXE_TAGS)
      .options({ resultTypes: ["violations"] })
      .analyze();
  // Evaluated over the DevTools protocol, so a page's Content-Security-Policy (see noScriptContextFor) does not stop it.
  if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(axe.source);
  // resultTypes: only violations are collected node by node (the rest one node each), which halves axe's time on a
  // long page (/kommuner 3.3 → 2.0 s) and reports the same violations: all that the tests read.
  return page.evaluate(
    (tags) => (window as unknown as { axe: typeof axe }).axe.run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] }),
    AXE_TAGS,
  );
}

/** Runs axe with the WCAG 2.1 AA tags; the failure lists each violation with its nodes. */
export async function expectNoAxeViolations(page: Page): Promise<void> {
  const results = await axeResults(page);
  const summary = results.violations.map(
    (v) =>
      `${v.id} (${v.impact ?? "?"}): ${v.help} — ${v.nodes
        .map((n) => n.target.join(" "))
        .slice(0, 5)
        .join(", ")}`,
  );
  expect(summary, "axe WCAG 2.1 AA violations").toEqual([]);
}

/** Structure every page has: exactly one h1 and the expected <html lang>. */
export async function expectPageStructure(page: Page, lang = "nb"): Promise<void> {
  await expect(page.locator("html")).toHaveAttribute("lang", lang);
  await expect(page.locator("h1"), "exactly one <h1>").toHaveCount(1);
}

export interface PageAsOptions extends BrowserContextOptions {
  /** false: the app's scripts do not run (see noScriptContextFor). Default true. */
  javaScript?: boolean;
}

interface TestFixtures {
  /**
   * `pageAs(role)`: a page signed in as the role (its saved session) in a
   * context of its own, so AxeBuilder works on it; closed after the test,
   * also when the test fails.
   */
  pageAs: (role: Role, options?: PageAsOptions) => Promise<Page>;
  /** `apiAs(role)`: apiFor(role), disposed after the test. */
  apiAs: (role: Role) => Promise<APIRequestContext>;
}

/** A page per role and JavaScript setting that lives as long as the worker (see the crawlPages fixture). */
export interface CrawlPages {
  pageFor: (role: Role, javaScript: boolean) => Promise<Page>;
}

interface WorkerFixtures {
  /**
   * `roleApi(role)`: one HTTP client per role and worker, reused by all of
   * that worker's tests (the status checks make hundreds of requests).
   */
  roleApi: (role: Role) => Promise<APIRequestContext>;
  /**
   * `crawlPages.pageFor(role, javaScript)`: one page per role and JavaScript setting for all of the worker's
   * read-only page loads. A fresh context per load cost a new renderer process and an empty cache each time
   * (≈ 0.3 s to open the page, and every script and stylesheet fetched and compiled again), while a browser
   * going from page to page keeps both, as a real visitor's does.
   */
  crawlPages: CrawlPages;
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  pageAs: async ({ browser }, use) => {
    const contexts: BrowserContext[] = [];
    await use(async (role, { javaScript = true, ...options } = {}) => {
      const context = javaScript ? await contextFor(browser, role, options) : await noScriptContextFor(browser, role, options);
      contexts.push(context);
      return context.newPage();
    });
    for (const context of contexts) await context.close();
  },
  apiAs: async ({}, use) => {
    const clients: APIRequestContext[] = [];
    await use(async (role) => {
      const client = await apiFor(role);
      clients.push(client);
      return client;
    });
    for (const client of clients) await client.dispose();
  },
  roleApi: [
    async ({}, use) => {
      const clients = new Map<Role, APIRequestContext>();
      await use(async (role) => {
        assertSignedIn(role);
        let client = clients.get(role);
        if (!client) {
          client = await apiFor(role);
          clients.set(role, client);
        }
        return client;
      });
      for (const client of clients.values()) await client.dispose();
    },
    { scope: "worker" },
  ],
  crawlPages: [
    async ({ browser }, use) => {
      const pages = new Map<string, Page>();
      await use({
        pageFor: async (role, javaScript) => {
          const key = `${role} ${javaScript ? "js" : "no-js"}`;
          let page = pages.get(key);
          if (!page || page.isClosed()) {
            const context = javaScript ? await contextFor(browser, role) : await noScriptContextFor(browser, role);
            page = await context.newPage();
            pages.set(key, page);
          }
          return page;
        },
      });
      for (const page of pages.values()) await page.context().close();
    },
    { scope: "worker" },
  ],
});
