import { beforeAll, describe, expect, it } from "vitest";
import { and, eq, like, sql } from "drizzle-orm";
import { getDb } from "~/db/client.server.ts";
import { activities, activityPairDecisions, auditLog, collaborationSuggestions, outboundEmails } from "~/db/schema/index.ts";
import { anonymous } from "~/domain/auth/actor.ts";
import { seedDemoData } from "~/domain/demo/seed.server.ts";
import { demoActivityIds as ids } from "~/domain/demo/ids.ts";
import { createActor } from "../../../tests/factories.ts";
import { detectOverlaps, listParallelInitiatives, markDistinct, suggestCollaboration, unmarkDistinct } from "./overlap.server.ts";

const HAMAR = "3403";
const TONSBERG = "3905";
const homeworkPair = [ids.hamarHomework, ids.hamarLibraryHomework].sort() as [string, string];
const languagePair = [ids.hamarLanguageCafe, ids.hamarWomenConversation].sort() as [string, string];
const has = (pairs: { a: string; b: string }[], [a, b]: [string, string]) => pairs.some((p) => p.a === a && p.b === b);

let coordinator: Awaited<ReturnType<typeof createActor>>;
beforeAll(async () => {
  await seedDemoData();
  coordinator = await createActor({ roles: [{ role: "municipal_coordinator", municipalityNumber: HAMAR }] });
});

describe("parallel initiatives in the Hamar demo", () => {
  it("lists the homework pair by two organisations, with its reasons, and the language pair", async () => {
    const page = await listParallelInitiatives(coordinator, HAMAR);
    const homework = page.pairs.find((p) => p.a === homeworkPair[0] && p.b === homeworkPair[1]);
    const language = page.pairs.find((p) => p.a === languagePair[0] && p.b === languagePair[1]);
    console.log(`demo: homework pair ${homework?.score}, language pair ${language?.score}; ${page.total} pairs of ${page.activityCount} activities`);
    expect(homework).toBeDefined();
    expect(homework!.details.sharedThemes).toEqual(["homework_help"]);
    expect(homework!.details.sharedWeekdays).toEqual([2]);
    expect(homework!.details.timesOverlap).toBe(true);
    expect(homework!.details.distanceMeters).toBeLessThan(500);
    expect(homework!.activityA.organizationName).not.toBe(homework!.activityB.organizationName);
    expect(language).toBeDefined();
    // Never a pair of one organisation's own activities.
    for (const p of page.pairs) expect(p.activityA.organizationId).not.toBe(p.activityB.organizationId);
  });

  it("only lets those who coordinate the kommune see it", async () => {
    const tonsberg = await createActor({ roles: [{ role: "municipal_coordinator", municipalityNumber: TONSBERG }] });
    const innlandet = await createActor({ roles: [{ role: "county_advisor", countyNumber: "34" }] });
    const member = await createActor();
    await expect(listParallelInitiatives(tonsberg, HAMAR)).rejects.toBeAppError("forbidden");
    await expect(listParallelInitiatives(innlandet, TONSBERG)).rejects.toBeAppError("forbidden");
    await expect(listParallelInitiatives(member, HAMAR)).rejects.toBeAppError("forbidden");
    await expect(listParallelInitiatives(anonymous(), HAMAR)).rejects.toBeAppError("unauthenticated");
    await expect(listParallelInitiatives(coordinator, "9999")).rejects.toBeAppError("not_found");
    await expect(listParallelInitiatives(coordinator, "<script>")).rejects.toBeAppError("not_found");
    expect((await listParallelInitiatives(innlandet, HAMAR)).total).toBeGreaterThan(0);
  });

  it("treats a page past the end or a bad page as the last or first page, and ignores a bad notice", async () => {
    for (const page of [99, "<script>", -1, "1e9"]) {
      const result = await listParallelInitiatives(coordinator, HAMAR, { page, noticePair: "x~'; drop table activities; --" });
      expect(result.page).toBe(1);
      expect(result.pairs.length).toBeGreaterThan(0);
      expect(result.noticePair).toBeNull();
    }
  });
});

describe("these are distinct", () => {
  it("hides the pair for good (audited), brings it back when either activity changes, and can be undone", async () => {
    await markDistinct(coordinator, { municipality: HAMAR, a: languagePair[1], b: languagePair[0] });
    expect(has((await detectOverlaps(getDb(), HAMAR)).pairs, languagePair)).toBe(false);
    const page = await listParallelInitiatives(coordinator, HAMAR, { noticePair: `${languagePair[0]}~${languagePair[1]}` });
    expect(has(page.pairs, languagePair)).toBe(false);
    expect(page.distinct.map((d) => [d.a.id, d.b.id])).toContainEqual(languagePair);
    expect(page.noticePair?.a.id).toBe(languagePair[0]);
    const [audit] = await getDb()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "overlap.marked_distinct"), eq(auditLog.entityId, languagePair[0])));
    expect(audit).toBeDefined();

    // Either activity changes → the pair is shown again.
    await getDb()
      .update(activities)
      .set({ updatedAt: sql`now() + interval '1 second'` })
      .where(eq(activities.id, ids.hamarWomenConversation));
    expect(has((await detectOverlaps(getDb(), HAMAR)).pairs, languagePair)).toBe(true);
    // The old decision stays in the table but no longer counts; marking again hides it again.
    await markDistinct(coordinator, { municipality: HAMAR, a: languagePair[0], b: languagePair[1] });
    expect(has((await detectOverlaps(getDb(), HAMAR)).pairs, languagePair)).toBe(false);

    await unmarkDistinct(coordinator, { municipality: HAMAR, a: languagePair[0], b: languagePair[1] });
    expect(has((await detectOverlaps(getDb(), HAMAR)).pairs, languagePair)).toBe(true);
    expect(await getDb().select().from(activityPairDecisions).where(eq(activityPairDecisions.activityA, languagePair[0]))).toHaveLength(0);
  });

  it("refuses other kommuner's coordinators, bad ids and pairs of one organisation", async () => {
    const tonsberg = await createActor({ roles: [{ role: "municipal_coordinator", municipalityNumber: TONSBERG }] });
    await expect(markDistinct(tonsberg, { municipality: HAMAR, a: homeworkPair[0], b: homeworkPair[1] })).rejects.toBeAppError("forbidden");
    // Through the Tønsberg page: the activities are not Tønsberg's.
    await expect(markDistinct(tonsberg, { municipality: TONSBERG, a: homeworkPair[0], b: homeworkPair[1] })).rejects.toBeAppError("not_found");
    await expect(markDistinct(anonymous(), { municipality: HAMAR, a: homeworkPair[0], b: homeworkPair[1] })).rejects.toBeAppError("unauthenticated");
    await expect(markDistinct(coordinator, { municipality: HAMAR, a: "'; drop table activities; --", b: homeworkPair[1] })).rejects.toBeAppError("validation");
    await expect(markDistinct(coordinator, { municipality: HAMAR, a: homeworkPair[0], b: homeworkPair[0] })).rejects.toBeAppError("validation");
    await expect(markDistinct(coordinator, { municipality: HAMAR, a: ["x"], b: 5 })).rejects.toBeAppError("validation");
    await expect(markDistinct(coordinator, { municipality: HAMAR, a: ids.hamarHomework, b: ids.hamarHousing })).rejects.toBeAppError(
      "validation",
      "overlap.error.sameOrganization",
    );
    await expect(markDistinct(coordinator, { municipality: HAMAR, a: ids.hamarHomework, b: ids.tonsbergHomework })).rejects.toBeAppError("not_found");
    expect(await getDb().select().from(activityPairDecisions)).toHaveLength(0);
  });
});

describe("suggest collaboration", () => {
  it("sends one e-mail to each organisation with the other's details and both links, records it, and refuses a repeat within a week", async () => {
    const before = new Date(Date.now() - 1000);
    const result = await suggestCollaboration(coordinator, {
      municipality: HAMAR,
      a: homeworkPair[0],
      b: homeworkPair[1],
      message: "Kan dere <b>snakke</b> sammen?",
    });
    expect(result.organizations.sort()).toEqual(["Hamar frivilligsentral", "Språkvenner Hamar"]);
    const mails = await getDb().select().from(outboundEmails).where(like(outboundEmails.subject, "%samarbeid%"));
    const recent = mails.filter((m) => m.createdAt >= before);
    expect(recent.map((m) => m.to).sort()).toEqual(["post@frivilligsentral.samspill.example", "sprakvenner@samspill.example"]);
    const toCentre = recent.find((m) => m.to === "post@frivilligsentral.samspill.example")!;
    expect(toCentre.subject).toContain("Språkvenner Hamar");
    expect(toCentre.text).toContain("sprakvenner@samspill.example");
    expect(toCentre.text).toContain(`/aktiviteter/${ids.hamarHomework}`);
    expect(toCentre.text).toContain(`/aktiviteter/${ids.hamarLibraryHomework}`);
    expect(toCentre.text).toContain("Kan dere <b>snakke</b> sammen?");
    expect(toCentre.text.trim().split("\n").at(-1)).toBe(`Hilsen ${coordinator.name} (${coordinator.email}), Hamar kommune, via Samspill`);
    expect(await getDb().select().from(collaborationSuggestions)).toHaveLength(1);
    const [audit] = await getDb().select().from(auditLog).where(eq(auditLog.action, "overlap.collaboration_suggested"));
    expect(audit).toBeDefined();

    await expect(suggestCollaboration(coordinator, { municipality: HAMAR, a: homeworkPair[1], b: homeworkPair[0] })).rejects.toBeAppError(
      "conflict",
      "overlap.error.alreadySuggested",
    );
    const page = await listParallelInitiatives(coordinator, HAMAR);
    expect(page.pairs.find((p) => p.a === homeworkPair[0])?.suggestedAt).toBeInstanceOf(Date);
    // A week later it may be suggested again.
    await suggestCollaboration(
      coordinator,
      { municipality: HAMAR, a: homeworkPair[0], b: homeworkPair[1] },
      { now: new Date(Date.now() + 8 * 24 * 3600 * 1000) },
    );
    expect(await getDb().select().from(collaborationSuggestions)).toHaveLength(2);
  });

  it("rejects bad input and outsiders with nothing sent", async () => {
    const count = async () => (await getDb().select().from(outboundEmails)).length;
    const sent = await count();
    await expect(
      suggestCollaboration(coordinator, { municipality: HAMAR, a: languagePair[0], b: languagePair[1], message: "x".repeat(10_000) }),
    ).rejects.toBeAppError("validation");
    await expect(
      suggestCollaboration(coordinator, { municipality: HAMAR, a: languagePair[0], b: languagePair[1], message: { evil: true } }),
    ).rejects.toBeAppError("validation");
    const member = await createActor();
    await expect(suggestCollaboration(member, { municipality: HAMAR, a: languagePair[0], b: languagePair[1] })).rejects.toBeAppError("forbidden");
    expect(await count()).toBe(sent);
  });

  it("is signed by the fylkeskommune when its advisor sends it, and by IMDi when IMDi does", async () => {
    const cases = [
      { actor: await createActor({ roles: [{ role: "county_advisor", countyNumber: "34" }] }), body: "Innlandet fylkeskommune", days: 0 },
      { actor: await createActor({ roles: [{ role: "national_admin" }] }), body: "IMDi – Integrerings- og mangfoldsdirektoratet", days: 8 },
    ];
    for (const c of cases) {
      const now = new Date(Date.now() + c.days * 24 * 3600 * 1000);
      await suggestCollaboration(c.actor, { municipality: HAMAR, a: languagePair[0], b: languagePair[1] }, { now });
      const mails = await getDb()
        .select()
        .from(outboundEmails)
        .where(like(outboundEmails.text, `%${c.actor.email}%`));
      expect(mails.length).toBeGreaterThan(0);
      for (const mail of mails) {
        expect(mail.text.trim().split("\n").at(-1)).toBe(`Hilsen ${c.actor.name} (${c.actor.email}), ${c.body}, via Samspill`);
        expect(mail.text).toContain(`${c.actor.name} i ${c.body} ser at`);
        expect(mail.text).not.toContain(`${c.actor.name} i Hamar kommune`);
      }
    }
  });
});
