import { beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { getDb } from "~/db/client.server.ts";
import { auditLog, roleGrants } from "~/db/schema/index.ts";
import { anonymous, type UserActor } from "~/domain/auth/actor.ts";
import { createActor, createOrganization, createUser } from "../../../tests/factories.ts";
import { getAdminOverview, getRoleGrantForRevoke, getRoleGrantOptions, grantRole, listRoleGrants, revokeRole } from "./roles.server.ts";
import { appErrorOf } from "../../../tests/app-error.ts";

let nationalAdmin: UserActor;
let innlandetAdvisor: UserActor;
let hamarCoordinator: UserActor;
let orgMember: UserActor;

beforeAll(async () => {
  nationalAdmin = await createActor({ roles: [{ role: "national_admin" }], user: { email: "admin@imdi.test" } });
  innlandetAdvisor = await createActor({ roles: [{ role: "county_advisor", countyNumber: "34" }], user: { email: "advisor@innlandet.test" } });
  hamarCoordinator = await createActor({ roles: [{ role: "municipal_coordinator", municipalityNumber: "3403" }], user: { email: "coordinator@hamar.test" } });
  const org = await createOrganization({ municipalities: ["3403"] });
  orgMember = await createActor({ memberships: [{ organizationId: org.id, role: "admin" }] });
});

async function grantsOf(userId: string) {
  return getDb().select().from(roleGrants).where(eq(roleGrants.userId, userId));
}

async function auditCount() {
  return (await getDb().select({ id: auditLog.id }).from(auditLog)).length;
}

describe("granting roles", () => {
  it("lets a national admin grant every role, each recorded in the audit log", async () => {
    const user = await createUser();
    const before = await auditCount();
    await grantRole(nationalAdmin, { email: user.email, role: "municipal_coordinator", municipalityNumber: "3905" });
    await grantRole(nationalAdmin, { email: user.email.toUpperCase(), role: "county_advisor", countyNumber: "39" });
    await grantRole(nationalAdmin, { email: user.email, role: "national_admin" });
    const grants = await grantsOf(user.id);
    expect(grants.map((g) => [g.role, g.municipalityNumber, g.countyNumber]).sort()).toEqual([
      ["county_advisor", null, "39"],
      ["municipal_coordinator", "3905", null],
      ["national_admin", null, null],
    ]);
    expect(grants.every((g) => g.grantedBy === nationalAdmin.userId)).toBe(true);
    const entries = await getDb().select().from(auditLog).where(eq(auditLog.action, "role.grant"));
    expect(await auditCount()).toBe(before + 3);
    expect(entries.some((e) => (e.after as { userId: string }).userId === user.id && e.actorEmail === nationalAdmin.email)).toBe(true);
  });

  it("keeps only the scope the role needs, whatever else the form sent", async () => {
    const user = await createUser();
    await grantRole(nationalAdmin, { email: user.email, role: "national_admin", municipalityNumber: "3403", countyNumber: "34" });
    const [grant] = await grantsOf(user.id);
    expect(grant).toMatchObject({ role: "national_admin", municipalityNumber: null, countyNumber: null });
  });

  it("lets the Innlandet advisor make a Hamar coordinator, but not a Tønsberg one, an advisor or a national admin", async () => {
    const user = await createUser();
    await grantRole(innlandetAdvisor, { email: user.email, role: "municipal_coordinator", municipalityNumber: "3403" });
    for (const input of [
      { role: "municipal_coordinator", municipalityNumber: "3905" },
      { role: "county_advisor", countyNumber: "34" },
      { role: "county_advisor", countyNumber: "39" },
      { role: "national_admin" },
    ]) {
      const error = await appErrorOf(grantRole(innlandetAdvisor, { email: user.email, ...input }));
      expect(error.code).toBe("forbidden");
    }
    expect((await grantsOf(user.id)).map((g) => g.municipalityNumber)).toEqual(["3403"]);
  });

  it("refuses coordinators, organisation members and anonymous visitors", async () => {
    const user = await createUser();
    const input = { email: user.email, role: "municipal_coordinator", municipalityNumber: "3403" };
    await expect(grantRole(hamarCoordinator, input)).rejects.toBeAppError("forbidden");
    await expect(grantRole(orgMember, input)).rejects.toBeAppError("forbidden");
    await expect(grantRole(anonymous(), input)).rejects.toBeAppError("unauthenticated");
    expect(await grantsOf(user.id)).toEqual([]);
  });

  it("asks for a registered account when nobody has the e-mail address", async () => {
    const before = await auditCount();
    const error = await appErrorOf(grantRole(nationalAdmin, { email: "nobody@nowhere.test", role: "national_admin" }));
    expect(error.code).toBe("validation");
    expect(error.fieldErrors.email).toEqual({ key: "admin.roles.noAccount" });
    expect(await auditCount()).toBe(before);
  });

  it("refuses a role for an account whose e-mail address is not verified, says why, and writes nothing", async () => {
    // Anyone can register any address; until its holder proves it, the account may be someone else's.
    const unverified = await createUser({ emailVerifiedAt: null });
    const before = await auditCount();
    for (const [granter, input] of [
      [nationalAdmin, { email: unverified.email, role: "national_admin" }],
      [innlandetAdvisor, { email: unverified.email, role: "municipal_coordinator", municipalityNumber: "3403" }],
    ] as const) {
      const error = await appErrorOf(grantRole(granter, input));
      expect(error.code).toBe("validation");
      expect(error.fieldErrors.email).toEqual({ key: "admin.roles.unverified" });
    }
    expect(await grantsOf(unverified.id)).toEqual([]);
    expect(await auditCount()).toBe(before);
  });

  it("reports a role the user already has as a conflict and writes nothing", async () => {
    const user = await createUser();
    await grantRole(innlandetAdvisor, { email: user.email, role: "municipal_coordinator", municipalityNumber: "3403" });
    const before = await auditCount();
    const error = await appErrorOf(grantRole(nationalAdmin, { email: user.email, role: "municipal_coordinator", municipalityNumber: "3403" }));
    expect(error).toMatchObject({ code: "conflict", messageKey: "admin.roles.duplicate" });
    expect(await grantsOf(user.id)).toHaveLength(1);
    expect(await auditCount()).toBe(before);
  });

  it("rejects bad input with field errors and writes nothing", async () => {
    const user = await createUser();
    const before = await auditCount();
    const cases: [Record<string, unknown>, string, string][] = [
      [{ email: user.email, role: "municipal_coordinator" }, "municipalityNumber", "validation.admin.municipalityRequired"],
      [{ email: user.email, role: "municipal_coordinator", municipalityNumber: "" }, "municipalityNumber", "validation.admin.municipalityRequired"],
      [{ email: user.email, role: "municipal_coordinator", municipalityNumber: "9999" }, "municipalityNumber", "validation.municipality"],
      [{ email: user.email, role: "municipal_coordinator", municipalityNumber: "34O3" }, "municipalityNumber", "validation.municipality"],
      [{ email: user.email, role: "municipal_coordinator", municipalityNumber: "3403' or 1=1 --" }, "municipalityNumber", "validation.municipality"],
      [{ email: user.email, role: "municipal_coordinator", municipalityNumber: ["3403", "3905"] }, "municipalityNumber", "validation.municipality"],
      [{ email: user.email, role: "county_advisor" }, "countyNumber", "validation.admin.countyRequired"],
      [{ email: user.email, role: "county_advisor", countyNumber: "99" }, "countyNumber", "validation.admin.county"],
      [{ email: user.email, role: "superuser" }, "role", "validation.invalidChoice"],
      [{ email: user.email, role: "" }, "role", "validation.required"],
      [{ email: user.email, role: 42 }, "role", "validation.invalidChoice"],
      [{ email: `${"a".repeat(10_000)}@example.no`, role: "national_admin" }, "email", "validation.email"],
      [{ email: "<script>alert(1)</script>", role: "national_admin" }, "email", "validation.email"],
      [{ email: "", role: "national_admin" }, "email", "validation.required"],
      [{ role: "national_admin" }, "email", "validation.required"],
    ];
    for (const [input, field, key] of cases) {
      const error = await appErrorOf(grantRole(nationalAdmin, input));
      expect(error.code, JSON.stringify(input).slice(0, 80)).toBe("validation");
      expect(error.fieldErrors[field]?.key, JSON.stringify(input).slice(0, 80)).toBe(key);
    }
    await expect(grantRole(nationalAdmin, null)).rejects.toBeAppError("validation");
    await expect(grantRole(nationalAdmin, "role=national_admin")).rejects.toBeAppError("validation");
    expect(await grantsOf(user.id)).toEqual([]);
    expect(await auditCount()).toBe(before);
  });
});

describe("revoking roles", () => {
  it("lets the Innlandet advisor revoke a Hamar coordinator but not a Tønsberg one, another advisor or a national admin", async () => {
    const hamar = await createUser();
    const tonsberg = await createUser();
    const advisor = await createUser();
    const hamarGrant = await grantRole(nationalAdmin, { email: hamar.email, role: "municipal_coordinator", municipalityNumber: "3403" });
    const tonsbergGrant = await grantRole(nationalAdmin, { email: tonsberg.email, role: "municipal_coordinator", municipalityNumber: "3905" });
    const advisorGrant = await grantRole(nationalAdmin, { email: advisor.email, role: "county_advisor", countyNumber: "34" });
    const [adminGrant] = await grantsOf(nationalAdmin.userId);

    for (const grant of [tonsbergGrant, advisorGrant, adminGrant!]) {
      await expect(revokeRole(innlandetAdvisor, grant.id)).rejects.toBeAppError("forbidden");
      await expect(getRoleGrantForRevoke(innlandetAdvisor, grant.id)).rejects.toBeAppError("forbidden");
    }
    expect((await getRoleGrantForRevoke(innlandetAdvisor, hamarGrant.id)).userEmail).toBe(hamar.email);
    await revokeRole(innlandetAdvisor, hamarGrant.id);
    expect(await grantsOf(hamar.id)).toEqual([]);
    expect(await grantsOf(tonsberg.id)).toHaveLength(1);
    const [entry] = await getDb()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "role.revoke"), eq(auditLog.entityId, hamarGrant.id)));
    expect(entry).toMatchObject({ actorEmail: innlandetAdvisor.email, entityType: "role_grant", after: null });
    expect(entry!.before).toMatchObject({ role: "municipal_coordinator", municipalityNumber: "3403", userId: hamar.id });
  });

  it("refuses coordinators and organisation members, and answers 404 for unknown or malformed ids", async () => {
    const user = await createUser();
    const grant = await grantRole(nationalAdmin, { email: user.email, role: "municipal_coordinator", municipalityNumber: "3403" });
    await expect(revokeRole(hamarCoordinator, grant.id)).rejects.toBeAppError("forbidden");
    await expect(revokeRole(orgMember, grant.id)).rejects.toBeAppError("forbidden");
    await expect(revokeRole(anonymous(), grant.id)).rejects.toBeAppError("unauthenticated");
    for (const id of ["not-a-uuid", "", "00000000-0000-4000-8000-000000000000", "1; drop table role_grants", 42, null]) {
      await expect(revokeRole(nationalAdmin, id)).rejects.toBeAppError("not_found");
    }
    expect(await grantsOf(user.id)).toHaveLength(1);
  });

  it("never removes the last national admin, but allows it while another remains", async () => {
    const [ownGrant] = (await grantsOf(nationalAdmin.userId)).filter((g) => g.role === "national_admin");
    const others = await getDb().select().from(roleGrants).where(eq(roleGrants.role, "national_admin"));
    // Leave the test's admin as the only national admin.
    for (const other of others.filter((g) => g.id !== ownGrant!.id)) await revokeRole(nationalAdmin, other.id);
    const error = await appErrorOf(revokeRole(nationalAdmin, ownGrant!.id));
    expect(error).toMatchObject({ code: "conflict", messageKey: "admin.roles.lastNationalAdmin" });
    expect(await grantsOf(nationalAdmin.userId)).toHaveLength(1);

    const second = await createActor({ roles: [{ role: "national_admin" }] });
    await revokeRole(nationalAdmin, ownGrant!.id);
    expect(await grantsOf(nationalAdmin.userId)).toEqual([]);
    // Restore, so the order of tests in this file does not matter.
    await grantRole(second, { email: nationalAdmin.email, role: "national_admin" });
  });
});

describe("listing roles", () => {
  it("shows national admins every grant, and the Innlandet advisor only Innlandet's", async () => {
    const tonsberg = await createUser();
    await grantRole(nationalAdmin, { email: tonsberg.email, role: "municipal_coordinator", municipalityNumber: "3905" });
    const all = await listRoleGrants(nationalAdmin, { page: "1" });
    expect(all.grants.some((g) => g.municipalityNumber === "3905")).toBe(true);
    expect(all.grants.some((g) => g.role === "national_admin")).toBe(true);

    const innlandet = await listRoleGrants(innlandetAdvisor, {});
    expect(innlandet.grants.length).toBeGreaterThan(0);
    for (const grant of innlandet.grants) {
      expect(grant.role === "municipal_coordinator" ? grant.municipalityNumber!.slice(0, 2) : grant.countyNumber).toBe("34");
      expect(grant.canRevoke).toBe(grant.role === "municipal_coordinator");
    }
    const hamar = innlandet.grants.find((g) => g.municipalityNumber === "3403");
    expect(hamar).toMatchObject({ municipalityName: "Hamar", municipalityCountyName: "Innlandet" });
    // Asking for another county's grants gives nothing rather than a leak.
    expect((await listRoleGrants(innlandetAdvisor, { county: "39" })).grants).toEqual([]);
  });

  it("filters by role and county and ignores nonsense in the query", async () => {
    const coordinators = await listRoleGrants(nationalAdmin, { role: "municipal_coordinator", county: "39" });
    expect(coordinators.grants.length).toBeGreaterThan(0);
    expect(coordinators.grants.every((g) => g.role === "municipal_coordinator" && g.municipalityNumber!.startsWith("39"))).toBe(true);
    const nonsense = await listRoleGrants(nationalAdmin, { page: "-3", role: "<b>", county: "x".repeat(10_000) });
    expect(nonsense.page).toBe(1);
    expect(nonsense.filter).toMatchObject({ role: undefined, county: undefined });
    expect((await listRoleGrants(nationalAdmin, { page: "99999" })).grants).toEqual([]);
  });

  it("is closed to coordinators, organisation members and anonymous visitors", async () => {
    for (const fn of [listRoleGrants, getRoleGrantOptions, getAdminOverview]) {
      await expect(fn(hamarCoordinator)).rejects.toBeAppError("forbidden");
      await expect(fn(orgMember)).rejects.toBeAppError("forbidden");
      await expect(fn(anonymous())).rejects.toBeAppError("unauthenticated");
    }
  });

  it("offers a county advisor only the coordinator role and their own county's kommuner", async () => {
    const options = await getRoleGrantOptions(innlandetAdvisor);
    expect(options.roles).toEqual(["municipal_coordinator"]);
    expect(options.municipalities.length).toBeGreaterThan(0);
    expect(options.municipalities.every((m) => m.countyNumber === "34")).toBe(true);
    expect(options.counties).toEqual([{ number: "34", name: "Innlandet" }]);
    const national = await getRoleGrantOptions(nationalAdmin);
    expect(national.roles).toEqual(["municipal_coordinator", "county_advisor", "national_admin"]);
    expect(national.municipalities).toHaveLength(357);
    expect(national.counties).toHaveLength(15);
  });
});
