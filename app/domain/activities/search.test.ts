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
    await createActivity(
      actor,
      org.id,
      activityForm({
        title: "Språkkafé på Tønsberg bibliotek",
        description: "Øv norsk over en kopp kaffe.",
        themes: ["language"],
        targetGroups: ["adults"],
        municipality: TONSBERG,
      }),
      now,
    );
    await createActivity(
      actor,
      org.id,
      activityForm({ title: "Turgruppe for kvinner", description: "Vi går tur i skogen.", themes: ["sports_outdoors"], targetGroups: ["women"] }),
      now,
    );

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

  it("finds what an activity is tagged with: its themes, target groups, languages and kommune, in every finder language, below title matches", async () => {
    const { org, actor } = await setup();
    // Held in Somali, tagged homework help, in Tønsberg; neither its title nor its description says so.
    await createActivity(
      actor,
      org.id,
      activityForm({
        title: "Onsdagstreff",
        description: "Vi møtes og prater.",
        themes: ["homework_help"],
        targetGroups: ["adults"],
        languages: ["so"],
        municipality: TONSBERG,
      }),
      now,
    );
    // "Leksehjelp" in the title; held in Norwegian and Arabic, in Hamar.
    await createActivity(actor, org.id, activityForm(), now);
    await createActivity(
      actor,
      org.id,
      activityForm({
        title: "Intern økt",
        description: "Planlegging.",
        themes: ["work"],
        targetGroups: ["adults"],
        languages: ["so", "ti"],
        visibility: "internal",
      }),
      now,
    );

    const titles = async (q: string, opts: { actor?: typeof actor } = {}) => (await searchActivities({ q }, { now, ...opts })).items.map((i) => i.title);
    expect(await titles("somali")).toEqual(["Onsdagstreff"]);
    expect(await titles("Сомалі")).toEqual(["Onsdagstreff"]);
    expect(await titles("الصومالية")).toEqual(["Onsdagstreff"]);
    expect(await titles("Soomaali")).toEqual(["Onsdagstreff"]);
    // Words of other scripts that match nothing find nothing (and are not "corrected" into Latin words).
    expect(await titles("сомаліі")).toEqual([]);
    expect(await titles("غيرموجود")).toEqual([]);
    // The theme's label finds the tagged activity too, ranked below the one with the word in its title.
    expect(await titles("leksehjelp")).toEqual(["Leksehjelp for barn", "Onsdagstreff"]);
    expect((await titles("homework help")).sort()).toEqual(["Leksehjelp for barn", "Onsdagstreff"]);
    expect((await titles("домашніми завданнями")).sort()).toEqual(["Leksehjelp for barn", "Onsdagstreff"]);
    expect((await titles("الواجبات المدرسية")).sort()).toEqual(["Leksehjelp for barn", "Onsdagstreff"]);
    expect(await titles("voksne")).toEqual(["Onsdagstreff"]);
    expect(await titles("Hamar")).toEqual(["Leksehjelp for barn"]);
    expect(await titles("tønsberg leksehjelp")).toEqual(["Onsdagstreff"]);
    expect(await titles("arabisk barn")).toEqual(["Leksehjelp for barn"]);
    // Internal activities never appear for the public, whatever they are tagged with; their members still find them.
    expect(await titles("tigrinja")).toEqual([]);
    expect(await titles("tigrinja", { actor })).toEqual(["Intern økt"]);
    expect((await titles("somali", { actor })).sort()).toEqual(["Intern økt", "Onsdagstreff"]);
    // "Did you mean" knows the tag words, but only those of activities the visitor may read.
    const typo = await searchActivities({ q: "sommali" }, { now });
    expect(typo.correctedQuery).toBe("somali");
    expect(typo.items.map((i) => i.title)).toEqual(["Onsdagstreff"]);
    const hidden = await searchActivities({ q: "tigrinjja" }, { now });
    expect(hidden.correctedQuery).toBeNull();
    expect(hidden.items).toEqual([]);
    expect((await searchActivities({ q: "tigrinjja" }, { now, actor })).correctedQuery).toBe("tigrinja");
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
    await expect(getActivity(outsider, hidden.id, now)).rejects.toBeAppError("not_found");
    await expect(getActivity(anonymous(), hidden.id, now)).rejects.toBeAppError("not_found");
    const coordinator = await createActor({ roles: [{ role: "municipal_coordinator", municipalityNumber: HAMAR }] });
    expect((await getActivity(coordinator, hidden.id, now)).access.canEdit).toBe(false);
    const otherCoordinator = await createActor({ roles: [{ role: "municipal_coordinator", municipalityNumber: TONSBERG }] });
    await expect(getActivity(otherCoordinator, hidden.id, now)).rejects.toBeAppError("not_found");
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

  it("finds the nearest through growing boxes exactly as sorting every activity would, dense or sparse, on any page", async () => {
    const { org, actor } = await setup();
    const db = getDb();
    // A dense town (300 within ≈ 3 km of Hamar) and a sparse spread over Innlandet and the south, plus some without a point.
    let seed = 11;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const base = {
      organizationId: org.id,
      municipalityNumber: HAMAR,
      description: "Test.",
      themes: ["language"],
      targetGroups: ["adults"],
      scheduleKind: "ongoing" as const,
    };
    await db.insert(activities).values([
      ...Array.from({ length: 300 }, (_, i) => ({
        ...base,
        title: `Tett ${i}`,
        latitude: 60.79 + (random() - 0.5) * 0.05,
        longitude: 11.07 + (random() - 0.5) * 0.1,
      })),
      ...Array.from({ length: 120 }, (_, i) => ({ ...base, title: `Spredt ${i}`, latitude: 58 + random() * 5, longitude: 6 + random() * 6 })),
      ...Array.from({ length: 5 }, (_, i) => ({ ...base, title: `Uten punkt ${i}` })),
    ]);
    const all = await db.select({ title: activities.title, lat: activities.latitude, lon: activities.longitude }).from(activities);
    const expected = (lat: number, lon: number) =>
      all
        .map((a) => ({ title: a.title, km: a.lat === null ? Infinity : Math.hypot(a.lat - lat, (a.lon! - lon) * Math.cos((lat * Math.PI) / 180)) }))
        .sort((x, y) => x.km - y.km)
        .map((a) => a.title);
    for (const [lat, lon] of [
      [60.79, 11.07], // in the dense town: the smallest box answers
      [62.5, 9.5], // in the sparse spread: the boxes grow
      [69.6, 18.9], // far from everything: falls back to sorting all
    ] as const) {
      const want = expected(lat, lon);
      for (const page of [1, 3]) {
        const r = await searchActivities({ sort: "distance", lat: String(lat), lon: String(lon), page: String(page) }, { actor, now });
        const titles = r.items.map((i) => i.title);
        expect(titles.length).toBeGreaterThan(0);
        expect(titles).toEqual(want.slice((page - 1) * titles.length, page * titles.length));
      }
    }
  });

  it("does not trust a box whose rows lie in its corners: a nearer activity just outside it comes first", async () => {
    const { org, actor } = await setup();
    const base = {
      organizationId: org.id,
      municipalityNumber: HAMAR,
      description: "Test.",
      themes: ["language"],
      targetGroups: ["adults"],
      scheduleKind: "ongoing" as const,
    };
    // From (61.0, 10.0): 25 activities in the smallest box's corner (≈ 2.7 km away), one just outside its side (≈ 2.2 km).
    await getDb()
      .insert(activities)
      .values([
        ...Array.from({ length: 25 }, (_, i) => ({ ...base, title: `Hjørne ${i}`, latitude: 61.019, longitude: 10.03 + i * 0.0001 })),
        { ...base, title: "Like utenfor", latitude: 61.0, longitude: 10.041 },
      ]);
    const r = await searchActivities({ sort: "distance", lat: "61.0", lon: "10.0" }, { actor, now });
    expect(r.items[0]!.title).toBe("Like utenfor");
  });
});
