import { describe, expect, it } from "vitest";
import { anonymous } from "~/domain/auth/actor.ts";
import { createGuidanceRequest, handOverGuidanceRequest } from "~/domain/guidance/guidance.server.ts";
import { createActor, createOrganization } from "../../../tests/factories.ts";
import { getCompetenceCentre } from "./centre.server.ts";

const TONSBERG = "3905";
const HAMAR = "3403";

describe("the competence centre page: each level's parts, through the owning modules' rules", () => {
  it("shows each role its own level and nobody else's requests", async () => {
    const org = await createOrganization({ name: "Somalisk forening (senter)", kind: "migrant_organization", municipalities: [TONSBERG] });
    const asker = await createActor({ memberships: [{ organizationId: org.id, role: "admin" }] });
    const tonsberg = await createActor({ roles: [{ role: "municipal_coordinator", municipalityNumber: TONSBERG }] });
    const hamar = await createActor({ roles: [{ role: "municipal_coordinator", municipalityNumber: HAMAR }] });
    const vestfold = await createActor({ roles: [{ role: "county_advisor", countyNumber: "39" }] });
    const innlandet = await createActor({ roles: [{ role: "county_advisor", countyNumber: "34" }] });
    const imdi = await createActor({ roles: [{ role: "national_admin" }] });
    const otherOrg = await createOrganization({ municipalities: [TONSBERG] });
    const otherAsker = await createActor({ memberships: [{ organizationId: otherOrg.id, role: "member" }] });
    const { id } = await createGuidanceRequest(asker, {
      organizationId: org.id,
      topic: "grants_funding",
      municipalityNumber: TONSBERG,
      title: "Tilskudd til kulturkveld",
      description: "Hvilke tilskudd kan en liten forening søke?",
      urgency: "normal",
    });
    const ids = (rows: { id: string }[] | undefined) => (rows ?? []).map((r) => r.id);
    const locale = "nb";

    const visitor = await getCompetenceCentre(anonymous(), { locale });
    expect(visitor).toMatchObject({ signedIn: false, inbox: null, kommuner: [], counties: [], nation: null, organization: null });
    expect(visitor.public).toHaveProperty("articles");

    const own = await getCompetenceCentre(asker, { locale });
    expect(ids(own.organization?.requests.rows)).toEqual([id]);
    expect(own.organization?.storyOrganizations).toEqual([{ id: org.id, name: org.name }]);
    expect(own).toMatchObject({ inbox: null, kommuner: [], counties: [], nation: null });

    const other = await getCompetenceCentre(otherAsker, { locale });
    expect(other.organization?.requests.total).toBe(0);
    expect(other.organization?.storyOrganizations).toEqual([]);

    const kommune = await getCompetenceCentre(tonsberg, { locale });
    expect(ids(kommune.inbox?.rows)).toEqual([id]);
    expect(kommune.kommuner.map((k) => k.number)).toEqual([TONSBERG]);
    expect(kommune.kommuner[0]!.responseTimes.pending).toBe(1);
    expect(kommune).toMatchObject({ counties: [], nation: null, organization: null });

    expect(ids((await getCompetenceCentre(hamar, { locale })).inbox?.rows)).toEqual([]);
    // Held by the kommune: not the fylkeskommune's or IMDi's to see yet.
    const county = await getCompetenceCentre(vestfold, { locale });
    expect(ids(county.inbox?.rows)).toEqual([]);
    expect(county.counties.map((c) => c.number)).toEqual(["39"]);
    expect(county.counties[0]!.responseTimes.kommuner.map((k) => k.number)).toContain(TONSBERG);
    expect(county).toMatchObject({ kommuner: [], nation: null });
    const national = await getCompetenceCentre(imdi, { locale });
    expect(ids(national.inbox?.rows)).toEqual([]);
    expect(national.nation?.responseTimes.fylker).toHaveLength(15);

    await handOverGuidanceRequest(tonsberg, id, { reason: "Gjelder regionale tilskudd som fylkeskommunen forvalter." });
    expect(ids((await getCompetenceCentre(vestfold, { locale })).inbox?.rows)).toEqual([id]);
    expect(ids((await getCompetenceCentre(innlandet, { locale })).inbox?.rows)).toEqual([]);
    expect(ids((await getCompetenceCentre(tonsberg, { locale })).inbox?.rows)).toEqual([]);
  });
});
