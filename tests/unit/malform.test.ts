import { describe, expect, it } from "vitest";
import { kommuneMailLocale, malformDefault } from "~/i18n/malform.server.ts";
import { anonymous, type UserActor } from "~/domain/auth/actor.ts";

function coordinatorOf(...numbers: string[]): UserActor {
  return {
    kind: "user",
    userId: "u",
    email: "k@test.example",
    name: "K",
    emailVerified: true,
    isDemo: false,
    locale: null,
    sessionId: "s",
    roles: numbers.map((n) => ({ role: "municipal_coordinator" as const, municipalityNumber: n, countyNumber: null })),
    memberships: [],
    ip: null,
  };
}

describe("målform", () => {
  it("suggests nynorsk on a nynorsk kommune's pages (Kinn 4602), nothing on a neutral one's (Hamar 3403) or elsewhere", () => {
    expect(malformDefault(anonymous(), "/kommuner/4602")).toBe("nn");
    expect(malformDefault(anonymous(), "/kommuner/4602/oversikt/utskrift")).toBe("nn");
    expect(malformDefault(anonymous(), "/kommuner/3403/oversikt")).toBeNull();
    expect(malformDefault(anonymous(), "/kommuner")).toBeNull();
    expect(malformDefault(anonymous(), "/kommuner/46021")).toBeNull();
    expect(malformDefault(anonymous(), "/")).toBeNull();
  });

  it("suggests nynorsk to a coordinator whose kommuner all write nynorsk on every page; others get the kommune's målform on its pages", () => {
    expect(malformDefault(coordinatorOf("4602"), "/")).toBe("nn");
    expect(malformDefault(coordinatorOf("4602"), "/kommuner/3403/oversikt")).toBe("nn");
    expect(malformDefault(coordinatorOf("4602", "3403"), "/")).toBeNull();
    expect(malformDefault(coordinatorOf("3403"), "/")).toBeNull();
    expect(malformDefault(coordinatorOf("3403"), "/kommuner/4602/oversikt")).toBe("nn");
  });

  it("writes a kommune's e-mails in the recipient's own choice, else in the kommune's målform", () => {
    expect(kommuneMailLocale("4602", null)).toBe("nn");
    expect(kommuneMailLocale("3403", null)).toBe("nb");
    expect(kommuneMailLocale("4602", "en")).toBe("en");
    expect(kommuneMailLocale("4602", "nb")).toBe("nb");
    expect(kommuneMailLocale("3403", "uk")).toBe("nb");
  });
});
