import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ALLOWED, licenceList, shippedPackages } from "../../scripts/licences.ts";

/** What Samspill ships may be run and shared by a public body: every licence is on the allowed list, and docs/licences.md is current. */
describe("licences of the shipped packages", () => {
  const packages = shippedPackages();

  it("are all on the allowed list", () => {
    expect(packages.length).toBeGreaterThan(100);
    expect(packages.filter((p) => !ALLOWED.has(p.licence))).toEqual([]);
  });

  it("are listed in docs/licences.md as they are now (npm run licences rewrites it)", () => {
    expect(readFileSync("docs/licences.md", "utf8")).toBe(licenceList(packages));
  });
});
