import { eq, sql } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { getDb } from "~/db/client.server.ts";
import { activities, auditLog, outboundEmails, volunteerInterests, volunteerLinks, volunteerProfiles, volunteerRoles } from "~/db/schema/index.ts";
import { anonymous } from "~/domain/auth/actor.ts";
import { hashToken, randomToken } from "~/lib/crypto.server.ts";
import { createActor, createOrganization } from "../../../tests/factories.ts";
import { getKommuneVolunteers } from "./counts.server.ts";
import { volunteerLinks as linksFor } from "./links.ts";
import { sendUnansweredReminders } from "./reminders.server.ts";
import { runVolunteerRetention } from "./retention.server.ts";
import {
  deleteOwnProfile,
  getInterestByToken,
  getOwnVolunteerPage,
  readProfileSession,
  requestProfileLink,
  saveOwnProfile,
  openProfileLink,
  withdrawInterestByToken,
  withdrawOwnInterest,
} from "./self.server.ts";

const HAMAR = "3403";
const TONSBERG = "3905";
const DAY = 24 * 60 * 60 * 1000;
let n = 0;

async function roleOn(kommune = HAMAR, options: { open?: boolean; updatedAt?: Date } = {}) {
  const org = await createOrganization({ municipalities: [kommune], contactEmail: `org-${++n}@test.example`, contactPhone: "62 00 00 00" });
  const [activity] = await getDb()
    .insert(activities)
    .values({
      organizationId: org.id,
      municipalityNumber: kommune,
      title: `Leksehjelp ${n}`,
      themes: ["education"],
      contactName: "Kari Kontakt",
      contactEmail: "kari@test.example",
    })
    .returning({ id: activities.id });
  const [role] = await getDb()
    .insert(volunteerRoles)
    .values({
      activityId: activity!.id,
      kind: "homework_helper",
      title: `Leksehjelper ${n}`,
      open: options.open ?? true,
      updatedAt: options.updatedAt ?? new Date(),
    })
    .returning({ id: volunteerRoles.id });
  return { org, activityId: activity!.id, roleId: role!.id };
}

async function interest(
  where: { org: { id: string }; roleId: string },
  values: Partial<typeof volunteerInterests.$inferInsert> = {},
  kommune = HAMAR,
): Promise<{ id: string; token: string; email: string }> {
  const token = randomToken();
  const email = values.email ?? `vol-${++n}@test.example`;
  const [row] = await getDb()
    .insert(volunteerInterests)
    .values({
      roleId: where.roleId,
      organizationId: where.org.id,
      municipalityNumber: kommune,
      name: `Frivillig ${n}`,
      email,
      languages: ["ar"],
      consentVersion: "2026-12",
      status: "new",
      confirmedAt: new Date(),
      tokenHash: hashToken(token),
      ...values,
    })
    .returning({ id: volunteerInterests.id });
  return { id: row!.id, token, email };
}

/** The jobs and counts read the whole table: each of their tests starts from an empty one (this file has its own database). */
async function clearVolunteers() {
  await getDb().delete(volunteerInterests);
  await getDb().delete(volunteerProfiles);
}

async function mailsTo(email: string) {
  return getDb().select().from(outboundEmails).where(eq(outboundEmails.to, email));
}

async function exists(id: string) {
  return (await getDb().select({ id: volunteerInterests.id }).from(volunteerInterests).where(eq(volunteerInterests.id, id))).length === 1;
}

describe("an interest's own link", () => {
  it("shows the status and who to contact, only once the address is confirmed", async () => {
    const r = await roleOn();
    const i = await interest(r);
    const view = await getInterestByToken(i.token);
    expect(view.status).toBe("new");
    expect(view.contact).toEqual({ name: "Kari Kontakt", email: "kari@test.example", phone: "62 00 00 00" });
    const u = await interest(r, { status: "unconfirmed", confirmedAt: null });
    expect((await getInterestByToken(u.token)).contact).toBeNull();
  });

  it("refuses unknown, malformed and someone's hash as a token", async () => {
    const r = await roleOn();
    const i = await interest(r);
    await expect(getInterestByToken(randomToken())).rejects.toBeAppError("invalid_token");
    await expect(getInterestByToken("short")).rejects.toBeAppError("invalid_token");
    await expect(getInterestByToken(hashToken(i.token))).rejects.toBeAppError("invalid_token");
    await expect(getInterestByToken(["x"])).rejects.toBeAppError("invalid_token");
  });

  it("withdraws only with the box ticked, deletes the interest and its personal data, and leaves others alone", async () => {
    const r = await roleOn();
    const i = await interest(r);
    const other = await interest(r);
    await expect(withdrawInterestByToken(i.token, {})).rejects.toBeAppError("validation");
    expect(await exists(i.id)).toBe(true);
    await withdrawInterestByToken(i.token, { confirm: "on" });
    expect(await exists(i.id)).toBe(false);
    expect(await exists(other.id)).toBe(true);
    await expect(withdrawInterestByToken(i.token, { confirm: "on" })).rejects.toBeAppError("invalid_token");
    const [entry] = await getDb().select().from(auditLog).where(eq(auditLog.entityId, i.id));
    expect(entry?.action).toBe("volunteer.interest_withdrawn");
    expect(JSON.stringify(entry)).not.toContain(i.email);
  });

  it("the links helper builds absolute status and withdraw URLs", () => {
    expect(linksFor("abc")).toEqual({ status: "http://localhost:3000/frivillig/mine/abc", withdraw: "http://localhost:3000/frivillig/trekk/abc" });
  });
});

describe("the light profile", () => {
  const meta = { ip: "10.0.0.1", locale: "nb" as const };

  it("answers every address the same, mails a one-time link, and the link sets a cookie that proves the address", async () => {
    const email = `ny-${++n}@test.example`;
    await expect(requestProfileLink({ email }, meta)).resolves.toEqual({ email });
    const [mail] = await mailsTo(email);
    const token = /\/frivillig\/meg\/([A-Za-z0-9_-]+)/.exec(mail!.text)![1]!;
    const [link] = await getDb()
      .select()
      .from(volunteerLinks)
      .where(eq(volunteerLinks.tokenHash, hashToken(token)));
    expect(link?.email).toBe(email);
    const { setCookie } = await openProfileLink(token);
    await expect(openProfileLink(token)).rejects.toBeAppError("invalid_token");
    const cookie = setCookie.split(";")[0]!;
    expect(setCookie).toMatch(/Path=\/frivillig\/meg/);
    expect(setCookie).toMatch(/HttpOnly/i);
    const request = new Request("http://localhost/frivillig/meg", { headers: { Cookie: cookie } });
    expect(await readProfileSession(request)).toBe(email);
    expect(await readProfileSession(request, new Date(Date.now() + 2 * 60 * 60 * 1000))).toBeNull();
    // The signed value's first character changed (the first base64 digit always changes the decoded bytes).
    const [cookieName, cookieValue] = cookie.split("=") as [string, string];
    const tampered = `${cookieName}=${cookieValue[0] === "f" ? "e" : "f"}${cookieValue.slice(1)}`;
    const forged = new Request("http://localhost/frivillig/meg", { headers: { Cookie: tampered } });
    expect(await readProfileSession(forged)).toBeNull();
  });

  it("an expired link does nothing", async () => {
    const email = `gammel-${++n}@test.example`;
    await requestProfileLink({ email }, meta, new Date(Date.now() - 31 * 60 * 1000));
    const [mail] = await mailsTo(email);
    const token = /\/frivillig\/meg\/([A-Za-z0-9_-]+)/.exec(mail!.text)![1]!;
    await expect(openProfileLink(token)).rejects.toBeAppError("invalid_token");
  });

  it("refuses a bad address and is rate-limited per address, known or not", async () => {
    await expect(requestProfileLink({ email: "not-an-address" }, meta)).rejects.toBeAppError("validation");
    await expect(requestProfileLink({ email: ["a@b.no"] }, meta)).rejects.toBeAppError("validation");
    const email = `mange-${++n}@test.example`;
    for (let i = 0; i < 5; i++) await requestProfileLink({ email }, meta);
    await expect(requestProfileLink({ email }, meta)).rejects.toBeAppError("rate_limited");
    expect(await mailsTo(email)).toHaveLength(5);
  });

  it("shows the address's confirmed interests only, saves and deletes the profile", async () => {
    const r = await roleOn();
    const email = `profil-${++n}@test.example`;
    const mine = await interest(r, { email: email.toUpperCase() });
    await interest(r, { email, status: "unconfirmed", confirmedAt: null });
    await interest(r);
    const page = await getOwnVolunteerPage(email);
    expect(page.interests.map((i) => i.id)).toEqual([mine.id]);
    expect(page.profile).toBeNull();

    await expect(saveOwnProfile(null, { name: "X" })).rejects.toBeAppError("invalid_token");
    await expect(saveOwnProfile(email, { name: "" })).rejects.toBeAppError("validation");
    await expect(saveOwnProfile(email, { name: "Ali", languages: ["klingon"] })).rejects.toBeAppError("validation");
    await expect(saveOwnProfile(email, { name: "Ali", municipalityNumber: "9999" })).rejects.toBeAppError("validation");
    await expect(saveOwnProfile(email, { name: "Ali", likesToDo: "x".repeat(2001) })).rejects.toBeAppError("validation");
    await saveOwnProfile(email, {
      name: "Ali",
      municipalityNumber: HAMAR,
      languages: ["ar", "en"],
      roleKinds: "mentor",
      availability: ["weekend"],
      contactableByKommune: "on",
    });
    const saved = (await getOwnVolunteerPage(email)).profile!;
    expect(saved).toMatchObject({ name: "Ali", municipalityNumber: HAMAR, languages: ["ar", "en"], roleKinds: ["mentor"], contactableByKommune: true });
    await saveOwnProfile(email, { name: "Ali B" });
    expect((await getOwnVolunteerPage(email)).profile?.name).toBe("Ali B");
    expect(
      await getDb()
        .select()
        .from(volunteerProfiles)
        .where(sql`lower(${volunteerProfiles.email}) = ${email}`),
    ).toHaveLength(1);

    await expect(deleteOwnProfile(email, {})).rejects.toBeAppError("validation");
    await deleteOwnProfile(email, { confirm: "on" });
    expect((await getOwnVolunteerPage(email)).profile).toBeNull();
    expect(await exists(mine.id)).toBe(true);
  });

  it("withdraws only the signed-in address's own interests", async () => {
    const r = await roleOn();
    const email = `egen-${++n}@test.example`;
    const mine = await interest(r, { email });
    const theirs = await interest(r);
    await expect(withdrawOwnInterest(email, { interestId: theirs.id, confirm: "on" })).rejects.toBeAppError("not_found");
    await expect(withdrawOwnInterest(email, { interestId: "not-a-uuid", confirm: "on" })).rejects.toBeAppError("validation");
    await expect(withdrawOwnInterest(email, { interestId: mine.id })).rejects.toBeAppError("validation");
    await withdrawOwnInterest(email, { interestId: mine.id, confirm: "on" });
    expect(await exists(mine.id)).toBe(false);
    expect(await exists(theirs.id)).toBe(true);
  });
});

describe("unanswered reminders (fake clock)", () => {
  beforeEach(clearVolunteers);

  it("remind the organisation and tell the volunteer who to contact, once, only for interests still new after 14 days", async () => {
    const now = new Date("2027-03-01T08:00:00Z");
    const r = await roleOn();
    const member = await createActor({ memberships: [{ organizationId: r.org.id, role: "member" }] });
    const unverified = await createActor({ memberships: [{ organizationId: r.org.id, role: "admin" }], user: { emailVerifiedAt: null } });
    const old = await interest(r, { confirmedAt: new Date(now.getTime() - 15 * DAY) });
    const young = await interest(r, { confirmedAt: new Date(now.getTime() - 13 * DAY) });
    const answered = await interest(r, { status: "contacted", confirmedAt: new Date(now.getTime() - 30 * DAY) });

    const first = await sendUnansweredReminders(now);
    expect(first).toEqual({ interests: 1, organisationMails: 1, volunteerMails: 1 });
    const [orgMail] = await mailsTo(member.email);
    expect(orgMail?.text).toContain(`/organisasjoner/${r.org.id}/frivillige`);
    expect(orgMail?.text).not.toContain(old.email);
    expect(await mailsTo(unverified.email)).toHaveLength(0);
    const [volMail] = await mailsTo(old.email);
    expect(volMail?.text).toContain("kari@test.example");
    const newToken = /\/frivillig\/trekk\/([A-Za-z0-9_-]+)/.exec(volMail!.text)![1]!;
    expect((await getInterestByToken(newToken)).id).toBe(old.id);
    await expect(getInterestByToken(old.token)).rejects.toBeAppError("invalid_token");
    expect(await mailsTo(young.email)).toHaveLength(0);
    expect(await mailsTo(answered.email)).toHaveLength(0);

    expect(await sendUnansweredReminders(now)).toEqual({ interests: 0, organisationMails: 0, volunteerMails: 0 });
    expect(await sendUnansweredReminders(new Date(now.getTime() + 2 * DAY))).toEqual({ interests: 1, organisationMails: 1, volunteerMails: 1 });
    expect(await mailsTo(old.email)).toHaveLength(1);
  });

  it("two runs at once send each reminder once", async () => {
    const now = new Date("2027-04-01T08:00:00Z");
    const r = await roleOn(TONSBERG);
    const i = await interest(r, { confirmedAt: new Date(now.getTime() - 20 * DAY) }, TONSBERG);
    await Promise.all([sendUnansweredReminders(now), sendUnansweredReminders(now)]);
    expect(await mailsTo(i.email)).toHaveLength(1);
  });
});

describe("retention (fake clock)", () => {
  beforeEach(clearVolunteers);

  it("deletes what was not followed up after the configured months, unconfirmed after 7 days, and nothing else", async () => {
    const now = new Date("2028-06-01T08:00:00Z");
    const months = (k: number) => {
      const d = new Date(now);
      d.setUTCMonth(d.getUTCMonth() - k);
      return d;
    };
    const open = await roleOn();
    const closed = await roleOn(HAMAR, { open: false, updatedAt: months(13) });
    const closedRecently = await roleOn(HAMAR, { open: false, updatedAt: months(2) });
    const gone = [
      await interest(open, {
        status: "unconfirmed",
        confirmedAt: null,
        createdAt: new Date(now.getTime() - 8 * DAY),
        statusChangedAt: new Date(now.getTime() - 8 * DAY),
      }),
      await interest(open, { status: "new", statusChangedAt: months(13) }),
      await interest(open, { status: "contacted", statusChangedAt: months(13) }),
      await interest(open, { status: "not_suitable", statusChangedAt: new Date(months(12).getTime() - DAY) }),
      await interest(closed, { status: "started", statusChangedAt: months(14) }),
    ];
    const kept = [
      await interest(open, { status: "unconfirmed", confirmedAt: null, createdAt: new Date(now.getTime() - 6 * DAY) }),
      await interest(open, { status: "new", statusChangedAt: months(11) }),
      await interest(open, { status: "not_suitable", statusChangedAt: new Date(months(12).getTime() + DAY) }),
      await interest(open, { status: "started", statusChangedAt: months(30) }),
      await interest(closedRecently, { status: "started", statusChangedAt: months(30) }),
      await interest(closed, { status: "started", statusChangedAt: months(3) }),
    ];
    const [oldProfile] = await getDb()
      .insert(volunteerProfiles)
      .values({ email: `p-old-${++n}@test.example`, name: "Gammel", updatedAt: months(13) })
      .returning({ id: volunteerProfiles.id });
    const [newProfile] = await getDb()
      .insert(volunteerProfiles)
      .values({ email: `p-new-${++n}@test.example`, name: "Ny", updatedAt: months(1) })
      .returning({ id: volunteerProfiles.id });

    const result = await runVolunteerRetention(now, 12);
    expect(result).toMatchObject({ unconfirmed: 1, notFollowedUp: 3, startedOnClosedRoles: 1, profiles: 1 });
    for (const g of gone) expect(await exists(g.id)).toBe(false);
    for (const k of kept) expect(await exists(k.id)).toBe(true);
    const profileIds = (await getDb().select({ id: volunteerProfiles.id }).from(volunteerProfiles)).map((p) => p.id);
    expect(profileIds).not.toContain(oldProfile!.id);
    expect(profileIds).toContain(newProfile!.id);
    expect(await runVolunteerRetention(now, 12)).toMatchObject({ unconfirmed: 0, notFollowedUp: 0, startedOnClosedRoles: 0, profiles: 0 });
    // A shorter configured time reaches further.
    expect((await runVolunteerRetention(now, 6)).notFollowedUp).toBe(2);
  });
});

describe("the kommune's counts", () => {
  beforeEach(clearVolunteers);

  it("counts people once per language and kind, never names; the list only for the kommune's own coordinators", async () => {
    const r = await roleOn(HAMAR);
    const shared = `same-${++n}@test.example`;
    await interest(r, { email: shared, languages: ["ar", "ti"], contactableByKommune: true, name: "Samira Synlig" });
    await interest(r, { email: shared.toUpperCase(), languages: ["ar"] });
    await interest(r, { languages: ["ar"], name: "Hemmelig Hansen" });
    await interest(r, { status: "unconfirmed", confirmedAt: null, languages: ["so"], contactableByKommune: true, name: "Ubekreftet" });
    await getDb()
      .insert(volunteerProfiles)
      .values({
        email: `prof-${++n}@test.example`,
        name: "Profil Person",
        municipalityNumber: HAMAR,
        languages: ["uk"],
        roleKinds: ["mentor"],
        contactableByKommune: true,
      });
    const t = await roleOn(TONSBERG);
    await interest(t, { languages: ["ar"], contactableByKommune: true, name: "Tønsberg Person" }, TONSBERG);

    const hamarCoordinator = await createActor({ roles: [{ role: "municipal_coordinator", municipalityNumber: HAMAR }] });
    const own = await getKommuneVolunteers(hamarCoordinator, HAMAR);
    expect(own.total).toBe(3);
    expect(own.byLanguage).toEqual(
      expect.arrayContaining([
        { value: "ar", n: 2 },
        { value: "ti", n: 1 },
        { value: "uk", n: 1 },
      ]),
    );
    expect(own.byLanguage.find((l) => l.value === "so")).toBeUndefined();
    expect(own.byKind).toEqual(
      expect.arrayContaining([
        { value: "homework_helper", n: 2 },
        { value: "mentor", n: 1 },
      ]),
    );
    expect(own.contactableCount).toBe(2);
    expect(own.contactable.map((c) => c.name).sort()).toEqual(["Profil Person", "Samira Synlig"]);
    expect(JSON.stringify(own)).not.toContain("Hemmelig");
    expect(JSON.stringify(own)).not.toContain("Tønsberg Person");

    const advisor = await createActor({ roles: [{ role: "county_advisor", countyNumber: "34" }] });
    const counted = await getKommuneVolunteers(advisor, HAMAR);
    expect(counted.total).toBe(3);
    expect(counted.mayContact).toBe(false);
    expect(counted.contactable).toEqual([]);
    expect(JSON.stringify(counted)).not.toMatch(/Samira|Profil Person|@test\.example/);
    const admin = await createActor({ roles: [{ role: "national_admin" }] });
    expect((await getKommuneVolunteers(admin, HAMAR)).contactable).toEqual([]);

    const tonsbergCoordinator = await createActor({ roles: [{ role: "municipal_coordinator", municipalityNumber: TONSBERG }] });
    await expect(getKommuneVolunteers(tonsbergCoordinator, HAMAR)).rejects.toBeAppError("forbidden");
    const member = await createActor({ memberships: [{ organizationId: r.org.id, role: "admin" }] });
    await expect(getKommuneVolunteers(member, HAMAR)).rejects.toBeAppError("forbidden");
    await expect(getKommuneVolunteers(anonymous(), HAMAR)).rejects.toBeAppError("unauthenticated");
    await expect(getKommuneVolunteers(hamarCoordinator, "9999")).rejects.toBeAppError("not_found");
    await expect(getKommuneVolunteers(hamarCoordinator, "abc")).rejects.toBeAppError("not_found");
  });
});
