import { inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "~/db/client.server.ts";
import { activities, invitations } from "~/db/schema/index.ts";
import { anonymous } from "~/domain/auth/actor.ts";
import { createActivity } from "~/domain/activities/activities.server.ts";
import { recentActivityChanges } from "~/domain/overview/overview.server.ts";
import { createActor, createOrganization } from "../../../tests/factories.ts";
import { activityForm } from "../../../tests/fixtures/activity-form.ts";
import { getStartPage } from "./start.server.ts";

const now = new Date("2026-11-23T12:00:00Z");
// Innlandet kommuner of this file's own, so the counts are not shared with other files' data.
const LILLEHAMMER = "3405";
const GJOVIK = "3407";

async function makeStale(ids: string[]) {
  const when = new Date(now);
  when.setMonth(when.getMonth() - 9);
  await getDb().update(activities).set({ lastConfirmedAt: when }).where(inArray(activities.id, ids));
}

describe("start page", () => {
  it("gives each signed-in person their own work: kommuner, county, nation, organisations — and nothing to visitors", async () => {
    const org = await createOrganization({ municipalities: [LILLEHAMMER], name: "Lillehammer språkvenner" });
    const other = await createOrganization({ municipalities: [GJOVIK], name: "Gjøvik leksehjelp" });
    const admin = await createActor({ memberships: [{ organizationId: org.id, role: "admin" }] });
    const otherAdmin = await createActor({ memberships: [{ organizationId: other.id, role: "admin" }] });
    const fresh = await createActivity(admin, org.id, activityForm({ municipality: LILLEHAMMER, title: "Språkkafé på biblioteket" }), now);
    const stale = await createActivity(admin, org.id, activityForm({ municipality: LILLEHAMMER, title: "Internt mentorprogram", visibility: "internal" }), now);
    await createActivity(otherAdmin, other.id, activityForm({ municipality: GJOVIK, title: "Leksehjelp i Gjøvik" }), now);
    await makeStale([stale.id]);

    expect(await getStartPage(anonymous(), { now })).toBeNull();

    // An organisation admin: their organisation, with the activity waiting for confirmation; no kommune, county or nation.
    const own = (await getStartPage(admin, { now }))!;
    expect(own).toMatchObject({ kommuner: [], counties: [], nation: null });
    expect(own.organizations).toEqual([
      expect.objectContaining({
        id: org.id,
        name: "Lillehammer språkvenner",
        role: "admin",
        activities: 2,
        toConfirmCount: 1,
        toConfirm: [expect.objectContaining({ id: stale.id })],
      }),
    ]);

    // A Lillehammer coordinator: Lillehammer only, internal activities counted, the stale one and the latest changes.
    const coordinator = await createActor({ roles: [{ role: "municipal_coordinator", municipalityNumber: LILLEHAMMER }] });
    const work = (await getStartPage(coordinator, { now }))!;
    expect(work.organizations).toEqual([]);
    expect(work.kommuner).toHaveLength(1);
    expect(work.kommuner[0]).toMatchObject({ number: LILLEHAMMER, name: "Lillehammer", activities: 2, staleActivities: 1 });
    // Two activities: not mapped yet, so no gaps are counted.
    expect(work.kommuner[0]).toMatchObject({ mapped: false, gaps: 0 });
    expect(work.kommuner[0]!.changes.map((c) => c.id).sort()).toEqual([fresh.id, stale.id].sort());
    expect(JSON.stringify(work)).not.toContain("Gjøvik leksehjelp");

    // A county advisor of Innlandet: the county's headline and kommuner needing attention; not every kommune's details.
    const advisor = await createActor({ roles: [{ role: "county_advisor", countyNumber: "34" }] });
    const county = (await getStartPage(advisor, { now }))!;
    expect(county.kommuner).toEqual([]);
    expect(county.counties).toHaveLength(1);
    expect(county.counties[0]).toMatchObject({ number: "34", totals: expect.objectContaining({ kommuner: 46 }) });
    // Nothing in this file's Innlandet kommuner reaches three activities: all 46 read "not mapped yet", none as gaps.
    expect(county.counties[0]!.attention).toMatchObject({ unmappedCount: 46, mostGaps: [], minActivities: 3 });
    // A third activity maps Lillehammer: it leaves the unmapped count and its gaps are listed.
    await createActivity(admin, org.id, activityForm({ municipality: LILLEHAMMER, title: "Turgruppe" }), now);
    const mapped = (await getStartPage(advisor, { now }))!.counties[0]!.attention;
    expect(mapped.unmappedCount).toBe(45);
    expect(mapped.mostGaps).toEqual([expect.objectContaining({ number: LILLEHAMMER, activities: 3 })]);
    expect(mapped.mostGaps[0]!.gaps).toBeGreaterThan(0);

    const imdi = await createActor({ roles: [{ role: "national_admin" }] });
    const nation = (await getStartPage(imdi, { now }))!;
    expect(nation.nation).toMatchObject({ kommuner: 357 });
    expect(nation.nation!.attention.unmappedCount).toBeGreaterThan(300);

    // Someone with neither role nor membership gets an empty start page, not an error.
    expect(await getStartPage(await createActor(), { now })).toMatchObject({ kommuner: [], counties: [], nation: null, organizations: [] });
  });

  it("tells an organisation's admins, and only them, that another organisation asks to name it as a partner", async () => {
    const owner = await createOrganization({ municipalities: [GJOVIK] });
    const partner = await createOrganization({ municipalities: [GJOVIK] });
    const ownerAdmin = await createActor({ memberships: [{ organizationId: owner.id, role: "admin" }] });
    const partnerAdmin = await createActor({ memberships: [{ organizationId: partner.id, role: "admin" }] });
    const partnerMember = await createActor({ memberships: [{ organizationId: partner.id, role: "member" }] });
    await createActivity(ownerAdmin, owner.id, activityForm({ municipality: GJOVIK, title: "Felles språkkafé", partners: [partner.id] }), now);
    expect((await getStartPage(partnerAdmin, { now }))!.organizations[0]).toMatchObject({ id: partner.id, partnershipRequests: 1 });
    expect((await getStartPage(partnerMember, { now }))!.organizations[0]).toMatchObject({ id: partner.id, partnershipRequests: null });
    expect((await getStartPage(ownerAdmin, { now }))!.organizations[0]).toMatchObject({ id: owner.id, partnershipRequests: 0 });
  });

  it("shows an organisation's admins its pending invitations by address and date (never the token hash), and each person the invitations to their own verified address", async () => {
    const org = await createOrganization({ municipalities: [GJOVIK], name: "Gjøvik frivilligsentral" });
    const admin = await createActor({ memberships: [{ organizationId: org.id, role: "admin" }] });
    const member = await createActor({ memberships: [{ organizationId: org.id, role: "member" }] });
    const invitee = await createActor();
    const unverified = await createActor({ user: { emailVerifiedAt: null } });
    const later = new Date(Date.now() + 7 * 24 * 3600 * 1000);
    const hash = "h".repeat(64);
    await getDb()
      .insert(invitations)
      .values([
        { id: hash, organizationId: org.id, email: invitee.email.toUpperCase(), role: "member", invitedBy: admin.userId, expiresAt: later },
        { id: "u".repeat(64), organizationId: org.id, email: unverified.email, role: "admin", invitedBy: admin.userId, expiresAt: later },
        {
          id: "x".repeat(64),
          organizationId: org.id,
          email: "expired@test.example",
          role: "member",
          invitedBy: admin.userId,
          expiresAt: new Date(Date.now() - 1000),
        },
        {
          id: "r".repeat(64),
          organizationId: org.id,
          email: "revoked@test.example",
          role: "member",
          invitedBy: admin.userId,
          expiresAt: later,
          revokedAt: new Date(),
        },
      ]);

    const own = (await getStartPage(admin, { now }))!.organizations[0]!;
    expect(own.invitations!.count).toBe(2);
    expect(own.invitations!.latest.map((i) => i.email).sort()).toEqual([invitee.email.toUpperCase(), unverified.email].sort());
    expect(JSON.stringify(own)).not.toContain(hash);
    expect(own.similar).toEqual({ openFollowUps: 0 });
    // Members do not manage members: no invitations and no follow-up link for them.
    expect((await getStartPage(member, { now }))!.organizations[0]).toMatchObject({ invitations: null, similar: null });

    const received = (await getStartPage(invitee, { now }))!;
    expect(received.invitations).toEqual([expect.objectContaining({ organizationId: org.id, organizationName: "Gjøvik frivilligsentral", role: "member" })]);
    expect(JSON.stringify(received)).not.toContain(hash);
    // An unverified address is not yet proven to be theirs (rule 2): nothing shown.
    expect((await getStartPage(unverified, { now }))!.invitations).toEqual([]);
    expect((await getStartPage(admin, { now }))!.invitations).toEqual([]);
  });

  it("lists a kommune's latest changes only for those who coordinate it", async () => {
    const tonsbergCoordinator = await createActor({ roles: [{ role: "municipal_coordinator", municipalityNumber: "3905" }] });
    await expect(recentActivityChanges(tonsbergCoordinator, LILLEHAMMER)).rejects.toMatchObject({ code: "forbidden" });
    await expect(recentActivityChanges(anonymous(), LILLEHAMMER)).rejects.toMatchObject({ code: "forbidden" });
  });
});
