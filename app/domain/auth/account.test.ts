import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { getDb } from "~/db/client.server.ts";
import { auditLog, emailTokens, memberships, oidcIdentities, outboundEmails, roleGrants, sessions, users } from "~/db/schema/index.ts";
import { createActor, createOrganization, getUserByEmail } from "../../../tests/factories.ts";
import { anonymous, type UserActor } from "./actor.ts";
import { changePassword, deleteAccount, exportPersonalData, getDeletionBlockers, getProfile, signOutEverywhere, updateProfile } from "./account.server.ts";
import { requestMagicLink, signInWithPassword } from "./auth.server.ts";
import { hashPassword, verifyPassword } from "./password.server.ts";
import { loadActorForSession } from "./session.server.ts";
import { registerAndVerify } from "../../../tests/auth-helpers.ts";
import { appErrorOf } from "../../../tests/app-error.ts";

const meta = { ip: "10.0.0.9", userAgent: "vitest-agent", locale: "nb" as const };
const PASSWORD = "correct horse battery";

/** Signs up and confirms the address through the real paths, and returns the actor of the session that opened. */
async function registeredActor(email: string, name = "Kari Nordmann"): Promise<UserActor> {
  return registerAndVerify({ name, email, password: PASSWORD }, meta);
}

async function sessionCount(userId: string) {
  return (await getDb().select().from(sessions).where(eq(sessions.userId, userId))).length;
}

describe("profile", () => {
  it("shows the user's own organisations and scoped roles with kommune and fylke names", async () => {
    const org = await createOrganization({ name: "Hamar leksehjelp" });
    const actor = await createActor({
      roles: [
        { role: "municipal_coordinator", municipalityNumber: "3403" },
        { role: "county_advisor", countyNumber: "39" },
      ],
      memberships: [{ organizationId: org.id, role: "admin" }],
    });
    const profile = await getProfile(actor);
    expect(profile.email).toBe(actor.email);
    expect(profile.memberships).toEqual([expect.objectContaining({ organizationId: org.id, organizationName: "Hamar leksehjelp", role: "admin" })]);
    const coordinator = profile.roles.find((r) => r.role === "municipal_coordinator");
    expect(coordinator).toMatchObject({ municipalityNumber: "3403", municipalityName: "Hamar", countyName: "Innlandet" });
    expect(profile.roles.find((r) => r.role === "county_advisor")).toMatchObject({ countyNumber: "39", countyName: "Vestfold" });
  });

  it("is only for a signed-in user", async () => {
    await expect(getProfile(anonymous())).rejects.toBeAppError("unauthenticated");
    await expect(updateProfile(anonymous(), { name: "X" })).rejects.toBeAppError("unauthenticated");
    await expect(exportPersonalData(anonymous())).rejects.toBeAppError("unauthenticated");
    await expect(deleteAccount(anonymous(), { confirmEmail: "a@b.no" })).rejects.toBeAppError("unauthenticated");
  });

  it("renames the user and audits before and after", async () => {
    const actor = await createActor({ user: { name: "Old Name" } });
    await updateProfile(actor, { name: "  New Name  " });
    expect((await getUserByEmail(actor.email))!.name).toBe("New Name");
    const [entry] = await getDb().select().from(auditLog).where(eq(auditLog.action, "user.profile_updated"));
    expect(entry).toMatchObject({ actorUserId: actor.userId, entityId: actor.userId, before: { name: "Old Name" }, after: { name: "New Name" } });
  });

  it.each([
    ["empty", { name: "" }, "validation.required"],
    ["only spaces", { name: "    " }, "validation.required"],
    ["10,000 characters", { name: "x".repeat(10_000) }, "validation.tooLong"],
    // A value of the wrong type is reported as invalid, not as missing.
    ["a number", { name: 42 }, "validation.invalid"],
    ["an array", { name: ["a", "b"] }, "validation.invalid"],
    ["missing", {}, "validation.required"],
  ])("refuses a name that is %s and changes nothing", async (_label, input, key) => {
    const actor = await createActor({ user: { name: "Stays" } });
    const error = await appErrorOf(updateProfile(actor, input), "validation");
    expect(error.fieldErrors.name?.key).toBe(key);
    expect((await getUserByEmail(actor.email))!.name).toBe("Stays");
  });

  it("stores HTML and SQL-looking names as plain text", async () => {
    const actor = await createActor();
    const name = `<script>alert(1)</script>'; drop table users; --`;
    await updateProfile(actor, { name });
    expect((await getUserByEmail(actor.email))!.name).toBe(name);
  });
});

describe("change password", () => {
  it("requires the right current password, then ends the other sessions but keeps this one", async () => {
    const actor = await registeredActor("change@example.no");
    await signInWithPassword({ email: "change@example.no", password: PASSWORD }, meta);
    await signInWithPassword({ email: "change@example.no", password: PASSWORD }, meta);
    expect(await sessionCount(actor.userId)).toBe(3);

    const wrong = await appErrorOf(
      changePassword(actor, { currentPassword: "not the password", newPassword: "brand new password", newPasswordRepeat: "brand new password" }),
      "validation",
    );
    expect(wrong.fieldErrors.currentPassword?.key).toBe("account.password.wrongCurrent");
    const missing = await appErrorOf(changePassword(actor, { newPassword: "brand new password", newPasswordRepeat: "brand new password" }), "validation");
    expect(missing.fieldErrors.currentPassword?.key).toBe("validation.required");
    expect(await sessionCount(actor.userId)).toBe(3);

    await changePassword(actor, { currentPassword: PASSWORD, newPassword: "brand new password", newPasswordRepeat: "brand new password" });
    const user = (await getUserByEmail("change@example.no"))!;
    expect(user.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(user.passwordHash!, "brand new password")).toBe(true);
    const left = await getDb().select().from(sessions).where(eq(sessions.userId, actor.userId));
    expect(left.map((s) => s.id)).toEqual([actor.sessionId]);
    await expect(signInWithPassword({ email: "change@example.no", password: PASSWORD }, meta)).rejects.toMatchObject({ messageKey: "auth.invalidCredentials" });
    const [entry] = await getDb().select().from(auditLog).where(eq(auditLog.action, "user.password_changed"));
    expect(entry).toMatchObject({ actorUserId: actor.userId, after: { otherSessionsEnded: 2 } });
    expect(JSON.stringify(entry)).not.toContain("argon2");
  });

  it("lets an account without a password set one without a current password", async () => {
    const actor = await createActor({ user: { passwordHash: null } });
    await changePassword(actor, { newPassword: "first password!", newPasswordRepeat: "first password!" });
    expect(await verifyPassword((await getUserByEmail(actor.email))!.passwordHash!, "first password!")).toBe(true);
  });

  it.each([
    ["empty", { currentPassword: "", newPassword: "", newPasswordRepeat: "" }, "newPassword", "validation.required"],
    ["too short", { currentPassword: "whatever", newPassword: "short", newPasswordRepeat: "short" }, "newPassword", "validation.passwordTooShort"],
    [
      "10,000 characters",
      { currentPassword: "x", newPassword: "y".repeat(10_000), newPasswordRepeat: "y".repeat(10_000) },
      "newPassword",
      "validation.passwordTooLong",
    ],
    [
      "different repeats",
      { currentPassword: "x", newPassword: "long enough one", newPasswordRepeat: "long enough two" },
      "newPasswordRepeat",
      "validation.passwordMismatch",
    ],
    ["wrong types", { currentPassword: 12, newPassword: { a: 1 }, newPasswordRepeat: null }, "newPassword", "validation.invalid"],
  ])("refuses a new password that is %s and leaves the hash alone", async (_label, input, field, key) => {
    const original = await hashPassword(PASSWORD);
    const actor = await createActor({ user: { passwordHash: original } });
    const error = await appErrorOf(changePassword(actor, input), "validation");
    expect(error.fieldErrors[field]?.key).toBe(key);
    expect((await getUserByEmail(actor.email))!.passwordHash).toBe(original);
  });

  it("rate limits guessing the current password", async () => {
    const actor = await createActor({ user: { passwordHash: await hashPassword(PASSWORD) } });
    for (let i = 0; i < 10; i++) {
      await changePassword(actor, { currentPassword: `guess number ${i}`, newPassword: "new password 123", newPasswordRepeat: "new password 123" }).catch(
        () => {},
      );
    }
    await expect(
      changePassword(actor, { currentPassword: PASSWORD, newPassword: "new password 123", newPasswordRepeat: "new password 123" }),
    ).rejects.toBeAppError("rate_limited");
  });

  it("is refused for the shared demo accounts", async () => {
    const actor = await createActor({ user: { isDemo: true, passwordHash: await hashPassword(PASSWORD) } });
    const error = await appErrorOf(
      changePassword(actor, { currentPassword: PASSWORD, newPassword: "take over demo", newPasswordRepeat: "take over demo" }),
      "conflict",
    );
    expect(error.messageKey).toBe("account.demoProtected");
  });
});

describe("sign out everywhere", () => {
  it("ends every session of the user, this one included, and no one else's", async () => {
    const actor = await registeredActor("everywhere@example.no");
    await signInWithPassword({ email: "everywhere@example.no", password: PASSWORD }, meta);
    const bystander = await createActor();
    await signOutEverywhere(actor);
    expect(await sessionCount(actor.userId)).toBe(0);
    expect(await sessionCount(bystander.userId)).toBe(1);
    expect((await loadActorForSession(actor.sessionId, null)).kind).toBe("anonymous");
  });
});

describe("personal data export", () => {
  it("contains profile, memberships, roles, sessions, own audit entries and e-mails, and no secrets", async () => {
    const actor = await registeredActor("export@example.no", "Eksport Person");
    const org = await createOrganization({ name: "Eksportlaget" });
    await getDb().insert(memberships).values({ organizationId: org.id, userId: actor.userId, role: "member" });
    await getDb().insert(roleGrants).values({ userId: actor.userId, role: "municipal_coordinator", municipalityNumber: "3905" });
    await getDb().insert(oidcIdentities).values({ provider: "idporten", subject: "sub-123", userId: actor.userId });
    await requestMagicLink({ email: "export@example.no" }, meta);
    await updateProfile(actor, { name: "Eksport Endret" });
    const other = await createActor();
    await updateProfile(other, { name: "Someone Else" });

    const data = await exportPersonalData(actor);
    expect(data.profile).toMatchObject({ id: actor.userId, email: "export@example.no", name: "Eksport Endret", hasPassword: true });
    expect(data.memberships).toEqual([expect.objectContaining({ organizationName: "Eksportlaget", role: "member" })]);
    expect(data.roleGrants).toEqual([expect.objectContaining({ role: "municipal_coordinator", municipalityName: "Tønsberg", countyName: "Vestfold" })]);
    expect(data.signInIdentities).toEqual([expect.objectContaining({ provider: "idporten", subject: "sub-123" })]);
    expect(data.sessions).toHaveLength(1);
    expect(data.sessions[0]).toMatchObject({ ip: "10.0.0.9", userAgent: "vitest-agent", method: "email_verification" });
    expect(Object.keys(data.sessions[0]!)).not.toContain("id");
    expect(data.auditEntries.map((e) => e.action)).toEqual(["user.registered", "user.email_verified", "user.signed_in", "user.profile_updated"]);
    expect(data.emails.map((e) => e.subject)).toEqual(["Bekreft e-postadressen din i Samspill", "Logg inn i Samspill"]);

    const json = JSON.stringify(data);
    const user = (await getUserByEmail("export@example.no"))!;
    expect(json).not.toContain("argon2");
    expect(json).not.toContain(user.passwordHash!);
    expect(json).not.toContain(actor.sessionId);
    for (const token of await getDb().select().from(emailTokens).where(eq(emailTokens.userId, actor.userId))) {
      expect(json).not.toContain(token.id);
    }
    // The links in the e-mails carried live tokens; the export keeps the text, not the token.
    expect(json).toContain("token=[removed]");
    expect(json).not.toMatch(/token=[A-Za-z0-9_-]{10,}/);
    expect(json).not.toContain("Someone Else");
    expect(json).not.toContain(other.email);
  });
});

describe("account deletion", () => {
  it("removes the user and what belongs to them, and keeps audit rows without the e-mail address", async () => {
    const actor = await registeredActor("delete-me@example.no", "Slett Meg");
    const org = await createOrganization();
    await getDb().insert(memberships).values({ organizationId: org.id, userId: actor.userId, role: "member" });
    await getDb().insert(roleGrants).values({ userId: actor.userId, role: "municipal_coordinator", municipalityNumber: "3403" });
    await getDb().insert(oidcIdentities).values({ provider: "entra", subject: "abc", userId: actor.userId });
    await updateProfile(actor, { name: "Slett Meg Nå" });
    const bystander = await createActor();

    await deleteAccount(actor, { confirmEmail: "  Delete-Me@Example.no " });

    const db = getDb();
    expect(await db.select().from(users).where(eq(users.id, actor.userId))).toEqual([]);
    expect(await db.select().from(sessions).where(eq(sessions.userId, actor.userId))).toEqual([]);
    expect(await db.select().from(memberships).where(eq(memberships.userId, actor.userId))).toEqual([]);
    expect(await db.select().from(roleGrants).where(eq(roleGrants.userId, actor.userId))).toEqual([]);
    expect(await db.select().from(emailTokens).where(eq(emailTokens.userId, actor.userId))).toEqual([]);
    expect(await db.select().from(oidcIdentities).where(eq(oidcIdentities.userId, actor.userId))).toEqual([]);
    expect(await db.select().from(outboundEmails).where(eq(outboundEmails.to, "delete-me@example.no"))).toEqual([]);

    const entries = await db.select().from(auditLog).where(eq(auditLog.actorUserId, actor.userId)).orderBy(auditLog.id);
    expect(entries.map((e) => e.action)).toEqual(["user.registered", "user.email_verified", "user.signed_in", "user.profile_updated", "user.deleted"]);
    for (const entry of entries) expect(entry.actorEmail).toBeNull();
    expect(JSON.stringify(entries)).not.toContain("delete-me@example.no");
    expect(JSON.stringify(entries)).not.toContain("Slett Meg");
    expect(entries.at(-1)!.before).toMatchObject({
      memberships: [{ organizationId: org.id, role: "member" }],
      roles: [{ role: "municipal_coordinator", municipalityNumber: "3403" }],
    });

    expect(await sessionCount(bystander.userId)).toBe(1);
    const bystanderEntries = await db.select().from(auditLog).where(eq(auditLog.actorUserId, bystander.userId));
    for (const entry of bystanderEntries) expect(entry.actorEmail).toBe(bystander.email);
  });

  it("needs the account's own e-mail address typed as confirmation", async () => {
    const actor = await createActor();
    for (const confirmEmail of ["someone-else@example.no", "x".repeat(10_000)]) {
      await expect(deleteAccount(actor, { confirmEmail })).rejects.toBeAppError("validation");
    }
    for (const input of [{}, { confirmEmail: "" }, { confirmEmail: 5 }, { confirmEmail: [actor.email] }, null, "text"]) {
      await expect(deleteAccount(actor, input)).rejects.toBeAppError("validation");
    }
    expect(await getUserByEmail(actor.email)).toBeDefined();
  });

  it("is refused while the user is the only admin of an organisation with other members, naming it", async () => {
    const shared = await createOrganization({ name: "Eneste admin-lag" });
    const alone = await createOrganization({ name: "Enmannslag" });
    const coAdmined = await createOrganization({ name: "Tomannsstyre" });
    const actor = await createActor({
      memberships: [
        { organizationId: shared.id, role: "admin" },
        { organizationId: alone.id, role: "admin" },
        { organizationId: coAdmined.id, role: "admin" },
      ],
    });
    await createActor({ memberships: [{ organizationId: shared.id, role: "member" }] });
    await createActor({ memberships: [{ organizationId: coAdmined.id, role: "admin" }] });

    expect((await getDeletionBlockers(actor)).soleAdminOf.map((o) => o.name)).toEqual(["Eneste admin-lag"]);
    const error = await appErrorOf(deleteAccount(actor, { confirmEmail: actor.email }), "conflict");
    expect(error.fieldErrors._form).toMatchObject({ key: "account.delete.soleAdminOf", values: { organizations: "Eneste admin-lag", count: 1 } });
    expect(await getUserByEmail(actor.email)).toBeDefined();
    expect(await getDb().select().from(auditLog).where(eq(auditLog.actorUserId, actor.userId))).toEqual([]);
  });

  it("goes ahead once another member is admin too", async () => {
    const org = await createOrganization();
    const actor = await createActor({ memberships: [{ organizationId: org.id, role: "admin" }] });
    const other = await createActor({ memberships: [{ organizationId: org.id, role: "member" }] });
    await expect(deleteAccount(actor, { confirmEmail: actor.email })).rejects.toBeAppError("conflict");
    await getDb().update(memberships).set({ role: "admin" }).where(eq(memberships.userId, other.userId));
    await deleteAccount(actor, { confirmEmail: actor.email });
    expect(await getUserByEmail(actor.email)).toBeUndefined();
  });

  it("is refused for the shared demo accounts", async () => {
    const actor = await createActor({ user: { isDemo: true } });
    const error = await appErrorOf(deleteAccount(actor, { confirmEmail: actor.email }), "conflict");
    expect(error.messageKey).toBe("account.demoProtected");
  });
});
