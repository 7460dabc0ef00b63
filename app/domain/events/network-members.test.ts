import { describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { getDb } from "~/db/client.server.ts";
import { auditLog, networkMembers, networks } from "~/db/schema/index.ts";
import { anonymous } from "~/domain/auth/actor.ts";
import { appErrorOf } from "../../../tests/app-error.ts";
import { createActor, createOrganization } from "../../../tests/factories.ts";
import { addNetworkMunicipality, addNetworkOrganization, getNetwork, getNetworkMembership, leaveNetwork, removeNetworkMember } from "./networks.server.ts";

const HAMAR = "3403";
const TONSBERG = "3905";

async function network(county: "34" | "39" | null) {
  const [row] = await getDb()
    .insert(networks)
    .values(
      county
        ? { name: `Nettverk ${county}`, organiserLevel: "county", organiserCountyNumber: county, countyNumber: county }
        : { name: "Nasjonalt nettverk", organiserLevel: "national" },
    )
    .returning();
  return row!;
}

const advisor = (county: string) => createActor({ roles: [{ role: "county_advisor", countyNumber: county }] });
const memberIds = async (networkId: string) =>
  (await getDb().select().from(networkMembers).where(eq(networkMembers.networkId, networkId))).map((m) => m.organizationId ?? m.municipalityNumber);

describe("network membership", () => {
  it("the organising fylkeskommune adds an organisation from the register and a kommune of its fylke, audited; duplicates and other fylker are refused", async () => {
    const innlandet = await network("34");
    const runner = await advisor("34");
    const org = await createOrganization({ name: "Språkvenner Gjøvik" });
    expect((await getNetworkMembership(runner, innlandet.id, "språkvenner gjø")).candidates.map((c) => c.id)).toContain(org.id);

    await addNetworkOrganization(runner, innlandet.id, { organizationId: org.id });
    await addNetworkMunicipality(runner, innlandet.id, { municipalityNumber: HAMAR });
    expect(await memberIds(innlandet.id)).toEqual(expect.arrayContaining([org.id, HAMAR]));
    // A member is no longer offered.
    const view = await getNetworkMembership(runner, innlandet.id, "språkvenner gjø");
    expect(view.candidates.map((c) => c.id)).not.toContain(org.id);
    expect(view.municipalityOptions.map((m) => m.number)).not.toContain(HAMAR);
    expect(view.municipalityOptions.every((m) => m.number.startsWith("34"))).toBe(true);

    expect((await appErrorOf(addNetworkOrganization(runner, innlandet.id, { organizationId: org.id }), "validation")).fieldErrors.organizationId).toEqual({
      key: "events.networks.error.alreadyMember",
    });
    expect((await appErrorOf(addNetworkMunicipality(runner, innlandet.id, { municipalityNumber: TONSBERG }), "validation")).fieldErrors).toEqual({
      municipalityNumber: { key: "events.networks.error.municipality" },
    });
    for (const bad of [{}, { municipalityNumber: "x" }, { municipalityNumber: "9999" }, { municipalityNumber: ["3403", "3405"] }]) {
      await expect(addNetworkMunicipality(runner, innlandet.id, bad)).rejects.toBeAppError("validation");
    }
    for (const bad of [{}, { organizationId: "not-a-uuid" }, { organizationId: "00000000-0000-4000-8000-000000000000" }]) {
      await expect(addNetworkOrganization(runner, innlandet.id, bad)).rejects.toBeAppError("validation");
    }
    const actions = (await getDb().select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.entityId, innlandet.id))).map((r) => r.action);
    expect(actions.filter((a) => a === "network.member_added")).toHaveLength(2);
  });

  it("a national network takes any kommune", async () => {
    const national = await network(null);
    const imdi = await createActor({ roles: [{ role: "national_admin" }] });
    await addNetworkMunicipality(imdi, national.id, { municipalityNumber: TONSBERG });
    await addNetworkMunicipality(imdi, national.id, { municipalityNumber: HAMAR });
    expect(await memberIds(national.id)).toEqual(expect.arrayContaining([TONSBERG, HAMAR]));
  });

  it("only the organising body manages members: another fylke, IMDi, a member kommune's coordinator, an organisation admin and anonymous are refused", async () => {
    const innlandet = await network("34");
    const org = await createOrganization();
    const orgAdmin = await createActor({ memberships: [{ organizationId: org.id, role: "admin" }] });
    await addNetworkOrganization(await advisor("34"), innlandet.id, { organizationId: org.id });
    await addNetworkMunicipality(await advisor("34"), innlandet.id, { municipalityNumber: HAMAR });
    const [member] = await getDb().select().from(networkMembers).where(eq(networkMembers.networkId, innlandet.id));
    const outsiders = [
      await advisor("39"),
      await createActor({ roles: [{ role: "national_admin" }] }),
      await createActor({ roles: [{ role: "municipal_coordinator", municipalityNumber: HAMAR }] }),
      orgAdmin,
    ];
    for (const actor of outsiders) {
      await expect(addNetworkMunicipality(actor, innlandet.id, { municipalityNumber: "3405" })).rejects.toBeAppError("forbidden");
      await expect(addNetworkOrganization(actor, innlandet.id, { organizationId: org.id })).rejects.toBeAppError("forbidden");
      await expect(removeNetworkMember(actor, innlandet.id, { memberId: member!.id, confirm: "on" })).rejects.toBeAppError("forbidden");
    }
    await expect(removeNetworkMember(anonymous(), innlandet.id, { memberId: member!.id, confirm: "on" })).rejects.toBeAppError("unauthenticated");
    await expect(getNetworkMembership(anonymous(), innlandet.id, "")).rejects.toBeAppError("unauthenticated");
    // Members see the list but not the tools; an outsider does not get the page.
    const asMember = await getNetworkMembership(orgAdmin, innlandet.id, "a");
    expect(asMember.canManage).toBe(false);
    expect(asMember.members).toHaveLength(2);
    expect(asMember.candidates).toEqual([]);
    await expect(getNetworkMembership(await advisor("39"), innlandet.id, "")).rejects.toBeAppError("forbidden");
    await expect(getNetworkMembership(await advisor("34"), "not-a-uuid", "")).rejects.toBeAppError("not_found");
    expect(await memberIds(innlandet.id)).toHaveLength(2);
  });

  it("removes a member after the confirm tick, and never another network's member named in the form", async () => {
    const innlandet = await network("34");
    const vestfold = await network("39");
    const runner = await advisor("34");
    await addNetworkMunicipality(runner, innlandet.id, { municipalityNumber: HAMAR });
    await addNetworkMunicipality(await advisor("39"), vestfold.id, { municipalityNumber: TONSBERG });
    const [own] = await getDb().select().from(networkMembers).where(eq(networkMembers.networkId, innlandet.id));
    const [foreign] = await getDb().select().from(networkMembers).where(eq(networkMembers.networkId, vestfold.id));

    expect((await appErrorOf(removeNetworkMember(runner, innlandet.id, { memberId: own!.id }), "validation")).fieldErrors.confirm).toBeDefined();
    await expect(removeNetworkMember(runner, innlandet.id, { memberId: "x", confirm: "on" })).rejects.toBeAppError("validation");
    await expect(removeNetworkMember(runner, innlandet.id, { memberId: foreign!.id, confirm: "on" })).rejects.toBeAppError("not_found");
    expect(await memberIds(vestfold.id)).toEqual([TONSBERG]);

    await removeNetworkMember(runner, innlandet.id, { memberId: own!.id, confirm: "on" });
    expect(await memberIds(innlandet.id)).toEqual([]);
    const [entry] = await getDb()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "network.member_removed"), eq(auditLog.entityId, innlandet.id)));
    expect(entry).toMatchObject({ before: { memberId: own!.id, municipalityNumber: HAMAR } });
  });

  it("an organisation's admin takes their own organisation out; a plain member, another organisation's admin and a non-member organisation cannot", async () => {
    const innlandet = await network("34");
    const runner = await advisor("34");
    const mine = await createOrganization();
    const other = await createOrganization();
    await addNetworkOrganization(runner, innlandet.id, { organizationId: mine.id });
    await addNetworkOrganization(runner, innlandet.id, { organizationId: other.id });
    const admin = await createActor({ memberships: [{ organizationId: mine.id, role: "admin" }] });
    const plain = await createActor({ memberships: [{ organizationId: mine.id, role: "member" }] });
    const view = await getNetworkMembership(admin, innlandet.id, "");
    expect(view.members.filter((m) => m.mayLeave).map((m) => m.organizationId)).toEqual([mine.id]);

    await expect(leaveNetwork(plain, innlandet.id, { organizationId: mine.id, confirm: "on" })).rejects.toBeAppError("forbidden");
    await expect(leaveNetwork(admin, innlandet.id, { organizationId: other.id, confirm: "on" })).rejects.toBeAppError("forbidden");
    await expect(leaveNetwork(admin, innlandet.id, { organizationId: mine.id })).rejects.toBeAppError("validation");
    await leaveNetwork(admin, innlandet.id, { organizationId: mine.id, confirm: "on" });
    expect(await memberIds(innlandet.id)).toEqual([other.id]);
    await expect(leaveNetwork(admin, innlandet.id, { organizationId: mine.id, confirm: "on" })).rejects.toBeAppError("not_found");
    expect((await getNetwork(admin, innlandet.id)).access.isMember).toBe(false);
    const [entry] = await getDb().select().from(auditLog).where(eq(auditLog.action, "network.member_left"));
    expect(entry).toMatchObject({ entityId: innlandet.id, organizationId: mine.id });
  });
});
