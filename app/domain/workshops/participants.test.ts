import { describe, expect, it } from "vitest";
import { and, desc, eq } from "drizzle-orm";
import { getDb } from "~/db/client.server.ts";
import { outboundEmails, workshopParticipants, workshops, workshopSessions } from "~/db/schema/index.ts";
import { anonymous } from "~/domain/auth/actor.ts";
import { AppError } from "~/lib/errors.ts";
import { hit, invitationsPerSender } from "~/domain/auth/rate-limit.server.ts";
import { createActor, createOrganization } from "../../../tests/factories.ts";
import { createWorkshop, getWorkshopHub, sectorChecklist } from "./plan.server.ts";
import { workshopSessionCalendar } from "./plan-calendar.server.ts";
import {
  cancelByToken,
  declineByToken,
  getInvitationByToken,
  getParticipantsPage,
  inviteByEmail,
  inviteFromRegister,
  registerByToken,
  removeParticipant,
  sendWorkshopReminders,
} from "./participants.server.ts";

const validWorkshop = {
  title: "Utviklingsverksted i Hamar",
  purpose: "Kommunen, frivillige og arbeidsgivere finner hindringer sammen.",
  focusThemes: ["division_of_responsibility", "arenas_for_cooperation"],
  organiser: "municipality:3403",
  facilitatorName: "",
  capacity: "20",
  obstacleVotesPerParticipant: "5",
  solutionVotesPerParticipant: "3",
  s0_kind: "workshop",
  s0_startsAt: "2027-03-10T09:00",
  s0_durationMinutes: "240",
  s0_place: "Hamar rådhus",
  s1_kind: "follow_up",
  s1_startsAt: "2027-05-10T12:00",
  s1_durationMinutes: "120",
  s1_videoUrl: "https://meet.example/hamar",
};

const hamarCoordinator = () => createActor({ roles: [{ role: "municipal_coordinator", municipalityNumber: "3403" }] });

async function appErrorOf(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

/** The token of the newest link mailed to an address. */
async function lastLink(email: string): Promise<string> {
  const [mail] = await getDb().select().from(outboundEmails).where(eq(outboundEmails.to, email)).orderBy(desc(outboundEmails.createdAt)).limit(1);
  const match = /\/verksteder\/pamelding\/([A-Za-z0-9_-]+)/.exec(mail?.text ?? "");
  if (!match) throw new Error(`no link mailed to ${email}`);
  return match[1]!;
}

let n = 0;
const address = (who: string) => `${who}-${Date.now().toString(36)}-${n++}@test.example`;

async function newWorkshop(extra: Record<string, unknown> = {}) {
  const coordinator = await hamarCoordinator();
  const { id } = await createWorkshop(coordinator, { ...validWorkshop, ...extra });
  return { coordinator, id };
}

describe("inviting participants", () => {
  it("invitations by e-mail count against the sender's hourly limit, shared with member invitations: past it nothing is written or sent", async () => {
    const { coordinator, id } = await newWorkshop();
    for (let i = 0; i < 60; i++) await hit(getDb(), `invite:sender:${coordinator.userId}`, invitationsPerSender);
    const email = address("grense");
    expect((await appErrorOf(inviteByEmail(coordinator, id, { name: "Eva", email, sector: "employer" }))).code).toBe("rate_limited");
    expect(await getDb().select().from(workshopParticipants).where(eq(workshopParticipants.workshopId, id))).toHaveLength(0);
    expect(await getDb().select().from(outboundEmails).where(eq(outboundEmails.to, email))).toHaveLength(0);
  });

  it("a Hamar coordinator invites from three sectors: a register organisation's member, and two people by e-mail; registering verifies the address and fills the checklist", async () => {
    const { coordinator, id } = await newWorkshop();
    const org = await createOrganization({ municipalities: ["3403"], contactEmail: "post@frivillig.example" });
    const member = await createActor({ memberships: [{ organizationId: org.id, role: "member" }] });
    await inviteFromRegister(coordinator, id, { organizationId: org.id, memberEmail: member.email.toUpperCase(), sector: "voluntary" });
    const employerEmail = address("arbeidsgiver");
    await inviteByEmail(coordinator, id, { name: "Eva Arbeidsgiver", email: employerEmail, sector: "employer" });
    const kommuneEmail = address("kommune");
    await inviteByEmail(coordinator, id, { name: "Kari Kommune", email: kommuneEmail, sector: "municipality", organizationId: "" });

    expect((await sectorChecklist(id)).missing).toEqual(["municipality", "voluntary", "employer"]);
    for (const email of [member.email, employerEmail, kommuneEmail]) {
      const token = await lastLink(email);
      const [row] = await getDb().select().from(workshopParticipants).where(eq(workshopParticipants.email, email.toLowerCase()));
      // Only the hash is stored.
      expect(row!.inviteTokenHash).not.toContain(token);
      expect(row!.emailVerifiedAt).toBeNull();
      const view = await getInvitationByToken(token);
      expect(view).toMatchObject({ workshopId: id, status: "invited" });
      const result = await registerByToken(token);
      expect(result.status).toBe("registered");
      expect(result.setCookie).toMatch(new RegExp(`Path=/verksteder/${id}`));
      const [after] = await getDb().select().from(workshopParticipants).where(eq(workshopParticipants.id, row!.id));
      expect(after!.emailVerifiedAt).not.toBeNull();
      expect(after!.deviceTokenHash).not.toBeNull();
    }
    expect((await sectorChecklist(id)).missing).toEqual([]);
    const page = await getParticipantsPage(coordinator, id);
    expect(page.participants.map((p) => p.status)).toEqual(["registered", "registered", "registered"]);
    // The register member sees the hub as a participant, without others' personal data.
    const hub = await getWorkshopHub(new Request("http://localhost/"), member, id);
    expect(hub.manages).toBe(false);
    expect(hub.manager).toBeNull();
    expect(JSON.stringify(hub)).not.toContain(employerEmail);
  });

  it("refuses bad invitations field by field, twice the same address, an organisation outside the workshop's kommuner, and a non-member", async () => {
    const { coordinator, id } = await newWorkshop();
    const hamarOrg = await createOrganization({ municipalities: ["3403"] });
    const tonsbergOrg = await createOrganization({ municipalities: ["3905"] });
    const bad: [Record<string, unknown>, string][] = [
      [{ name: "", email: "a@b.example", sector: "employer" }, "name"],
      [{ name: "x".repeat(201), email: "a@b.example", sector: "employer" }, "name"],
      [{ name: "Eva", email: "ikke-en-adresse", sector: "employer" }, "email"],
      [{ name: "Eva", email: "a@b.example", sector: "king" }, "sector"],
      [{ name: "Eva", email: "a@b.example", sector: "employer", organizationId: "x" }, "organizationId"],
    ];
    for (const [input, field] of bad) {
      const error = await appErrorOf(inviteByEmail(coordinator, id, input));
      expect(Object.keys(error.fieldErrors), JSON.stringify(input)).toContain(field);
    }
    const email = address("to-ganger");
    await inviteByEmail(coordinator, id, { name: "Eva", email, sector: "employer" });
    expect((await appErrorOf(inviteByEmail(coordinator, id, { name: "Eva", email: email.toUpperCase(), sector: "employer" }))).fieldErrors.email?.key).toBe(
      "workshops.participants.error.alreadyInvited",
    );
    expect(
      (await appErrorOf(inviteFromRegister(coordinator, id, { organizationId: tonsbergOrg.id, sector: "voluntary" }))).fieldErrors.organizationId?.key,
    ).toBe("workshops.participants.error.organization");
    expect((await appErrorOf(inviteFromRegister(coordinator, id, { organizationId: "not-a-uuid", sector: "voluntary" }))).code).toBe("validation");
    const stranger = await createActor();
    expect(
      (await appErrorOf(inviteFromRegister(coordinator, id, { organizationId: hamarOrg.id, memberEmail: stranger.email, sector: "voluntary" }))).fieldErrors
        .memberEmail?.key,
    ).toBe("workshops.participants.error.notMember");
  });

  it("only the workshop's managers invite, list and remove: not Tønsberg's coordinator, a participant, an organisation member or a visitor", async () => {
    const { coordinator, id } = await newWorkshop();
    const org = await createOrganization({ municipalities: ["3403"] });
    const member = await createActor({ memberships: [{ organizationId: org.id, role: "member" }] });
    await inviteFromRegister(coordinator, id, { organizationId: org.id, memberEmail: member.email, sector: "voluntary" });
    await registerByToken(await lastLink(member.email));
    const tonsberg = await createActor({ roles: [{ role: "municipal_coordinator", municipalityNumber: "3905" }] });
    const outsider = await createActor({ memberships: [{ organizationId: org.id, role: "member" }] });
    const input = { name: "Eva", email: address("x"), sector: "employer" };
    for (const actor of [tonsberg, outsider]) {
      expect((await appErrorOf(getParticipantsPage(actor, id))).code).toBe("not_found");
      expect((await appErrorOf(inviteByEmail(actor, id, input))).code).toBe("not_found");
    }
    expect((await appErrorOf(getParticipantsPage(member, id))).code).toBe("forbidden");
    expect((await appErrorOf(inviteByEmail(member, id, input))).code).toBe("forbidden");
    expect((await appErrorOf(getParticipantsPage(anonymous(), id))).code).toBe("unauthenticated");
    const [p] = await getDb().select({ id: workshopParticipants.id }).from(workshopParticipants).where(eq(workshopParticipants.workshopId, id));
    expect((await appErrorOf(removeParticipant(tonsberg, id, { participantId: p!.id, confirm: "on" }))).code).toBe("not_found");
    // Without the box ticked, nothing is removed.
    expect((await appErrorOf(removeParticipant(coordinator, id, { participantId: p!.id }))).fieldErrors.confirm?.key).toBe(
      "workshops.participants.removeConfirmRequired",
    );
    await removeParticipant(coordinator, id, { participantId: p!.id, confirm: "on" });
    expect(await getDb().select().from(workshopParticipants).where(eq(workshopParticipants.workshopId, id))).toHaveLength(0);
  });
});

describe("capacity and the waitlist", () => {
  it("never over capacity; cancellations at the same time each promote a different person from the waitlist, once, with an e-mail", async () => {
    const { coordinator, id } = await newWorkshop({ capacity: "2" });
    const emails = [0, 1, 2, 3, 4].map((i) => address(`p${i}`));
    for (const email of emails) await inviteByEmail(coordinator, id, { name: "Deltaker", email, sector: "voluntary" });
    const tokens = await Promise.all(emails.map(lastLink));
    // All five register at once: two seats, three on the waitlist.
    const results = await Promise.all(tokens.map((t) => registerByToken(t)));
    expect(results.filter((r) => r.status === "registered")).toHaveLength(2);
    expect(results.filter((r) => r.status === "waitlisted")).toHaveLength(3);

    const registered = emails.filter((_, i) => results[i]!.status === "registered");
    const cancelTokens = await Promise.all(registered.map(lastLink));
    const cancels = await Promise.all(cancelTokens.map((t) => cancelByToken(t)));
    const promoted = cancels.flatMap((c) => c.promoted);
    expect(promoted).toHaveLength(2);
    expect(new Set(promoted).size).toBe(2);
    const rows = await getDb().select().from(workshopParticipants).where(eq(workshopParticipants.workshopId, id));
    expect(rows.filter((r) => r.status === "registered")).toHaveLength(2);
    expect(rows.filter((r) => r.status === "waitlisted")).toHaveLength(1);
    expect(rows.filter((r) => r.status === "cancelled")).toHaveLength(2);
    for (const pid of promoted) {
      const row = rows.find((r) => r.id === pid)!;
      const mails = await getDb().select().from(outboundEmails).where(eq(outboundEmails.to, row.email!));
      expect(mails.some((m) => m.subject.startsWith("Du har fått plass"))).toBe(true);
    }
    // A used cancel link does nothing more.
    expect((await appErrorOf(cancelByToken(cancelTokens[0]!))).code).toBe("invalid_token");
  });
});

describe("the registration link", () => {
  it("unknown, malformed, expired and used links are refused; declining uses it up", async () => {
    const { coordinator, id } = await newWorkshop();
    for (const token of ["", "short", "x".repeat(43), 42]) {
      expect((await appErrorOf(getInvitationByToken(token))).code).toBe("invalid_token");
      expect((await appErrorOf(registerByToken(token))).code).toBe("invalid_token");
    }
    const email = address("sen");
    await inviteByEmail(coordinator, id, { name: "Sen Svarer", email, sector: "nav" });
    const token = await lastLink(email);
    const [row] = await getDb().select().from(workshopParticipants).where(eq(workshopParticipants.email, email));
    // The link lasts until the last session has ended.
    expect(row!.inviteExpiresAt!.toISOString()).toBe("2027-05-10T12:00:00.000Z");
    expect((await appErrorOf(registerByToken(token, new Date("2027-05-10T12:00:01Z")))).code).toBe("invalid_token");
    await declineByToken(token);
    expect((await appErrorOf(registerByToken(token))).code).toBe("invalid_token");
    const [after] = await getDb().select().from(workshopParticipants).where(eq(workshopParticipants.id, row!.id));
    expect(after!.status).toBe("declined");
  });

  it("a closed workshop takes no registrations", async () => {
    const { coordinator, id } = await newWorkshop();
    const email = address("for-sent");
    await inviteByEmail(coordinator, id, { name: "For Sent", email, sector: "other" });
    await getDb().update(workshops).set({ status: "closed" }).where(eq(workshops.id, id));
    expect((await appErrorOf(registerByToken(await lastLink(email)))).messageKey).toBe("workshops.error.closed");
    expect((await appErrorOf(inviteByEmail(coordinator, id, { name: "Ny", email: address("ny"), sector: "other" }))).code).toBe("conflict");
  });
});

describe("calendar files and reminders", () => {
  it("a session's .ics goes to managers and participants only", async () => {
    const { coordinator, id } = await newWorkshop();
    const [session] = await getDb().select().from(workshopSessions).where(eq(workshopSessions.workshopId, id)).orderBy(workshopSessions.startsAt);
    const request = new Request("http://localhost/");
    const file = await workshopSessionCalendar(request, coordinator, id, `${session!.id}.ics`);
    expect(file.body).toContain("BEGIN:VEVENT");
    expect(file.body).toContain("DTSTART;TZID=Europe/Oslo:20270310T090000");
    const tonsberg = await createActor({ roles: [{ role: "municipal_coordinator", municipalityNumber: "3905" }] });
    expect((await appErrorOf(workshopSessionCalendar(request, tonsberg, id, session!.id))).code).toBe("not_found");
    expect((await appErrorOf(workshopSessionCalendar(request, anonymous(), id, session!.id))).code).toBe("unauthenticated");
    // A participant without an account: the registration link's device cookie opens it.
    const email = address("telefon");
    await inviteByEmail(coordinator, id, { name: "Telefon", email, sector: "employer" });
    const { setCookie } = await registerByToken(await lastLink(email));
    const withCookie = new Request("http://localhost/", { headers: { Cookie: setCookie.split(";")[0]! } });
    expect((await workshopSessionCalendar(withCookie, anonymous(), id, session!.id)).body).toContain("BEGIN:VEVENT");
    // Another workshop's session is not found through this one.
    const other = await newWorkshop();
    const [otherSession] = await getDb().select().from(workshopSessions).where(eq(workshopSessions.workshopId, other.id));
    expect((await appErrorOf(workshopSessionCalendar(request, coordinator, id, otherSession!.id))).code).toBe("not_found");
  });

  it("reminds registered, verified participants the day before, once per session, with a fixed clock", async () => {
    const { coordinator, id } = await newWorkshop();
    const registered = address("kommer");
    const invitedOnly = address("invitert");
    await inviteByEmail(coordinator, id, { name: "Kommer", email: registered, sector: "municipality" });
    await inviteByEmail(coordinator, id, { name: "Invitert", email: invitedOnly, sector: "voluntary" });
    await registerByToken(await lastLink(registered), new Date("2027-03-01T10:00:00Z"));
    const reminders = (email: string) =>
      getDb()
        .select()
        .from(outboundEmails)
        .where(and(eq(outboundEmails.to, email), eq(outboundEmails.subject, "Påminnelse: Utviklingsverksted i Hamar i morgen")));

    // Three days ahead: too early.
    await sendWorkshopReminders(new Date("2027-03-07T09:00:00Z"));
    expect(await reminders(registered)).toHaveLength(0);
    // The day before (the session starts 2027-03-10 08:00 UTC).
    const first = await sendWorkshopReminders(new Date("2027-03-09T09:00:00Z"));
    expect(first.sessions).toBeGreaterThanOrEqual(1);
    expect(await reminders(registered)).toHaveLength(1);
    expect(await reminders(invitedOnly)).toHaveLength(0);
    // A second run, and two at once, send nothing more.
    await Promise.all([sendWorkshopReminders(new Date("2027-03-09T10:00:00Z")), sendWorkshopReminders(new Date("2027-03-09T10:00:00Z"))]);
    expect(await reminders(registered)).toHaveLength(1);
    const [session] = await getDb().select().from(workshopSessions).where(eq(workshopSessions.workshopId, id)).orderBy(workshopSessions.startsAt);
    expect(session!.reminderSentAt?.toISOString()).toBe("2027-03-09T09:00:00.000Z");
  });
});
