import { beforeEach, describe, expect, it } from "vitest";
import { getDb } from "~/db/client.server.ts";
import { activities } from "~/db/schema/index.ts";
import { createActor, createOrganization } from "../../../tests/factories.ts";
import { createActivity, findSimilarActivities, getActivity } from "./activities.server.ts";
import { searchActivities } from "./search.server.ts";
import { anonymous } from "~/domain/auth/actor.ts";
import { activityForm } from "../../../tests/fixtures/activity-form.ts";

const HAMAR = "3403";
const TONSBERG = "3905";


async function setup() {
  const org = await createOrganization({ name: "Hamar Frivilligsentral", municipalities: [HAMAR] });
  const actor = await createActor({ memberships: [{ organizationId: org.id, role: "member" }] });
  return { org, actor };
}

const now = new Date("2026-11-23T12:00:00Z");

describe("the finder's search", () => {
  // One database per file: start each case from no activities.
  beforeEach(async () => void (await getDb().delete(activities)));

  it("finds base forms from inflected words, compounds from their start, and typos through known words", async () => {
    const { org, actor } = await setup();
    await createActivity(actor, org.id, activityForm(), now);
    await createActivity(actor, org.id, activityForm({ title: "Språkkafé på Tønsberg bibliotek", description: "Øv norsk over en kopp kaffe.", themes: ["language"], municipality: TONSBERG }), now);
    await createActivity(actor, org.id, activityForm({ title: "Turgruppe for kvinner", description: "Vi går tur i skogen.", themes: ["sports_outdoors"], targetGroups: ["women"] }), now);

    const titles = async (q: Record<string, unknown>) => (await searchActivities(q, { now })).items.map((i) => i.title);
    expect(await titles({ q: "leksehjelp" })).toEqual(["Leksehjelp for barn"]);
    expect(await titles({ q: "lekser" })).toEqual(["Leksehjelp for barn"]);
    expect(await titles({ q: "barna" })).toEqual(["Leksehjelp for barn"]);
    expect(await titles({ q: "lekse" })).toEqual(["Leksehjelp for barn"]);
    expect(await titles({ q: "sprakkafe" })).toEqual(["Språkkafé på Tønsberg bibliotek"]);
    expect(await titles({ q: "språkkafeen" })).toEqual(["Språkkafé på Tønsberg bibliotek"]);
    const typo = await searchActivities({ q: "leksehjlep" }, { now });
    expect(typo.items.map((i) => i.title)).toEqual(["Leksehjelp for barn"]);
    expect(typo.correctedQuery).toBe("leksehjelp");
    expect(await titles({ q: "bibliotek", municipality: TONSBERG })).toEqual(["Språkkafé på Tønsberg bibliotek"]);
    expect(await titles({ themes: "sports_outdoors" })).toEqual(["Turgruppe for kvinner"]);
    expect(await titles({ targetGroups: ["women"], days: "2" })).toEqual(["Turgruppe for kvinner"]);
    expect(await titles({ days: "3" })).toEqual([]);
    expect(await titles({ q: "'; drop table activities; --" })).toEqual([]);
    expect((await searchActivities({ q: "x".repeat(10_000), page: "-4", themes: "nope" }, { now })).items).toEqual([]);
  });

  it("never shows internal, partner-only, ended or long-unconfirmed activities to the public", async () => {
    const { org, actor } = await setup();
    await createActivity(actor, org.id, activityForm({ title: "Intern planlegging", visibility: "internal" }), now);
    await createActivity(actor, org.id, activityForm({ title: "Partnermøte", visibility: "partners" }), now);
    await createActivity(actor, org.id, activityForm({ title: "Avsluttet kurs", status: "ended" }), now);
    await createActivity(actor, org.id, activityForm({ title: "Gammel aktivitet" }), new Date("2025-06-01T12:00:00Z"));
    const pub = await searchActivities({}, { now });
    expect(pub.items.map((i) => i.title)).toEqual([]);
    const own = await searchActivities({}, { now, actor });
    expect(own.items.map((i) => i.title).sort()).toEqual(["Intern planlegging", "Partnermøte"]);

    const outsider = await createActor({});
    const hidden = (await searchActivities({}, { now, actor })).items[0]!;
    await expect(getActivity(outsider, hidden.id, now)).rejects.toMatchObject({ code: "not_found" });
    await expect(getActivity(anonymous(), hidden.id, now)).rejects.toMatchObject({ code: "not_found" });
    const coordinator = await createActor({ roles: [{ role: "municipal_coordinator", municipalityNumber: HAMAR }] });
    expect((await getActivity(coordinator, hidden.id, now)).access.canEdit).toBe(false);
    const otherCoordinator = await createActor({ roles: [{ role: "municipal_coordinator", municipalityNumber: TONSBERG }] });
    await expect(getActivity(otherCoordinator, hidden.id, now)).rejects.toMatchObject({ code: "not_found" });
  });

  it("warns of a similar activity in the same kommune before a new one is created", async () => {
    const { org, actor } = await setup();
    await createActivity(actor, org.id, activityForm(), now);
    const other = await createOrganization({ name: "Røde Kors Hamar", municipalities: [HAMAR] });
    const otherActor = await createActor({ memberships: [{ organizationId: other.id, role: "admin" }] });
    const similar = await findSimilarActivities(otherActor, { municipality: HAMAR, title: "Leksehjelp", themes: ["homework_help"] });
    expect(similar.map((s) => s.title)).toEqual(["Leksehjelp for barn"]);
    expect(await findSimilarActivities(otherActor, { municipality: TONSBERG, title: "Leksehjelp", themes: ["homework_help"] })).toEqual([]);
  });

  it("sorts by distance from a chosen point", async () => {
    const { org, actor } = await setup();
    await createActivity(actor, org.id, activityForm(), now);
    await createActivity(actor, org.id, activityForm({ title: "Nær", latitude: "60.79", longitude: "11.07" }), now);
    await createActivity(actor, org.id, activityForm({ title: "Langt unna", latitude: "59.27", longitude: "10.41", municipality: TONSBERG }), now);
    const r = await searchActivities({ sort: "distance", lat: "60.8", lon: "11.08" }, { now });
    expect(r.sort).toBe("distance");
    // Activities without a point come last.
    expect(r.items.map((i) => i.title)).toEqual(["Nær", "Langt unna", "Leksehjelp for barn"]);
  });
});
