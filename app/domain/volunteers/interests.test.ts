import { describe, expect, it } from "vitest";
import { and, eq, like } from "drizzle-orm";
import { getDb } from "~/db/client.server.ts";
import { activities, needs, outboundEmails, volunteerInterestEvents, volunteerInterests } from "~/db/schema/index.ts";
import { anonymous } from "~/domain/auth/actor.ts";
import { AppError } from "~/lib/errors.ts";
import { createActor, createOrganization } from "../../../tests/factories.ts";
import { confirmInterest, getInterestForConfirmation, listInbox, submitInterest, updateInterest } from "./interests.server.ts";
import { createRole, getPublicRole, getRolesForManagement, listPublicRoles, openRolesOf, setRoleOpen, updateRole } from "./roles.server.ts";
import { HONEYPOT_FIELD } from "./volunteers.schema.ts";

const HAMAR = "3403";
const TONSBERG = "3905";

async function expectAppError(promise: Promise<unknown>, code: string) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, `expected ${code}`).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
  return error as AppError;
}

let ipCounter = 0;
const freshIp = () => `10.0.${Math.floor(ipCounter / 250)}.${ipCounter++ % 250}`;

async function mailsTo(address: string) {
  return getDb().select().from(outboundEmails).where(eq(outboundEmails.to, address));
}

/** An organisation in Hamar with a public activity, its member, and a kommune need of Hamar's own, each with a role. */
async function world() {
  const db = getDb();
  const org = await createOrganization({ municipalities: [HAMAR] });
  const otherOrg = await createOrganization({ municipalities: [HAMAR] });
  const [activity] = await db
    .insert(activities)
    .values({ organizationId: org.id, municipalityNumber: HAMAR, title: "Leksehjelp", scheduleKind: "ongoing", visibility: "public", status: "active" })
    .returning({ id: activities.id });
  const [need] = await db
    .insert(needs)
    .values({
      municipalityNumber: HAMAR,
      organizationId: null,
      title: "Boveiledere",
      theme: "housing",
      unit: "people",
      quantity: 20,
      periodStart: "2027-03-01",
      deadline: "2027-02-01",
      contactName: "Flyktningtjenesten",
      contactEmail: "flyktning@hamar.example",
    })
    .returning({ id: needs.id });
  const member = await createActor({ memberships: [{ organizationId: org.id, role: "admin" }] });
  const otherMember = await createActor({ memberships: [{ organizationId: otherOrg.id, role: "admin" }] });
  const coordinator = await createActor({ roles: [{ role: "municipal_coordinator", municipalityNumber: HAMAR }] });
  const otherCoordinator = await createActor({ roles: [{ role: "municipal_coordinator", municipalityNumber: TONSBERG }] });
  const countyAdvisor = await createActor({ roles: [{ role: "county_advisor", countyNumber: "34" }] });
  const imdi = await createActor({ roles: [{ role: "national_admin" }] });
  const activityRole = await createRole(member, "activity", activity!.id, {
    kind: "homework_helper",
    title: "Leksehjelper",
    languages: ["ar", "so"],
    policeCertificateRequired: "on",
    minAge: "18",
    timeCommitment: "2 timer i uka",
  });
  const needRole = await createRole(coordinator, "need", need!.id, { kind: "housing_guide", title: "Boveileder", places: "20" });
  return {
    org,
    otherOrg,
    activityId: activity!.id,
    needId: need!.id,
    member,
    otherMember,
    coordinator,
    otherCoordinator,
    countyAdvisor,
    imdi,
    activityRole,
    needRole,
  };
}

function interest(email: string, extra: Record<string, unknown> = {}) {
  return { name: "Amina Hassan", email, phone: "", languages: ["nb", "so"], message: "Kan tirsdager", consent: "on", ...extra };
}

/** The confirm token from the newest confirmation mail to an address. */
async function confirmTokenFor(address: string) {
  const mails = await mailsTo(address);
  const text = mails.at(-1)!.text;
  const match = /\/frivillig\/bekreft\/([A-Za-z0-9_-]+)/.exec(text);
  return match![1]!;
}

describe("volunteer roles", () => {
  it("are managed by the activity's organisation and the need's owner, and nobody else", async () => {
    const w = await world();
    const roles = await getRolesForManagement(w.member, "activity", w.activityId);
    expect(roles.roles.map((r) => r.title)).toEqual(["Leksehjelper"]);
    expect(roles.roles[0]).toMatchObject({ policeCertificateRequired: true, minAge: 18, languages: ["ar", "so"], open: true });
    await expectAppError(getRolesForManagement(w.otherMember, "activity", w.activityId), "forbidden");
    await expectAppError(getRolesForManagement(w.coordinator, "activity", w.activityId), "forbidden");
    await expectAppError(getRolesForManagement(anonymous(), "activity", w.activityId), "unauthenticated");
    await expectAppError(createRole(w.otherMember, "activity", w.activityId, { kind: "mentor", title: "Mentor" }), "forbidden");
    // The kommune's own need: its coordinators, not organisations, not another kommune's coordinator or the county advisor.
    expect((await getRolesForManagement(w.coordinator, "need", w.needId)).roles).toHaveLength(1);
    await expectAppError(getRolesForManagement(w.member, "need", w.needId), "forbidden");
    await expectAppError(getRolesForManagement(w.otherCoordinator, "need", w.needId), "forbidden");
    await expectAppError(getRolesForManagement(w.countyAdvisor, "need", w.needId), "forbidden");
    await expectAppError(getRolesForManagement(w.member, "need", "not-a-uuid"), "not_found");
    // A role id from another parent is not this page's.
    await expectAppError(updateRole(w.member, "activity", w.activityId, { roleId: w.needRole, kind: "mentor", title: "Kapret" }), "not_found");
    await expectAppError(setRoleOpen(w.member, "activity", w.activityId, { roleId: w.needRole }, false), "not_found");
  });

  it("are public while open and their parent public; closing takes a role off the list and the form", async () => {
    const w = await world();
    const list = await listPublicRoles({ kommune: HAMAR }, 1);
    expect(list.rows.map((r) => r.id)).toEqual(expect.arrayContaining([w.activityRole, w.needRole]));
    expect((await listPublicRoles({ kommune: HAMAR, kind: "housing_guide" }, 1)).rows.map((r) => r.id)).toContain(w.needRole);
    expect((await listPublicRoles({ kommune: HAMAR, kind: "housing_guide" }, 1)).rows.map((r) => r.id)).not.toContain(w.activityRole);
    expect((await listPublicRoles({ kommune: HAMAR, language: "so" }, 1)).rows.map((r) => r.id)).toContain(w.activityRole);
    expect((await listPublicRoles({ kommune: HAMAR, language: "so" }, 1)).rows.map((r) => r.id)).not.toContain(w.needRole);
    // Nonsense filters read as no filter.
    expect((await listPublicRoles({ kommune: "<x>", kind: "robot", language: 7 }, -3)).page).toBe(1);
    await setRoleOpen(w.member, "activity", w.activityId, { roleId: w.activityRole }, false);
    expect((await openRolesOf("activity", w.activityId)).length).toBe(0);
    await expectAppError(getPublicRole(w.activityRole), "not_found");
    await expectAppError(submitInterest(w.activityRole, interest("closed@example.org"), { ip: freshIp() }), "not_found");
    // An internal activity's roles are not public.
    await setRoleOpen(w.member, "activity", w.activityId, { roleId: w.activityRole }, true);
    await getDb().update(activities).set({ visibility: "internal" }).where(eq(activities.id, w.activityId));
    await expectAppError(getPublicRole(w.activityRole), "not_found");
    expect((await listPublicRoles({}, 1)).rows.map((r) => r.id)).not.toContain(w.activityRole);
  });

  it("refuses bad role input with a field message", async () => {
    const w = await world();
    const cases: [unknown, string][] = [
      [{ kind: "robot", title: "Ok tittel" }, "kind"],
      [{ kind: "mentor", title: "x" }, "title"],
      [{ kind: "mentor", title: "x".repeat(121) }, "title"],
      [{ kind: "mentor", title: "Mentor", minAge: "5" }, "minAge"],
      [{ kind: "mentor", title: "Mentor", minAge: "18.5" }, "minAge"],
      [{ kind: "mentor", title: "Mentor", places: "0" }, "places"],
      [{ kind: "mentor", title: "Mentor", languages: ["klingon"] }, "languages"],
      [{ kind: "mentor", title: "Mentor", description: "x".repeat(2001) }, "description"],
      [{ kind: "mentor", title: ["a", "b"] }, "title"],
    ];
    for (const [input, field] of cases) {
      const error = await expectAppError(createRole(w.member, "activity", w.activityId, input), "validation");
      expect(
        Object.keys(error.fieldErrors).map((k) => k.split(".")[0]),
        JSON.stringify(input),
      ).toContain(field);
    }
  });
});

describe("interests without an account", () => {
  it("are stored unconfirmed and mailed only to the volunteer; confirming makes them new and tells the organisation", async () => {
    const w = await world();
    const email = `amina-${Date.now()}@example.org`;
    expect(await submitInterest(w.activityRole, interest(email), { ip: freshIp() })).toEqual({ sent: true });
    const [stored] = await getDb().select().from(volunteerInterests).where(eq(volunteerInterests.email, email));
    expect(stored).toMatchObject({ status: "unconfirmed", organizationId: w.org.id, municipalityNumber: HAMAR, consentVersion: "2026-12" });
    // The token is only in the mail; the row holds its hash.
    const token = await confirmTokenFor(email);
    expect(stored!.tokenHash).not.toContain(token);
    const volunteerMail = (await mailsTo(email)).at(-1)!.text;
    expect(volunteerMail).toContain(`/frivillig/trekk/${token}`);
    expect(volunteerMail).toContain(`/frivillig/mine/${token}`);
    // Nothing reaches the organisation before confirmation: no mail, not in the inbox.
    expect(await mailsTo(w.member.email)).toEqual([]);
    expect((await listInbox(w.member, { organizationId: w.org.id }, { status: null, page: 1 })).rows).toEqual([]);

    expect(await getInterestForConfirmation(token)).toMatchObject({ roleTitle: "Leksehjelper", confirmed: false, confirmable: true });
    expect(await confirmInterest(token)).toMatchObject({ roleId: w.activityRole, already: false });
    const orgMail = await mailsTo(w.member.email);
    expect(orgMail).toHaveLength(1);
    expect(orgMail[0]!.text).toContain(`/organisasjoner/${w.org.id}/frivillige`);
    // The organisation's mail names the volunteer but keeps their address and message behind sign-in.
    expect(orgMail[0]!.text).not.toContain(email);
    expect(orgMail[0]!.text).not.toContain("Kan tirsdager");
    const inbox = await listInbox(w.member, { organizationId: w.org.id }, { status: null, page: 1 });
    expect(inbox.rows).toHaveLength(1);
    expect(inbox.rows[0]).toMatchObject({ name: "Amina Hassan", email, status: "new", policeCertificateRequired: true });
    // Confirming twice changes nothing and mails nobody again.
    expect(await confirmInterest(token)).toMatchObject({ already: true, rolePublic: true });
    expect(await mailsTo(w.member.email)).toHaveLength(1);
    expect((await mailsTo(w.otherMember.email)).length).toBe(0);
    await expectAppError(confirmInterest("not a token"), "invalid_token");
    await expectAppError(confirmInterest("A".repeat(43)), "invalid_token");
  });

  it("for a kommune's own need go to that kommune's coordinators, and only to them", async () => {
    const w = await world();
    const email = `olena-${Date.now()}@example.org`;
    await submitInterest(w.needRole, interest(email, { contactableByKommune: "on" }), { ip: freshIp() });
    await confirmInterest(await confirmTokenFor(email));
    expect((await mailsTo(w.coordinator.email)).length).toBe(1);
    expect((await mailsTo(w.otherCoordinator.email)).length).toBe(0);
    expect((await mailsTo(w.countyAdvisor.email)).length).toBe(0);
    const inbox = await listInbox(w.coordinator, { municipalityNumber: HAMAR }, { status: null, page: 1 });
    expect(inbox.rows.map((r) => r.email)).toEqual([email]);
    // Not another kommune's coordinator, not the county advisor, not IMDi, not an organisation of the kommune.
    await expectAppError(listInbox(w.otherCoordinator, { municipalityNumber: HAMAR }, { status: null, page: 1 }), "forbidden");
    await expectAppError(listInbox(w.countyAdvisor, { municipalityNumber: HAMAR }, { status: null, page: 1 }), "forbidden");
    await expectAppError(listInbox(w.imdi, { municipalityNumber: HAMAR }, { status: null, page: 1 }), "forbidden");
    await expectAppError(listInbox(w.member, { municipalityNumber: HAMAR }, { status: null, page: 1 }), "forbidden");
    // The organisation inbox does not hold the kommune's interests.
    expect((await listInbox(w.member, { organizationId: w.org.id }, { status: null, page: 1 })).rows).toEqual([]);
  });

  it("keep the organisation's inbox to its own members", async () => {
    const w = await world();
    for (const actor of [w.otherMember, w.coordinator, w.otherCoordinator, w.countyAdvisor, w.imdi]) {
      await expectAppError(listInbox(actor, { organizationId: w.org.id }, { status: null, page: 1 }), "forbidden");
    }
    await expectAppError(listInbox(anonymous(), { organizationId: w.org.id }, { status: null, page: 1 }), "unauthenticated");
    await expectAppError(listInbox(w.member, { organizationId: "not-a-uuid" }, { status: null, page: 1 }), "not_found");
    await expectAppError(listInbox(w.coordinator, { municipalityNumber: "9999" }, { status: null, page: 1 }), "not_found");
  });

  it("are followed up by the receiving side: status, politiattest seen-on date, events; others are refused", async () => {
    const w = await world();
    const email = `yusuf-${Date.now()}@example.org`;
    await submitInterest(w.activityRole, interest(email), { ip: freshIp() });
    await confirmInterest(await confirmTokenFor(email));
    const [row] = await getDb().select({ id: volunteerInterests.id }).from(volunteerInterests).where(eq(volunteerInterests.email, email));
    const id = row!.id;
    await updateInterest(w.member, { interestId: id, status: "contacted", policeCertificateSeenOn: "" });
    await updateInterest(w.member, { interestId: id, status: "started", policeCertificateSeenOn: "2026-11-30" }, new Date("2026-12-07T10:00:00Z"));
    const [after] = await getDb().select().from(volunteerInterests).where(eq(volunteerInterests.id, id));
    expect(after).toMatchObject({ status: "started", policeCertificateSeenOn: "2026-11-30" });
    const events = await getDb()
      .select({ status: volunteerInterestEvents.status })
      .from(volunteerInterestEvents)
      .where(eq(volunteerInterestEvents.interestId, id));
    expect(events.map((e) => e.status)).toEqual(["new", "contacted", "started"]);
    expect((await listInbox(w.member, { organizationId: w.org.id }, { status: "started", page: 1 })).rows).toHaveLength(1);
    expect((await listInbox(w.member, { organizationId: w.org.id }, { status: "new", page: 1 })).rows).toHaveLength(0);

    for (const actor of [w.otherMember, w.coordinator, w.countyAdvisor, w.imdi, w.otherCoordinator]) {
      await expectAppError(updateInterest(actor, { interestId: id, status: "not_suitable" }), "forbidden");
    }
    await expectAppError(updateInterest(anonymous(), { interestId: id, status: "not_suitable" }), "unauthenticated");
    // Bad input.
    await expectAppError(updateInterest(w.member, { interestId: id, status: "unconfirmed" }), "validation");
    await expectAppError(updateInterest(w.member, { interestId: id, status: "hired" }), "validation");
    await expectAppError(updateInterest(w.member, { interestId: "nope", status: "new" }), "validation");
    await expectAppError(updateInterest(w.member, { interestId: id, status: "started", policeCertificateSeenOn: "2026-02-30" }), "validation");
    await expectAppError(updateInterest(w.member, { interestId: id, status: "started", policeCertificateSeenOn: "i går" }), "validation");
    await expectAppError(
      updateInterest(w.member, { interestId: id, status: "started", policeCertificateSeenOn: "2099-01-01" }, new Date("2026-12-07T10:00:00Z")),
      "validation",
    );
    // The need's role needs no politiattest: no date to record.
    const other = `olena2-${Date.now()}@example.org`;
    await submitInterest(w.needRole, interest(other), { ip: freshIp() });
    await confirmInterest(await confirmTokenFor(other));
    const [needInterest] = await getDb().select({ id: volunteerInterests.id }).from(volunteerInterests).where(eq(volunteerInterests.email, other));
    const e = await expectAppError(
      updateInterest(w.coordinator, { interestId: needInterest!.id, status: "contacted", policeCertificateSeenOn: "2026-11-30" }),
      "validation",
    );
    expect(Object.keys(e.fieldErrors)).toEqual(["policeCertificateSeenOn"]);
    // An unconfirmed interest does not exist for the receiving side.
    const hidden = `hidden-${Date.now()}@example.org`;
    await submitInterest(w.activityRole, interest(hidden), { ip: freshIp() });
    const [unconfirmed] = await getDb().select({ id: volunteerInterests.id }).from(volunteerInterests).where(eq(volunteerInterests.email, hidden));
    await expectAppError(updateInterest(w.member, { interestId: unconfirmed!.id, status: "contacted" }), "not_found");
  });

  it("refuse spam: a filled honeypot stores and sends nothing, and senders are rate limited per source and per address", async () => {
    const w = await world();
    const robot = `robot-${Date.now()}@example.org`;
    expect(await submitInterest(w.activityRole, interest(robot, { [HONEYPOT_FIELD]: "http://spam.example" }), { ip: freshIp() })).toEqual({ sent: true });
    expect(await getDb().select().from(volunteerInterests).where(eq(volunteerInterests.email, robot))).toEqual([]);
    expect(await mailsTo(robot)).toEqual([]);

    const flood = `flood-${Date.now()}@example.org`;
    for (let i = 0; i < 5; i++) await submitInterest(w.activityRole, interest(flood), { ip: freshIp() });
    await expectAppError(submitInterest(w.activityRole, interest(flood), { ip: freshIp() }), "rate_limited");
    // Resending replaces the pending interest: one row, not five.
    expect(await getDb().select().from(volunteerInterests).where(eq(volunteerInterests.email, flood))).toHaveLength(1);

    const ip = freshIp();
    for (let i = 0; i < 20; i++) await submitInterest(w.activityRole, interest(`ip${i}-${Date.now()}@example.org`), { ip });
    await expectAppError(submitInterest(w.activityRole, interest(`ip-last-${Date.now()}@example.org`), { ip }), "rate_limited");
  });

  it("answer an address that already confirmed the same way, without telling the organisation again", async () => {
    const w = await world();
    const email = `twice-${Date.now()}@example.org`;
    await submitInterest(w.activityRole, interest(email), { ip: freshIp() });
    const first = await confirmTokenFor(email);
    await confirmInterest(first);
    expect(await submitInterest(w.activityRole, interest(email, { name: "Someone Else" }), { ip: freshIp() })).toEqual({ sent: true });
    const rows = await getDb().select().from(volunteerInterests).where(eq(volunteerInterests.email, email));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: "new", name: "Amina Hassan" });
    expect(await mailsTo(w.member.email)).toHaveLength(1);
    // The old links stop working; the newest mail carries working ones.
    await expectAppError(getInterestForConfirmation(first), "invalid_token");
    const last = (await mailsTo(email)).at(-1)!.text;
    expect(last).toMatch(/\/frivillig\/mine\/[A-Za-z0-9_-]{40,}/);
  });

  it("can still be confirmed after the role closed, and say that its page is gone", async () => {
    const w = await world();
    const email = `late-${Date.now()}@example.org`;
    await submitInterest(w.activityRole, interest(email), { ip: freshIp() });
    await setRoleOpen(w.member, "activity", w.activityId, { roleId: w.activityRole }, false);
    expect(await confirmInterest(await confirmTokenFor(email))).toEqual({ roleId: w.activityRole, already: false, rolePublic: false });
    expect((await listInbox(w.member, { organizationId: w.org.id }, { status: "new", page: 1 })).rows.map((r) => r.email)).toEqual([email]);
  });

  it("refuse bad input with a field message and store nothing", async () => {
    const w = await world();
    const cases: [Record<string, unknown>, string][] = [
      [{ consent: "" }, "consent"],
      [{ consent: undefined }, "consent"],
      [{ name: "" }, "name"],
      [{ name: "x".repeat(121) }, "name"],
      [{ email: "ikke en adresse" }, "email"],
      [{ email: `${"a".repeat(250)}@b.example` }, "email"],
      [{ phone: "ring meg" }, "phone"],
      [{ languages: ["klingon"] }, "languages"],
      [{ message: "x".repeat(2001) }, "message"],
      [{ name: ["a", "b"] }, "name"],
    ];
    for (const [extra, field] of cases) {
      const error = await expectAppError(submitInterest(w.activityRole, interest(`bad-${Date.now()}@example.org`, extra), { ip: freshIp() }), "validation");
      expect(
        Object.keys(error.fieldErrors).map((k) => k.split(".")[0]),
        JSON.stringify(extra),
      ).toContain(field);
    }
    await expectAppError(submitInterest("not-a-uuid", interest("x@example.org"), { ip: freshIp() }), "not_found");
    expect(
      await getDb()
        .select()
        .from(volunteerInterests)
        .where(and(eq(volunteerInterests.roleId, w.activityRole), like(volunteerInterests.email, "bad-%"))),
    ).toEqual([]);
  });
});
