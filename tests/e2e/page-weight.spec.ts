import { request } from "@playwright/test";
import { gzipSync } from "node:zlib";
import { expect, test } from "./support/fixtures.ts";
import { BASE_URL } from "./support/paths.ts";
import { manifest } from "./route-manifest.ts";

/**
 * Public pages are read on cheap phones over slow networks (DESIGN.md §4):
 * every page a visitor reaches without signing in ships at most 80 kB of
 * compressed JavaScript. Measured over the route manifest (every sample an
 * anonymous visitor gets as a page), following each script's static imports,
 * gzip-compressed as the server sends them.
 */
const BUDGET_BYTES = 80 * 1024;

/** Every page an anonymous visitor gets, error pages (404, 400) included: what the crawl loads, with its status. */
const publicPages = [
  ...new Map(
    manifest.flatMap((entry) =>
      entry.samples.flatMap((s) => (s.crawl && typeof s.expect.anonymous === "number" ? [[s.url, s.expect.anonymous] as const] : [])),
    ),
  ),
];

/** Script URLs a page loads: <script src>, module preloads, and imports inside inline module scripts. */
function scriptsOf(html: string): { urls: string[]; inlineBytes: number } {
  const urls = new Set<string>();
  for (const match of html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"/g)) urls.add(match[1]!);
  for (const match of html.matchAll(/<link\b[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g)) urls.add(match[1]!);
  let inlineBytes = 0;
  for (const match of html.matchAll(/<script\b(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)) {
    const body = match[1]!;
    inlineBytes += gzipSync(body).length;
    for (const imported of body.matchAll(/import\s*(?:\(\s*)?["']([^"']+\.js)["']/g)) urls.add(imported[1]!);
  }
  return { urls: [...urls].filter((u) => u.startsWith("/")), inlineBytes };
}

/** Static imports of a built chunk ("./x.js" relative to it). */
function importsOf(source: string, url: string): string[] {
  const found = new Set<string>();
  for (const match of source.matchAll(/(?:import|from)\s*["'](\.{1,2}\/[^"']+\.js)["']/g)) found.add(new URL(match[1]!, `${BASE_URL}${url}`).pathname);
  return [...found];
}

/**
 * One test over every public page (a test per page cost more in Playwright's overhead than the page
 * itself): each page is fetched and measured as before, each script once (many pages share their chunks;
 * its compressed size and imports are the same whichever page loads it), and every page over budget or
 * with an unexpected status is listed in the failure.
 */
test(`JavaScript weight: each of the ${publicPages.length} public pages ships at most 80 kB of compressed JavaScript to a visitor`, async () => {
  test.setTimeout(120_000);
  const api = await request.newContext({ baseURL: BASE_URL });
  try {
    const scripts = new Map<string, { bytes: number; imports: string[] }>();
    const script = async (url: string) => {
      let found = scripts.get(url);
      if (!found) {
        const response = await api.get(url);
        const body = await response.body();
        if (response.status() !== 200) throw new Error(`${url}: ${response.status()}`);
        found = { bytes: gzipSync(body).length, imports: importsOf(body.toString("utf8"), url) };
        scripts.set(url, found);
      }
      return found;
    };
    const problems: string[] = [];
    for (const [url, status] of publicPages) {
      const page = await api.get(url);
      if (page.status() !== status) {
        problems.push(`${url}: expected ${status}, got ${page.status()}`);
        continue;
      }
      const { urls, inlineBytes } = scriptsOf(await page.text());
      const seen = new Set<string>();
      const queue = [...urls];
      let bytes = inlineBytes;
      while (queue.length > 0) {
        const next = queue.shift()!;
        if (seen.has(next)) continue;
        seen.add(next);
        const { bytes: scriptBytes, imports } = await script(next);
        bytes += scriptBytes;
        queue.push(...imports);
      }
      if (bytes > BUDGET_BYTES) problems.push(`${url}: ${(bytes / 1024).toFixed(1)} kB compressed in ${seen.size} scripts`);
    }
    expect(problems, `pages over ${BUDGET_BYTES / 1024} kB of compressed JavaScript or with the wrong status`).toEqual([]);
  } finally {
    await api.dispose();
  }
});

test("the interface text travels once: not on a page without scripts, once as JSON on a page with them, and in a client-side navigation's data", async ({
  roleApi,
}) => {
  const anonymous = await roleApi("anonymous");
  const finder = await (await anonymous.get("/aktiviteter")).text();
  expect(finder).toContain("<title>");
  expect(finder).not.toContain("samspill-messages");
  expect(finder).not.toContain("shell.skipToContent");

  const coordinator = await roleApi("coordinator_hamar");
  const page = await (await coordinator.get("/min-side")).text();
  const catalogues = [...page.matchAll(/<script id="samspill-messages" type="application\/json"[^>]*>([\s\S]*?)<\/script>/g)];
  expect(catalogues).toHaveLength(1);
  expect(JSON.parse(catalogues[0]![1]!)).toMatchObject({ "app.name": "Samspill" });
  // The root data of a full page load carries no catalogue; a data request (a client-side navigation) does.
  expect(page.split("shell.skipToContent").length - 1).toBe(1);
  const data = await (await coordinator.get("/min-side.data")).text();
  expect(data).toContain("shell.skipToContent");
});
