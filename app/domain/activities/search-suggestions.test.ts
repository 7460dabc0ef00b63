import { beforeEach, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { getDb } from "~/db/client.server.ts";
import { activities, organizations } from "~/db/schema/index.ts";
import { createActor, createOrganization } from "../../../tests/factories.ts";
import { activityForm } from "../../../tests/fixtures/activity-form.ts";
import { createActivity, deleteActivity, updateActivity } from "./activities.server.ts";
import { searchActivities } from "./search.server.ts";

/**
 * "Did you mean" (issue 9, finding 4): the word table holds words of every
 * activity, so a suggestion must come only from activities the person may
 * read in the finder; otherwise a typo of a guessed word confirms that an
 * internal text contains it.
 */
const HAMAR = "3403";
const now = new Date("2026-11-23T12:00:00Z");

async function setup() {
  const org = await createOrganization({ name: "Hamar Frivilligsentral", municipalities: [HAMAR] });
  const member = await createActor({ memberships: [{ organizationId: org.id, role: "member" }] });
  return { org, member };
}

/** A text only this activity has: its unique word is "hemmeligprosjektet". */
const secret = { title: "Møte om hemmeligprosjektet", description: "Planlegging av hemmeligprosjektet i Hamar." };
const typo = "hemmeligprosjekett";

const suggestionFor = async (q: string, actor?: Awaited<ReturnType<typeof createActor>>) => (await searchActivities({ q }, { now, actor })).correctedQuery;

describe("did you mean", () => {
  beforeEach(async () => void (await getDb().delete(activities)));

  it("suggests words of an activity only while it is public: internal → nothing, public → the word, internal again → nothing", async () => {
    const { org, member } = await setup();
    const { id } = await createActivity(member, org.id, activityForm({ ...secret, visibility: "internal" }), now);
    expect(await suggestionFor(typo), "internal: nothing suggested to the public").toBeNull();
    expect((await searchActivities({ q: typo }, { now })).items).toEqual([]);
    // Its members may read it, so its words may help them (the export searches as the actor).
    expect(await suggestionFor(typo, member)).toBe("hemmeligprosjektet");

    await updateActivity(member, id, activityForm({ ...secret, visibility: "public" }), now);
    const found = await searchActivities({ q: typo }, { now });
    expect(found.correctedQuery).toBe("hemmeligprosjektet");
    expect(found.items.map((i) => i.title)).toEqual([secret.title]);

    await updateActivity(member, id, activityForm({ ...secret, visibility: "internal" }), now);
    expect(await suggestionFor(typo), "internal again: nothing suggested").toBeNull();

    await updateActivity(member, id, activityForm({ ...secret, visibility: "partners" }), now);
    expect(await suggestionFor(typo), "partners only: nothing suggested to the public").toBeNull();
  });

  it("forgets the words of deleted, ended and long-unconfirmed activities, and of organisations deleted with their activities", async () => {
    const { org, member } = await setup();
    const { id } = await createActivity(member, org.id, activityForm(secret), now);
    expect(await suggestionFor(typo)).toBe("hemmeligprosjektet");

    await updateActivity(member, id, activityForm({ ...secret, status: "ended" }), now);
    expect(await suggestionFor(typo), "ended").toBeNull();
    await updateActivity(member, id, activityForm(secret), now);
    expect(await suggestionFor(typo)).toBe("hemmeligprosjektet");

    const muchLater = new Date("2028-01-01T12:00:00Z");
    expect((await searchActivities({ q: typo }, { now: muchLater })).correctedQuery, "unconfirmed for too long").toBeNull();

    await deleteActivity(member, id, { confirm: "on" });
    expect(await suggestionFor(typo), "deleted").toBeNull();

    const other = await createOrganization({ name: "Forsvunnet lag", municipalities: [HAMAR] });
    const otherMember = await createActor({ memberships: [{ organizationId: other.id, role: "admin" }] });
    await createActivity(otherMember, other.id, activityForm(secret), now);
    expect(await suggestionFor(typo)).toBe("hemmeligprosjektet");
    await getDb().delete(organizations).where(eq(organizations.id, other.id));
    expect(await suggestionFor(typo), "organisation deleted (cascade)").toBeNull();
  });

  it("answers the public exactly as if internal activities did not exist", async () => {
    const { org, member } = await setup();
    await createActivity(member, org.id, activityForm({ title: "Leksehjelp for barn" }), now);
    const guesses = ["leksehjelpen", "leksehjelpem", "leksehjlep", "evaluering", "evaluerimg", "internevaluering", "intern", "barn evaluerimg"];
    const answers = async () =>
      Promise.all(
        guesses.map(async (q) => {
          const r = await searchActivities({ q }, { now });
          return { q, corrected: r.correctedQuery, titles: r.items.map((i) => i.title) };
        }),
      );
    const before = await answers();
    // An internal text with "leksehjelpen" (the public one has only "leksehjelp") and words no public text has.
    await createActivity(
      member,
      org.id,
      activityForm({ title: "Internevaluering av leksehjelpen", description: "Evaluering, intern.", visibility: "internal" }),
      now,
    );
    expect(await answers()).toEqual(before);
    expect(before.find((a) => a.q === "leksehjelpem")?.corrected).toBe("leksehjelp");
  });
});
