import { describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { getDb } from "~/db/client.server.ts";
import { auditLog, outboundEmails, placementCheckins, placementOutcomeCounts, placements } from "~/db/schema/index.ts";
import { anonymous, type UserActor } from "~/domain/auth/actor.ts";
import { createActor, createOrganization } from "../../../tests/factories.ts";
import { addExtraCheckin, addMonths, answerCheckin, listCheckins, scheduleDefaultCheckins, sendCheckinReminders } from "./checkins.server.ts";
import { listOutcomes, recordOutcome } from "./outcomes.server.ts";
import { confirmFollowUp } from "./placements.server.ts";

const HAMAR = "3403";
const TONSBERG = "3905";

async function world(options: { followUpKind?: "nav_office" | "municipality_unit"; periodEnd?: string | null; status?: "requested" | "confirmed" } = {}) {
  const employer = await createOrganization({ kind: "employer", name: "Mjøs Bygg test" });
  const otherEmployer = await createOrganization({ kind: "employer", name: "Annen arbeidsgiver" });
  const followUpOrg = await createOrganization({ kind: options.followUpKind ?? "nav_office", name: "NAV test", contactEmail: "nav-kontakt@test.example" });
  const [p] = await getDb()
    .insert(placements)
    .values({
      employerOrganizationId: employer.id,
      kind: "practice_placement",
      title: "Praksis i bygg",
      occupation: "Tømrer",
      sector: "construction",
      municipalityNumber: HAMAR,
      periodStart: "2026-10-01",
      periodEnd: options.periodEnd === undefined ? "2026-12-31" : options.periodEnd,
      places: 3,
      followUpOrganizationId: followUpOrg.id,
      followUpStatus: options.status ?? "confirmed",
      contactName: "Kari",
      contactEmail: "kari@test.example",
    })
    .returning();
  const employerMember = await createActor({ memberships: [{ organizationId: employer.id, role: "member" }] });
  const otherEmployerMember = await createActor({ memberships: [{ organizationId: otherEmployer.id, role: "admin" }] });
  const navMember = await createActor({ memberships: [{ organizationId: followUpOrg.id, role: "member" }] });
  const hamarCoordinator = await createActor({ roles: [{ role: "municipal_coordinator", municipalityNumber: HAMAR }] });
  const tonsbergCoordinator = await createActor({ roles: [{ role: "municipal_coordinator", municipalityNumber: TONSBERG }] });
  const countyAdvisor = await createActor({ roles: [{ role: "county_advisor", countyNumber: "34" }] });
  const imdi = await createActor({ roles: [{ role: "national_admin" }] });
  return { employer, followUpOrg, placement: p!, employerMember, otherEmployerMember, navMember, hamarCoordinator, tonsbergCoordinator, countyAdvisor, imdi };
}

async function checkinRows(placementId: string) {
  return getDb().select().from(placementCheckins).where(eq(placementCheckins.placementId, placementId)).orderBy(placementCheckins.dueOn);
}

const answer = { attendance: "good", needsSupport: "no", nextStep: "continue", note: "Går fint, trenger litt mer fagspråk." };

describe("scheduled check-ins", () => {
  it("schedules two weeks after the start and at the end, once, whatever how often it is called", async () => {
    const w = await world();
    await getDb().transaction(async (tx) => {
      expect(await scheduleDefaultCheckins(tx, w.placement)).toBe(2);
      expect(await scheduleDefaultCheckins(tx, w.placement)).toBe(0);
    });
    const rows = await checkinRows(w.placement.id);
    expect(rows.map((r) => [r.kind, r.dueOn])).toEqual([
      ["two_weeks", "2026-10-15"],
      ["end", "2026-12-31"],
    ]);
  });

  it("are scheduled when the follow-up contact confirms, in the same transaction", async () => {
    const w = await world({ status: "requested" });
    expect(await checkinRows(w.placement.id)).toEqual([]);
    await confirmFollowUp(w.navMember, w.placement.id);
    expect((await checkinRows(w.placement.id)).map((r) => [r.kind, r.dueOn])).toEqual([
      ["two_weeks", "2026-10-15"],
      ["end", "2026-12-31"],
    ]);
  });

  it("puts the end check-in three months after the start of an open-ended placement, and skips two weeks when it ends sooner", async () => {
    const open = await world({ periodEnd: null });
    await scheduleDefaultCheckins(getDb(), open.placement);
    expect((await checkinRows(open.placement.id)).map((r) => [r.kind, r.dueOn])).toEqual([
      ["two_weeks", "2026-10-15"],
      ["end", "2027-01-01"],
    ]);
    const short = await world({ periodEnd: "2026-10-10" });
    await scheduleDefaultCheckins(getDb(), short.placement);
    expect((await checkinRows(short.placement.id)).map((r) => [r.kind, r.dueOn])).toEqual([["end", "2026-10-10"]]);
    expect(addMonths("2027-01-31", 1)).toBe("2027-02-28");
  });
});

describe("who reads and answers a placement's follow-up", () => {
  it("the employer and the follow-up contact read the notes; another employer, other kommuner, the county and IMDi do not", async () => {
    const w = await world();
    await scheduleDefaultCheckins(getDb(), w.placement);
    const [first] = await checkinRows(w.placement.id);
    await answerCheckin(w.navMember, w.placement.id, { checkinId: first!.id, ...answer });
    const seenByEmployer = await listCheckins(w.employerMember, w.placement.id);
    expect(seenByEmployer[0]).toMatchObject({ attendance: "good", needsSupport: false, nextStep: "continue", note: answer.note });
    expect((await listCheckins(w.navMember, w.placement.id))[0]!.note).toBe(answer.note);
    for (const outsider of [w.otherEmployerMember, w.tonsbergCoordinator, w.countyAdvisor, w.imdi, w.hamarCoordinator]) {
      await expect(listCheckins(outsider, w.placement.id)).rejects.toBeAppError("forbidden");
      await expect(listOutcomes(outsider, w.placement.id)).rejects.toBeAppError("forbidden");
    }
    await expect(listCheckins(anonymous(), w.placement.id)).rejects.toBeAppError("unauthenticated");
    await expect(listCheckins(w.employerMember, "not-a-uuid")).rejects.toBeAppError("not_found");
    await expect(listCheckins(w.employerMember, "00000000-0000-4000-8000-000000000000")).rejects.toBeAppError("not_found");
    // The note is not in the audit log.
    const audit = await getDb().select({ after: auditLog.after }).from(auditLog).where(eq(auditLog.action, "placement.checkin_answered"));
    expect(JSON.stringify(audit)).not.toContain("fagspråk");
  });

  it("a kommune unit as follow-up contact lets the placement's own kommune's coordinators in, not before it has confirmed", async () => {
    const w = await world({ followUpKind: "municipality_unit" });
    await listCheckins(w.hamarCoordinator, w.placement.id);
    await expect(listCheckins(w.tonsbergCoordinator, w.placement.id)).rejects.toBeAppError("forbidden");
    const pending = await world({ status: "requested" });
    await expect(listCheckins(pending.navMember, pending.placement.id)).rejects.toBeAppError("forbidden");
    await listCheckins(pending.employerMember, pending.placement.id);
  });

  it("only the follow-up contact answers, once, a check-in of this placement", async () => {
    const w = await world();
    const other = await world();
    await scheduleDefaultCheckins(getDb(), w.placement);
    await scheduleDefaultCheckins(getDb(), other.placement);
    const [mine] = await checkinRows(w.placement.id);
    const [theirs] = await checkinRows(other.placement.id);
    await expect(answerCheckin(w.employerMember, w.placement.id, { checkinId: mine!.id, ...answer })).rejects.toBeAppError("forbidden");
    // Another placement's check-in id through this placement's page.
    await expect(answerCheckin(w.navMember, w.placement.id, { checkinId: theirs!.id, ...answer })).rejects.toBeAppError("not_found");
    await answerCheckin(w.navMember, w.placement.id, { checkinId: mine!.id, ...answer });
    await expect(answerCheckin(w.navMember, w.placement.id, { checkinId: mine!.id, ...answer, note: "ny" })).rejects.toBeAppError("conflict");
    expect((await checkinRows(other.placement.id))[0]!.completedAt).toBeNull();
  });

  it("refuses bad answers with field messages", async () => {
    const w = await world();
    await scheduleDefaultCheckins(getDb(), w.placement);
    const [c] = await checkinRows(w.placement.id);
    await expect(answerCheckin(w.navMember, w.placement.id, { checkinId: c!.id })).rejects.toBeAppError("validation");
    await expect(answerCheckin(w.navMember, w.placement.id, { ...answer, checkinId: c!.id, attendance: "excellent" })).rejects.toBeAppError("validation");
    await expect(answerCheckin(w.navMember, w.placement.id, { ...answer, checkinId: c!.id, needsSupport: "maybe" })).rejects.toBeAppError("validation");
    await expect(answerCheckin(w.navMember, w.placement.id, { ...answer, checkinId: "x" })).rejects.toBeAppError("validation");
    await expect(answerCheckin(w.navMember, w.placement.id, { ...answer, checkinId: c!.id, note: "x".repeat(2001) })).rejects.toBeAppError("validation");
    await expect(answerCheckin(w.navMember, w.placement.id, { ...answer, checkinId: c!.id, note: ["a", "b"] })).rejects.toBeAppError("validation");
  });

  it("an extra check-in is added by either party, on a real date from the start to a year ahead", async () => {
    const w = await world();
    const now = new Date("2026-11-01T10:00:00Z");
    await addExtraCheckin(w.employerMember, w.placement.id, { dueOn: "2026-11-20" }, now);
    await addExtraCheckin(w.navMember, w.placement.id, { dueOn: "2026-12-01" }, now);
    expect((await checkinRows(w.placement.id)).map((r) => r.kind)).toEqual(["extra", "extra"]);
    await expect(addExtraCheckin(w.otherEmployerMember, w.placement.id, { dueOn: "2026-11-20" }, now)).rejects.toBeAppError("forbidden");
    for (const dueOn of ["", "2026-02-30", "20.11.2026", "2026-09-30", "2028-01-01"]) {
      await expect(addExtraCheckin(w.navMember, w.placement.id, { dueOn }, now)).rejects.toBeAppError("validation");
    }
  });
});

describe("outcomes as counts", () => {
  const now = new Date("2026-12-15T10:00:00Z");

  it("are set per month and outcome by the employer or the follow-up contact, zero takes one away, audited", async () => {
    const w = await world();
    await recordOutcome(w.employerMember, w.placement.id, { month: "2026-12", outcome: "lasting_work", count: "1" }, now);
    await recordOutcome(w.navMember, w.placement.id, { month: "2026-12", outcome: "ended_early", earlyEndReason: "health", count: "1" }, now);
    await recordOutcome(w.navMember, w.placement.id, { month: "2026-12", outcome: "lasting_work", count: "2" }, now);
    expect((await listOutcomes(w.employerMember, w.placement.id)).map((o) => [o.outcome, o.earlyEndReason, o.count])).toEqual([
      ["ended_early", "health", 1],
      ["lasting_work", null, 2],
    ]);
    await recordOutcome(w.navMember, w.placement.id, { month: "2026-12", outcome: "ended_early", earlyEndReason: "health", count: "0" }, now);
    expect((await listOutcomes(w.employerMember, w.placement.id)).length).toBe(1);
    const audit = await getDb()
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(and(eq(auditLog.entityId, w.placement.id), eq(auditLog.action, "placement.outcome_recorded")));
    expect(audit.length).toBe(4);
  });

  it("never add up to more ended places than the placement has", async () => {
    const w = await world();
    await recordOutcome(w.employerMember, w.placement.id, { month: "2026-11", outcome: "completed", count: "2" }, now);
    await expect(recordOutcome(w.employerMember, w.placement.id, { month: "2026-12", outcome: "lasting_work", count: "2" }, now)).rejects.toBeAppError(
      "validation",
    );
    await recordOutcome(w.employerMember, w.placement.id, { month: "2026-12", outcome: "lasting_work", count: "1" }, now);
    // Extended places go on: not counted as ended, but at most the places in one month.
    await recordOutcome(w.employerMember, w.placement.id, { month: "2026-12", outcome: "extended", count: "3" }, now);
    await expect(recordOutcome(w.employerMember, w.placement.id, { month: "2026-12", outcome: "extended", count: "4" }, now)).rejects.toBeAppError(
      "validation",
    );
  });

  it("refuses bad input and outsiders", async () => {
    const w = await world();
    const bad = [
      { month: "2026-13", outcome: "completed", count: "1" },
      { month: "2026-12", outcome: "hired", count: "1" },
      { month: "2026-12", outcome: "completed", count: "" },
      { month: "2026-12", outcome: "completed", count: "-1" },
      { month: "2026-12", outcome: "completed", count: "1.5" },
      { month: "2026-12", outcome: "completed", count: "1001" },
      { month: "2026-12", outcome: "ended_early", count: "1" },
      { month: "2026-12", outcome: "completed", earlyEndReason: "health", count: "1" },
      { month: "2026-09", outcome: "completed", count: "1" },
      { month: "2027-01", outcome: "completed", count: "1" },
    ];
    for (const input of bad) await expect(recordOutcome(w.employerMember, w.placement.id, input, now)).rejects.toBeAppError("validation");
    await expect(recordOutcome(w.otherEmployerMember, w.placement.id, bad[0], now)).rejects.toBeAppError("forbidden");
    await expect(recordOutcome(w.imdi, w.placement.id, { month: "2026-12", outcome: "completed", count: "1" }, now)).rejects.toBeAppError("forbidden");
    expect(await getDb().select().from(placementOutcomeCounts).where(eq(placementOutcomeCounts.placementId, w.placement.id))).toEqual([]);
  });
});

describe("check-in reminders", () => {
  async function mailsTo(email: string) {
    return getDb().select({ subject: outboundEmails.subject, text: outboundEmails.text }).from(outboundEmails).where(eq(outboundEmails.to, email));
  }

  it("go to the follow-up organisation's members once when due within two days and once more when overdue, never twice", async () => {
    await getDb().delete(placementCheckins); // other tests' check-ins would be reminded too
    const w = await world();
    await scheduleDefaultCheckins(getDb(), w.placement); // two_weeks 2026-10-15, end 2026-12-31
    const navEmail = (w.navMember as UserActor).email;
    expect(await sendCheckinReminders(new Date("2026-10-12T08:00:00Z"))).toEqual({ due: 0, overdue: 0 });
    expect(await sendCheckinReminders(new Date("2026-10-13T08:00:00Z"))).toEqual({ due: 1, overdue: 0 });
    // Run twice at once (two servers), and again later the same day: nothing more.
    const again = await Promise.all([sendCheckinReminders(new Date("2026-10-13T09:00:00Z")), sendCheckinReminders(new Date("2026-10-13T09:00:00Z"))]);
    expect(again).toEqual([
      { due: 0, overdue: 0 },
      { due: 0, overdue: 0 },
    ]);
    expect(await sendCheckinReminders(new Date("2026-10-15T20:00:00Z"))).toEqual({ due: 0, overdue: 0 });
    expect(await sendCheckinReminders(new Date("2026-10-16T08:00:00Z"))).toEqual({ due: 0, overdue: 1 });
    expect(await sendCheckinReminders(new Date("2026-10-20T08:00:00Z"))).toEqual({ due: 0, overdue: 0 });
    const mails = await mailsTo(navEmail);
    expect(mails.length).toBe(2);
    expect(mails[0]!.text).toContain(`/praksisplasser/${w.placement.id}/oppfolging-og-resultat`);
    // The employer gets none; nor does the organisation's contact address when it has members.
    expect(await mailsTo((w.employerMember as UserActor).email)).toEqual([]);
    expect(await mailsTo("nav-kontakt@test.example")).toEqual([]);
  });

  it("stop once a check-in is answered, and skip placements not confirmed for follow-up", async () => {
    await getDb().delete(placementCheckins);
    const w = await world();
    await scheduleDefaultCheckins(getDb(), w.placement);
    const [first] = await checkinRows(w.placement.id);
    await answerCheckin(w.navMember, w.placement.id, { checkinId: first!.id, ...answer });
    expect(await sendCheckinReminders(new Date("2026-10-20T08:00:00Z"))).toEqual({ due: 0, overdue: 0 });
    const pending = await world({ status: "requested" });
    await getDb().insert(placementCheckins).values({ placementId: pending.placement.id, kind: "extra", dueOn: "2026-10-14" });
    expect(await sendCheckinReminders(new Date("2026-10-20T08:00:00Z"))).toEqual({ due: 0, overdue: 0 });
  });
});
