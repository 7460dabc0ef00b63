import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/db/client.server.ts";
import { anonymous, type UserActor } from "~/domain/auth/actor.ts";
import { createActor, createOrganization } from "../../../tests/factories.ts";
import { AUDIT_PAGE_SIZE, listAuditEntries, listAuditFacets, listOrganizationAuditEntries, recordAudit } from "./audit.server.ts";
import { auditQuerySchema } from "./audit.schema.ts";

let nationalAdmin: UserActor;
let countyAdvisor: UserActor;
let orgAdmin: UserActor;
let orgId: string;

beforeAll(async () => {
  nationalAdmin = await createActor({ roles: [{ role: "national_admin" }] });
  countyAdvisor = await createActor({ roles: [{ role: "county_advisor", countyNumber: "34" }] });
  const org = await createOrganization();
  orgId = org.id;
  orgAdmin = await createActor({ memberships: [{ organizationId: org.id, role: "admin" }] });
  for (let i = 0; i < AUDIT_PAGE_SIZE + 5; i++) {
    await recordAudit(getDb(), nationalAdmin, { action: "test.bulk", entityType: "thing", entityId: String(i), after: { i, password: "never stored" } });
  }
  await recordAudit(getDb(), orgAdmin, {
    action: "test.org_change",
    entityType: "organization",
    entityId: org.id,
    organizationId: org.id,
    before: { name: "A" },
    after: { name: "B" },
  });
});

describe("the full audit log", () => {
  it("pages through every entry newest first with the id cursor", async () => {
    const first = await listAuditEntries(nationalAdmin, {});
    expect(first.entries).toHaveLength(AUDIT_PAGE_SIZE);
    expect(first.entries[0]!.action).toBe("test.org_change");
    expect(first.nextBefore).not.toBeNull();
    const second = await listAuditEntries(nationalAdmin, { before: first.nextBefore! });
    expect(second.entries.length).toBeGreaterThan(0);
    expect(Math.max(...second.entries.map((e) => e.id))).toBeLessThan(Math.min(...first.entries.map((e) => e.id)));
    expect(first.entries.every((e) => !JSON.stringify(e.after).includes("never stored"))).toBe(true);
  });

  it("filters by action and entity type", async () => {
    const bulk = await listAuditEntries(nationalAdmin, { action: "test.bulk" });
    expect(bulk.entries.every((e) => e.action === "test.bulk")).toBe(true);
    const orgs = await listAuditEntries(nationalAdmin, { entityType: "organization" });
    expect(orgs.entries.map((e) => e.action)).toEqual(["test.org_change"]);
    expect((await listAuditEntries(nationalAdmin, { action: "<script>", entityType: "' or 1=1 --" })).entries).toEqual([]);
    const facets = await listAuditFacets(nationalAdmin);
    expect(facets.actions).toEqual(expect.arrayContaining(["test.bulk", "test.org_change"]));
    expect(facets.entityTypes).toEqual(expect.arrayContaining(["organization", "thing"]));
  });

  it("is for national admins only; an organisation's admin reads only that organisation's entries", async () => {
    for (const actor of [countyAdvisor, orgAdmin]) {
      await expect(listAuditEntries(actor, {})).rejects.toBeAppError("forbidden");
      await expect(listAuditFacets(actor)).rejects.toBeAppError("forbidden");
    }
    await expect(listAuditEntries(anonymous(), {})).rejects.toBeAppError("unauthenticated");
    expect((await listOrganizationAuditEntries(orgAdmin, orgId)).entries.map((e) => e.action)).toEqual(["test.org_change"]);
    await expect(listOrganizationAuditEntries(countyAdvisor, orgId)).rejects.toBeAppError("forbidden");
    await expect(listOrganizationAuditEntries(anonymous(), orgId)).rejects.toBeAppError("unauthenticated");
  });

  it("gives an organisation's log only what its page shows: who by e-mail, what, and the fields that changed", async () => {
    const [entry] = (await listOrganizationAuditEntries(orgAdmin, orgId)).entries;
    expect(entry).toEqual({
      id: expect.any(Number),
      at: expect.any(Date),
      actorEmail: orgAdmin.email,
      action: "test.org_change",
      changes: [{ field: "name", before: "A", after: "B", oneSided: false }],
    });
    // The full log keeps the IP address (the national admin's page shows it), never the actor's user id.
    const [full] = (await listAuditEntries(nationalAdmin, { action: "test.org_change" })).entries;
    expect(Object.keys(full!).sort()).toEqual(["action", "actorEmail", "after", "at", "before", "entityId", "entityType", "id", "ip"]);
  });

  it("reads nonsense in the address bar as no filter", () => {
    expect(auditQuerySchema.parse({ before: "abc", action: "x".repeat(10_000), entityType: "" })).toEqual({
      before: undefined,
      action: undefined,
      entityType: undefined,
    });
    expect(auditQuerySchema.parse({ before: "-5" }).before).toBeUndefined();
    expect(auditQuerySchema.parse({ before: "1e400" }).before).toBeUndefined();
    expect(auditQuerySchema.parse({ before: "42", action: "role.grant" })).toEqual({ before: 42, action: "role.grant", entityType: undefined });
  });
});
