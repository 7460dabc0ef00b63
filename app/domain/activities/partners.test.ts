import { beforeEach, describe, expect, it } from "vitest";
import { and, eq, inArray } from "drizzle-orm";
import { getDb } from "~/db/client.server.ts";
import { activities, activityPartners, auditLog, organizationMunicipalities, outboundEmails } from "~/db/schema/index.ts";
import { anonymous, type Actor } from "~/domain/auth/actor.ts";
import { getActivityFormContext } from "~/domain/organizations/organizations.server.ts";
import { createActor, createOrganization } from "../../../tests/factories.ts";
import { activityForm as form } from "../../../tests/fixtures/activity-form.ts";
import { createActivity, getActivity, getActivityForEdit, listOrganizationActivities, updateActivity } from "./activities.server.ts";
import { countPendingPartnerships, listPartnerships, respondToPartnership } from "./partners.server.ts";

/**
 * Partners are checked on the server with the activity form's rule, and a
 * partnership counts (shown publicly, partners-only reading) only once the
 * partner organisation has confirmed it (issue 9, finding 9).
 */

const HAMAR = "3403";
const TONSBERG = "3905";
const now = new Date("2026-11-23T12:00:00Z");

async function owner() {
  const org = await createOrganization({ name: `Eier ${Math.random().toString(36).slice(2, 7)}`, municipalities: [HAMAR] });
  const member = await createActor({ memberships: [{ organizationId: org.id, role: "member" }] });
  return { org, member };
}

async function partnerOrg(municipalities = [HAMAR]) {
  const org = await createOrganization({ name: `Partner ${Math.random().toString(36).slice(2, 7)}`, municipalities });
  const admin = await createActor({ memberships: [{ organizationId: org.id, role: "admin" }] });
  const member = await createActor({ memberships: [{ organizationId: org.id, role: "member" }] });
  return { org, admin, member };
}

async function partnerRows(activityId?: string) {
  const rows = await getDb()
    .select({ activityId: activityPartners.activityId, org: activityPartners.organizationId, status: activityPartners.status })
    .from(activityPartners)
    .where(activityId ? eq(activityPartners.activityId, activityId) : undefined);
  return rows;
}

async function activityCount() {
  return (await getDb().select({ id: activities.id }).from(activities)).length;
}

async function auditFor(activityId: string) {
  const rows = await getDb()
    .select({ action: auditLog.action, organizationId: auditLog.organizationId })
    .from(auditLog)
    .where(
      and(
        eq(auditLog.entityId, activityId),
        inArray(auditLog.action, [
          "activity.partner_requested",
          "activity.partner_confirmed",
          "activity.partner_declined",
          "activity.partner_ended",
          "activity.partner_removed",
        ]),
      ),
    );
  return rows.map((r) => `${r.action}@${r.organizationId}`).sort();
}

const readableTitles = async (actor: Actor, organizationId: string) =>
  (await listOrganizationActivities(actor, organizationId, now)).map((a) => a.title).sort();

beforeEach(async () => {
  await getDb().delete(activities);
  await getDb().delete(outboundEmails);
});

describe("the server applies the activity form's partner rule", () => {
  it("refuses an organisation the form does not offer (no kommune in common) with a field error, writing nothing", async () => {
    const { org, member } = await owner();
    const elsewhere = await partnerOrg([TONSBERG]);
    const before = await activityCount();
    await expect(createActivity(member, org.id, form({ partners: [elsewhere.org.id] }), now)).rejects.toMatchObject({
      code: "validation",
      fieldErrors: { partners: { key: "activity.validation.partnerNotNearby" } },
    });
    expect(await activityCount()).toBe(before);
    expect(await partnerRows()).toEqual([]);
    expect(await getDb().select().from(outboundEmails)).toEqual([]);

    // Nor can an existing activity gain one: the activity stays as it was.
    const { id } = await createActivity(member, org.id, form(), now);
    await expect(updateActivity(member, id, form({ title: "Endret", partners: [elsewhere.org.id] }), now)).rejects.toMatchObject({
      code: "validation",
      fieldErrors: { partners: { key: "activity.validation.partnerNotNearby" } },
    });
    expect((await getActivityForEdit(member, id)).activity.title).toBe("Leksehjelp for barn");
    expect(await partnerRows(id)).toEqual([]);
  });

  it.each([
    ["an unknown organisation", () => ["00000000-0000-4000-8000-000000000999"], "partners", "activity.validation.partnerUnknown"],
    ["the owner itself", (ownerId: string) => [ownerId], "partners", "activity.validation.partnerIsOwner"],
    ["a malformed id", () => ["'; drop table activity_partners; --"], "partners.0", "validation.invalid"],
    [
      "more than 20",
      () => Array.from({ length: 21 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`),
      "partners",
      "activity.validation.tooManyPartners",
    ],
    ["an object", () => ({ $ne: "" }), "partners", "validation.invalid"],
  ] as const)("refuses %s", async (_label, partners, field, key) => {
    const { org, member } = await owner();
    const error = await createActivity(member, org.id, form({ partners: partners(org.id) }), now).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "validation" });
    expect((error as { fieldErrors: Record<string, { key: string }> }).fieldErrors[field]?.key).toBe(key);
    expect(await activityCount()).toBe(0);
    expect(await partnerRows()).toEqual([]);
  });

  it("accepts exactly the organisations the form offers, each once", async () => {
    const { org, member } = await owner();
    const near = await partnerOrg([HAMAR]);
    const both = await partnerOrg([TONSBERG, HAMAR]);
    const far = await partnerOrg([TONSBERG]);
    const { partnerCandidates } = await getActivityFormContext(member, org.id);
    const offered = new Set(partnerCandidates.map((c) => c.id));
    expect(offered.has(near.org.id) && offered.has(both.org.id)).toBe(true);
    expect(offered.has(far.org.id) || offered.has(org.id)).toBe(false);

    const { id } = await createActivity(member, org.id, form({ partners: [near.org.id, both.org.id, near.org.id] }), now);
    expect((await partnerRows(id)).map((r) => r.org).sort()).toEqual([near.org.id, both.org.id].sort());
  });

  it("keeps an existing partner on save even if the organisations no longer share a kommune", async () => {
    const { org, member } = await owner();
    const moved = await partnerOrg([HAMAR]);
    const { id } = await createActivity(member, org.id, form({ partners: [moved.org.id] }), now);
    await respondToPartnership(moved.admin, moved.org.id, { activity: id, answer: "confirm" }, now);
    await getDb().update(organizationMunicipalities).set({ municipalityNumber: TONSBERG }).where(eq(organizationMunicipalities.organizationId, moved.org.id));
    await updateActivity(member, id, form({ title: "Lagret igjen", partners: [moved.org.id] }), now);
    expect(await partnerRows(id)).toEqual([{ activityId: id, org: moved.org.id, status: "confirmed" }]);
  });
});

describe("partnerships count only once the partner organisation confirms", () => {
  it("a new partner is pending: not shown publicly, its members do not read a partners-only activity; after confirming both", async () => {
    const { org, member } = await owner();
    const partner = await partnerOrg();
    const open = await createActivity(member, org.id, form({ title: "Åpen aktivitet", partners: [partner.org.id] }), now);
    const closed = await createActivity(member, org.id, form({ title: "Bare for partnere", visibility: "partners", partners: [partner.org.id] }), now);

    // Pending: the public page lists no partner, the owner sees it as pending.
    expect((await getActivity(anonymous(), open.id, now)).partners).toEqual([]);
    expect((await getActivity(partner.member, open.id, now)).partners).toEqual([]);
    expect((await getActivity(member, open.id, now)).partners).toEqual([{ id: partner.org.id, name: partner.org.name, status: "pending" }]);
    for (const actor of [partner.member, partner.admin]) {
      await expect(getActivity(actor, closed.id, now)).rejects.toBeAppError("not_found");
      expect(await readableTitles(actor, org.id)).toEqual(["Åpen aktivitet"]);
    }

    // The partner's admin has the requests waiting, and an e-mail about each.
    const listed = await listPartnerships(partner.admin, partner.org.id);
    expect(listed!.pending.map((p) => p.title).sort()).toEqual(["Bare for partnere", "Åpen aktivitet"].sort());
    expect(listed!.pending[0]!.ownerName).toBe(org.name);
    expect(listed!.asFallback).toBe(false);
    expect(await countPendingPartnerships(partner.admin, partner.org.id)).toBe(2);
    expect(await listPartnerships(partner.member, partner.org.id)).toBeNull();
    expect(await countPendingPartnerships(partner.member, partner.org.id)).toBe(0);
    const mails = await getDb().select().from(outboundEmails);
    expect(mails.map((m) => m.to)).toEqual([partner.admin.email, partner.admin.email]);
    expect(mails.map((m) => m.subject).sort()).toEqual(
      [
        `${org.name} vil samarbeide med ${partner.org.name} om «Bare for partnere»`,
        `${org.name} vil samarbeide med ${partner.org.name} om «Åpen aktivitet»`,
      ].sort(),
    );
    expect(mails[0]!.text).toContain(`/organisasjoner/${partner.org.id}/aktiviteter#partnerskap`);

    for (const activity of [open, closed]) await respondToPartnership(partner.admin, partner.org.id, { activity: activity.id, answer: "confirm" }, now);

    expect((await getActivity(anonymous(), open.id, now)).partners).toEqual([{ id: partner.org.id, name: partner.org.name, status: "confirmed" }]);
    expect((await getActivity(partner.member, closed.id, now)).activity.id).toBe(closed.id);
    expect(await readableTitles(partner.member, org.id)).toEqual(["Bare for partnere", "Åpen aktivitet"].sort());
    expect((await getActivity(partner.member, closed.id, now)).access.isPartner).toBe(true);
    expect(await countPendingPartnerships(partner.admin, partner.org.id)).toBe(0);
    expect((await listPartnerships(partner.admin, partner.org.id))!.confirmed).toHaveLength(2);
    expect(await auditFor(closed.id)).toEqual([`activity.partner_confirmed@${partner.org.id}`, `activity.partner_requested@${partner.org.id}`]);

    // Confirming again changes nothing; saving the form keeps the confirmation and sends no new e-mail.
    expect((await respondToPartnership(partner.admin, partner.org.id, { activity: open.id, answer: "confirm" }, now)).changed).toBe(false);
    await updateActivity(member, open.id, form({ title: "Åpen aktivitet", partners: [partner.org.id] }), now);
    expect(await partnerRows(open.id)).toEqual([{ activityId: open.id, org: partner.org.id, status: "confirmed" }]);
    expect(await getDb().select().from(outboundEmails)).toHaveLength(2);
  });

  it("declining removes the request; ending a confirmed partnership removes it; the owner removing it too; all audited", async () => {
    const { org, member } = await owner();
    const partner = await partnerOrg();
    const a = await createActivity(member, org.id, form({ title: "Avslås", visibility: "partners", partners: [partner.org.id] }), now);
    const b = await createActivity(member, org.id, form({ title: "Avsluttes", visibility: "partners", partners: [partner.org.id] }), now);
    const c = await createActivity(member, org.id, form({ title: "Fjernes av eieren", partners: [partner.org.id] }), now);

    const declined = await respondToPartnership(partner.admin, partner.org.id, { activity: a.id, answer: "decline" }, now);
    expect(declined).toMatchObject({ answer: "decline", previousStatus: "pending" });
    expect(await partnerRows(a.id)).toEqual([]);
    await expect(getActivity(partner.member, a.id, now)).rejects.toBeAppError("not_found");
    expect((await getActivity(member, a.id, now)).partners).toEqual([]);
    expect(await auditFor(a.id)).toEqual([`activity.partner_declined@${partner.org.id}`, `activity.partner_requested@${partner.org.id}`]);
    // Declined once is gone, not answerable again.
    await expect(respondToPartnership(partner.admin, partner.org.id, { activity: a.id, answer: "confirm" }, now)).rejects.toBeAppError("not_found");

    await respondToPartnership(partner.admin, partner.org.id, { activity: b.id, answer: "confirm" }, now);
    expect((await getActivity(partner.member, b.id, now)).activity.id).toBe(b.id);
    expect(await respondToPartnership(partner.admin, partner.org.id, { activity: b.id, answer: "decline" }, now)).toMatchObject({
      previousStatus: "confirmed",
    });
    await expect(getActivity(partner.member, b.id, now)).rejects.toBeAppError("not_found");
    expect(await auditFor(b.id)).toContain(`activity.partner_ended@${partner.org.id}`);

    await respondToPartnership(partner.admin, partner.org.id, { activity: c.id, answer: "confirm" }, now);
    await updateActivity(member, c.id, form({ title: "Fjernes av eieren", partners: [] }), now);
    expect(await partnerRows(c.id)).toEqual([]);
    expect((await getActivity(anonymous(), c.id, now)).partners).toEqual([]);
    expect(await auditFor(c.id)).toContain(`activity.partner_removed@${partner.org.id}`);
  });

  it("only the partner organisation's admins answer: everyone else is refused (403 before any lookup), other activities are 404", async () => {
    const { org, member: ownerMember } = await owner();
    const ownerAdmin = await createActor({ memberships: [{ organizationId: org.id, role: "admin" }] });
    const partner = await partnerOrg();
    const other = await partnerOrg();
    const { id } = await createActivity(ownerMember, org.id, form({ visibility: "partners", partners: [partner.org.id] }), now);
    const refused: [string, Actor][] = [
      ["another organisation's admin", other.admin],
      ["the partner's plain member", partner.member],
      ["the owner's admin", ownerAdmin],
      ["Hamar's coordinator (the partner has admins)", await createActor({ roles: [{ role: "municipal_coordinator", municipalityNumber: HAMAR }] })],
      ["a national admin (the partner has admins)", await createActor({ roles: [{ role: "national_admin" }] })],
    ];
    for (const [label, actor] of refused) {
      for (const answer of ["confirm", "decline"]) {
        await expect(respondToPartnership(actor, partner.org.id, { activity: id, answer }, now), label).rejects.toBeAppError("forbidden");
      }
      expect(await listPartnerships(actor, partner.org.id), label).toBeNull();
    }
    await expect(respondToPartnership(anonymous(), partner.org.id, { activity: id, answer: "confirm" }, now)).rejects.toBeAppError("unauthenticated");
    // Answering as one's own organisation for an activity that did not ask it.
    await expect(respondToPartnership(other.admin, other.org.id, { activity: id, answer: "confirm" }, now)).rejects.toBeAppError("not_found");
    await expect(respondToPartnership(partner.admin, partner.org.id, { activity: "not-a-uuid", answer: "confirm" }, now)).rejects.toBeAppError("not_found");
    await expect(respondToPartnership(partner.admin, "00000000-0000-4000-8000-000000000999", { activity: id, answer: "confirm" }, now)).rejects.toBeAppError(
      "not_found",
    );
    await expect(respondToPartnership(partner.admin, partner.org.id, { activity: id, answer: "yes please" }, now)).rejects.toBeAppError("validation");
    expect(await partnerRows(id)).toEqual([{ activityId: id, org: partner.org.id, status: "pending" }]);
    await expect(getActivity(partner.member, id, now)).rejects.toBeAppError("not_found");
    expect(await auditFor(id)).toEqual([`activity.partner_requested@${partner.org.id}`]);
  });

  it("an organisation without admins is answered for by those who coordinate it, and they get the e-mail", async () => {
    const { org, member } = await owner();
    const orphan = await createOrganization({ name: "Uten administrator", municipalities: [HAMAR] });
    const orphanMember = await createActor({ memberships: [{ organizationId: orphan.id, role: "member" }] });
    const hamar = await createActor({ roles: [{ role: "municipal_coordinator", municipalityNumber: HAMAR }] });
    const innlandet = await createActor({ roles: [{ role: "county_advisor", countyNumber: "34" }] });
    const tonsberg = await createActor({ roles: [{ role: "municipal_coordinator", municipalityNumber: TONSBERG }] });
    const { id } = await createActivity(member, org.id, form({ visibility: "partners", partners: [orphan.id] }), now);

    const mails = await getDb().select().from(outboundEmails);
    expect(mails.map((m) => m.to)).toContain(hamar.email);
    expect(mails.map((m) => m.to)).not.toContain(tonsberg.email);
    expect(mails.find((m) => m.to === hamar.email)!.text).toContain("ingen administratorer");

    await expect(respondToPartnership(tonsberg, orphan.id, { activity: id, answer: "confirm" }, now)).rejects.toBeAppError("forbidden");
    await expect(respondToPartnership(orphanMember, orphan.id, { activity: id, answer: "confirm" }, now)).rejects.toBeAppError("forbidden");
    expect((await listPartnerships(innlandet, orphan.id))!.asFallback).toBe(true);
    expect(await countPendingPartnerships(hamar, orphan.id)).toBe(1);
    await respondToPartnership(hamar, orphan.id, { activity: id, answer: "confirm" }, now);
    expect((await getActivity(orphanMember, id, now)).activity.id).toBe(id);
  });
});

describe("merging organisations", () => {
  it("keeps a confirmation when the duplicate had confirmed and the one that stays was only asked", async () => {
    const { mergeOrganizations } = await import("~/domain/organizations/merge.server.ts");
    const { org, member } = await owner();
    const target = await partnerOrg();
    const source = await partnerOrg();
    const { id } = await createActivity(member, org.id, form({ visibility: "partners", partners: [target.org.id, source.org.id] }), now);
    await respondToPartnership(source.admin, source.org.id, { activity: id, answer: "confirm" }, now);
    const coordinator = await createActor({ roles: [{ role: "municipal_coordinator", municipalityNumber: HAMAR }] });
    await mergeOrganizations(coordinator, target.org.id, { source: source.org.id, confirm: "on" });
    expect(await partnerRows(id)).toEqual([{ activityId: id, org: target.org.id, status: "confirmed" }]);
    expect((await getActivity(target.member, id, now)).activity.id).toBe(id);
  });
});
