import { beforeAll, describe, expect, it } from "vitest";
import { anonymous, type UserActor } from "~/domain/auth/actor.ts";
import { createActor, createOrganization } from "../../../tests/factories.ts";
import { getMunicipalityInternal, getMunicipalitySummary, listMunicipalityOverview } from "./municipalities.server.ts";

let nationalAdmin: UserActor;
let innlandetAdvisor: UserActor;
let hamarCoordinator: UserActor;
let tonsbergCoordinator: UserActor;
let hamarOrgAdmin: UserActor;
let hamarOrgId: string;

beforeAll(async () => {
  nationalAdmin = await createActor({ roles: [{ role: "national_admin" }] });
  innlandetAdvisor = await createActor({
    roles: [{ role: "county_advisor", countyNumber: "34" }],
    user: { name: "Ida Innlandet", email: "ida@innlandet.test" },
  });
  hamarCoordinator = await createActor({
    roles: [{ role: "municipal_coordinator", municipalityNumber: "3403" }],
    user: { name: "Hans Hamar", email: "hans@hamar.test" },
  });
  tonsbergCoordinator = await createActor({ roles: [{ role: "municipal_coordinator", municipalityNumber: "3905" }] });
  const hamarOrg = await createOrganization({
    name: "Leksehjelp Hamar",
    municipalities: ["3403"],
    contactEmail: "post@leksehjelp.test",
    contactPhone: "+47 62 00 00 00",
    isDemo: true,
  });
  await createOrganization({ name: "Tønsberg-laget", municipalities: ["3905"], contactEmail: "post@tonsberg.test" });
  hamarOrgId = hamarOrg.id;
  hamarOrgAdmin = await createActor({
    memberships: [{ organizationId: hamarOrg.id, role: "admin" }],
    user: { name: "Aud Admin", email: "aud@leksehjelp.test" },
  });
});

describe("the public list of kommuner", () => {
  it("has all 357, with both Herøys in different counties", async () => {
    const { municipalities, counties } = await listMunicipalityOverview({});
    expect(municipalities).toHaveLength(357);
    expect(counties).toHaveLength(15);
    const heroy = municipalities.filter((m) => m.name === "Herøy");
    expect(heroy.map((m) => m.countyName).sort()).toEqual(["Møre og Romsdal", "Nordland"]);
    expect(municipalities.find((m) => m.number === "3403")).toMatchObject({ name: "Hamar", countyName: "Innlandet", organizationCount: 1 });
  });

  it("finds kommuner by name without diacritics, by number, and by county", async () => {
    expect((await listMunicipalityOverview({ q: "heroy" })).municipalities.map((m) => m.number).sort()).toEqual(["1515", "1818"]);
    expect((await listMunicipalityOverview({ q: "tønsberg" })).municipalities.map((m) => m.number)).toEqual(["3905"]);
    expect((await listMunicipalityOverview({ q: "3403" })).municipalities.map((m) => m.name)).toEqual(["Hamar"]);
    const innlandet = await listMunicipalityOverview({ county: "34" });
    expect(innlandet.municipalities.length).toBeGreaterThan(40);
    expect(innlandet.municipalities.every((m) => m.countyNumber === "34")).toBe(true);
  });

  it("treats wildcards, SQL, overlong text and unknown options as plain (non-matching) input", async () => {
    expect((await listMunicipalityOverview({ q: "%" })).municipalities).toEqual([]);
    expect((await listMunicipalityOverview({ q: "_" })).municipalities).toEqual([]);
    expect((await listMunicipalityOverview({ q: "' or 1=1 --" })).municipalities).toEqual([]);
    const overlong = await listMunicipalityOverview({ q: "x".repeat(10_000), county: "<b>", sort: "drop" });
    expect(overlong.municipalities).toHaveLength(357);
    expect(overlong.filter).toEqual({ q: "", county: undefined, sort: "county" });
    expect((await listMunicipalityOverview({ sort: "population" })).municipalities[0]!.name).toBe("Oslo");
  });
});

describe("a kommune's public page", () => {
  it("shows facts and serving organisations, and the internal link only to those who coordinate it", async () => {
    const summary = await getMunicipalitySummary(anonymous(), "3403");
    expect(summary.municipality).toMatchObject({ name: "Hamar", countyName: "Innlandet", websiteUrl: "https://www.hamar.kommune.no" });
    expect(summary.organizations.rows).toEqual([{ id: hamarOrgId, name: "Leksehjelp Hamar", kind: "voluntary", isDemo: true }]);
    expect(summary.canViewInternal).toBe(false);
    expect((await getMunicipalitySummary(hamarCoordinator, "3403")).canViewInternal).toBe(true);
    expect((await getMunicipalitySummary(tonsbergCoordinator, "3403")).canViewInternal).toBe(false);
    expect((await getMunicipalitySummary(innlandetAdvisor, "3403")).canViewInternal).toBe(true);
    expect((await getMunicipalitySummary(hamarOrgAdmin, "3403")).canViewInternal).toBe(false);
  });

  it("answers 404 for malformed and unknown numbers", async () => {
    for (const number of ["9999", "34", "abcd", "3403 ", "3403' or '1'='1", "x".repeat(10_000), ""]) {
      await expect(getMunicipalitySummary(anonymous(), number)).rejects.toBeAppError("not_found");
    }
  });
});

describe("a kommune's internal page", () => {
  it("lets the Hamar coordinator read Hamar's contacts, but not Tønsberg's", async () => {
    const internal = await getMunicipalityInternal(hamarCoordinator, "3403");
    expect(internal.coordinators.map((c) => c.email)).toContain("hans@hamar.test");
    expect(internal.advisors.map((a) => a.email)).toContain("ida@innlandet.test");
    expect(internal.organizations.rows).toHaveLength(1);
    expect(internal.organizations.rows[0]).toMatchObject({
      name: "Leksehjelp Hamar",
      contactEmail: "post@leksehjelp.test",
      contactPhone: "+47 62 00 00 00",
      admins: [{ name: "Aud Admin", email: "aud@leksehjelp.test" }],
    });
    await expect(getMunicipalityInternal(hamarCoordinator, "3905")).rejects.toBeAppError("forbidden");
  });

  it("lets the Innlandet advisor read Hamar but not Tønsberg, and a national admin both", async () => {
    expect((await getMunicipalityInternal(innlandetAdvisor, "3403")).municipality.name).toBe("Hamar");
    await expect(getMunicipalityInternal(innlandetAdvisor, "3905")).rejects.toBeAppError("forbidden");
    expect((await getMunicipalityInternal(nationalAdmin, "3403")).organizations.total).toBe(1);
    const tonsberg = await getMunicipalityInternal(nationalAdmin, "3905");
    expect(tonsberg.organizations.rows.map((o) => o.name)).toEqual(["Tønsberg-laget"]);
    expect(tonsberg.advisors).toEqual([]);
  });

  it("refuses organisation admins and anonymous visitors, and answers 404 for bad numbers", async () => {
    await expect(getMunicipalityInternal(hamarOrgAdmin, "3403")).rejects.toBeAppError("forbidden");
    await expect(getMunicipalityInternal(anonymous(), "3403")).rejects.toBeAppError("unauthenticated");
    await expect(getMunicipalityInternal(nationalAdmin, "9999")).rejects.toBeAppError("not_found");
    await expect(getMunicipalityInternal(hamarCoordinator, "<script>")).rejects.toBeAppError("not_found");
  });
});

describe("order and names", () => {
  it("sorts in Norwegian alphabetical order (Æ, Ø, Å last) and keeps both names of kommuner with a Sami name", async () => {
    const names = (await listMunicipalityOverview({ sort: "name" })).municipalities.map((m) => m.name);
    expect(names.at(-1)).toMatch(/^Å/);
    expect(names.indexOf("Øyer")).toBeLessThan(names.indexOf("Ås"));
    expect((await listMunicipalityOverview({ q: "kautokeino" })).municipalities.map((m) => m.name)).toEqual(["Guovdageaidnu – Kautokeino"]);
    expect((await listMunicipalityOverview({ q: "Guovdageaidnu" })).municipalities.map((m) => m.number)).toEqual(["5612"]);
  });
});
