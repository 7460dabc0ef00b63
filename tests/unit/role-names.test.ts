import { describe, expect, it } from "vitest";
import { messages } from "~/i18n/messages.ts";

/**
 * The reports' levels: the regional actor is the fylkeskommune (a body), and IMDi
 * is the national competence centre and coordinator, not only an administrator.
 * Role names and navigation say so in the interface (internal identifiers stay).
 */
describe("role names and navigation name the body and what it does", () => {
  const expected = {
    nb: { county: /fylkeskommune/i, national: /IMDi.*kompetansesenter og koordinator/ },
    nn: { county: /fylkeskommune/i, national: /IMDi.*kompetansesenter og koordinator/ },
    en: { county: /county authority \(fylkeskommune\)/i, national: /IMDi.*competence centre and coordinator/ },
  } as const;
  for (const [locale, want] of Object.entries(expected)) {
    it(`${locale}: the county role belongs to the fylkeskommune, the national role is IMDi as competence centre and coordinator`, () => {
      const m = messages[locale as keyof typeof expected];
      for (const key of ["admin.role.county_advisor", "account.role.countyAdvisor", "admin.index.scopeCounty"]) expect(m[key], key).toMatch(want.county);
      for (const key of ["admin.role.national_admin", "account.role.nationalAdmin", "admin.index.scopeNational"]) expect(m[key], key).toMatch(want.national);
      for (const key of ["admin.role.national_admin", "account.role.nationalAdmin", "admin.index.scopeNational", "admin.roles.introNational"]) {
        expect(m[key], key).not.toMatch(/nasjonal administrator|national administrator/i);
      }
      expect(m["admin.role.county_advisor"]).not.toMatch(/^fylkesrådgi|^county advisor$/i);
    });
  }

  it("the navigation to IMDi's pages says what they are for, in every language, and differs from the fylkeskommune's", () => {
    for (const [locale, m] of Object.entries(messages)) {
      expect(m["nav.adminNational"], locale).toMatch(/IMDi/);
      expect(m["nav.adminNational"], locale).not.toBe(m["nav.admin"]);
      expect(m["nav.admin"], locale).not.toMatch(/^(Administrasjon|Administration)$/);
    }
  });
});
