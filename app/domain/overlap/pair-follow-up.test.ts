import { beforeAll, describe, expect, it } from "vitest";
import { and, eq, like } from "drizzle-orm";
import { getDb } from "~/db/client.server.ts";
import { activityPartners, auditLog, outboundEmails } from "~/db/schema/index.ts";
import { anonymous } from "~/domain/auth/actor.ts";
import { createActivity } from "~/domain/activities/activities.server.ts";
import { respondToPartnership } from "~/domain/activities/partners.server.ts";
import { seedDemoData } from "~/domain/demo/seed.server.ts";
import { demoActivityIds as ids, demoOrganizationIds as orgs } from "~/domain/demo/ids.ts";
import { AppError } from "~/lib/errors.ts";
import { createActor, createOrganization } from "../../../tests/factories.ts";
import { activityForm } from "../../../tests/fixtures/activity-form.ts";
import { listParallelInitiatives } from "./overlap.server.ts";
import { actOnSimilarPair, coordinatorPairStep, followUpCounts, listSimilarForOrganization } from "./pair-follow-up.server.ts";

const HAMAR = "3403";
const STANGE = "3413";
const LOTEN = "3412";

async function expectAppError(promise: Promise<unknown>, code: string, messageKey?: string) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
  if (messageKey) expect((error as AppError).messageKey).toBe(messageKey);
}

beforeAll(async () => {
  await seedDemoData();
});

describe("similar activities of others, for an organisation's admins", () => {
  it("shows admins only their own organisation's activities, against other organisations' public ones in the same kommune", async () => {
    const mine = await createOrganization({ municipalities: [STANGE, LOTEN], name: "Stange leksehjelp" });
    const theirs = await createOrganization({ municipalities: [STANGE, LOTEN], name: "Stange Røde Kors" });
    const mineAdmin = await createActor({ memberships: [{ organizationId: mine.id, role: "admin" }] });
    const theirAdmin = await createActor({ memberships: [{ organizationId: theirs.id, role: "admin" }] });
    const mineMember = await createActor({ memberships: [{ organizationId: mine.id, role: "member" }] });
    const own = await createActivity(mineAdmin, mine.id, activityForm({ municipality: STANGE, title: "Leksehjelp for barn i Stange" }));
    const ownInternal = await createActivity(mineAdmin, mine.id, activityForm({ municipality: STANGE, title: "Intern leksehjelp", visibility: "internal" }));
    const publicOther = await createActivity(theirAdmin, theirs.id, activityForm({ municipality: STANGE, title: "Leksehjelp for barn på Stange bibliotek" }));
    const internalOther = await createActivity(
      theirAdmin,
      theirs.id,
      activityForm({ municipality: STANGE, title: "Leksehjelp for barn (intern)", visibility: "internal" }),
    );
    const partnersOther = await createActivity(
      theirAdmin,
      theirs.id,
      activityForm({ municipality: STANGE, title: "Leksehjelp for barn (partnere)", visibility: "partners" }),
    );
    // The same activity in another kommune is no parallel initiative.
    const elsewhere = await createActivity(theirAdmin, theirs.id, activityForm({ municipality: LOTEN, title: "Leksehjelp for barn i Løten" }));

    const list = (await listSimilarForOrganization(mineAdmin, mine.id))!;
    const shownOwn = list.map((g) => g.activity.id).sort();
    expect(shownOwn).toEqual([own.id, ownInternal.id].sort());
    const shownOthers = new Set(list.flatMap((g) => g.similar.map((s) => s.id)));
    expect([...shownOthers]).toEqual([publicOther.id]);
    for (const id of [internalOther.id, partnersOther.id, elsewhere.id]) expect(shownOthers.has(id)).toBe(false);
    const entry = list.find((g) => g.activity.id === own.id)!.similar[0]!;
    expect(entry).toMatchObject({ organization: { id: theirs.id, name: "Stange Røde Kors" }, status: "none" });
    expect(entry.details.sharedThemes).toEqual(["homework_help"]);
    // Nothing of the other organisation's own rows beyond what its public page shows.
    expect(JSON.stringify(list)).not.toContain("(intern)");

    // The other organisation's admin sees the mirror: its own activities against the first one's public one — never the internal one.
    const mirror = (await listSimilarForOrganization(theirAdmin, theirs.id))!;
    const mirrorOthers = new Set(mirror.flatMap((g) => g.similar.map((s) => s.id)));
    expect(mirrorOthers.has(own.id)).toBe(true);
    expect(mirrorOthers.has(ownInternal.id)).toBe(false);
    expect(mirror.map((g) => g.activity.id)).not.toContain(own.id);

    // Members, admins of other organisations, coordinators and visitors get nothing.
    expect(await listSimilarForOrganization(mineMember, mine.id)).toBeNull();
    expect(await listSimilarForOrganization(theirAdmin, mine.id)).toBeNull();
    expect(await listSimilarForOrganization(await createActor({ roles: [{ role: "municipal_coordinator", municipalityNumber: STANGE }] }), mine.id)).toBeNull();
    expect(await listSimilarForOrganization(anonymous(), mine.id)).toBeNull();

    // Acting on a pair is refused the same way: a member, another organisation's admin, a visitor.
    const input = { own: own.id, other: publicOther.id, step: "suggest" };
    await expectAppError(actOnSimilarPair(mineMember, mine.id, input), "forbidden");
    await expectAppError(actOnSimilarPair(theirAdmin, mine.id, input), "forbidden");
    await expectAppError(actOnSimilarPair(anonymous(), mine.id, input), "unauthenticated");
    // Another organisation's non-public activity, an activity elsewhere, or another organisation's activity as "own": 404.
    await expectAppError(actOnSimilarPair(mineAdmin, mine.id, { ...input, other: internalOther.id }), "not_found");
    await expectAppError(actOnSimilarPair(mineAdmin, mine.id, { ...input, other: partnersOther.id }), "not_found");
    await expectAppError(actOnSimilarPair(mineAdmin, mine.id, { ...input, other: elsewhere.id }), "not_found");
    await expectAppError(actOnSimilarPair(mineAdmin, mine.id, { ...input, own: publicOther.id, other: own.id }), "not_found");
    await expectAppError(actOnSimilarPair(mineAdmin, mine.id, { ...input, other: ownInternal.id }), "not_found");
  });

  it("refuses bad input with a field message and writes nothing", async () => {
    const org = await createOrganization({ municipalities: [STANGE] });
    const admin = await createActor({ memberships: [{ organizationId: org.id, role: "admin" }] });
    const before = await getDb().select({ id: auditLog.id }).from(auditLog).where(eq(auditLog.actorUserId, admin.userId));
    const valid = { own: ids.hamarHomework, other: ids.hamarLibraryHomework, step: "suggest" };
    for (const bad of [
      { ...valid, step: "partners" },
      { ...valid, step: "" },
      { ...valid, own: "not-a-uuid" },
      { ...valid, other: "\u0000" },
      { ...valid, own: ["a", "b"] },
      { ...valid, message: "x".repeat(2001) },
      {},
      null,
    ]) {
      await expectAppError(actOnSimilarPair(admin, org.id, bad), "validation");
    }
    await expectAppError(actOnSimilarPair(admin, "not-an-id", valid), "not_found");
    const after = await getDb().select({ id: auditLog.id }).from(auditLog).where(eq(auditLog.actorUserId, admin.userId));
    expect(after.length).toBe(before.length);
  });
});

describe("the frivilligsentral and the homework-help pair (issue 11's 'done when')", () => {
  it("sees the pair on its own activity, suggests collaboration, follows it up to partners, and Hamar's overview counts it", async () => {
    const admin = await createActor({ memberships: [{ organizationId: orgs.hamarVolunteerCentre, role: "admin" }], user: { name: "Frida Frivillig" } });
    const languageAdmin = await createActor({ memberships: [{ organizationId: orgs.hamarLanguageCafe, role: "admin" }], user: { locale: "en" } });
    const coordinator = await createActor({ roles: [{ role: "municipal_coordinator", municipalityNumber: HAMAR }] });

    const list = (await listSimilarForOrganization(admin, orgs.hamarVolunteerCentre))!;
    const homework = list.find((g) => g.activity.id === ids.hamarHomework)!;
    expect(homework.similar.map((s) => s.id)).toContain(ids.hamarLibraryHomework);
    const before = await followUpCounts(HAMAR);

    const suggested = await actOnSimilarPair(admin, orgs.hamarVolunteerCentre, {
      own: ids.hamarHomework,
      other: ids.hamarLibraryHomework,
      step: "suggest",
      message: "Skal vi dele på dagene?",
    });
    expect(suggested).toMatchObject({ status: "suggested", recipients: 1 });
    // The other organisation's admin gets the e-mail, in the language they chose.
    const [mail] = await getDb()
      .select({ subject: outboundEmails.subject, body: outboundEmails.text })
      .from(outboundEmails)
      .where(and(eq(outboundEmails.to, languageAdmin.email), like(outboundEmails.subject, "%Hamar frivilligsentral%")));
    expect(mail?.subject).toBe("Hamar frivilligsentral suggests working together in Samspill");
    expect(mail?.body).toContain("Skal vi dele på dagene?");
    expect(mail?.body).toContain("#lignende");
    // A second suggestion is a conflict (the pair is being followed up).
    await expectAppError(
      actOnSimilarPair(admin, orgs.hamarVolunteerCentre, { own: ids.hamarHomework, other: ids.hamarLibraryHomework, step: "suggest" }),
      "conflict",
      "overlap.followUp.error.alreadyFollowedUp",
    );

    // Both sides and the coordinator see the status; the coordinator's list shows it on the pair.
    expect(
      (await listSimilarForOrganization(languageAdmin, orgs.hamarLanguageCafe))!.flatMap((g) => g.similar).find((s) => s.id === ids.hamarHomework)?.status,
    ).toBe("suggested");
    const page = await listParallelInitiatives(coordinator, HAMAR);
    expect(page.pairs.find((p) => [p.a, p.b].includes(ids.hamarHomework) && [p.a, p.b].includes(ids.hamarLibraryHomework))?.followUp).toBe("suggested");

    // The other organisation's admin answers: in contact (from its own page, its own activity first).
    await actOnSimilarPair(languageAdmin, orgs.hamarLanguageCafe, { own: ids.hamarLibraryHomework, other: ids.hamarHomework, step: "in_contact" });
    await expectAppError(
      actOnSimilarPair(languageAdmin, orgs.hamarLanguageCafe, { own: ids.hamarLibraryHomework, other: ids.hamarHomework, step: "in_contact" }),
      "conflict",
      "overlap.followUp.error.step",
    );

    // Partners go through the partner request: pending until the other organisation's admins confirm.
    await actOnSimilarPair(admin, orgs.hamarVolunteerCentre, { own: ids.hamarHomework, other: ids.hamarLibraryHomework, step: "partner" });
    const [pending] = await getDb()
      .select({ status: activityPartners.status })
      .from(activityPartners)
      .where(and(eq(activityPartners.activityId, ids.hamarHomework), eq(activityPartners.organizationId, orgs.hamarLanguageCafe)));
    expect(pending?.status).toBe("pending");
    expect((await followUpCounts(HAMAR)).partners).toBe(before.partners);
    await respondToPartnership(languageAdmin, orgs.hamarLanguageCafe, { activity: ids.hamarHomework, answer: "confirm" });

    const after = await followUpCounts(HAMAR);
    expect(after.partners).toBe(before.partners + 1);
    const mineNow = (await listSimilarForOrganization(admin, orgs.hamarVolunteerCentre))!
      .flatMap((g) => g.similar)
      .find((s) => s.id === ids.hamarLibraryHomework);
    expect(mineNow?.status).toBe("partners");

    // Every step is in the audit log.
    const steps = await getDb()
      .select({ after: auditLog.after })
      .from(auditLog)
      .where(and(eq(auditLog.action, "overlap.follow_up_changed"), eq(auditLog.entityType, "activity_pair")));
    expect(steps.map((s) => (s.after as { status: string }).status)).toEqual(expect.arrayContaining(["suggested", "in_contact"]));
  });

  it("lets only those who coordinate the kommune move a pair from the coordinators' page", async () => {
    const first = await createOrganization({ municipalities: [LOTEN] });
    const second = await createOrganization({ municipalities: [LOTEN] });
    const firstAdmin = await createActor({ memberships: [{ organizationId: first.id, role: "admin" }] });
    const secondAdmin = await createActor({ memberships: [{ organizationId: second.id, role: "admin" }] });
    const x = await createActivity(firstAdmin, first.id, activityForm({ municipality: LOTEN, title: "Språkkafé i Løten" }));
    const y = await createActivity(secondAdmin, second.id, activityForm({ municipality: LOTEN, title: "Språkkafé på Løten bibliotek" }));
    const tonsberg = await createActor({ roles: [{ role: "municipal_coordinator", municipalityNumber: "3905" }] });
    const hamar = await createActor({ roles: [{ role: "municipal_coordinator", municipalityNumber: HAMAR }] });
    const loten = await createActor({ roles: [{ role: "municipal_coordinator", municipalityNumber: LOTEN }] });
    const input = { municipality: LOTEN, a: x.id, b: y.id, step: "distinct" };
    await expectAppError(coordinatorPairStep(tonsberg, input), "forbidden");
    await expectAppError(coordinatorPairStep(anonymous(), input), "unauthenticated");
    await expectAppError(coordinatorPairStep(hamar, input), "forbidden");
    await expectAppError(coordinatorPairStep(hamar, { ...input, municipality: HAMAR }), "not_found");
    await expectAppError(coordinatorPairStep(loten, { ...input, step: "partners" }), "validation");
    // in contact needs a suggestion first.
    await expectAppError(coordinatorPairStep(loten, { ...input, step: "in_contact" }), "conflict");
    await actOnSimilarPair(firstAdmin, first.id, { own: x.id, other: y.id, step: "suggest" });
    await coordinatorPairStep(loten, { ...input, step: "in_contact" });
    const before = await followUpCounts(LOTEN);
    expect(before).toMatchObject({ inContact: 1, distinct: 0 });
    await coordinatorPairStep(loten, input);
    expect(await followUpCounts(LOTEN)).toMatchObject({ inContact: 0, distinct: 1 });
    // Decided distinct: the coordinators' list leaves the pair out, as their own "these are distinct" does.
    expect((await listParallelInitiatives(loten, LOTEN)).pairs.some((p) => [p.a, p.b].includes(x.id) && [p.a, p.b].includes(y.id))).toBe(false);
  });
});
