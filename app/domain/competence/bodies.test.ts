import { describe, expect, it } from "vitest";
import type { UserActor } from "~/domain/auth/actor.ts";
import { actsForBody, bodiesOf, bodyColumns, bodyFromColumns, nextBodyUp } from "./bodies.ts";

function user(roles: UserActor["roles"]): UserActor {
  return {
    kind: "user",
    userId: "u",
    email: "a@b.no",
    name: "A",
    emailVerified: true,
    isDemo: false,
    locale: null,
    sessionId: "s",
    roles,
    memberships: [],
    ip: null,
  };
}

describe("bodies of the competence centre", () => {
  it("hands over kommune → its fylkeskommune → IMDi, and no further", () => {
    expect(nextBodyUp({ level: "municipality", municipalityNumber: "3905" })).toEqual({ level: "county", countyNumber: "39" });
    expect(nextBodyUp({ level: "county", countyNumber: "39" })).toEqual({ level: "national" });
    expect(nextBodyUp({ level: "national" })).toBeNull();
  });

  it("lets a county advisor act for the fylkeskommune but not for a kommune in it", () => {
    const advisor = user([{ role: "county_advisor", countyNumber: "34", municipalityNumber: null }]);
    expect(actsForBody(advisor, { level: "county", countyNumber: "34" })).toBe(true);
    expect(actsForBody(advisor, { level: "county", countyNumber: "39" })).toBe(false);
    expect(actsForBody(advisor, { level: "municipality", municipalityNumber: "3403" })).toBe(false);
    expect(actsForBody(advisor, { level: "national" })).toBe(false);
  });

  it("lets IMDi act for the national level only", () => {
    const imdi = user([{ role: "national_admin", countyNumber: null, municipalityNumber: null }]);
    expect(actsForBody(imdi, { level: "national" })).toBe(true);
    expect(actsForBody(imdi, { level: "county", countyNumber: "34" })).toBe(false);
    expect(bodiesOf(imdi)).toEqual([{ level: "national" }]);
  });

  it("round-trips a body through its columns", () => {
    for (const body of [{ level: "municipality", municipalityNumber: "3403" }, { level: "county", countyNumber: "34" }, { level: "national" }] as const) {
      expect(bodyFromColumns(bodyColumns(body))).toEqual(body);
    }
  });
});
