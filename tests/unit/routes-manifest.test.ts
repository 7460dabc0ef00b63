import { describe, expect, it } from "vitest";
import routes from "../../app/routes.ts";
import { allCases, compareWithRoutes, manifest, roles, routePatterns } from "../e2e/route-manifest.ts";

/**
 * Fast feedback for the browser tests' route manifest: a route added to
 * app/routes.ts without an entry (who may see it, sample URLs) fails here
 * before the slower Playwright run.
 */
describe("route manifest", () => {
  it("has an entry for every route in app/routes.ts, and none for removed routes", () => {
    const { missing, stale } = compareWithRoutes(routes);
    expect(missing, "routes without an entry in tests/e2e/route-manifest.ts").toEqual([]);
    expect(stale, "entries for routes that no longer exist").toEqual([]);
  });

  it("flattens route patterns the way URLs look", () => {
    expect(routePatterns(routes)).toContain("/");
    expect(routePatterns(routes)).toContain("/organisasjoner/:id/rediger");
    expect(routePatterns(routes)).toContain("/*");
  });

  it("gives every sample an expectation for every role and a URL that matches its pattern", () => {
    for (const entry of manifest) {
      expect(entry.samples.length, entry.pattern).toBeGreaterThan(0);
      const pattern = new RegExp(`^${entry.pattern.replace(/:[a-z]+/g, "[^/]+").replace("/*", "/.+")}(\\?.*)?$`);
      for (const sample of entry.samples) {
        expect(Object.keys(sample.expect).sort(), sample.url).toEqual([...roles].sort());
        expect(sample.url, entry.pattern).toMatch(pattern);
      }
    }
  });

  it("sends anonymous visitors of protected pages to sign-in", () => {
    const protectedPages = allCases().filter((c) => c.role === "anonymous" && typeof c.expect === "object" && c.expect.redirect === "/logg-inn");
    expect(protectedPages.map((c) => c.url)).toEqual(expect.arrayContaining(["/min-side", "/admin", "/kommuner/3403/intern"]));
  });
});
