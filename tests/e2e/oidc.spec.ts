import { request as playwrightRequest, type Browser, type Page } from "@playwright/test";
import {
  expect,
  expectNoAxeViolations,
  expectNoProblems as expectNoProblemsAtAll,
  expectPageStructure,
  test,
  watchPage,
  type PageProblems,
} from "./support/fixtures.ts";
import { message } from "./support/messages.ts";
import { BASE_URL, OIDC_ISSUER } from "./support/paths.ts";

/**
 * OpenID Connect sign-in in a real browser against the local test provider
 * (tests/support/oidc-provider-server.ts, started by playwright.config.ts as
 * "Test-ID"): the button on /logg-inn, the provider's login form, and back
 * to Samspill signed in.
 */

function uniqueLogin(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}${Math.floor(Math.random() * 1000)}`;
}

const faviconMisses = new WeakMap<PageProblems, number>();

/**
 * watchPage, except that Chromium's request for /favicon.ico (neither the app
 * nor the provider has one yet) is not counted as a console error: it says
 * nothing about sign-in. Every other console error still fails the test.
 */
function watch(page: Page, options: { ignoreHttpErrorConsole?: boolean } = {}): PageProblems {
  const problems = watchPage(page, options);
  page.on("console", (msg) => {
    if (msg.type() === "error" && new URL(msg.location().url || "about:blank").pathname === "/favicon.ico") {
      faviconMisses.set(problems, (faviconMisses.get(problems) ?? 0) + 1);
    }
  });
  return problems;
}

function expectNoProblems(problems: PageProblems): void {
  const consoleErrors = [...problems.consoleErrors];
  for (let i = 0; i < (faviconMisses.get(problems) ?? 0); i++) {
    const index = consoleErrors.findIndex((text) => text.includes("status of 404"));
    if (index >= 0) consoleErrors.splice(index, 1);
  }
  expectNoProblemsAtAll({ ...problems, consoleErrors });
}

async function freshPage(browser: Browser, options: { javaScriptEnabled?: boolean } = {}): Promise<Page> {
  // AxeBuilder needs a page from browser.newContext(); a fresh context also means no session yet.
  const context = await browser.newContext(options);
  return context.newPage();
}

async function signInAtProvider(page: Page, login: string): Promise<void> {
  await page.waitForURL(`${OIDC_ISSUER}/interaction/**`);
  await page.getByLabel("Username").fill(login);
  await page.getByRole("button", { name: "Sign in" }).click();
}

test.describe("OIDC sign-in", () => {
  test("the sign-in page offers the provider and passes axe", async ({ browser }) => {
    const page = await freshPage(browser);
    const problems = watch(page);
    const response = await page.goto("/logg-inn");
    expect(response?.status()).toBe(200);
    await expect(page.getByRole("link", { name: "Test-ID" })).toBeVisible();
    await expectPageStructure(page);
    await expectNoAxeViolations(page);
    expectNoProblems(problems);
    await page.context().close();
  });

  test("signs in with Test-ID and lands back on the requested page, signed in", async ({ browser }) => {
    const page = await freshPage(browser);
    const problems = watch(page);
    const login = uniqueLogin("kari");
    // A page that needs sign-in, reached through ?neste like any sign-in.
    await page.goto("/logg-inn?neste=%2Fmin-side");
    await page.getByRole("link", { name: "Test-ID" }).click();
    await signInAtProvider(page, login);
    await page.waitForURL(`${BASE_URL}/min-side`);
    await expect(page.getByText(message("nb", "nav.signedInAs").replace("{name}", `Test ${login}`))).toBeVisible();
    expectNoProblems(problems);

    // Signing in again (single sign-on at the provider) reaches the same account without the login form.
    // Both servers run on 127.0.0.1, and cookies ignore ports: remove only Samspill's session.
    await page.context().clearCookies({ name: "samspill_session" });
    await page.goto("/logg-inn");
    await page.getByRole("link", { name: "Test-ID" }).click();
    await page.waitForURL(`${BASE_URL}/`);
    await expect(page.getByText(message("nb", "nav.signedInAs").replace("{name}", `Test ${login}`))).toBeVisible();
    await page.context().close();
  });

  test("works without JavaScript", async ({ browser }) => {
    const page = await freshPage(browser, { javaScriptEnabled: false });
    const login = uniqueLogin("nojs");
    await page.goto("/logg-inn");
    await page.getByRole("link", { name: "Test-ID" }).click();
    await signInAtProvider(page, login);
    await page.waitForURL(`${BASE_URL}/`);
    await expect(page.getByText(message("nb", "nav.signedInAs").replace("{name}", `Test ${login}`))).toBeVisible();
    await page.context().close();
  });

  test("a sign-in cancelled at the provider ends on a 400 page that explains it and leads back to sign-in", async ({ browser }) => {
    const page = await freshPage(browser);
    const problems = watch(page, { ignoreHttpErrorConsole: true });
    await page.goto("/logg-inn");
    await page.getByRole("link", { name: "Test-ID" }).click();
    await page.waitForURL(`${OIDC_ISSUER}/interaction/**`);
    const callback = page.waitForResponse((r) => r.url().startsWith(`${BASE_URL}/auth/oidc/testidp/callback`));
    await page.getByRole("button", { name: "Cancel" }).click();
    expect((await callback).status()).toBe(400);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(message("nb", "oidc.error.title"));
    await expect(page.getByText(message("nb", "oidc.error.cancelled"))).toBeVisible();
    await expectPageStructure(page);
    await expectNoAxeViolations(page);
    await page.getByRole("link", { name: message("nb", "oidc.error.backToSignIn") }).click();
    await page.waitForURL(`${BASE_URL}/logg-inn`);
    expectNoProblems(problems);
    await page.context().close();
  });

  test("signing in again with Test-ID ends the session the browser had", async ({ browser }) => {
    const page = await freshPage(browser);
    await page.goto("/logg-inn");
    const start = await page.getByRole("link", { name: "Test-ID" }).getAttribute("href");
    await page.getByRole("link", { name: "Test-ID" }).click();
    await signInAtProvider(page, uniqueLogin("twice"));
    await page.waitForURL(`${BASE_URL}/`);
    const sessionOf = async () => (await page.context().cookies(BASE_URL)).find((c) => c.name === "samspill_session")?.value;
    const first = await sessionOf();
    expect(first, "the first sign-in's session").toBeTruthy();

    // Still signed in, the same browser signs in again (a stale tab): single sign-on at the provider, a new session here.
    await page.goto(start!);
    await page.waitForURL(`${BASE_URL}/`);
    const second = await sessionOf();
    expect(second, "a new session id").toBeTruthy();
    expect(second).not.toBe(first);
    const signsIn = async (session: string) => {
      const api = await playwrightRequest.newContext({ baseURL: BASE_URL, maxRedirects: 0, extraHTTPHeaders: { Cookie: `samspill_session=${session}` } });
      const response = await api.get("/min-side");
      await api.dispose();
      return response.status() === 200;
    };
    expect(await signsIn(first!), "the earlier session ended").toBe(false);
    expect(await signsIn(second!), "the new session works").toBe(true);
    await page.context().close();
  });

  test("a replayed callback is refused with a message, not a second session", async ({ browser }) => {
    const page = await freshPage(browser);
    await page.goto("/logg-inn");
    await page.getByRole("link", { name: "Test-ID" }).click();
    const callbackUrl = page.waitForRequest((r) => r.url().startsWith(`${BASE_URL}/auth/oidc/testidp/callback`));
    await signInAtProvider(page, uniqueLogin("replay"));
    const url = (await callbackUrl).url();
    await page.waitForURL(`${BASE_URL}/`);

    const replay = await freshPage(browser);
    const problems = watch(replay, { ignoreHttpErrorConsole: true });
    const response = await replay.goto(url);
    expect(response?.status()).toBe(400);
    await expect(replay.getByText(message("nb", "oidc.error.invalidState"))).toBeVisible();
    await expect(replay.getByRole("link", { name: message("nb", "nav.signIn"), exact: true })).toBeVisible();
    await expectNoAxeViolations(replay);
    expectNoProblems(problems);
    await page.context().close();
    await replay.context().close();
  });
});
