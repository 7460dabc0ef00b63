import { describe, expect, it } from "vitest";
import { isSafeLocation, safeRedirectPath } from "./redirect.ts";

/** How a browser reads a Location header on our site: where does it lead? */
function browserTarget(location: string): string {
  return new URL(location, "https://samspill.example/aktiviteter/abc").origin;
}

describe("safeRedirectPath", () => {
  // Each of these leads off-site in some browser or after the URL parser's normalisation.
  const tricks = [
    "//evil.example",
    "///evil.example",
    "/\\evil.example",
    "\\\\evil.example",
    "/.//evil.example",
    "/..//evil.example",
    "/./..//evil.example",
    "/%2e%2e//evil.example",
    "/%2E//evil.example",
    "/\t/evil.example",
    "/\n/evil.example",
    "\t//evil.example",
    " //evil.example",
    "/%2F%2Fevil.example",
    "/%2f/evil.example",
    "/%5cevil.example",
    "/%5C%5Cevil.example",
    "/.%2F/evil.example",
    "https:evil.example",
    "https://evil.example",
    "http:/evil.example",
    "javascript:alert(1)",
    "/%0d%0aSet-Cookie:%20a=b",
    "/\r\nSet-Cookie: a=b",
    "/%09/evil.example",
    "/\u0000/evil.example",
    "",
    "evil.example",
    `/${"a".repeat(2001)}`,
  ];

  it.each(tricks)("refuses %j", (value) => {
    expect(safeRedirectPath(value)).toBe("/");
    expect(safeRedirectPath(value, "/min-side")).toBe("/min-side");
  });

  it("refuses what only rebuilding the URL would turn into another host", () => {
    const add = (p: URLSearchParams) => p.set("bekreftet", "1");
    expect(safeRedirectPath("/.//evil.example", "", add)).toBe("");
    expect(safeRedirectPath("/.//evil.example?lang=ar", "/", (p) => p.delete("lang"))).toBe("/");
  });

  it("refuses values that are not strings", () => {
    for (const value of [null, undefined, 42, ["/min-side"], { toString: () => "/min-side" }]) expect(safeRedirectPath(value)).toBe("/");
  });

  it.each([
    ["/", "/"],
    ["/min-side", "/min-side"],
    ["/aktiviteter?q=leksehjelp&side=2", "/aktiviteter?q=leksehjelp&side=2"],
    ["/invitasjon/abc_-123", "/invitasjon/abc_-123"],
    ["/logg-inn?neste=%2Fmin-side", "/logg-inn?neste=%2Fmin-side"],
    ["/kommuner/3403/oversikt#overview-stale-heading", "/kommuner/3403/oversikt#overview-stale-heading"],
    // Normalised, and then still on this site.
    ["/søk", "/s%C3%B8k"],
    ["/a/../min-side", "/min-side"],
    ["/a b", "/a%20b"],
    ["/@evil.example", "/@evil.example"],
  ])("keeps %j as %j", (value, expected) => {
    expect(safeRedirectPath(value)).toBe(expected);
  });

  it("edits the query and checks the result", () => {
    expect(safeRedirectPath("/aktiviteter?lang=ar&q=x", "/", (p) => p.delete("lang"))).toBe("/aktiviteter?q=x");
    expect(safeRedirectPath("/aktiviteter?lang=ar", "/", (p) => p.delete("lang"))).toBe("/aktiviteter");
    expect(safeRedirectPath("/organisasjoner/1/aktiviteter#a", "/", (p) => p.set("bekreftet", "x"))).toBe("/organisasjoner/1/aktiviteter?bekreftet=x#a");
  });

  it("whatever it returns, a browser stays on this site", () => {
    const site = "https://samspill.example";
    for (const value of [...tricks, "/min-side", "/søk?q=æ ø#å", "/%E2%80%AE/x"]) {
      const result = safeRedirectPath(value);
      expect(isSafeLocation(result), value).toBe(true);
      expect(browserTarget(result), value).toBe(site);
    }
  });
});

describe("isSafeLocation", () => {
  it.each(["//evil.example", "/\\evil.example", "/%2F%2Fevil.example", "/a\nb", "/æ", "/./x", "/x/../y", "https://evil.example/"])("refuses %j", (location) => {
    expect(isSafeLocation(location)).toBe(false);
  });
});
