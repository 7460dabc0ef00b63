import { describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { getDb } from "~/db/client.server.ts";
import { activities, auditLog, stories } from "~/db/schema/index.ts";
import { anonymous } from "~/domain/auth/actor.ts";
import { createActor, createOrganization } from "../../../tests/factories.ts";
import {
  createStory,
  getStory,
  listPublishedStories,
  organizationStories,
  publishedStories,
  reviewStory,
  storiesBesideActivity,
  storiesInFylkeOf,
  storyActivityChoices,
  storyReviewQueue,
  updateStory,
} from "./stories.server.ts";

const HAMAR = "3403";
const ELVERUM = "3420";
const TONSBERG = "3905";

async function activityOf(organizationId: string, municipalityNumber: string, themes: string[] = ["language"]) {
  const [row] = await getDb()
    .insert(activities)
    .values({ organizationId, municipalityNumber, title: `Språkkafé ${municipalityNumber}`, themes })
    .returning({ id: activities.id });
  return row!.id;
}

async function setting(kommune = HAMAR, kind: "volunteer_centre" | "migrant_organization" = "volunteer_centre") {
  const org = await createOrganization({ municipalities: [kommune], kind });
  const admin = await createActor({ memberships: [{ organizationId: org.id, role: "admin" }] });
  const member = await createActor({ memberships: [{ organizationId: org.id, role: "member" }] });
  const activityId = await activityOf(org.id, kommune);
  return { org, admin, member, activityId };
}

function storyInput(activityId: string, overrides: Record<string, unknown> = {}) {
  return {
    activityId,
    title: "Språkkafé som fikk folk i arbeid",
    whatWasDone: "Ukentlig språkkafé med frivillige fra næringslivet.",
    forWhom: "Nyankomne voksne",
    whatWorked: "Faste verter og kaffe.",
    whatDidNotWork: "Kveldstid passet dårlig for småbarnsforeldre.",
    cost: "2 000 kroner i måneden",
    contactName: "Ola Organisasjonsleder",
    contactEmail: "ola@example.no",
    contactPhone: "",
    topics: ["volunteers", "reaching_refugees"],
    ...overrides,
  };
}

describe("stories: writing", () => {
  it("an organisation admin writes a story about its own activity; it waits for review, audited, with the activity's kommune, fylke and themes", async () => {
    const { org, admin, activityId } = await setting();
    const { id } = await createStory(admin, org.id, storyInput(activityId));
    const [row] = await getDb().select().from(stories).where(eq(stories.id, id));
    expect(row).toMatchObject({ status: "pending", municipalityNumber: HAMAR, countyNumber: "34", activityThemes: ["language"], contactPhone: null });
    const [audit] = await getDb()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, id), eq(auditLog.action, "story.created")));
    expect(audit).toBeTruthy();
    const choices = await storyActivityChoices(admin, org.id);
    expect(choices.activities.map((a) => a.id)).toEqual([activityId]);
  });

  it("members, other organisations' admins, coordinators and visitors may not write one; another organisation's activity is refused", async () => {
    const { org, member, activityId } = await setting();
    const other = await setting();
    const coordinator = await createActor({ roles: [{ role: "municipal_coordinator", municipalityNumber: HAMAR }] });
    await expect(createStory(member, org.id, storyInput(activityId))).rejects.toBeAppError("forbidden");
    await expect(createStory(other.admin, org.id, storyInput(activityId))).rejects.toBeAppError("forbidden");
    await expect(createStory(coordinator, org.id, storyInput(activityId))).rejects.toBeAppError("forbidden");
    await expect(createStory(anonymous(), org.id, storyInput(activityId))).rejects.toBeAppError("unauthenticated");
    await expect(storyActivityChoices(member, org.id)).rejects.toBeAppError("forbidden");
    // Its own organisation, someone else's activity.
    await expect(createStory(other.admin, other.org.id, storyInput(activityId))).rejects.toBeAppError("validation");
    await expect(createStory(other.admin, "not-a-uuid", storyInput(activityId))).rejects.toBeAppError("not_found");
    expect(await getDb().select().from(stories).where(eq(stories.organizationId, org.id))).toHaveLength(0);
  });

  it("bad input is a validation error with field messages and writes nothing", async () => {
    const { org, admin, activityId } = await setting();
    const cases: Record<string, unknown>[] = [
      {},
      storyInput(activityId, { title: "" }),
      storyInput(activityId, { title: "x".repeat(161) }),
      storyInput(activityId, { whatWasDone: "   " }),
      storyInput(activityId, { whatWorked: "y".repeat(4001) }),
      storyInput(activityId, { contactEmail: "not an address" }),
      storyInput(activityId, { contactPhone: "call me" }),
      storyInput(activityId, { topics: ["grants_funding", "world_peace"] }),
      storyInput(activityId, { activityId: "not-a-uuid" }),
      storyInput(activityId, { title: ["a", "b"] }),
      storyInput(activityId, { contactName: { $ne: 1 } }),
    ];
    for (const input of cases) {
      await expect(createStory(admin, org.id, input), JSON.stringify(input).slice(0, 80)).rejects.toBeAppError("validation");
    }
    expect(await getDb().select().from(stories).where(eq(stories.organizationId, org.id))).toHaveLength(0);
  });
});

describe("stories: review", () => {
  it("only a coordinator of the activity's kommune (or IMDi) approves; other kommuner's coordinators and the county advisor may not", async () => {
    const { org, admin, member, activityId } = await setting();
    const { id } = await createStory(admin, org.id, storyInput(activityId));
    const hamar = await createActor({ roles: [{ role: "municipal_coordinator", municipalityNumber: HAMAR }] });
    const elverum = await createActor({ roles: [{ role: "municipal_coordinator", municipalityNumber: ELVERUM }] });
    const tonsberg = await createActor({ roles: [{ role: "municipal_coordinator", municipalityNumber: TONSBERG }] });
    const advisor = await createActor({ roles: [{ role: "county_advisor", countyNumber: "34" }] });
    const stranger = await createActor();

    // Outsiders do not see a story that is not public: it does not exist for them.
    for (const actor of [elverum, tonsberg, advisor, stranger, anonymous()]) {
      await expect(getStory(actor, id)).rejects.toBeAppError("not_found");
    }
    await expect(reviewStory(elverum, id, { decision: "approve" })).rejects.toBeAppError("not_found");
    await expect(reviewStory(advisor, id, { decision: "approve" })).rejects.toBeAppError("not_found");
    // Its own admin may not approve its own story.
    await expect(reviewStory(admin, id, { decision: "approve" })).rejects.toBeAppError("forbidden");
    await expect(reviewStory(member, id, { decision: "approve" })).rejects.toBeAppError("forbidden");
    await expect(reviewStory(anonymous(), id, { decision: "approve" })).rejects.toBeAppError("unauthenticated");

    expect((await storyReviewQueue(hamar)).rows.map((r) => r.id)).toContain(id);
    expect((await storyReviewQueue(elverum)).rows.map((r) => r.id)).not.toContain(id);
    await expect(storyReviewQueue(advisor)).rejects.toBeAppError("forbidden");
    await expect(storyReviewQueue(admin)).rejects.toBeAppError("forbidden");
    await expect(storyReviewQueue(anonymous())).rejects.toBeAppError("unauthenticated");

    expect((await getStory(member, id)).status).toBe("pending");
    expect((await getStory(hamar, id)).canReview).toBe(true);
    expect((await listPublishedStories({})).rows.map((r) => r.id)).not.toContain(id);

    await reviewStory(hamar, id, { decision: "approve", comment: "" });
    expect((await getStory(anonymous(), id)).status).toBe("approved");
    expect((await getStory(anonymous(), id)).reviewComment).toBeNull();
    expect((await listPublishedStories({})).rows.map((r) => r.id)).toContain(id);
    // Approved once; a second decision is a conflict, not a silent overwrite.
    await expect(reviewStory(hamar, id, { decision: "return", comment: "Nei" })).rejects.toBeAppError("conflict");
    // Now public, others' coordinators still may not decide on it.
    await expect(reviewStory(elverum, id, { decision: "return", comment: "Nei" })).rejects.toBeAppError("forbidden");
  });

  it("sent back with a comment; the organisation sees the comment, edits, and the story waits for review again", async () => {
    const { org, admin, member, activityId } = await setting();
    const imdi = await createActor({ roles: [{ role: "national_admin" }] });
    const { id } = await createStory(admin, org.id, storyInput(activityId));
    await expect(reviewStory(imdi, id, { decision: "return", comment: "   " })).rejects.toBeAppError("validation");
    await expect(reviewStory(imdi, id, { decision: "maybe" })).rejects.toBeAppError("validation");
    await expect(reviewStory(imdi, id, { decision: "return", comment: "z".repeat(2001) })).rejects.toBeAppError("validation");
    await reviewStory(imdi, id, { decision: "return", comment: "Skriv litt mer om kostnadene." });
    expect(await getStory(member, id)).toMatchObject({ status: "returned", reviewComment: "Skriv litt mer om kostnadene." });
    expect((await organizationStories(member, org.id))[0]).toMatchObject({ id, status: "returned" });
    await expect(updateStory(member, id, storyInput(activityId))).rejects.toBeAppError("forbidden");
    await updateStory(admin, id, storyInput(activityId, { cost: "Ca. 24 000 kroner i året, mest kaffe og husleie." }));
    expect((await getStory(member, id)).status).toBe("pending");

    // Editing an approved story takes it off the public list until it is reviewed again.
    await reviewStory(imdi, id, { decision: "approve" });
    await updateStory(admin, id, storyInput(activityId, { title: "Ny tittel på historien" }));
    await expect(getStory(anonymous(), id)).rejects.toBeAppError("not_found");
  });
});

describe("stories: where they are shown", () => {
  it("public list filters by topic and kind; beside activities of the same theme in the same fylke; the fylke's list for the kommune overview", async () => {
    const hamar = await setting(HAMAR, "volunteer_centre");
    const elverum = await setting(ELVERUM, "migrant_organization");
    const tonsberg = await setting(TONSBERG, "volunteer_centre");
    const imdi = await createActor({ roles: [{ role: "national_admin" }] });
    const a = await createStory(hamar.admin, hamar.org.id, storyInput(hamar.activityId, { topics: ["volunteers"] }));
    const b = await createStory(elverum.admin, elverum.org.id, storyInput(elverum.activityId, { topics: ["grants_funding"] }));
    const c = await createStory(tonsberg.admin, tonsberg.org.id, storyInput(tonsberg.activityId, { topics: ["volunteers"] }));
    for (const s of [a, b, c]) await reviewStory(imdi, s.id, { decision: "approve" });

    const byTopic = (await listPublishedStories({ tema: "volunteers" })).rows.map((r) => r.id);
    expect(byTopic).toEqual(expect.arrayContaining([a.id, c.id]));
    expect(byTopic).not.toContain(b.id);
    const byKind = (await listPublishedStories({ type: "migrant_organization" })).rows.map((r) => r.id);
    expect(byKind).toContain(b.id);
    expect(byKind).not.toContain(a.id);
    // Unknown filters read as none, a nonsense page as page 1.
    expect((await listPublishedStories({ tema: "<script>", type: "x" }, "abc")).page).toBe(1);

    // Beside Hamar's activity: Elverum's story (same fylke, same theme), not its own, not Tønsberg's.
    const beside = (await storiesBesideActivity({ id: hamar.activityId, municipalityNumber: HAMAR, themes: ["language"] })).map((r) => r.id);
    expect(beside).toContain(b.id);
    expect(beside).not.toContain(a.id);
    expect(beside).not.toContain(c.id);
    expect(await storiesBesideActivity({ id: hamar.activityId, municipalityNumber: HAMAR, themes: ["housing"] })).toEqual([]);

    const fylke = (await storiesInFylkeOf(HAMAR, 10)).map((r) => r.id);
    expect(fylke).toEqual(expect.arrayContaining([a.id, b.id]));
    expect(fylke).not.toContain(c.id);
    // Other kommuner first: "others in your fylke".
    expect(fylke.indexOf(b.id)).toBeLessThan(fylke.indexOf(a.id));
    expect((await publishedStories({ municipalityNumber: TONSBERG, limit: 5 })).map((r) => r.id)).toContain(c.id);
    expect((await publishedStories({ countyNumber: "34", limit: 5 })).map((r) => r.id)).not.toContain(c.id);
  });
});
