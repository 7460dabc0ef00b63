import { describe, expect, it } from "vitest";
import { asc, eq } from "drizzle-orm";
import { getDb } from "~/db/client.server.ts";
import { activities, auditLog, invitations, memberships, organizationMunicipalities, organizations } from "~/db/schema/index.ts";
import { readCoverage, refreshCoverage } from "~/domain/overview/coverage.server.ts";
import { anonymous } from "~/domain/auth/actor.ts";
import { recordAudit } from "~/domain/audit/audit.server.ts";
import { createActor, createOrganization, createUser } from "../../../tests/factories.ts";
import { getMergePreview, mergeOrganizations } from "./merge.server.ts";
import { appErrorOf } from "../../../tests/app-error.ts";

const HAMAR = "3403";
const TONSBERG = "3905";
const RINGSAKER = "3411";

async function organizationRow(id: string) {
  const [row] = await getDb().select().from(organizations).where(eq(organizations.id, id));
  return row;
}

async function rolesIn(organizationId: string) {
  const rows = await getDb()
    .select({ userId: memberships.userId, role: memberships.role })
    .from(memberships)
    .where(eq(memberships.organizationId, organizationId));
  return Object.fromEntries(rows.map((r) => [r.userId, r.role]));
}

async function servedBy(organizationId: string) {
  const rows = await getDb()
    .select({ number: organizationMunicipalities.municipalityNumber })
    .from(organizationMunicipalities)
    .where(eq(organizationMunicipalities.organizationId, organizationId))
    .orderBy(asc(organizationMunicipalities.municipalityNumber));
  return rows.map((r) => r.number);
}

/** Everything a merge may touch, to prove a refused merge changed nothing. */
async function stateOf(...ids: string[]) {
  return Promise.all(
    ids.map(async (id) => ({
      row: await organizationRow(id),
      roles: await rolesIn(id),
      served: await servedBy(id),
      invitations: (await getDb().select({ id: invitations.id }).from(invitations).where(eq(invitations.organizationId, id))).length,
      audit: (await getDb().select({ id: auditLog.id }).from(auditLog).where(eq(auditLog.organizationId, id))).length,
    })),
  );
}

let orgNumberSeed = 90_000_000;
/** A fresh organisation number with a valid MOD11 check digit; the column is unique across the test file. */
function uniqueOrgNumber(): string {
  for (;;) {
    const base = String(orgNumberSeed++).padStart(8, "0");
    const sum = [3, 2, 7, 6, 5, 4, 3, 2].reduce((acc, w, i) => acc + w * Number(base[i]), 0);
    const check = (11 - (sum % 11)) % 11;
    if (check !== 10) return `${base}${check}`;
  }
}

let invitationCounter = 0;
async function inviteUnique(organizationId: string, email: string) {
  const id = (invitationCounter++).toString(16).padStart(64, "a");
  await getDb()
    .insert(invitations)
    .values({ id, organizationId, email, role: "member", expiresAt: new Date(Date.now() + 86_400_000) });
  return id;
}

async function setup() {
  const nationalAdmin = await createActor({ roles: [{ role: "national_admin" }] });
  const hamarCoordinator = await createActor({ roles: [{ role: "municipal_coordinator", municipalityNumber: HAMAR }] });
  const innlandetAdvisor = await createActor({ roles: [{ role: "county_advisor", countyNumber: "34" }] });
  const target = await createOrganization({ name: "Hamar frivilligsentral", municipalities: [HAMAR], description: "" });
  const source = await createOrganization({
    name: "Hamar Frivilligsentral (duplikat)",
    municipalities: [HAMAR, RINGSAKER],
    description: "Møteplass for alle",
    website: "https://example.org",
    contactEmail: "post@example.org",
    orgNumber: uniqueOrgNumber(),
  });
  return { nationalAdmin, hamarCoordinator, innlandetAdvisor, target, source };
}

describe("merging organisations", () => {
  it("moves members (keeping the higher role), kommuner, invitations and history, fills empty fields, deletes the source and logs it", async () => {
    const { hamarCoordinator, target, source } = await setup();
    const onlyInSource = await createUser();
    const adminInSourceMemberInTarget = await createUser();
    const adminInTargetMemberInSource = await createUser();
    const db = getDb();
    await db.insert(memberships).values([
      { organizationId: source.id, userId: onlyInSource.id, role: "member" },
      { organizationId: source.id, userId: adminInSourceMemberInTarget.id, role: "admin" },
      { organizationId: target.id, userId: adminInSourceMemberInTarget.id, role: "member" },
      { organizationId: target.id, userId: adminInTargetMemberInSource.id, role: "admin" },
      { organizationId: source.id, userId: adminInTargetMemberInSource.id, role: "member" },
    ]);
    const movingInvitation = await inviteUnique(source.id, "ny@example.org");
    const duplicateInvitation = await inviteUnique(source.id, "Begge@example.org");
    await inviteUnique(target.id, "begge@example.org");
    await recordAudit(db, hamarCoordinator, { action: "organization.updated", entityType: "organization", entityId: source.id, organizationId: source.id });

    const result = await mergeOrganizations(hamarCoordinator, target.id, { source: source.id, confirm: "on" });
    expect(result).toEqual({ targetId: target.id, sourceName: source.name });

    expect(await organizationRow(source.id)).toBeUndefined();
    expect(await rolesIn(target.id)).toEqual({
      [onlyInSource.id]: "member",
      [adminInSourceMemberInTarget.id]: "admin",
      [adminInTargetMemberInSource.id]: "admin",
    });
    expect(await servedBy(target.id)).toEqual([HAMAR, RINGSAKER]);

    const targetInvitations = await db.select().from(invitations).where(eq(invitations.organizationId, target.id));
    expect(targetInvitations.map((i) => i.id)).toContain(movingInvitation);
    expect(targetInvitations.map((i) => i.id)).not.toContain(duplicateInvitation);
    expect(targetInvitations).toHaveLength(2);

    const merged = await organizationRow(target.id);
    expect(merged).toMatchObject({
      name: "Hamar frivilligsentral",
      orgNumber: source.orgNumber,
      description: "Møteplass for alle",
      website: "https://example.org",
      contactEmail: "post@example.org",
    });

    const history = await db.select().from(auditLog).where(eq(auditLog.organizationId, target.id));
    const moved = history.find((e) => e.action === "organization.updated");
    expect(moved?.entityId).toBe(source.id);
    const [entry] = history.filter((e) => e.action === "organization.merged");
    expect(entry).toMatchObject({ entityType: "organization", entityId: target.id, actorUserId: hamarCoordinator.userId });
    const before = entry!.before as { source: { id: string; members: unknown[]; municipalities: string[] }; target: { id: string } };
    expect(before.source.id).toBe(source.id);
    expect(before.source.members).toHaveLength(3);
    expect(before.source.municipalities).toEqual([HAMAR, RINGSAKER].sort());
    expect(before.target.id).toBe(target.id);
    expect(entry!.after).toMatchObject({ id: target.id, orgNumber: source.orgNumber, municipalities: [HAMAR, RINGSAKER] });
  });

  it("recounts the kommune's coverage: two organisations with the same theme become one", async () => {
    const { hamarCoordinator, target, source } = await setup();
    const db = getDb();
    // Ringsaker: no other test file data lands there in this file's database.
    const activity = (organizationId: string) => ({
      organizationId,
      municipalityNumber: RINGSAKER,
      title: "Språkkafé",
      description: "Norsk og kaffe.",
      themes: ["language"],
      targetGroups: ["adults"],
      scheduleKind: "ongoing" as const,
    });
    await db.insert(activities).values([activity(target.id), activity(source.id)]);
    await refreshCoverage(db, [RINGSAKER]);
    const languageRow = async () => (await readCoverage("all", [RINGSAKER])).find((r) => r.dimension === "theme" && r.key === "language");
    expect(await languageRow()).toMatchObject({ activityCount: 2, organizationCount: 2 });

    await mergeOrganizations(hamarCoordinator, target.id, { source: source.id, confirm: "on" });
    expect(await languageRow()).toMatchObject({ activityCount: 2, organizationCount: 1 });
  });

  it("keeps the target's own details and organisation number", async () => {
    const { nationalAdmin } = await setup();
    const orgNumber = uniqueOrgNumber();
    const target = await createOrganization({ description: "Vår egen", website: "https://target.example", orgNumber });
    const source = await createOrganization({ description: "Den andre", website: "https://source.example" });
    await mergeOrganizations(nationalAdmin, target.id, { source: source.id, confirm: true });
    expect(await organizationRow(target.id)).toMatchObject({ description: "Vår egen", website: "https://target.example", orgNumber });
  });

  it("refuses two different organisation numbers and changes nothing", async () => {
    const { nationalAdmin, source } = await setup();
    const target = await createOrganization({ orgNumber: uniqueOrgNumber(), municipalities: [HAMAR] });
    const before = await stateOf(source.id, target.id);
    await expect(mergeOrganizations(nationalAdmin, target.id, { source: source.id, confirm: "on" })).rejects.toBeAppError(
      "conflict",
      "org.merge.error.orgNumberConflict",
    );
    expect(await stateOf(source.id, target.id)).toEqual(before);
  });

  it("refuses merging an organisation into itself, and a missing confirmation", async () => {
    const { nationalAdmin, source, target } = await setup();
    const before = await stateOf(source.id, target.id);
    await expect(mergeOrganizations(nationalAdmin, target.id, { source: target.id, confirm: "on" })).rejects.toBeAppError(
      "validation",
      "org.merge.error.sameOrganization",
    );
    const error = await appErrorOf(mergeOrganizations(nationalAdmin, target.id, { source: source.id }), "validation");
    expect(error.fieldErrors.confirm?.key).toBe("org.merge.error.confirmRequired");
    await expect(mergeOrganizations(nationalAdmin, target.id, { source: source.id, confirm: "nei" })).rejects.toBeAppError("validation");
    expect(await stateOf(source.id, target.id)).toEqual(before);
  });

  it("gives 404 for malformed, unknown or hostile ids and changes nothing", async () => {
    const { nationalAdmin, source, target } = await setup();
    const before = await stateOf(source.id, target.id);
    for (const bad of ["not-a-uuid", "", "x".repeat(10_000), "' or 1=1 --", "<script>alert(1)</script>", 42, null, ["a"], { id: source.id }]) {
      await expect(mergeOrganizations(nationalAdmin, target.id, { source: bad, confirm: "on" })).rejects.toBeAppError("not_found");
      await expect(mergeOrganizations(nationalAdmin, bad, { source: source.id, confirm: "on" })).rejects.toBeAppError("not_found");
    }
    await expect(mergeOrganizations(nationalAdmin, "00000000-0000-4000-8000-000000000999", { source: source.id, confirm: "on" })).rejects.toBeAppError(
      "not_found",
    );
    await expect(mergeOrganizations(nationalAdmin, target.id, { source: "00000000-0000-4000-8000-000000000999", confirm: "on" })).rejects.toBeAppError(
      "not_found",
    );
    await expect(mergeOrganizations(nationalAdmin, target.id, "not an object")).rejects.toBeAppError("validation");
    expect(await stateOf(source.id, target.id)).toEqual(before);
  });

  describe("who may merge", () => {
    it("national admins, a kommune's coordinator and its county advisor may", async () => {
      const { nationalAdmin, hamarCoordinator, innlandetAdvisor } = await setup();
      for (const actor of [nationalAdmin, hamarCoordinator, innlandetAdvisor]) {
        const target = await createOrganization({ municipalities: [HAMAR] });
        const source = await createOrganization({ municipalities: [HAMAR] });
        await mergeOrganizations(actor, target.id, { source: source.id, confirm: "on" });
        expect(await organizationRow(source.id)).toBeUndefined();
      }
    });

    it("a Hamar coordinator may not merge in a Tønsberg organisation, either way round", async () => {
      const { hamarCoordinator, target } = await setup();
      const tonsbergOrg = await createOrganization({ municipalities: [TONSBERG] });
      const before = await stateOf(tonsbergOrg.id, target.id);
      await expect(mergeOrganizations(hamarCoordinator, target.id, { source: tonsbergOrg.id, confirm: "on" })).rejects.toBeAppError("forbidden");
      await expect(mergeOrganizations(hamarCoordinator, tonsbergOrg.id, { source: target.id, confirm: "on" })).rejects.toBeAppError("forbidden");
      expect(await stateOf(tonsbergOrg.id, target.id)).toEqual(before);
    });

    it("an admin of both organisations, a plain user and anonymous visitors may not", async () => {
      const { target, source } = await setup();
      const adminOfBoth = await createActor({
        memberships: [
          { organizationId: target.id, role: "admin" },
          { organizationId: source.id, role: "admin" },
        ],
      });
      const plainUser = await createActor();
      const before = await stateOf(source.id, target.id);
      await expect(mergeOrganizations(adminOfBoth, target.id, { source: source.id, confirm: "on" })).rejects.toBeAppError("forbidden");
      await expect(mergeOrganizations(plainUser, target.id, { source: source.id, confirm: "on" })).rejects.toBeAppError("forbidden");
      await expect(mergeOrganizations(anonymous(), target.id, { source: source.id, confirm: "on" })).rejects.toBeAppError("unauthenticated");
      expect(await stateOf(source.id, target.id)).toEqual(before);
    });
  });

  describe("the preview", () => {
    it("lists candidates without the target and describes what will move", async () => {
      const { hamarCoordinator, target, source } = await setup();
      await getDb()
        .insert(memberships)
        .values({ organizationId: source.id, userId: (await createUser()).id, role: "admin" });
      await inviteUnique(source.id, "x@example.org");

      const search = await getMergePreview(hamarCoordinator, target.id, { q: "Hamar frivilligsentral" });
      expect(search.candidates.map((c) => c.id)).toContain(source.id);
      expect(search.candidates.map((c) => c.id)).not.toContain(target.id);
      expect(search.preview).toBeNull();

      const preview = await getMergePreview(hamarCoordinator, target.id, { source: source.id });
      expect(preview.preview).toMatchObject({ problem: null, details: { sourceMembers: 1, targetMembers: 0, sourceInvitations: 1 } });
      expect(preview.preview?.source.municipalities.map((m) => m.number).sort()).toEqual([HAMAR, RINGSAKER]);
    });

    it("names the problem instead of offering a merge that would be refused", async () => {
      const { hamarCoordinator, target } = await setup();
      const tonsbergOrg = await createOrganization({ municipalities: [TONSBERG] });
      expect((await getMergePreview(hamarCoordinator, target.id, { source: tonsbergOrg.id })).preview).toMatchObject({ problem: "notAllowed", details: null });
      expect((await getMergePreview(hamarCoordinator, target.id, { source: target.id })).preview?.problem).toBe("sameOrganization");
      expect((await getMergePreview(hamarCoordinator, target.id, { source: "not-a-uuid" })).sourceNotFound).toBe(true);
    });

    it("is only open to those who coordinate the target", async () => {
      const { target } = await setup();
      const tonsbergCoordinator = await createActor({ roles: [{ role: "municipal_coordinator", municipalityNumber: TONSBERG }] });
      const orgAdmin = await createActor({ memberships: [{ organizationId: target.id, role: "admin" }] });
      await expect(getMergePreview(tonsbergCoordinator, target.id, {})).rejects.toBeAppError("forbidden");
      await expect(getMergePreview(orgAdmin, target.id, {})).rejects.toBeAppError("forbidden");
      await expect(getMergePreview(anonymous(), target.id, {})).rejects.toBeAppError("unauthenticated");
      await expect(getMergePreview(orgAdmin, "not-a-uuid", {})).rejects.toBeAppError("not_found");
    });
  });
});
