import { beforeEach, describe, expect, it } from "vitest";
import { renderToStaticMarkup } from "react-dom/server";
import { createElement } from "react";
import { and, eq } from "drizzle-orm";
import { getDb } from "~/db/client.server.ts";
import { activities, activityPartners, auditLog } from "~/db/schema/index.ts";
import { anonymous } from "~/domain/auth/actor.ts";
import { mergeOrganizations } from "~/domain/organizations/merge.server.ts";
import { createActor, createOrganization } from "../../../tests/factories.ts";
import {
  confirmActivity,
  createActivity,
  deleteActivity,
  getActivity,
  getActivityForEdit,
  listOrganizationActivities,
  refreshPastOccurrences,
  updateActivity,
} from "./activities.server.ts";
import { occurrencesBetween } from "./schedule.ts";
import { respondToPartnership } from "./partners.server.ts";
import { scheduleOf } from "./activities.server.ts";
import { activityForm as form } from "../../../tests/fixtures/activity-form.ts";

const HAMAR = "3403";
const TONSBERG = "3905";
const now = new Date("2026-11-23T12:00:00Z");

async function setup() {
  const org = await createOrganization({ name: `Frivilligsentral ${Math.random().toString(36).slice(2, 7)}`, municipalities: [HAMAR] });
  const member = await createActor({ memberships: [{ organizationId: org.id, role: "member" }] });
  return { org, member };
}

async function count() {
  return (await getDb().select({ id: activities.id }).from(activities)).length;
}

async function auditActions(entityId: string) {
  const rows = await getDb().select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.entityId, entityId));
  return rows.map((r) => r.action);
}

describe("managing activities", () => {
  beforeEach(async () => void (await getDb().delete(activities)));

  it("creates, updates, confirms and deletes, each with an audit entry", async () => {
    const { org, member } = await setup();
    const { id } = await createActivity(member, org.id, form(), now);
    expect((await getActivity(member, id, now)).activity.title).toBe("Leksehjelp for barn");

    await updateActivity(member, id, form({ title: "Leksehjelp for barn og unge" }), now);
    expect((await getActivityForEdit(member, id)).activity.title).toBe("Leksehjelp for barn og unge");

    const later = new Date("2027-08-01T12:00:00Z");
    expect((await listOrganizationActivities(member, org.id, later))[0]!.staleness).toBe("stale");
    await confirmActivity(member, id, later);
    expect((await listOrganizationActivities(member, org.id, later))[0]!.staleness).toBe("fresh");

    await expect(deleteActivity(member, id, {})).rejects.toMatchObject({ code: "validation", fieldErrors: { confirm: expect.anything() } });
    await deleteActivity(member, id, { confirm: "on" });
    await expect(getActivity(member, id, now)).rejects.toBeAppError("not_found");
    expect((await auditActions(id)).sort()).toEqual(["activity.confirm", "activity.create", "activity.delete", "activity.update"]);
  });

  it("refuses another organisation's member (forbidden) and anonymous visitors (unauthenticated)", async () => {
    const { org, member } = await setup();
    const { id } = await createActivity(member, org.id, form(), now);
    const other = await createOrganization({ municipalities: [HAMAR] });
    const outsider = await createActor({ memberships: [{ organizationId: other.id, role: "admin" }] });
    await expect(updateActivity(outsider, id, form({ title: "Kapret" }))).rejects.toBeAppError("forbidden");
    await expect(confirmActivity(outsider, id)).rejects.toBeAppError("forbidden");
    await expect(deleteActivity(outsider, id, { confirm: "on" })).rejects.toBeAppError("forbidden");
    await expect(getActivityForEdit(outsider, id)).rejects.toBeAppError("forbidden");
    await expect(createActivity(outsider, org.id, form())).rejects.toBeAppError("forbidden");
    await expect(createActivity(anonymous(), org.id, form())).rejects.toBeAppError("unauthenticated");
    await expect(updateActivity(anonymous(), id, form())).rejects.toBeAppError("unauthenticated");
    // A Hamar coordinator reads but does not edit the organisation's activities.
    const coordinator = await createActor({ roles: [{ role: "municipal_coordinator", municipalityNumber: HAMAR }] });
    await expect(updateActivity(coordinator, id, form())).rejects.toBeAppError("forbidden");
    expect((await getActivity(member, id, now)).activity.title).toBe("Leksehjelp for barn");
    expect(await auditActions(id)).toEqual(["activity.create"]);
  });

  it("shows internal activities to the organisation and Hamar's coordinator only, partner-only ones also to confirmed partners", async () => {
    const { org, member } = await setup();
    const partner = await createOrganization({ municipalities: [HAMAR] });
    const partnerMember = await createActor({ memberships: [{ organizationId: partner.id, role: "member" }] });
    const partnerAdmin = await createActor({ memberships: [{ organizationId: partner.id, role: "admin" }] });
    const stranger = await createActor({ memberships: [{ organizationId: (await createOrganization()).id, role: "admin" }] });
    const hamar = await createActor({ roles: [{ role: "municipal_coordinator", municipalityNumber: HAMAR }] });
    const tonsberg = await createActor({ roles: [{ role: "municipal_coordinator", municipalityNumber: TONSBERG }] });
    const internal = await createActivity(member, org.id, form({ title: "Intern planlegging", visibility: "internal" }), now);
    const partners = await createActivity(member, org.id, form({ title: "Partnermøte", visibility: "partners", partners: [partner.id] }), now);
    // Until the partner confirms, naming it grants nothing.
    await expect(getActivity(partnerMember, partners.id, now)).rejects.toBeAppError("not_found");
    await respondToPartnership(partnerAdmin, partner.id, { activity: partners.id, answer: "confirm" }, now);

    for (const actor of [stranger, anonymous(), tonsberg, partnerMember]) {
      await expect(getActivity(actor, internal.id, now)).rejects.toBeAppError("not_found");
    }
    for (const actor of [member, hamar]) expect((await getActivity(actor, internal.id, now)).activity.id).toBe(internal.id);
    expect((await getActivity(partnerMember, partners.id, now)).activity.id).toBe(partners.id);
    for (const actor of [stranger, anonymous(), tonsberg]) {
      await expect(getActivity(actor, partners.id, now)).rejects.toBeAppError("not_found");
    }
    const titles = async (actor: Parameters<typeof listOrganizationActivities>[0]) =>
      (await listOrganizationActivities(actor, org.id, now)).map((a) => a.title).sort();
    expect(await titles(member)).toEqual(["Intern planlegging", "Partnermøte"]);
    expect(await titles(hamar)).toEqual(["Intern planlegging", "Partnermøte"]);
    expect(await titles(partnerMember)).toEqual(["Partnermøte"]);
    expect(await titles(anonymous())).toEqual([]);
    expect(await titles(tonsberg)).toEqual([]);
  });

  it("hides long-unconfirmed activities from the public list but not from the organisation", async () => {
    const { org, member } = await setup();
    await createActivity(member, org.id, form({ title: "Gammel" }), new Date("2025-06-01T12:00:00Z"));
    const [own] = await listOrganizationActivities(member, org.id, now);
    expect(own!.staleness).toBe("hidden");
    expect(own!.canEdit).toBe(true);
    expect(await listOrganizationActivities(anonymous(), org.id, now)).toEqual([]);
  });

  it("stores HTML- and SQL-looking text verbatim and it renders escaped", async () => {
    const { org, member } = await setup();
    const nasty = `<script>alert("x")</script>'; DROP TABLE activities; --`;
    const textFields = [
      "title",
      "description",
      "howToJoin",
      "address",
      "postalPlace",
      "costDescription",
      "contactName",
      "volunteerTasks",
      "title_en",
      "description_ar",
      "howToJoin_uk",
    ];
    const values = Object.fromEntries(textFields.map((f) => [f, nasty]));
    const { id } = await createActivity(member, org.id, form({ ...values, isFree: "", seeksVolunteers: "on" }), now);
    const { activity } = await getActivity(member, id, now);
    expect(activity.title).toBe(nasty);
    expect(activity.description).toBe(nasty);
    expect(activity.costDescription).toBe(nasty);
    expect(activity.translations.en?.title).toBe(nasty);
    expect(activity.translations.ar?.description).toBe(nasty);
    const html = renderToStaticMarkup(createElement("h1", null, activity.title));
    expect(html).not.toContain("<script>");
    expect(html).toContain("&lt;script&gt;");
  });

  describe("bad input is a validation error on the right field and writes nothing", () => {
    const cases: [string, Record<string, unknown>, string][] = [
      ["10,000-character title", { title: "x".repeat(10_000) }, "title"],
      ["FREQ=SECONDLY", { rrule: "FREQ=SECONDLY" }, "rrule"],
      ["garbage RRULE", { rrule: "this is not a rule;;==" }, "rrule"],
      ["COUNT=100000", { rrule: "FREQ=DAILY;COUNT=100000" }, "rrule"],
      ["a rule that never occurs", { rrule: "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30" }, "rrule"],
      ["a point outside Norway", { latitude: "48", longitude: "2" }, "latitude"],
      ["latitude without longitude", { latitude: "60.79" }, "longitude"],
      ["unknown kommune", { municipality: "9999" }, "municipality"],
      ["malformed kommune", { municipality: "<script>" }, "municipality"],
      ["unknown partner", { partners: ["00000000-0000-4000-8000-000000000999"] }, "partners"],
      ["array where a string is expected", { title: ["a", "b"] }, "title"],
      ["object where a string is expected", { description: { $gt: "" } }, "description"],
      ["object as a choice list", { themes: { a: 1 } }, "themes"],
      ["number as status", { status: 7 }, "status"],
      ["unknown visibility", { visibility: "everyone" }, "visibility"],
      ["no themes", { themes: [] }, "themes"],
      ["not free but no price", { isFree: "" }, "costDescription"],
    ];
    it.each(cases)("%s", async (_label, overrides, field) => {
      const { org, member } = await setup();
      const before = await count();
      const error = await createActivity(member, org.id, form(overrides), now).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: "validation" });
      const fields = Object.keys((error as { fieldErrors: Record<string, unknown> }).fieldErrors).map((k) => k.split(".")[0]);
      expect(fields).toContain(field);
      expect(await count()).toBe(before);
    });

    it("the owner as its own partner", async () => {
      const { org, member } = await setup();
      await expect(createActivity(member, org.id, form({ partners: [org.id] }), now)).rejects.toMatchObject({
        code: "validation",
        fieldErrors: { partners: { key: "activity.validation.partnerIsOwner" } },
      });
      expect(await count()).toBe(0);
    });

    it("an update with bad input leaves the activity as it was", async () => {
      const { org, member } = await setup();
      const { id } = await createActivity(member, org.id, form(), now);
      await expect(updateActivity(member, id, form({ title: "", rrule: "FREQ=SECONDLY" }), now)).rejects.toBeAppError("validation");
      expect((await getActivity(member, id, now)).activity.title).toBe("Leksehjelp for barn");
      expect(await auditActions(id)).toEqual(["activity.create"]);
    });
  });

  it("accepts a never-ending weekly rule and expands it to a bounded number of occurrences quickly", async () => {
    const { org, member } = await setup();
    const started = performance.now();
    const { id } = await createActivity(member, org.id, form({ rrule: "FREQ=WEEKLY;BYDAY=MO,WE,FR" }), now);
    const { activity, occurrences } = await getActivity(member, id, now);
    expect(occurrences.length).toBeGreaterThan(0);
    expect(occurrences.length).toBeLessThanOrEqual(8);
    const tenYears = occurrencesBetween(scheduleOf(activity), now, new Date("2036-11-23T12:00:00Z"));
    expect(tenYears.length).toBeLessThanOrEqual(2000);
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it("merging two organisations moves activities and partnerships to the one that stays", async () => {
    const target = await createOrganization({ name: "Hamar frivilligsentral (beholdes)", municipalities: [HAMAR] });
    const source = await createOrganization({ name: "Hamar frivilligsentral (duplikat)", municipalities: [HAMAR] });
    const third = await createOrganization({ name: "Tredje", municipalities: [HAMAR] });
    const sourceMember = await createActor({ memberships: [{ organizationId: source.id, role: "admin" }] });
    const thirdMember = await createActor({ memberships: [{ organizationId: third.id, role: "admin" }] });
    const own = await createActivity(sourceMember, source.id, form({ title: "Duplikatets aktivitet", partners: [third.id] }), now);
    const partnered = await createActivity(thirdMember, third.id, form({ title: "Tredjes aktivitet", partners: [source.id] }), now);
    // Would become the target's own partnership after the merge: dropped.
    const withTarget = await createActivity(sourceMember, source.id, form({ title: "Med målet som partner", partners: [target.id] }), now);

    const coordinator = await createActor({ roles: [{ role: "municipal_coordinator", municipalityNumber: HAMAR }] });
    await mergeOrganizations(coordinator, target.id, { source: source.id, confirm: "on" });

    const owners = await getDb().select({ id: activities.id, organizationId: activities.organizationId }).from(activities);
    expect(owners.find((a) => a.id === own.id)!.organizationId).toBe(target.id);
    expect(owners.find((a) => a.id === withTarget.id)!.organizationId).toBe(target.id);
    const partnersOf = async (activityId: string) =>
      (await getDb().select({ org: activityPartners.organizationId }).from(activityPartners).where(eq(activityPartners.activityId, activityId))).map(
        (p) => p.org,
      );
    expect(await partnersOf(partnered.id)).toEqual([target.id]);
    expect(await partnersOf(own.id)).toEqual([third.id]);
    expect(await partnersOf(withTarget.id)).toEqual([]);
    const none = await getDb()
      .select()
      .from(activityPartners)
      .where(and(eq(activityPartners.organizationId, source.id)));
    expect(none).toEqual([]);
  });
});

describe("organisation register fields", () => {
  it("coordinators of a kommune it serves and national admins verify; its admins confirm the details; both audited", async () => {
    const { setOrganizationVerified, confirmOrganizationDetails, getOrganization, updateOrganization } =
      await import("~/domain/organizations/organizations.server.ts");
    const org = await createOrganization({ name: "Registerfelt-test", municipalities: [HAMAR] });
    const admin = await createActor({ memberships: [{ organizationId: org.id, role: "admin" }] });
    const member = await createActor({ memberships: [{ organizationId: org.id, role: "member" }] });
    const hamar = await createActor({ roles: [{ role: "municipal_coordinator", municipalityNumber: HAMAR }] });
    const tonsberg = await createActor({ roles: [{ role: "municipal_coordinator", municipalityNumber: TONSBERG }] });
    const national = await createActor({ roles: [{ role: "national_admin" }] });

    await expect(setOrganizationVerified(tonsberg, org.id, { verified: "true" })).rejects.toBeAppError("forbidden");
    await expect(setOrganizationVerified(admin, org.id, { verified: "true" })).rejects.toBeAppError("forbidden");
    await expect(setOrganizationVerified(anonymous(), org.id, { verified: "true" })).rejects.toBeAppError("unauthenticated");
    await setOrganizationVerified(hamar, org.id, { verified: "true" });
    expect((await getOrganization(anonymous(), org.id)).organization.verified).toBe(true);
    await setOrganizationVerified(national, org.id, { verified: "false" });
    expect((await getOrganization(anonymous(), org.id)).organization.verified).toBe(false);

    await expect(confirmOrganizationDetails(member, org.id)).rejects.toBeAppError("forbidden");
    await expect(confirmOrganizationDetails(hamar, org.id)).rejects.toBeAppError("forbidden");
    await confirmOrganizationDetails(admin, org.id, now);
    expect((await getOrganization(anonymous(), org.id)).organization.lastConfirmedAt).toEqual(now);
    expect((await auditActions(org.id)).sort()).toEqual(["organization.confirmed", "organization.unverified", "organization.verified"]);

    const edit = { name: "Registerfelt-test", kind: "voluntary", municipalities: [HAMAR], address: "Storgata 1", postalCode: "2317", postalPlace: "Hamar" };
    await updateOrganization(admin, org.id, edit);
    expect((await getOrganization(anonymous(), org.id)).organization).toMatchObject({ address: "Storgata 1", postalCode: "2317", postalPlace: "Hamar" });
    await expect(updateOrganization(admin, org.id, { ...edit, postalCode: "<script>" })).rejects.toMatchObject({
      code: "validation",
      fieldErrors: { postalCode: expect.anything() },
    });
    await expect(updateOrganization(admin, org.id, { ...edit, address: ["a"] })).rejects.toMatchObject({
      code: "validation",
      fieldErrors: { address: expect.anything() },
    });
  });
});

describe("refreshing next occurrences", () => {
  beforeEach(async () => void (await getDb().delete(activities)));

  it("moves passed next dates to the next occurrence, in batches, and leaves current ones alone", async () => {
    const { org, member } = await setup();
    // Weekly on Tuesdays 17:00 (Oslo), created Monday 23 November: next is Tuesday 24 November.
    const ids = [];
    for (let i = 0; i < 5; i++) ids.push((await createActivity(member, org.id, form(), now)).id);
    const row = async (id: string) =>
      (await getDb().select({ next: activities.nextOccurrenceAt, weekdays: activities.weekdays }).from(activities).where(eq(activities.id, id)))[0]!;
    expect((await row(ids[0]!)).next).toEqual(new Date("2026-11-24T16:00:00Z"));

    // A week and a day later the stored dates have passed; batches of two cover all five.
    const later = new Date("2026-12-02T12:00:00Z");
    expect(await refreshPastOccurrences(later, 2)).toBe(5);
    for (const id of ids) expect(await row(id)).toEqual({ next: new Date("2026-12-08T16:00:00Z"), weekdays: [2] });
    expect(await refreshPastOccurrences(later, 2)).toBe(0);
  });

  it("stops between batches when the server shuts down", async () => {
    const { org, member } = await setup();
    const { id } = await createActivity(member, org.id, form(), now);
    const stopped = new AbortController();
    stopped.abort();
    expect(await refreshPastOccurrences(new Date("2026-12-02T12:00:00Z"), 2, stopped.signal)).toBe(0);
    const [row] = await getDb().select({ next: activities.nextOccurrenceAt }).from(activities).where(eq(activities.id, id));
    expect(row!.next).toEqual(new Date("2026-11-24T16:00:00Z"));
  });
});
