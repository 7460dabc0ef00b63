import { beforeAll, describe, expect, it } from "vitest";
import { and, eq, like } from "drizzle-orm";
import { getDb } from "~/db/client.server.ts";
import {
  outboundEmails,
  workshopActions,
  workshopMunicipalities,
  workshopObstacles,
  workshopParticipants,
  workshopSessions,
  workshopSolutions,
  workshops,
} from "~/db/schema/index.ts";
import { anonymous, type UserActor } from "~/domain/auth/actor.ts";
import { createActor, createOrganization } from "../../../tests/factories.ts";
import {
  actionPlanForReport,
  actionPlanProgress,
  addActionNote,
  createAction,
  deleteAction,
  followUpDiff,
  getActionForEdit,
  getActionPlan,
  municipalityActionPlans,
  setActionStatus,
  updateAction,
} from "./actions.server.ts";
import { digestFor, sendActionDigest, sendActionReminders } from "./followup.server.ts";

const HAMAR = "3403";
const DAY = 24 * 60 * 60 * 1000;
const NOW = new Date("2026-05-04T10:00:00Z");
const request = (id: string) => new Request(`http://localhost/verksteder/${id}/handlingsplan`);

let seq = 0;
async function createWorkshop(opts: { municipality?: string; status?: "planning" | "running" | "closed" } = {}) {
  const db = getDb();
  const municipality = opts.municipality ?? HAMAR;
  const [w] = await db
    .insert(workshops)
    .values({
      title: `Verksted ${seq}`,
      organiserLevel: "municipality",
      organiserMunicipalityNumber: municipality,
      status: opts.status ?? "running",
      joinCode: `T${String(seq++).padStart(5, "0")}`,
    })
    .returning({ id: workshops.id });
  await db.insert(workshopMunicipalities).values({ workshopId: w!.id, municipalityNumber: municipality });
  const [obstacle] = await db
    .insert(workshopObstacles)
    .values({ workshopId: w!.id, theme: "division_of_responsibility", text: "Uklart hvem som gjør hva" })
    .returning({ id: workshopObstacles.id });
  const [solution] = await db
    .insert(workshopSolutions)
    .values({ workshopId: w!.id, obstacleId: obstacle!.id, text: "Felles oversikt" })
    .returning({ id: workshopSolutions.id });
  return { id: w!.id, solutionId: solution!.id };
}

let coordinator: UserActor;
let tonsberg: UserActor;
let advisor: UserActor;
let imdi: UserActor;
let ownerMember: UserActor;
let employer: UserActor;
let ownerOrg: { id: string; name: string };
let employerOrg: { id: string };

const validInput = () => ({
  title: "Felles oversikt over tilbud",
  description: "",
  solutionId: "",
  ownerOrganizationId: ownerOrg.id,
  contactName: "Ola Organisasjonsleder",
  contactEmail: "ola@frivillig.example",
  contactPhone: "",
  deadline: "2026-06-01",
});

beforeAll(async () => {
  ownerOrg = await createOrganization({ name: "Hamar frivilligsentral (test)", kind: "volunteer_centre" });
  employerOrg = await createOrganization({ name: "Mjøs Bygg (test)", kind: "employer" });
  coordinator = await createActor({ roles: [{ role: "municipal_coordinator", municipalityNumber: HAMAR }] });
  tonsberg = await createActor({ roles: [{ role: "municipal_coordinator", municipalityNumber: "3905" }] });
  advisor = await createActor({ roles: [{ role: "county_advisor", countyNumber: "34" }] });
  imdi = await createActor({ roles: [{ role: "national_admin" }] });
  ownerMember = await createActor({ memberships: [{ organizationId: ownerOrg.id, role: "admin" }] });
  employer = await createActor({ memberships: [{ organizationId: employerOrg.id, role: "admin" }] });
});

describe("the action plan: creating and editing (managers)", () => {
  it("creates an action from a solution or free-standing, and shows it to managers", async () => {
    const w = await createWorkshop();
    const { id } = await createAction(coordinator, w.id, { ...validInput(), solutionId: w.solutionId });
    await createAction(advisor, w.id, { ...validInput(), title: "Fritt tiltak", contactEmail: "", contactPhone: "+47 900 00 000" });
    const plan = await getActionPlan(request(w.id), coordinator, w.id, { now: NOW });
    expect(plan.canManage).toBe(true);
    expect(plan.actions.map((a) => a.title).sort()).toEqual(["Felles oversikt over tilbud", "Fritt tiltak"]);
    const fromSolution = plan.actions.find((a) => a.id === id)!;
    expect(fromSolution).toMatchObject({ solutionText: "Felles oversikt", ownerName: ownerOrg.name, status: "not_started", mayFollowUp: true });
    expect(plan.choices?.owners.map((o) => o.id)).toContain(ownerOrg.id);
  });

  it("refuses bad input field by field", async () => {
    const w = await createWorkshop();
    const other = await createWorkshop();
    const bad: [Record<string, unknown>, string][] = [
      [{ title: "" }, "title"],
      [{ title: "x".repeat(201) }, "title"],
      [{ title: 42 }, "title"],
      [{ description: "x".repeat(2001) }, "description"],
      [{ ownerOrganizationId: "" }, "ownerOrganizationId"],
      [{ ownerOrganizationId: "not-a-uuid" }, "ownerOrganizationId"],
      [{ ownerOrganizationId: "00000000-0000-4000-8000-000000000999" }, "ownerOrganizationId"],
      [{ solutionId: "nope" }, "solutionId"],
      [{ solutionId: other.solutionId }, "solutionId"],
      [{ contactName: "" }, "contactName"],
      [{ contactName: "x".repeat(121) }, "contactName"],
      [{ contactEmail: "ikke-en-adresse" }, "contactEmail"],
      [{ contactEmail: "", contactPhone: "" }, "contactEmail"],
      [{ contactPhone: "ring meg" }, "contactPhone"],
      [{ deadline: "" }, "deadline"],
      [{ deadline: "01.06.2026" }, "deadline"],
      [{ deadline: "2026-02-30" }, "deadline"],
      [{ deadline: "2026-6-1" }, "deadline"],
      [{ deadline: "1899-01-01" }, "deadline"],
    ];
    for (const [patch, field] of bad) {
      const error = await createAction(coordinator, w.id, { ...validInput(), ...patch }).then(
        () => null,
        (e: unknown) => e as { code: string; fieldErrors: Record<string, unknown> },
      );
      expect(error?.code, JSON.stringify(patch)).toBe("validation");
      expect(Object.keys(error!.fieldErrors), JSON.stringify(patch)).toContain(field);
    }
    expect(await getDb().select().from(workshopActions).where(eq(workshopActions.workshopId, w.id))).toHaveLength(0);
  });

  it("lets only managers create, edit and delete (coordinator_tonsberg, IMDi, owner members, employers and visitors are refused)", async () => {
    const w = await createWorkshop();
    const { id } = await createAction(coordinator, w.id, validInput());
    for (const actor of [tonsberg, imdi, ownerMember, employer]) {
      await expect(createAction(actor, w.id, validInput())).rejects.toBeAppError("forbidden");
      await expect(updateAction(actor, w.id, id, validInput())).rejects.toBeAppError("forbidden");
      await expect(deleteAction(actor, w.id, id, { confirm: "on" })).rejects.toBeAppError("forbidden");
      await expect(getActionForEdit(actor, w.id, id)).rejects.toBeAppError("forbidden");
    }
    await expect(createAction(anonymous(), w.id, validInput())).rejects.toBeAppError("unauthenticated");
    await expect(createAction(coordinator, "not-a-uuid", validInput())).rejects.toBeAppError("not_found");
  });

  it("edits with a logged deadline move, and deletes only when confirmed", async () => {
    const w = await createWorkshop();
    const { id } = await createAction(coordinator, w.id, validInput());
    await updateAction(coordinator, w.id, id, { ...validInput(), deadline: "2026-07-01" });
    expect((await getActionForEdit(coordinator, w.id, id)).action.deadline).toBe("2026-07-01");
    await expect(deleteAction(coordinator, w.id, id, {})).rejects.toBeAppError("validation");
    await expect(deleteAction(coordinator, w.id, id, { confirm: "" })).rejects.toBeAppError("validation");
    await deleteAction(coordinator, w.id, id, { confirm: "on" });
    await expect(getActionForEdit(coordinator, w.id, id)).rejects.toBeAppError("not_found");
  });

  it("refuses an action id of another workshop (not found) on every step", async () => {
    const w = await createWorkshop();
    const other = await createWorkshop();
    const { id: otherAction } = await createAction(coordinator, other.id, validInput());
    await expect(updateAction(coordinator, w.id, otherAction, validInput())).rejects.toBeAppError("not_found");
    await expect(deleteAction(coordinator, w.id, otherAction, { confirm: "on" })).rejects.toBeAppError("not_found");
    await expect(setActionStatus(coordinator, w.id, { actionId: otherAction, status: "done" })).rejects.toBeAppError("not_found");
    await expect(addActionNote(coordinator, w.id, { actionId: otherAction, text: "Hei" })).rejects.toBeAppError("not_found");
    await expect(getActionForEdit(coordinator, w.id, "junk")).rejects.toBeAppError("not_found");
  });
});

describe("follow-up: status and progress notes", () => {
  it("lets the owner organisation's members update their own action, also after the workshop closed", async () => {
    const w = await createWorkshop();
    const { id } = await createAction(coordinator, w.id, validInput());
    await getDb().update(workshops).set({ status: "closed" }).where(eq(workshops.id, w.id));
    await setActionStatus(ownerMember, w.id, { actionId: id, status: "in_progress" });
    await addActionNote(ownerMember, w.id, { actionId: id, text: "Første møte holdt" });
    const plan = await getActionPlan(request(w.id), ownerMember, w.id, { now: NOW });
    expect(plan.canManage).toBe(false);
    const action = plan.actions.find((a) => a.id === id)!;
    expect(action.status).toBe("in_progress");
    expect(action.mayFollowUp).toBe(true);
    // Shown by organisation, not by person.
    expect(action.notes[0]).toMatchObject({ text: "Første møte holdt", authorLabel: ownerOrg.name });
    // Managers may still add actions to a closed workshop (follow-up sessions add them).
    await createAction(coordinator, w.id, { ...validInput(), title: "Nytt fra oppfølgingsmøtet" });
    // A manager's note is shown by the body.
    await addActionNote(coordinator, w.id, { actionId: id, text: "Kommunen følger opp" });
    const [report] = (await actionPlanForReport(w.id, NOW)).filter((a) => a.id === id);
    expect(report!.latestNote).toMatchObject({ text: "Kommunen følger opp", authorLabel: "Hamar kommune" });
  });

  it("refuses another organisation's member (the employer), coordinator_tonsberg and visitors; unknown status and empty notes are bad input", async () => {
    const w = await createWorkshop();
    const { id } = await createAction(coordinator, w.id, validInput());
    // The employer is a participant of the workshop: sees the plan, but may not update an action it does not own.
    await getDb()
      .insert(workshopParticipants)
      .values({ workshopId: w.id, name: "Eirik", userId: employer.userId, organizationId: employerOrg.id, sector: "employer", status: "registered" });
    const seen = await getActionPlan(request(w.id), employer, w.id, { now: NOW });
    expect(seen.actions[0]!.mayFollowUp).toBe(false);
    expect(seen.choices).toBeNull();
    await expect(setActionStatus(employer, w.id, { actionId: id, status: "done" })).rejects.toBeAppError("forbidden");
    await expect(addActionNote(employer, w.id, { actionId: id, text: "Ferdig" })).rejects.toBeAppError("forbidden");
    await expect(setActionStatus(tonsberg, w.id, { actionId: id, status: "done" })).rejects.toBeAppError("forbidden");
    await expect(setActionStatus(imdi, w.id, { actionId: id, status: "done" })).rejects.toBeAppError("forbidden");
    await expect(setActionStatus(anonymous(), w.id, { actionId: id, status: "done" })).rejects.toBeAppError("unauthenticated");
    await expect(setActionStatus(ownerMember, w.id, { actionId: id, status: "finished" })).rejects.toBeAppError("validation");
    await expect(setActionStatus(ownerMember, w.id, { actionId: id })).rejects.toBeAppError("validation");
    await expect(setActionStatus(ownerMember, w.id, { actionId: "x", status: "done" })).rejects.toBeAppError("validation");
    await expect(addActionNote(ownerMember, w.id, { actionId: id, text: "   " })).rejects.toBeAppError("validation");
    await expect(addActionNote(ownerMember, w.id, { actionId: id, text: "x".repeat(2001) })).rejects.toBeAppError("validation");
    // The owner organisation's member can act on its own action in THIS workshop only: an owned action of another
    // workshop, passed with this workshop's id, is not found.
    const other = await createWorkshop();
    const { id: elsewhere } = await createAction(coordinator, other.id, validInput());
    await expect(setActionStatus(ownerMember, w.id, { actionId: elsewhere, status: "done" })).rejects.toBeAppError("not_found");
  });

  it("hides the plan from coordinator_tonsberg, IMDi and visitors, and from members of organisations without an action in it", async () => {
    const w = await createWorkshop();
    await createAction(coordinator, w.id, validInput());
    await expect(getActionPlan(request(w.id), tonsberg, w.id)).rejects.toBeAppError("forbidden");
    await expect(getActionPlan(request(w.id), imdi, w.id)).rejects.toBeAppError("forbidden");
    await expect(getActionPlan(request(w.id), employer, w.id)).rejects.toBeAppError("forbidden");
    await expect(getActionPlan(request(w.id), anonymous(), w.id)).rejects.toBeAppError("unauthenticated");
    // The owner organisation's members see it, to report on their action.
    await expect(getActionPlan(request(w.id), ownerMember, w.id)).resolves.toBeTruthy();
  });
});

describe("what moved since last time", () => {
  it("lists status changes, new actions, notes and moved deadlines since the previous session, from the change log", async () => {
    const w = await createWorkshop({ status: "closed" });
    const main = new Date(NOW.getTime() - 60 * DAY);
    const followUp = new Date(NOW.getTime() - 14 * DAY);
    await getDb()
      .insert(workshopSessions)
      .values([
        { workshopId: w.id, kind: "workshop", startsAt: main, durationMinutes: 180 },
        { workshopId: w.id, kind: "follow_up", startsAt: followUp, durationMinutes: 90 },
      ]);
    // Before the main session: not in the diff.
    const { id: early } = await createAction(coordinator, w.id, { ...validInput(), title: "Tidlig" }, new Date(main.getTime() - DAY));
    const { id: later } = await createAction(coordinator, w.id, { ...validInput(), title: "Senere" }, new Date(main.getTime() + DAY));
    await setActionStatus(ownerMember, w.id, { actionId: early, status: "in_progress" }, new Date(main.getTime() + 2 * DAY));
    await setActionStatus(ownerMember, w.id, { actionId: early, status: "done" }, new Date(followUp.getTime() - DAY));
    await addActionNote(ownerMember, w.id, { actionId: later, text: "Godt i gang" }, new Date(main.getTime() + 3 * DAY));
    await updateAction(coordinator, w.id, later, { ...validInput(), title: "Senere", deadline: "2026-09-01" }, new Date(main.getTime() + 4 * DAY));

    const diff = (await followUpDiff(w.id, NOW))!;
    expect(diff.since).toEqual(main);
    expect(diff.created.map((c) => c.actionTitle)).toEqual(["Senere"]);
    expect(diff.statusChanges.map((c) => [c.actionTitle, c.fromValue, c.toValue])).toEqual([
      ["Tidlig", "not_started", "in_progress"],
      ["Tidlig", "in_progress", "done"],
    ]);
    expect(diff.notes.map((c) => [c.actionTitle, c.toValue])).toEqual([["Senere", ownerOrg.name]]);
    expect(diff.deadlinesMoved.map((c) => [c.fromValue, c.toValue])).toEqual([["2026-06-01", "2026-09-01"]]);
    // Shown on the plan page.
    expect((await getActionPlan(request(w.id), coordinator, w.id, { now: NOW })).diff?.statusChanges).toHaveLength(2);
  });

  it("has no diff without a follow-up session", async () => {
    const w = await createWorkshop();
    expect(await followUpDiff(w.id, NOW)).toBeNull();
  });
});

describe("reminders and the weekly digest (fake clock)", () => {
  async function sentTo(email: string) {
    return getDb().select().from(outboundEmails).where(eq(outboundEmails.to, email));
  }

  it("reminds the owner's contact 7 days before the deadline and when overdue, once each", async () => {
    const w = await createWorkshop();
    const email = `kontakt-${Date.now()}@frivillig.example`;
    await createAction(coordinator, w.id, { ...validInput(), contactEmail: email, deadline: "2026-05-20" });
    // 16 days before: nothing.
    await sendActionReminders(new Date("2026-05-04T06:00:00Z"));
    expect(await sentTo(email)).toHaveLength(0);
    // 7 days before: the "due" reminder, once.
    const first = await sendActionReminders(new Date("2026-05-13T06:00:00Z"));
    expect(first.due).toBeGreaterThanOrEqual(1);
    await sendActionReminders(new Date("2026-05-14T06:00:00Z"));
    let mails = await sentTo(email);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toContain("Felles oversikt over tilbud");
    expect(mails[0]!.text).toContain(`/verksteder/${w.id}/handlingsplan`);
    // The day after the deadline: overdue, once.
    await sendActionReminders(new Date("2026-05-21T06:00:00Z"));
    await sendActionReminders(new Date("2026-05-22T06:00:00Z"));
    mails = await sentTo(email);
    expect(mails.map((m) => m.subject).sort()).toEqual(["Frist om en uke: Felles oversikt over tilbud", "Fristen er passert: Felles oversikt over tilbud"]);
  });

  it("sends nothing for done or dropped actions, or contacts with only a phone", async () => {
    const w = await createWorkshop();
    const email = `ferdig-${Date.now()}@frivillig.example`;
    const { id } = await createAction(coordinator, w.id, { ...validInput(), contactEmail: email, deadline: "2026-05-05" });
    await setActionStatus(coordinator, w.id, { actionId: id, status: "done" });
    await sendActionReminders(new Date("2026-05-10T06:00:00Z"));
    expect(await sentTo(email)).toHaveLength(0);
  });

  it("reminds again when the deadline is moved", async () => {
    const w = await createWorkshop();
    const email = `flyttet-${Date.now()}@frivillig.example`;
    const { id } = await createAction(coordinator, w.id, { ...validInput(), contactEmail: email, deadline: "2026-05-08" });
    await sendActionReminders(new Date("2026-05-04T06:00:00Z"));
    await updateAction(coordinator, w.id, id, { ...validInput(), contactEmail: email, deadline: "2026-05-30" });
    await sendActionReminders(new Date("2026-05-05T06:00:00Z"));
    expect(await sentTo(email)).toHaveLength(1);
    await sendActionReminders(new Date("2026-05-24T06:00:00Z"));
    expect(await sentTo(email)).toHaveLength(2);
  });

  it("digests each kommune's plans for its coordinators (verified addresses): done, in progress, overdue, moved this week", async () => {
    const kommune = "3411"; // Ringsaker: a kommune no other test here uses
    const w = await createWorkshop({ municipality: kommune });
    const digestCoordinator = await createActor({ roles: [{ role: "municipal_coordinator", municipalityNumber: kommune }] });
    const unverified = await createActor({ roles: [{ role: "municipal_coordinator", municipalityNumber: kommune }], user: { emailVerifiedAt: null } });
    const now = new Date("2026-05-04T06:00:00Z");
    const { id: a } = await createAction(digestCoordinator, w.id, { ...validInput(), title: "Ferdig tiltak" }, new Date("2026-04-01T10:00:00Z"));
    await createAction(digestCoordinator, w.id, { ...validInput(), title: "Forfalt tiltak", deadline: "2026-04-20" }, new Date("2026-04-01T10:00:00Z"));
    await setActionStatus(digestCoordinator, w.id, { actionId: a, status: "done" }, new Date("2026-05-02T10:00:00Z"));
    const digest = await digestFor(kommune, now);
    expect(digest).toHaveLength(1);
    expect(digest[0]).toMatchObject({ done: 1, notStarted: 1, overdue: 1, inProgress: 0 });
    expect(digest[0]!.movedThisWeek.map((m) => [m.actionTitle, m.kind])).toEqual([["Ferdig tiltak", "status"]]);
    await sendActionDigest(now);
    const [mail] = await sentTo(digestCoordinator.email);
    expect(mail!.text).toContain("Fullført: 1");
    expect(mail!.text).toContain("Forfalt: 1");
    expect(mail!.text).toContain("Ferdig tiltak: Ikke startet → Fullført");
    expect(await sentTo(unverified.email)).toHaveLength(0);
    expect(
      await getDb()
        .select()
        .from(outboundEmails)
        .where(and(like(outboundEmails.to, "%"), eq(outboundEmails.to, tonsberg.email))),
    ).toHaveLength(0);
  });
});

describe("progress per action plan (kommune overview, report)", () => {
  it("counts the share done (dropped left out) and overdue, for the kommune's coordinators", async () => {
    const kommune = "3412"; // Løten
    const w = await createWorkshop({ municipality: kommune });
    const c = await createActor({ roles: [{ role: "municipal_coordinator", municipalityNumber: kommune }] });
    const ids = [];
    for (const deadline of ["2026-04-01", "2026-04-02", "2026-06-01", "2026-06-02"]) ids.push((await createAction(c, w.id, { ...validInput(), deadline })).id);
    await setActionStatus(c, w.id, { actionId: ids[0]!, status: "done" });
    await setActionStatus(c, w.id, { actionId: ids[3]!, status: "dropped" });
    const [p] = await actionPlanProgress([kommune], NOW);
    expect(p).toMatchObject({ workshopId: w.id, total: 4, done: 1, dropped: 1, overdue: 1, municipalityNumbers: [kommune] });
    expect(p!.doneShare).toBeCloseTo(1 / 3);
    expect(await municipalityActionPlans(c, kommune, NOW)).toHaveLength(1);
    await expect(municipalityActionPlans(tonsberg, kommune, NOW)).rejects.toBeAppError("forbidden");
    await expect(municipalityActionPlans(ownerMember, kommune, NOW)).rejects.toBeAppError("forbidden");
  });
});
