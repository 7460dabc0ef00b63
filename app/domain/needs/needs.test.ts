import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { getDb } from "~/db/client.server.ts";
import { auditLog, needCommitments, needs, outboundEmails } from "~/db/schema/index.ts";
import { anonymous } from "~/domain/auth/actor.ts";
import { seedDemoData } from "~/domain/demo/seed.server.ts";
import { demoNeedIds, demoOrganizationIds } from "~/domain/demo/ids.ts";
import { getMunicipalityOverview } from "~/domain/overview/overview.server.ts";
import { createActor, createOrganization } from "../../../tests/factories.ts";
import { commitToNeed, decideCommitment, withdrawCommitment } from "./commitments.server.ts";
import { needsOnStartPage } from "./needs-start.server.ts";
import { upcomingNeedsBySettlementMonth } from "./needs-gaps.server.ts";
import { closeNeed, createNeed, extendNeed, getNeed, getNeedForEdit, listNeeds, markNeedFulfilled, updateNeed } from "./needs.server.ts";
import { sendNeedReminders } from "./reminders.server.ts";

const HAMAR = "3403";
const TONSBERG = "3905";
const RINGSAKER = "3411";
const GJOVIK = "3407";
const ELVERUM = "3420";
const NOW = new Date("2026-12-07T10:00:00Z");

const needInput = (overrides: Record<string, unknown> = {}) => ({
  owner: "kommune",
  municipalityNumber: HAMAR,
  title: "Boveiledere til mars",
  description: "Vi trenger boveiledere for familiene som kommer i mars.",
  theme: "housing",
  targetGroups: ["families", "newly_settled"],
  unit: "people",
  quantity: "10",
  periodStart: "2027-03-01",
  periodEnd: "",
  deadline: "2027-01-15",
  settlementMonth: "2027-03",
  contactName: "Flyktningtjenesten",
  contactEmail: "flyktning@hamar.example",
  contactPhone: "",
  ...overrides,
});

/** Each test its own kommune (the file shares one database): Hamar, Lillehammer, Ringsaker, Gjøvik, Elverum — all in Innlandet. */
async function scenario(kommune = HAMAR, deadline = "2027-01-15") {
  const coordinator = await createActor({ roles: [{ role: "municipal_coordinator", municipalityNumber: kommune }] });
  const otherCoordinator = await createActor({ roles: [{ role: "municipal_coordinator", municipalityNumber: TONSBERG }] });
  const county = await createActor({ roles: [{ role: "county_advisor", countyNumber: "34" }] });
  const imdi = await createActor({ roles: [{ role: "national_admin" }] });
  const orgA = await createOrganization({ name: "Frivillig A", municipalities: [kommune] });
  const orgB = await createOrganization({ name: "Frivillig B", municipalities: [kommune] });
  const memberA = await createActor({ memberships: [{ organizationId: orgA.id, role: "member" }] });
  const memberB = await createActor({ memberships: [{ organizationId: orgB.id, role: "admin" }] });
  const { id } = await createNeed(coordinator, needInput({ municipalityNumber: kommune, deadline }), NOW);
  return { coordinator, otherCoordinator, county, imdi, orgA, orgB, memberA, memberB, id };
}

const commitment = (organizationId: string, quantity: number, message = "Vi kan stille.") => ({
  organizationId,
  quantity: String(quantity),
  fromDate: "2027-03-01",
  message,
});

describe("needs: posting", () => {
  it("lets a coordinator post for their kommune and an organisation member for their organisation, nobody for others", async () => {
    const { coordinator, otherCoordinator, orgA, memberA, county, id } = await scenario();
    expect((await getNeed(coordinator, id, NOW)).settlementMonth).toBe("2027-03-01");
    // Another kommune's coordinator: the kommune is checked against their scope, not the form.
    await expect(createNeed(otherCoordinator, needInput(), NOW)).rejects.toBeAppError("validation");
    // A county advisor coordinates no kommune directly and belongs to no organisation.
    await expect(createNeed(county, needInput(), NOW)).rejects.toBeAppError("forbidden");
    await expect(createNeed(anonymous(), needInput(), NOW)).rejects.toBeAppError("unauthenticated");
    // An organisation member may post for their organisation, in its kommuner only.
    const own = await createNeed(memberA, needInput({ owner: orgA.id }), NOW);
    expect((await getNeed(memberA, own.id, NOW)).may.manage).toBe(true);
    await expect(createNeed(memberA, needInput({ owner: orgA.id, municipalityNumber: TONSBERG }), NOW)).rejects.toBeAppError("validation");
    // …and not as the kommune, nor for an organisation they are not in.
    await expect(createNeed(memberA, needInput({ owner: "kommune" }), NOW)).rejects.toBeAppError("validation");
    const stranger = await createOrganization({ municipalities: [HAMAR] });
    await expect(createNeed(memberA, needInput({ owner: stranger.id }), NOW)).rejects.toBeAppError("validation");
  });

  it("refuses bad input field by field", async () => {
    const { coordinator } = await scenario();
    const bad = async (overrides: Record<string, unknown>, field: string) => {
      const error = await createNeed(coordinator, needInput(overrides), NOW).catch((e: unknown) => e);
      expect(error).toBeAppError("validation");
      expect(Object.keys((error as { fieldErrors: object }).fieldErrors)).toContain(field);
    };
    await bad({ title: "" }, "title");
    await bad({ title: "x".repeat(161) }, "title");
    await bad({ quantity: "0" }, "quantity");
    await bad({ quantity: "1.5" }, "quantity");
    await bad({ quantity: "10001" }, "quantity");
    await bad({ quantity: "mange" }, "quantity");
    await bad({ theme: "astrology" }, "theme");
    await bad({ unit: "liters" }, "unit");
    await bad({ targetGroups: ["aliens"] }, "targetGroups.0");
    await bad({ periodStart: "2027-02-30" }, "periodStart");
    await bad({ periodEnd: "2027-02-01" }, "periodEnd");
    await bad({ deadline: "i morgen" }, "deadline");
    await bad({ deadline: "2026-12-01" }, "deadline");
    await bad({ settlementMonth: "2027-13" }, "settlementMonth");
    await bad({ contactEmail: "", contactPhone: "" }, "contactEmail");
    await bad({ contactEmail: "ikke-epost" }, "contactEmail");
    await bad({ owner: "'; drop table needs" }, "owner");
    await bad({ municipalityNumber: "abc" }, "municipalityNumber");
  });

  it("lets only the owner edit, close, extend or mark fulfilled (national admins too)", async () => {
    const { coordinator, otherCoordinator, county, memberA, imdi, id } = await scenario();
    for (const actor of [otherCoordinator, county, memberA]) {
      await expect(updateNeed(actor, id, needInput(), NOW)).rejects.toBeAppError("forbidden");
      await expect(closeNeed(actor, id, NOW)).rejects.toBeAppError("forbidden");
      await expect(extendNeed(actor, id, { deadline: "2027-02-01" }, NOW)).rejects.toBeAppError("forbidden");
      await expect(markNeedFulfilled(actor, id, NOW)).rejects.toBeAppError("forbidden");
      await expect(getNeedForEdit(actor, id)).rejects.toBeAppError("forbidden");
    }
    await updateNeed(coordinator, id, needInput({ title: "Boveiledere til familiene i mars", quantity: "12" }), NOW);
    expect((await getNeed(anonymous(), id, NOW)).title).toBe("Boveiledere til familiene i mars");
    await extendNeed(imdi, id, { deadline: "2027-02-01" }, NOW);
    await expect(extendNeed(coordinator, id, { deadline: "2026-12-01" }, NOW)).rejects.toBeAppError("validation");
    await closeNeed(coordinator, id, NOW);
    // A closed need is gone for everyone but its owner.
    await expect(getNeed(anonymous(), id, NOW)).rejects.toBeAppError("not_found");
    await expect(getNeed(otherCoordinator, id, NOW)).rejects.toBeAppError("not_found");
    expect((await getNeed(coordinator, id, NOW)).status).toBe("closed");
    const audit = await getDb().select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.entityId, id));
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(["need.created", "need.updated", "need.extended", "need.closed"]));
  });
});

describe("needs: commitments", () => {
  it("fills when two organisations commit and the owner accepts both; the public sees progress, not who or what was said", async () => {
    const { coordinator, memberA, memberB, orgA, orgB, otherCoordinator, id } = await scenario();
    await commitToNeed(memberA, id, commitment(orgA.id, 4, "Fire frivillige, en snakker arabisk."), NOW);
    await commitToNeed(memberB, id, commitment(orgB.id, 6, "Seks fra oss."), NOW);
    const owner = await getNeed(coordinator, id, NOW);
    // Both answered at the same instant (NOW): compare in the organisations' order.
    const byName = [...owner.commitments!].sort((x, y) => x.organizationName.localeCompare(y.organizationName));
    expect(byName.map((c) => [c.organizationName, c.quantity, c.status])).toEqual([
      ["Frivillig A", 4, "pending"],
      ["Frivillig B", 6, "pending"],
    ]);
    const [a, b] = byName;
    // The public: progress only; no contact, no commitments, no messages.
    const pub = await getNeed(anonymous(), id, NOW);
    expect(pub.contact).toBeNull();
    expect(pub.commitments).toBeNull();
    expect(pub.ownCommitments).toEqual([]);
    expect(JSON.stringify(pub)).not.toContain("arabisk");
    expect(JSON.stringify(pub)).not.toContain("flyktning@hamar.example");
    // Another kommune's coordinator: the contact (a coordinator is the public side), never the commitments.
    const other = await getNeed(otherCoordinator, id, NOW);
    expect(other.commitments).toBeNull();
    expect(JSON.stringify(other)).not.toContain("arabisk");
    // Organisation B sees its own commitment and the contact, not A's message.
    const seenByB = await getNeed(memberB, id, NOW);
    expect(seenByB.contact?.email).toBe("flyktning@hamar.example");
    expect(seenByB.ownCommitments.map((c) => c.quantity)).toEqual([6]);
    expect(JSON.stringify(seenByB)).not.toContain("arabisk");
    // Only the owner decides.
    await expect(decideCommitment(memberA, id, { commitmentId: a!.id }, "accepted", NOW)).rejects.toBeAppError("forbidden");
    await expect(decideCommitment(otherCoordinator, id, { commitmentId: a!.id }, "accepted", NOW)).rejects.toBeAppError("forbidden");
    expect((await decideCommitment(coordinator, id, { commitmentId: a!.id }, "accepted", NOW)).needStatus).toBe("open");
    expect((await decideCommitment(coordinator, id, { commitmentId: b!.id }, "accepted", NOW)).needStatus).toBe("fulfilled");
    const done = await getNeed(anonymous(), id, NOW);
    expect(done.status).toBe("fulfilled");
    expect(done.progress.accepted).toBe(10);
    // A decided commitment cannot be decided twice.
    await expect(decideCommitment(coordinator, id, { commitmentId: a!.id }, "declined", NOW)).rejects.toBeAppError("conflict");
    // Withdrawing an accepted commitment opens the need again.
    await withdrawCommitment(memberA, id, { commitmentId: a!.id }, NOW);
    expect((await getNeed(anonymous(), id, NOW)).status).toBe("open");
  });

  it("commits only for one's own organisation, once (a second answer edits the first), not to one's own need, not after the deadline", async () => {
    const { coordinator, memberA, memberB, orgA, orgB, id } = await scenario();
    // Forged organisation id in the form: not the actor's.
    await expect(commitToNeed(memberA, id, commitment(orgB.id, 3), NOW)).rejects.toBeAppError("validation");
    // A coordinator with no organisation cannot commit.
    await expect(commitToNeed(coordinator, id, commitment(orgA.id, 3), NOW)).rejects.toBeAppError("validation");
    await expect(commitToNeed(anonymous(), id, commitment(orgA.id, 3), NOW)).rejects.toBeAppError("unauthenticated");
    const first = await commitToNeed(memberA, id, commitment(orgA.id, 3), NOW);
    const second = await commitToNeed(memberA, id, commitment(orgA.id, 5), NOW);
    expect(second).toEqual({ id: first.id, edited: true });
    const rows = await getDb().select().from(needCommitments).where(eq(needCommitments.needId, id));
    expect(rows.map((r) => r.quantity)).toEqual([5]);
    // Bad input.
    for (const bad of [
      { ...commitment(orgA.id, 0) },
      { ...commitment(orgA.id, 3), fromDate: "snart" },
      { ...commitment(orgA.id, 3), message: "x".repeat(2001) },
      { ...commitment("not-a-uuid", 3) },
    ]) {
      await expect(commitToNeed(memberA, id, bad, NOW)).rejects.toBeAppError("validation");
    }
    // The posting organisation cannot commit to its own need.
    const own = await createNeed(memberB, needInput({ owner: orgB.id }), NOW);
    await expect(commitToNeed(memberB, own.id, commitment(orgB.id, 2), NOW)).rejects.toBeAppError("conflict");
    // After the deadline: no new commitments.
    await expect(commitToNeed(memberB, id, commitment(orgB.id, 2), new Date("2027-01-20T10:00:00Z"))).rejects.toBeAppError("conflict");
    // Another organisation cannot withdraw A's commitment, nor can anyone decide one from another need.
    await expect(withdrawCommitment(memberB, id, { commitmentId: first.id }, NOW)).rejects.toBeAppError("forbidden");
    await expect(decideCommitment(memberB, own.id, { commitmentId: first.id }, "accepted", NOW)).rejects.toBeAppError("conflict");
    expect((await getDb().select({ status: needCommitments.status }).from(needCommitments).where(eq(needCommitments.id, first.id)))[0]?.status).toBe("pending");
  });
});

describe("needs: list, reminders, overview, start page", () => {
  it("lists open needs for everyone with filters; 'ours' only the actor's own", async () => {
    const { coordinator, memberA, orgA, id } = await scenario(RINGSAKER);
    const orgNeed = await createNeed(memberA, needInput({ owner: orgA.id, municipalityNumber: RINGSAKER, theme: "homework_help", settlementMonth: "" }), NOW);
    await closeNeed(memberA, orgNeed.id, NOW);
    const pub = await listNeeds(anonymous(), { kommune: RINGSAKER, tema: null, bosetting: null, egne: false }, 1);
    expect(pub.rows.map((r) => r.id)).toEqual([id]);
    expect(pub.mayFilterOwn).toBe(false);
    // "egne" for an anonymous visitor reads as the public list.
    expect((await listNeeds(anonymous(), { kommune: null, tema: null, bosetting: null, egne: true }, 1)).ours).toBe(false);
    expect((await listNeeds(anonymous(), { kommune: RINGSAKER, tema: null, bosetting: "2027-03", egne: false }, 1)).rows.map((r) => r.id)).toEqual([id]);
    expect((await listNeeds(anonymous(), { kommune: RINGSAKER, tema: null, bosetting: "2027-04", egne: false }, 1)).rows).toEqual([]);
    expect((await listNeeds(anonymous(), { kommune: RINGSAKER, tema: "language", bosetting: null, egne: false }, 1)).rows).toEqual([]);
    const ours = await listNeeds(memberA, { kommune: null, tema: null, bosetting: null, egne: true }, 1);
    expect(ours.rows.map((r) => [r.id, r.status])).toEqual([[orgNeed.id, "closed"]]);
    expect((await listNeeds(coordinator, { kommune: null, tema: null, bosetting: null, egne: true }, 1)).rows.map((r) => r.id)).toEqual([id]);
  });

  it("asks the owner once per deadline when an open need's deadline has passed", async () => {
    // Deadlines before the other tests' (2027-01-15), so only this test's needs are due.
    const { coordinator, memberA, orgA, id } = await scenario(GJOVIK, "2027-01-10");
    const orgNeed = await createNeed(memberA, needInput({ owner: orgA.id, municipalityNumber: GJOVIK, deadline: "2027-01-10" }), NOW);
    const later = new Date("2027-01-11T10:00:00Z");
    expect(await sendNeedReminders(NOW)).toEqual({ needs: 0, mails: 0 });
    const [first, second] = await Promise.all([sendNeedReminders(later), sendNeedReminders(later)]);
    expect(first!.needs + second!.needs).toBe(2);
    expect(await sendNeedReminders(later)).toEqual({ needs: 0, mails: 0 });
    const mails = await getDb().select({ to: outboundEmails.to, subject: outboundEmails.subject, text: outboundEmails.text }).from(outboundEmails);
    expect(mails.filter((m) => m.to === coordinator.email)).toHaveLength(1);
    expect(mails.filter((m) => m.to === memberA.email)).toHaveLength(1);
    expect(mails.find((m) => m.to === coordinator.email)?.text).toContain(`/behov/${id}`);
    // Extended: reminded again once the new deadline has passed.
    await extendNeed(coordinator, id, { deadline: "2027-01-12" }, later);
    expect(await sendNeedReminders(new Date("2027-01-13T10:00:00Z"))).toEqual({ needs: 1, mails: 1 });
    // Closed needs are not reminded; the organisation's need was reminded for its deadline already.
    await closeNeed(memberA, orgNeed.id, later);
    expect(await sendNeedReminders(new Date("2027-01-14T10:00:00Z"))).toEqual({ needs: 0, mails: 0 });
  });

  it("shows target groups of open needs with no activities as gaps, and demand against supply, on the kommune overview", async () => {
    const { coordinator } = await scenario(ELVERUM);
    const overview = await getMunicipalityOverview(anonymous(), ELVERUM, { now: NOW });
    expect(overview.needsGapsAvailable).toBe(true);
    expect(overview.needs.gaps.every((g) => ["families", "newly_settled"].includes(g.key))).toBe(true);
    const housing = overview.needs.demand.find((d) => d.theme === "housing" && d.unit === "people");
    expect(housing).toMatchObject({ needCount: 1, asked: 10, committed: 0 });
    expect(overview.needs.settlementMonths.map((m) => m.month)).toEqual(["2027-03-01"]);
    // The settlement page's list: the same months, from this month on (a past month is left out).
    expect((await upcomingNeedsBySettlementMonth(ELVERUM, "2026-12-07")).map((m) => [m.month, m.needs.length])).toEqual([["2027-03-01", 1]]);
    expect(await upcomingNeedsBySettlementMonth(ELVERUM, "2027-04-02")).toEqual([]);
    const start = await needsOnStartPage(coordinator, NOW);
    expect(start?.needs.map((n) => n.title)).toEqual(["Boveiledere til mars"]);
  });
});

describe("needs: demo", () => {
  it("Hamar's housing-guidance need fills when the coordinator accepts Språkvenner's pending commitment; Tønsberg's stays Tønsberg's", async () => {
    await seedDemoData();
    const coordinator = await createActor({ roles: [{ role: "municipal_coordinator", municipalityNumber: HAMAR }] });
    const tonsberg = await createActor({ roles: [{ role: "municipal_coordinator", municipalityNumber: TONSBERG }] });
    const need = await getNeed(coordinator, demoNeedIds.hamarHousingGuidance);
    expect(need.progress.accepted).toBe(8);
    const pending = need.commitments!.find((c) => c.organizationId === demoOrganizationIds.hamarLanguageCafe)!;
    expect((await decideCommitment(coordinator, need.id, { commitmentId: pending.id }, "accepted")).needStatus).toBe("fulfilled");
    // Another kommune's coordinator cannot decide Tønsberg's commitments from Hamar, nor read them.
    const ts = await getNeed(tonsberg, demoNeedIds.tonsbergLanguageCafeHosts);
    await expect(
      decideCommitment(coordinator, demoNeedIds.tonsbergLanguageCafeHosts, { commitmentId: ts.commitments![0]!.id }, "accepted"),
    ).rejects.toBeAppError("forbidden");
    expect((await getNeed(coordinator, demoNeedIds.tonsbergLanguageCafeHosts)).commitments).toBeNull();
    const [row] = await getDb().select({ status: needs.status }).from(needs).where(eq(needs.id, demoNeedIds.hamarReceptionHomework));
    expect(row?.status).toBe("open");
  });
});
