import { request as playwrightRequest, type APIRequestContext } from "@playwright/test";
import { expect, expectNoAxeViolations, expectNoProblems, test, watchPage } from "./support/fixtures.ts";
import { BASE_URL } from "./support/paths.ts";
import { demoActivityIds, demoOrganizationIds } from "../../app/domain/demo/ids.ts";

/**
 * The shared page cache (server/page-cache.server.ts): anonymous visitors' public pages come from the database's
 * page_cache after the first render, revalidate with 304, are rendered again once the activity is edited, and
 * differ by language; signed-in visitors never get a cached page or a cacheable answer.
 */

const WALK = demoActivityIds.hamarWomenWalk;
const walkUrl = `/aktiviteter/${WALK}`;

async function anonymousClient(headers: Record<string, string> = {}): Promise<APIRequestContext> {
  return playwrightRequest.newContext({ baseURL: BASE_URL, maxRedirects: 0, extraHTTPHeaders: headers });
}

/** Asks until the answer comes from the cache (the store runs just after the first answer). */
async function getHit(api: APIRequestContext, url: string) {
  for (let i = 0; i < 20; i++) {
    const response = await api.get(url);
    expect(response.status(), url).toBe(200);
    if (response.headers()["x-cache"] === "hit") return response;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} never came from the page cache`);
}

test.describe("page cache", () => {
  test.describe.configure({ mode: "serial" });

  test("an anonymous visitor's second request is a hit with its own token and nonce; If-None-Match gives an empty 304", async () => {
    const api = await anonymousClient();
    const first = await api.get(walkUrl);
    expect(first.status()).toBe(200);
    const hit = await getHit(api, walkUrl);
    const headers = hit.headers();
    expect(headers["cache-control"]).toBe("private, no-cache");
    expect(headers["vary"]).toContain("Cookie");
    expect(headers["vary"]).toContain("Accept-Language");
    expect(headers["etag"]).toMatch(/^W\/".+"$/);
    expect(Date.parse(headers["last-modified"]!)).not.toBeNaN();
    const nonce = /'nonce-([^']+)'/.exec(headers["content-security-policy"]!)![1]!;
    const body = await hit.text();
    expect(body).toContain(`nonce="${nonce}"`);
    expect(body).not.toContain("<@samspill-");

    const notModified = await api.get(walkUrl, { headers: { "If-None-Match": headers["etag"]! } });
    expect(notModified.status()).toBe(304);
    expect(await notModified.body()).toHaveLength(0);
    const since = await api.get(walkUrl, { headers: { "If-Modified-Since": headers["last-modified"]! } });
    expect(since.status()).toBe(304);

    // Another visitor gets a token of their own, never this visitor's.
    const token = /name="_csrf" value="([^"]+)"/.exec(body)![1]!;
    const other = await anonymousClient();
    const theirs = await getHit(other, walkUrl);
    expect(await theirs.text()).not.toContain(token);
    await other.dispose();
    await api.dispose();
  });

  test("a cached page works in the browser: the language form posts with the visitor's token, no CSP problems, no axe violations", async ({ browser }) => {
    const warm = await anonymousClient();
    await getHit(warm, walkUrl);
    await warm.dispose();
    const context = await browser.newContext();
    const page = await context.newPage();
    const problems = watchPage(page);
    const response = await page.goto(walkUrl);
    expect(response?.headers()["x-cache"]).toBe("hit");
    await expectNoAxeViolations(page);
    await page.getByLabel("Språk").selectOption("en");
    await page.getByRole("button", { name: "Bytt språk" }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    expectNoProblems(problems);
    await context.close();
  });

  test("editing the activity as its organisation's admin: the next anonymous request shows the new title", async ({ pageAs }) => {
    const api = await anonymousClient();
    await getHit(api, walkUrl);
    const page = await pageAs("org_admin");
    await page.goto(`${walkUrl}/rediger`);
    const oldTitle = await page.getByLabel("Tittel", { exact: true }).inputValue();
    const rename = async (title: string) => {
      await page.goto(`${walkUrl}/rediger`);
      await page.getByLabel("Tittel", { exact: true }).fill(title);
      await page.getByRole("button", { name: "Lagre endringene" }).click();
      await expect(page).toHaveURL(new RegExp(`${walkUrl}(\\?.*)?$`));
      await expect(page.getByRole("heading", { level: 1 })).toContainText(title);
    };
    try {
      await rename("Turgruppe for kvinner (ny tittel)");
      const after = await api.get(walkUrl);
      expect(after.headers()["x-cache"]).toBe("miss");
      expect(await after.text()).toContain("Turgruppe for kvinner (ny tittel)");
    } finally {
      await rename(oldTitle);
    }
    expect(await (await api.get(walkUrl)).text()).not.toContain("(ny tittel)");
    await api.dispose();
  });

  test("signed-in pages never come from the cache and are private, not stored", async ({ apiAs }) => {
    const warm = await anonymousClient();
    for (const url of [walkUrl, "/aktiviteter", `/organisasjoner/${demoOrganizationIds.hamarVolunteerCentre}`, "/kommuner/3403"]) await getHit(warm, url);
    await warm.dispose();
    const api = await apiAs("org_admin");
    for (const url of [walkUrl, "/aktiviteter", `/organisasjoner/${demoOrganizationIds.hamarVolunteerCentre}`, "/kommuner/3403"]) {
      const response = await api.get(url);
      expect(response.status(), url).toBe(200);
      expect(response.headers()["x-cache"], url).toBeUndefined();
      expect(response.headers()["cache-control"], url).toBe("private, no-store");
      expect(await response.text(), url).toContain("Logg ut");
    }
  });

  test("language variants are cached apart: Accept-Language, the language cookie and ?lang= each get their own page", async () => {
    const nb = await anonymousClient({ "Accept-Language": "nb" });
    const en = await anonymousClient({ "Accept-Language": "en" });
    const nbBody = await (await getHit(nb, "/aktiviteter")).text();
    const enBody = await (await getHit(en, "/aktiviteter")).text();
    expect(nbBody).toContain('<html lang="nb"');
    expect(enBody).toContain('<html lang="en"');
    const ar = await (await getHit(nb, "/aktiviteter?lang=ar")).text();
    expect(ar).toContain('<html lang="ar" dir="rtl"');
    // The language cookie as /sprak sets it (React Router's cookie encoding of "nn").
    const nn = await anonymousClient({ "Accept-Language": "nb", Cookie: `samspill_lang=${Buffer.from(JSON.stringify("nn")).toString("base64")}` });
    expect(await (await getHit(nn, "/aktiviteter")).text()).toContain('<html lang="nn"');
    await nn.dispose();
    await nb.dispose();
    await en.dispose();
  });
});
