import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { getDb } from "~/db/client.server.ts";
import { eventRegistrationTokens, eventRegistrations, events, networkMembers, networks, outboundEmails } from "~/db/schema/index.ts";
import { formatOsloLocal } from "~/domain/activities/schedule.ts";
import { anonymous, type UserActor } from "~/domain/auth/actor.ts";
import { hashToken } from "~/lib/crypto.server.ts";
import { createActor, createOrganization } from "../../../tests/factories.ts";
import { countyEventFeed, eventCalendar, municipalityEventFeed } from "./calendar.server.ts";
import { cancelEvent, createEvent, getEvent, listEvents, updateEvent, upcomingEvents } from "./events.server.ts";
import { addAgendaItem, getNetwork, markDecisionDone, meetingWorkspace, placeAgendaItem, recordDecision } from "./networks.server.ts";
import {
  cancelMyRegistration,
  cancelRegistrationById,
  cancelRegistrationByToken,
  confirmRegistration,
  listParticipants,
  participantsCsv,
  registerByEmail,
  registerSignedIn,
  sendEventReminders,
  setAttendance,
} from "./registrations.server.ts";

const DAY = 24 * 60 * 60 * 1000;
const local = (days: number) => formatOsloLocal(new Date(Date.now() + days * DAY));

function eventInput(overrides: Record<string, unknown> = {}) {
  return {
    title: "Kurs i frivillighetsledelse",
    description: "Om å rekruttere og beholde frivillige.",
    type: "course",
    level: "regional",
    organiser: "county:34",
    municipalityNumber: "3403",
    startsAt: local(10),
    durationMinutes: "180",
    place: "Hamar kulturhus",
    capacity: "2",
    ...overrides,
  };
}

const advisor = () => createActor({ roles: [{ role: "county_advisor", countyNumber: "34" }] });
const person = (name = "Deltaker") => createActor({ user: { name } });

async function mailsTo(email: string) {
  return getDb().select().from(outboundEmails).where(eq(outboundEmails.to, email));
}

/** The token of the last link to `path` in the last e-mail to `email`. */
async function linkToken(email: string, path: "bekreft" | "avmelding"): Promise<string> {
  const mails = await mailsTo(email);
  const text = mails.at(-1)!.text;
  const match = new RegExp(`/arrangementer/${path}/([A-Za-z0-9_-]+)`).exec(text);
  expect(match, `a /${path}/ link in: ${text}`).not.toBeNull();
  return match![1]!;
}

async function statusesOf(eventId: string) {
  return getDb()
    .select({ id: eventRegistrations.id, email: eventRegistrations.email, status: eventRegistrations.status, promotedAt: eventRegistrations.promotedAt })
    .from(eventRegistrations)
    .where(eq(eventRegistrations.eventId, eventId));
}

describe("who organises events", () => {
  it("a body's people organise for exactly their body, organisation admins for their organisation; nobody else", async () => {
    const countyAdvisor = await advisor();
    const { id } = await createEvent(countyAdvisor, eventInput());
    expect((await getEvent(countyAdvisor, id)).canManage).toBe(true);

    const hamar = await createActor({ roles: [{ role: "municipal_coordinator", municipalityNumber: "3403" }] });
    // A kommune's coordinator is not the fylkeskommune, nor is IMDi.
    await expect(createEvent(hamar, eventInput())).rejects.toBeAppError("validation");
    const imdi = await createActor({ roles: [{ role: "national_admin" }] });
    await expect(createEvent(imdi, eventInput())).rejects.toBeAppError("validation");
    await expect(updateEvent(imdi, id, eventInput({ title: "Kapret" }))).rejects.toBeAppError("forbidden");
    await expect(updateEvent(hamar, id, eventInput({ title: "Kapret" }))).rejects.toBeAppError("forbidden");
    const otherCounty = await createActor({ roles: [{ role: "county_advisor", countyNumber: "39" }] });
    await expect(updateEvent(otherCounty, id, eventInput({ organiser: "county:39", title: "Kapret" }))).rejects.toBeAppError("forbidden");
    await expect(cancelEvent(otherCounty, id, { confirm: "on" })).rejects.toBeAppError("forbidden");
    await expect(createEvent(anonymous(), eventInput())).rejects.toBeAppError("unauthenticated");

    const org = await createOrganization();
    const admin = await createActor({ memberships: [{ organizationId: org.id, role: "admin" }] });
    const member = await createActor({ memberships: [{ organizationId: org.id, role: "member" }] });
    const own = await createEvent(admin, eventInput({ organiser: `organization:${org.id}`, level: "local", type: "meeting_place" }));
    expect((await getEvent(admin, own.id)).event.organiserLevel).toBe("organization");
    await expect(createEvent(member, eventInput({ organiser: `organization:${org.id}` }))).rejects.toBeAppError("forbidden");
    const otherOrg = await createOrganization();
    await expect(createEvent(admin, eventInput({ organiser: `organization:${otherOrg.id}` }))).rejects.toBeAppError("validation");
    await expect(updateEvent(admin, id, eventInput({ organiser: `organization:${org.id}` }))).rejects.toBeAppError("forbidden");
    // The organiser's own rights are checked against the organiser named in the form too.
    await expect(updateEvent(countyAdvisor, id, eventInput({ organiser: "national" }))).rejects.toBeAppError("validation");
  });

  it("refuses bad input with field messages", async () => {
    const a = await advisor();
    const fields = async (input: Record<string, unknown>) => {
      try {
        await createEvent(a, input);
      } catch (e) {
        return Object.keys((e as { fieldErrors: object }).fieldErrors);
      }
      throw new Error("accepted");
    };
    expect(await fields(eventInput({ title: "" }))).toContain("title");
    expect(await fields(eventInput({ type: "party" }))).toContain("type");
    expect(await fields(eventInput({ startsAt: "2027-02-30T10:00" }))).toContain("startsAt");
    expect(await fields(eventInput({ place: "", videoUrl: "" }))).toContain("place");
    expect(await fields(eventInput({ videoUrl: "javascript:alert(1)" }))).toContain("videoUrl");
    expect(await fields(eventInput({ capacity: "0" }))).toContain("capacity");
    expect(await fields(eventInput({ capacity: "-3" }))).toContain("capacity");
    expect(await fields(eventInput({ level: "local", municipalityNumber: "" }))).toContain("municipalityNumber");
    expect(await fields(eventInput({ municipalityNumber: "9999" }))).toContain("municipalityNumber");
    expect(await fields(eventInput({ registrationDeadline: local(20) }))).toContain("registrationDeadline");
    expect(await fields(eventInput({ rrule: "FREQ=SECONDLY" }))).toContain("rrule");
    expect(await fields(eventInput({ rrule: "nonsense" }))).toContain("rrule");
    expect((await fields(eventInput({ audience: ["voluntary", "pirates"] }))).some((f) => f.startsWith("audience"))).toBe(true);
    expect(await fields(eventInput({ organiser: "county:34'; drop table events;--" }))).toContain("organiser");
    expect(await fields(eventInput({ title: "x".repeat(201) }))).toContain("title");
    await expect(getEvent(anonymous(), "not-a-uuid")).rejects.toBeAppError("not_found");
  });

  it("lists upcoming events by type, level, fylke and kommune; a recurring series stays listed; cancelled ones go", async () => {
    const a = await advisor();
    const webinar = await createEvent(
      a,
      eventInput({ type: "webinar", level: "regional", municipalityNumber: "", place: "", videoUrl: "https://video.example/rom" }),
    );
    const series = await createEvent(a, eventInput({ type: "network_meeting", startsAt: local(-40), rrule: "FREQ=MONTHLY", title: "Månedlig nettverksmøte" }));
    const past = await createEvent(a, eventInput({ startsAt: local(-3), title: "Forbi" }));
    const ids = (await listEvents({ fylke: "34" }, 1)).rows.map((r) => r.id);
    expect(ids).toContain(webinar.id);
    expect(ids).toContain(series.id);
    expect(ids).not.toContain(past.id);
    expect((await listEvents({ type: "webinar", fylke: "34" }, 1)).rows.every((r) => r.type === "webinar")).toBe(true);
    expect((await listEvents({ kommune: "3403", type: "webinar" }, 1)).rows.map((r) => r.id)).not.toContain(webinar.id);
    // Nonsense filters are ignored, not errors.
    expect((await listEvents({ type: "<script>", fylke: "x" }, 999)).page).toBeGreaterThan(0);
    const next = (await listEvents({ fylke: "34" }, 1)).rows.find((r) => r.id === series.id)!;
    expect(next.nextStartsAt.getTime()).toBeGreaterThan(Date.now());
    expect((await upcomingEvents({ countyNumber: "34", limit: 100 })).length).toBeLessThanOrEqual(50);
    await cancelEvent(a, webinar.id, { confirm: "on" });
    expect((await listEvents({ fylke: "34" }, 1)).rows.map((r) => r.id)).not.toContain(webinar.id);
  });

  it("cancelling needs the tick, and tells everyone registered", async () => {
    const a = await advisor();
    const { id } = await createEvent(a, eventInput());
    const p = await person();
    await registerSignedIn(p, id);
    await expect(cancelEvent(a, id, {})).rejects.toBeAppError("validation");
    await cancelEvent(a, id, { confirm: "on" });
    expect((await mailsTo(p.email)).map((m) => m.subject).at(-1)).toMatch(/^Avlyst/);
    await expect(registerSignedIn(await person(), id)).rejects.toBeAppError("conflict");
  });
});

describe("seats and the waitlist", () => {
  it("a course fills, the next one waits, a cancellation promotes the first on the waitlist with an e-mail", async () => {
    const a = await advisor();
    const { id } = await createEvent(a, eventInput({ capacity: "2" }));
    const [p1, p2, p3, p4] = [await person("En"), await person("To"), await person("Tre"), await person("Fire")];
    expect(await registerSignedIn(p1!, id)).toEqual({ status: "confirmed" });
    expect(await registerSignedIn(p2!, id)).toEqual({ status: "confirmed" });
    expect(await registerSignedIn(p3!, id)).toEqual({ status: "waitlisted" });
    expect(await registerSignedIn(p4!, id)).toEqual({ status: "waitlisted" });
    await expect(registerSignedIn(p1!, id)).rejects.toBeAppError("conflict");
    expect((await getEvent(anonymous(), id)).full).toBe(true);

    await cancelMyRegistration(p1!, id);
    const byEmail = new Map((await statusesOf(id)).map((r) => [r.email, r]));
    expect(byEmail.get(p3!.email)!.status).toBe("confirmed");
    expect(byEmail.get(p3!.email)!.promotedAt).not.toBeNull();
    expect(byEmail.get(p4!.email)!.status).toBe("waitlisted");
    const promotedMail = (await mailsTo(p3!.email)).at(-1)!;
    expect(promotedMail.subject).toMatch(/fått plass/);
    expect(promotedMail.text).toMatch(/\/arrangementer\/avmelding\/[A-Za-z0-9_-]{40,}/);

    // A larger capacity fills the new seat from the waitlist; a smaller one than the seats taken is refused.
    await updateEvent(a, id, eventInput({ capacity: "3" }));
    expect((await statusesOf(id)).find((r) => r.email === p4!.email)!.status).toBe("confirmed");
    await expect(updateEvent(a, id, eventInput({ capacity: "1" }))).rejects.toBeAppError("validation");
  });

  it("a signed-in account must have a verified address to register", async () => {
    const a = await advisor();
    const { id } = await createEvent(a, eventInput());
    const unverified = await createActor({ user: { emailVerifiedAt: null } });
    await expect(registerSignedIn(unverified, id)).rejects.toBeAppError("forbidden");
    expect(await statusesOf(id)).toHaveLength(0);
  });

  it("the database refuses a confirmed seat beyond capacity, a second promotion, and a capacity below the seats taken", async () => {
    const a = await advisor();
    const { id } = await createEvent(a, eventInput({ capacity: "1" }));
    const db = getDb();
    await db.insert(eventRegistrations).values({ eventId: id, email: "a@test.example", name: "A", status: "confirmed", emailVerifiedAt: new Date() });
    await expect(
      db.insert(eventRegistrations).values({ eventId: id, email: "b@test.example", name: "B", status: "confirmed", emailVerifiedAt: new Date() }),
    ).rejects.toThrow();
    const [w] = await db
      .insert(eventRegistrations)
      .values({ eventId: id, email: "c@test.example", name: "C", status: "waitlisted", emailVerifiedAt: new Date() })
      .returning();
    // Promoting into a full event is refused by the capacity trigger.
    await expect(db.update(eventRegistrations).set({ status: "confirmed", promotedAt: new Date() }).where(eq(eventRegistrations.id, w!.id))).rejects.toThrow();
    await db.update(events).set({ capacity: 2 }).where(eq(events.id, id));
    await db.update(eventRegistrations).set({ status: "confirmed", promotedAt: new Date() }).where(eq(eventRegistrations.id, w!.id));
    await expect(
      db
        .update(eventRegistrations)
        .set({ promotedAt: new Date(Date.now() + 1000) })
        .where(eq(eventRegistrations.id, w!.id)),
    ).rejects.toThrow();
    await expect(db.update(events).set({ capacity: 1 }).where(eq(events.id, id))).rejects.toThrow();
  });

  it("concurrent cancellations never overfill and never promote anyone twice", async () => {
    const a = await advisor();
    const capacity = 4;
    const { id } = await createEvent(a, eventInput({ capacity: String(capacity) }));
    const people: UserActor[] = [];
    for (let i = 0; i < 12; i++) people.push(await person(`P${i}`));
    for (const p of people) await registerSignedIn(p, id);
    const before = await statusesOf(id);
    expect(before.filter((r) => r.status === "confirmed")).toHaveLength(capacity);
    const confirmed = before.filter((r) => r.status === "confirmed");
    const waitlisted = new Set(before.filter((r) => r.status === "waitlisted").map((r) => r.email));

    // All confirmed seats and some waitlisted ones cancelled at once (PostgreSQL runs these on separate connections);
    // each confirmed one also cancelled twice, as two clicks on the same link would.
    const firstWaiting = before.filter((r) => r.status === "waitlisted").slice(0, 2);
    const cancels = [...confirmed, ...confirmed, ...firstWaiting].map((r) => cancelRegistrationById(r.id).catch((e: unknown) => e));
    const late = people.slice(0, 3).map(() => person("Sen").then((p) => registerSignedIn(p, id).catch((e: unknown) => e)));
    await Promise.all([...cancels, ...late]);

    const after = await statusesOf(id);
    const seats = after.filter((r) => r.status === "confirmed");
    expect(seats.length).toBeLessThanOrEqual(capacity);
    expect(seats.length).toBe(capacity);
    // Every promotion went to someone who was waiting, and each got one "you have a seat" e-mail.
    for (const r of after.filter((x) => x.promotedAt !== null)) {
      expect(waitlisted.has(r.email)).toBe(true);
      const promoted = (await mailsTo(r.email)).filter((m) => /fått plass/.test(m.subject));
      expect(promoted).toHaveLength(1);
    }
  });
});

describe("registration by e-mail without an account", () => {
  it("holds no seat until the address confirms the link; the links' tokens are stored only as hashes; every e-mail has a cancel link", async () => {
    const a = await advisor();
    const { id } = await createEvent(a, eventInput({ capacity: "1" }));
    const email = "frivillig@lag.example";
    await registerByEmail(id, { name: "Kari Frivillig", email: "Frivillig@Lag.example", organizationName: "Lag" });
    expect((await statusesOf(id)).map((r) => r.status)).toEqual(["pending"]);
    expect((await getEvent(anonymous(), id)).confirmed).toBe(0);
    const confirmToken = await linkToken(email, "bekreft");
    const cancelToken = await linkToken(email, "avmelding");
    const stored = await getDb().select({ hash: eventRegistrationTokens.tokenHash }).from(eventRegistrationTokens);
    expect(stored.map((s) => s.hash)).toContain(hashToken(confirmToken));
    expect(stored.map((s) => s.hash)).not.toContain(confirmToken);

    // A signed-in person takes the one seat meanwhile: the pending e-mail registration queues when it confirms.
    await registerSignedIn(await person(), id);
    expect(await confirmRegistration(confirmToken)).toMatchObject({ status: "waitlisted" });
    // Confirming twice changes nothing; the confirm link is spent.
    await expect(confirmRegistration(confirmToken)).rejects.toBeAppError("invalid_token");
    for (const mail of await mailsTo(email)) expect(mail.text).toMatch(/\/arrangementer\/avmelding\/[A-Za-z0-9_-]{40,}/);

    await cancelRegistrationByToken(cancelToken);
    expect((await statusesOf(id)).find((r) => r.email === email)!.status).toBe("cancelled");
    await expect(cancelRegistrationByToken(cancelToken)).rejects.toBeAppError("invalid_token");
    await expect(confirmRegistration("x".repeat(43))).rejects.toBeAppError("invalid_token");
    await expect(confirmRegistration("../../etc")).rejects.toBeAppError("invalid_token");
    await expect(registerByEmail(id, { name: "", email: "not-an-address" })).rejects.toBeAppError("validation");
  });

  it("the same address again gets an e-mail, no second registration and no different answer", async () => {
    const a = await advisor();
    const { id } = await createEvent(a, eventInput());
    const email = "dobbel@lag.example";
    await registerByEmail(id, { name: "Dobbel", email });
    await confirmRegistration(await linkToken(email, "bekreft"));
    expect(await registerByEmail(id, { name: "Noen andre", email })).toEqual({ sent: true });
    expect((await statusesOf(id)).filter((r) => r.email === email)).toHaveLength(1);
    expect((await mailsTo(email)).at(-1)!.subject).toMatch(/allerede påmeldt/);
  });

  it("an unconfirmed registration stays pending and is never promoted", async () => {
    const a = await advisor();
    const { id } = await createEvent(a, eventInput({ capacity: "1" }));
    const p = await person();
    await registerSignedIn(p, id);
    await registerByEmail(id, { name: "Ubekreftet", email: "ubekreftet@lag.example" });
    await cancelMyRegistration(p, id);
    expect((await statusesOf(id)).find((r) => r.email === "ubekreftet@lag.example")!.status).toBe("pending");
  });
});

describe("the organiser's participant list, attendance and reminders", () => {
  it("only the organiser reads the list or the CSV and marks attendance", async () => {
    const a = await advisor();
    const { id } = await createEvent(a, eventInput({ capacity: "5" }));
    const p = await person('=HYPERLINK("http://evil")');
    await registerSignedIn(p, id);
    expect((await listParticipants(a, id)).participants.map((x) => x.email)).toEqual([p.email]);
    const csv = await participantsCsv(a, id);
    expect(csv.body).toContain(p.email);
    expect(csv.body).toContain("'=HYPERLINK");

    const hamar = await createActor({ roles: [{ role: "municipal_coordinator", municipalityNumber: "3403" }] });
    const imdi = await createActor({ roles: [{ role: "national_admin" }] });
    const otherCounty = await createActor({ roles: [{ role: "county_advisor", countyNumber: "39" }] });
    for (const actor of [hamar, imdi, otherCounty, p]) {
      await expect(listParticipants(actor, id)).rejects.toBeAppError("forbidden");
      await expect(participantsCsv(actor, id)).rejects.toBeAppError("forbidden");
      await expect(setAttendance(actor, id, { attended: [] }, new Date(Date.now() + 30 * DAY))).rejects.toBeAppError("forbidden");
    }
    await expect(listParticipants(anonymous(), id)).rejects.toBeAppError("unauthenticated");

    const reg = (await statusesOf(id))[0]!;
    await expect(setAttendance(a, id, { attended: [reg.id] })).rejects.toBeAppError("conflict");
    await expect(setAttendance(a, id, { attended: ["nope"] }, new Date(Date.now() + 30 * DAY))).rejects.toBeAppError("validation");
    expect(await setAttendance(a, id, { attended: [reg.id] }, new Date(Date.now() + 30 * DAY))).toEqual({ attended: 1 });
    expect((await listParticipants(a, id)).participants[0]!.attended).toBe(true);
  });

  it("reminds confirmed participants once, the day before", async () => {
    const a = await advisor();
    const { id } = await createEvent(a, eventInput({ startsAt: local(1), capacity: "1" }));
    const [p1, p2] = [await person(), await person()];
    await registerSignedIn(p1!, id);
    await registerSignedIn(p2!, id);
    const [first, second] = await Promise.all([sendEventReminders(), sendEventReminders()]);
    expect(first!.sent + second!.sent).toBeGreaterThanOrEqual(1);
    const reminders = (await mailsTo(p1!.email)).filter((m) => /Påminnelse/.test(m.subject));
    expect(reminders).toHaveLength(1);
    expect(reminders[0]!.text).toMatch(/\/arrangementer\/avmelding\//);
    expect((await mailsTo(p2!.email)).filter((m) => /Påminnelse/.test(m.subject))).toHaveLength(0);
    expect((await sendEventReminders()).sent).toBe(0);
  });
});

describe("calendars", () => {
  it("a file per event and feeds per kommune and fylke, in Norwegian time; bad numbers are not found", async () => {
    const a = await advisor();
    const { id } = await createEvent(a, eventInput({ rrule: "FREQ=MONTHLY;COUNT=4", title: "Nettverksmøte Innlandet" }));
    const file = await eventCalendar(id);
    expect(file.body).toContain("BEGIN:VEVENT");
    expect(file.body).toContain("SUMMARY:Nettverksmøte Innlandet");
    expect(file.body).toContain("TZID=Europe/Oslo");
    expect(file.body).toContain("RRULE:FREQ=MONTHLY;COUNT=4");
    expect((await municipalityEventFeed("3403")).body).toContain(`${id}@samspill-arrangement`);
    expect((await countyEventFeed("34")).body).toContain(`${id}@samspill-arrangement`);
    expect((await countyEventFeed("39")).body).not.toContain(id);
    expect((await municipalityEventFeed("3905")).body).not.toContain(id);
    for (const bad of ["99", "3", "abc", "34'", ""]) await expect(countyEventFeed(bad)).rejects.toBeAppError("not_found");
    for (const bad of ["9999", "340", "34034", "<x>"]) await expect(municipalityEventFeed(bad)).rejects.toBeAppError("not_found");
    await expect(eventCalendar("00000000-0000-4000-8000-000000000000")).rejects.toBeAppError("not_found");
    await expect(eventCalendar("nope")).rejects.toBeAppError("not_found");
  });
});

describe("networks", () => {
  it("members add to the backlog; those who run it put items on a meeting and record decisions, carried to the next meeting", async () => {
    const a = await advisor();
    const org = await createOrganization({ municipalities: ["3403"] });
    const db = getDb();
    const [network] = await db
      .insert(networks)
      .values({ name: "Integreringsnettverk Test", organiserLevel: "county", organiserCountyNumber: "34", countyNumber: "34" })
      .returning();
    await db.insert(networkMembers).values([
      { networkId: network!.id, organizationId: org.id },
      { networkId: network!.id, municipalityNumber: "3403" },
    ]);
    const member = await createActor({ memberships: [{ organizationId: org.id, role: "member" }] });
    const hamar = await createActor({ roles: [{ role: "municipal_coordinator", municipalityNumber: "3403" }] });
    const outsider = await createActor({ roles: [{ role: "municipal_coordinator", municipalityNumber: "3905" }] });

    const first = await createEvent(a, eventInput({ type: "network_meeting", networkId: network!.id, startsAt: local(5) }));
    const second = await createEvent(a, eventInput({ type: "network_meeting", networkId: network!.id, startsAt: local(40) }));
    // Only those who run the network make its meetings.
    const orgAdmin = await createActor({ memberships: [{ organizationId: org.id, role: "admin" }] });
    await expect(createEvent(orgAdmin, eventInput({ organiser: `organization:${org.id}`, networkId: network!.id }))).rejects.toBeAppError("validation");

    const { id: itemId } = await addAgendaItem(member, network!.id, { title: "Felles rekruttering av frivillige" });
    await addAgendaItem(hamar, network!.id, { title: "Tilskudd 2027" });
    await expect(addAgendaItem(outsider, network!.id, { title: "Utenfra" })).rejects.toBeAppError("forbidden");
    await expect(addAgendaItem(anonymous(), network!.id, { title: "Anonym" })).rejects.toBeAppError("unauthenticated");
    await expect(addAgendaItem(member, network!.id, { title: "" })).rejects.toBeAppError("validation");
    expect((await getNetwork(outsider, network!.id)).backlog).toEqual([]);
    expect((await getNetwork(member, network!.id)).backlog.map((b) => b.proposedByName)).toContain(org.name);

    await expect(placeAgendaItem(member, first.id, { itemId })).rejects.toBeAppError("forbidden");
    await placeAgendaItem(a, first.id, { itemId });
    await expect(recordDecision(hamar, first.id, { text: "Vi lager felles vervekampanje" })).rejects.toBeAppError("forbidden");
    const { id: decisionId } = await recordDecision(a, first.id, { text: "Vi lager felles vervekampanje" });

    const next = await meetingWorkspace(member, second.id);
    expect(next!.carried.map((d) => d.text)).toEqual(["Vi lager felles vervekampanje"]);
    expect((await meetingWorkspace(member, first.id))!.agenda.map((i) => i.title)).toEqual(["Felles rekruttering av frivillige"]);
    expect((await meetingWorkspace(outsider, second.id))!.carried).toEqual([]);
    await markDecisionDone(a, second.id, { decisionId });
    expect((await meetingWorkspace(member, second.id))!.carried).toEqual([]);
  });
});
