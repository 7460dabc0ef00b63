import { describe, expect, it } from "vitest";
import { and, count, desc, eq } from "drizzle-orm";
import { getDb } from "~/db/client.server.ts";
import { auditLog, invitations, memberships, outboundEmails, users } from "~/db/schema/index.ts";
import { anonymous, isOrganizationAdmin, isOrganizationMember, type UserActor } from "~/domain/auth/actor.ts";
import { loadActorForSession } from "~/domain/auth/session.server.ts";
import { hashToken } from "~/lib/crypto.server.ts";
import { createActor, createOrganization } from "../../../tests/factories.ts";
import { acceptInvitation, getInvitation, inviteMember, revokeInvitation } from "./invitations.server.ts";
import { changeMemberRole, leaveOrganization, listMembers, removeMember } from "./members.server.ts";
import { appErrorOf } from "../../../tests/app-error.ts";
import { hit, invitationsPerSender } from "~/domain/auth/rate-limit.server.ts";

async function reload(actor: UserActor): Promise<UserActor> {
  return (await loadActorForSession(actor.sessionId, null)) as UserActor;
}

/** The token from the last invitation e-mail sent to `to`, as the recipient would click it. */
async function invitationTokenSentTo(to: string): Promise<string> {
  const [mail] = await getDb().select().from(outboundEmails).where(eq(outboundEmails.to, to)).orderBy(desc(outboundEmails.createdAt)).limit(1);
  const match = mail?.text.match(/\/invitasjon\/([A-Za-z0-9_-]+)/);
  if (!match) throw new Error(`no invitation link in the last e-mail to ${to}`);
  return match[1]!;
}

async function roleOf(organizationId: string, userId: string) {
  const [row] = await getDb()
    .select({ role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.organizationId, organizationId), eq(memberships.userId, userId)));
  return row?.role ?? null;
}

async function auditCount() {
  const [row] = await getDb().select({ n: count() }).from(auditLog);
  return row!.n;
}

async function orgWithAdmin() {
  const org = await createOrganization({ name: "Hamar frivilligsentral" });
  const admin = await createActor({ memberships: [{ organizationId: org.id, role: "admin" }], user: { name: "Ola Admin" } });
  return { org, admin };
}

describe("members", () => {
  it("never removes or demotes the last admin, and says why", async () => {
    const { org, admin } = await orgWithAdmin();
    const member = await createActor({ memberships: [{ organizationId: org.id, role: "member" }] });
    const nationalAdmin = await createActor({ roles: [{ role: "national_admin" }] });

    await expect(changeMemberRole(admin, org.id, { userId: admin.userId, role: "member" })).rejects.toBeAppError("validation", "org.members.error.lastAdmin");
    await expect(removeMember(nationalAdmin, org.id, { userId: admin.userId, confirm: "on" })).rejects.toBeAppError(
      "validation",
      "org.members.error.lastAdmin",
    );
    await expect(leaveOrganization(admin, org.id, { confirm: "on" })).rejects.toBeAppError("validation", "org.members.error.lastAdmin");
    expect(await roleOf(org.id, admin.userId)).toBe("admin");

    // With a second admin, the first may step down.
    await changeMemberRole(admin, org.id, { userId: member.userId, role: "admin" });
    await changeMemberRole(admin, org.id, { userId: admin.userId, role: "member" });
    expect(await roleOf(org.id, admin.userId)).toBe("member");
    expect(await roleOf(org.id, member.userId)).toBe("admin");
  });

  it("removes a member only with confirmation, and logs it", async () => {
    const { org, admin } = await orgWithAdmin();
    const member = await createActor({ memberships: [{ organizationId: org.id, role: "member" }] });
    const error = await appErrorOf(removeMember(admin, org.id, { userId: member.userId }), "validation");
    expect(error.fieldErrors.confirm?.key).toBe("org.members.error.confirmRequired");
    expect(await roleOf(org.id, member.userId)).toBe("member");

    await removeMember(admin, org.id, { userId: member.userId, confirm: "on" });
    expect(await roleOf(org.id, member.userId)).toBeNull();
    const [entry] = await getDb().select().from(auditLog).where(eq(auditLog.organizationId, org.id)).orderBy(desc(auditLog.id)).limit(1);
    expect(entry).toMatchObject({ action: "membership.removed", actorEmail: admin.email, before: { email: member.email, role: "member" } });
  });

  it("lets members leave on their own", async () => {
    const { org } = await orgWithAdmin();
    const member = await createActor({ memberships: [{ organizationId: org.id, role: "member" }] });
    await expect(leaveOrganization(member, org.id, {})).rejects.toBeAppError("validation");
    await leaveOrganization(member, org.id, { confirm: "on" });
    expect(await roleOf(org.id, member.userId)).toBeNull();
    await expect(leaveOrganization(await reload(member), org.id, { confirm: "on" })).rejects.toBeAppError("forbidden");
  });

  it("lets only its admins and national admins manage members", async () => {
    const { org, admin } = await orgWithAdmin();
    const otherOrg = await createOrganization();
    const otherAdmin = await createActor({ memberships: [{ organizationId: otherOrg.id, role: "admin" }] });
    const member = await createActor({ memberships: [{ organizationId: org.id, role: "member" }] });
    const coordinator = await createActor({ roles: [{ role: "municipal_coordinator", municipalityNumber: "3403" }] });
    const nationalAdmin = await createActor({ roles: [{ role: "national_admin" }] });
    const before = await auditCount();

    for (const actor of [member, coordinator, otherAdmin]) {
      await expect(changeMemberRole(actor, org.id, { userId: member.userId, role: "admin" })).rejects.toBeAppError("forbidden");
      await expect(removeMember(actor, org.id, { userId: member.userId, confirm: "on" })).rejects.toBeAppError("forbidden");
      await expect(inviteMember(actor, org.id, { email: "x@example.no", role: "admin" })).rejects.toBeAppError("forbidden");
    }
    await expect(inviteMember(anonymous(), org.id, { email: "x@example.no", role: "admin" })).rejects.toBeAppError("unauthenticated");
    expect(await auditCount()).toBe(before);
    expect(await roleOf(org.id, member.userId)).toBe("member");

    await changeMemberRole(nationalAdmin, org.id, { userId: member.userId, role: "admin" });
    expect(await roleOf(org.id, member.userId)).toBe("admin");
    expect((await listMembers(member, org.id)).members).toHaveLength(2);
    expect((await listMembers(member, org.id)).access.canManageMembers).toBe(false);
    expect((await listMembers(admin, org.id)).access.canManageMembers).toBe(true);
  });

  it("refuses bad input without changing anything", async () => {
    const { org, admin } = await orgWithAdmin();
    const before = await auditCount();
    await expect(changeMemberRole(admin, org.id, { userId: "not-a-uuid", role: "admin" })).rejects.toBeAppError("validation");
    await expect(changeMemberRole(admin, org.id, { userId: admin.userId, role: "owner" })).rejects.toBeAppError("validation");
    await expect(changeMemberRole(admin, org.id, { userId: ["x"], role: 1 })).rejects.toBeAppError("validation");
    await expect(changeMemberRole(admin, org.id, { userId: "00000000-0000-4000-8000-000000000999", role: "admin" })).rejects.toBeAppError("not_found");
    await expect(removeMember(admin, "'; drop table memberships; --", { userId: admin.userId, confirm: "on" })).rejects.toBeAppError("not_found");
    await expect(inviteMember(admin, org.id, { email: "<script>@x", role: "member" })).rejects.toBeAppError("validation");
    await expect(inviteMember(admin, org.id, { email: `${"a".repeat(10_000)}@example.no`, role: "member" })).rejects.toBeAppError("validation");
    await expect(inviteMember(admin, org.id, { email: "ok@example.no", role: "owner" })).rejects.toBeAppError("validation");
    await expect(revokeInvitation(admin, org.id, { invitationId: "nope", confirm: "on" })).rejects.toBeAppError("validation");
    expect(await auditCount()).toBe(before);
    expect(await roleOf(org.id, admin.userId)).toBe("admin");
  });
});

describe("invitations", () => {
  it("one address gets at most 10 invitations a day, from everyone together; the 11th is refused and sends nothing", async () => {
    const { org, admin } = await orgWithAdmin();
    const other = await orgWithAdmin();
    for (let i = 0; i < 5; i++) {
      await inviteMember(admin, org.id, { email: "mye.post@example.no", role: "member" });
      await inviteMember(other.admin, other.org.id, { email: "Mye.Post@example.no", role: "member" });
    }
    const mailsBefore = await getDb().select().from(outboundEmails).where(eq(outboundEmails.to, "mye.post@example.no"));
    expect(mailsBefore).toHaveLength(10);
    const invitationsBefore = await getDb().select().from(invitations).where(eq(invitations.email, "mye.post@example.no"));
    expect(await appErrorOf(inviteMember(admin, org.id, { email: "mye.post@example.no", role: "member" }))).toMatchObject({
      code: "rate_limited",
      messageKey: "errors.rateLimited",
    });
    expect(await getDb().select().from(outboundEmails).where(eq(outboundEmails.to, "mye.post@example.no"))).toHaveLength(10);
    expect(await getDb().select().from(invitations).where(eq(invitations.email, "mye.post@example.no"))).toEqual(invitationsBefore);
    // Other addresses are not affected.
    await inviteMember(admin, org.id, { email: "noen.andre@example.no", role: "member" });
  });

  it("one person sends at most 60 invitations an hour, to any addresses; a refused one writes and sends nothing", async () => {
    const { org, admin } = await orgWithAdmin();
    for (let i = 0; i < 60; i++) await hit(getDb(), `invite:sender:${admin.userId}`, invitationsPerSender);
    const audits = await auditCount();
    expect(await appErrorOf(inviteMember(admin, org.id, { email: "nummer61@example.no", role: "member" }))).toMatchObject({ code: "rate_limited" });
    expect(await getDb().select().from(outboundEmails).where(eq(outboundEmails.to, "nummer61@example.no"))).toHaveLength(0);
    expect(await getDb().select().from(invitations).where(eq(invitations.organizationId, org.id))).toHaveLength(0);
    expect(await auditCount()).toBe(audits);
    // Another admin of the same organisation is not limited by it.
    const colleague = await createActor({ memberships: [{ organizationId: org.id, role: "admin" }] });
    await inviteMember(colleague, org.id, { email: "nummer61@example.no", role: "member" });
  });

  it("invites by e-mail, and the invited person joins through the link", async () => {
    const { org, admin } = await orgWithAdmin();
    await inviteMember(admin, org.id, { email: "  Ny.Person@Example.NO ", role: "member" }, { locale: "en" });

    const [mail] = await getDb().select().from(outboundEmails).where(eq(outboundEmails.to, "ny.person@example.no"));
    expect(mail!.subject).toBe("Invitation to Hamar frivilligsentral on Samspill");
    expect(mail!.text).toContain("Ola Admin has invited you");
    expect(mail!.text).toContain("http://localhost:3000/invitasjon/");
    const token = await invitationTokenSentTo("ny.person@example.no");

    // Only the hash is stored.
    const [stored] = await getDb().select().from(invitations).where(eq(invitations.organizationId, org.id));
    expect(stored!.id).toBe(hashToken(token));
    expect(stored!.id).not.toContain(token);
    expect(stored!.expiresAt.getTime() - Date.now()).toBeGreaterThan(13.9 * 24 * 3600_000);

    expect(await getInvitation(token)).toMatchObject({
      organizationId: org.id,
      organizationName: "Hamar frivilligsentral",
      role: "member",
      inviterName: "Ola Admin",
      email: "ny.person@example.no",
    });
    expect((await listMembers(admin, org.id)).invitations.map((i) => i.email)).toEqual(["ny.person@example.no"]);

    const invited = await createActor({ user: { email: "ny.person@example.no" } });
    const { organizationId } = await acceptInvitation(invited, token);
    expect(organizationId).toBe(org.id);
    const joined = await reload(invited);
    expect(isOrganizationMember(joined, org.id)).toBe(true);
    expect(isOrganizationAdmin(joined, org.id)).toBe(false);
    expect((await listMembers(admin, org.id)).invitations).toEqual([]);

    // A used link does not work again.
    await expect(getInvitation(token)).rejects.toBeAppError("invalid_token");
    await expect(acceptInvitation(joined, token)).rejects.toBeAppError("invalid_token");

    const actions = await getDb().select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.organizationId, org.id)).orderBy(auditLog.id);
    expect(actions.map((a) => a.action)).toEqual(["invitation.created", "invitation.accepted"]);
  });

  it("refuses a signed-in user whose e-mail differs, and writes nothing", async () => {
    const { org, admin } = await orgWithAdmin();
    await inviteMember(admin, org.id, { email: "invited@example.no", role: "admin" });
    const token = await invitationTokenSentTo("invited@example.no");
    const someoneElse = await createActor({ user: { email: "someone.else@example.no" } });
    const before = await auditCount();
    await expect(acceptInvitation(someoneElse, token)).rejects.toBeAppError("forbidden", "org.invitation.error.emailMismatch");
    await expect(acceptInvitation(anonymous(), token)).rejects.toBeAppError("unauthenticated");
    expect(await roleOf(org.id, someoneElse.userId)).toBeNull();
    expect(await auditCount()).toBe(before);
    // The right person can still use it, whatever the case of their address.
    const invited = await createActor({ user: { email: "invited@example.no" } });
    await acceptInvitation({ ...invited, email: "Invited@Example.no" }, token);
    expect(await roleOf(org.id, invited.userId)).toBe("admin");
  });

  it("refuses an account with the invited address until the address is verified, and writes nothing", async () => {
    const { org, admin } = await orgWithAdmin();
    await inviteMember(admin, org.id, { email: "unproven@example.no", role: "admin" });
    const token = await invitationTokenSentTo("unproven@example.no");
    // Anyone could have registered this address; only proving it shows the account is the invited person's.
    const unverified = await createActor({ user: { email: "unproven@example.no", emailVerifiedAt: null } });
    const before = await auditCount();
    await expect(acceptInvitation(unverified, token)).rejects.toBeAppError("forbidden", "org.invitation.error.unverified");
    expect(await roleOf(org.id, unverified.userId)).toBeNull();
    expect(await auditCount()).toBe(before);
    // The invitation is still there for when the address is proven.
    expect((await getInvitation(token)).email).toBe("unproven@example.no");
    await getDb().update(users).set({ emailVerifiedAt: new Date() }).where(eq(users.id, unverified.userId));
    await acceptInvitation(await reload(unverified), token);
    expect(await roleOf(org.id, unverified.userId)).toBe("admin");
  });

  it("refuses expired, revoked, replaced and made-up links", async () => {
    const { org, admin } = await orgWithAdmin();
    const invited = await createActor({ user: { email: "late@example.no" } });

    await inviteMember(admin, org.id, { email: "late@example.no", role: "member" });
    const expired = await invitationTokenSentTo("late@example.no");
    await getDb()
      .update(invitations)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(invitations.id, hashToken(expired)));
    await expect(getInvitation(expired)).rejects.toBeAppError("invalid_token");
    await expect(acceptInvitation(invited, expired)).rejects.toBeAppError("invalid_token");

    await inviteMember(admin, org.id, { email: "late@example.no", role: "member" });
    const revoked = await invitationTokenSentTo("late@example.no");
    await expect(revokeInvitation(admin, org.id, { invitationId: hashToken(revoked) })).rejects.toBeAppError("validation");
    await revokeInvitation(admin, org.id, { invitationId: hashToken(revoked), confirm: "on" });
    await expect(acceptInvitation(invited, revoked)).rejects.toBeAppError("invalid_token");
    await expect(revokeInvitation(admin, org.id, { invitationId: hashToken(revoked), confirm: "on" })).rejects.toBeAppError("not_found");

    await inviteMember(admin, org.id, { email: "late@example.no", role: "member" });
    const replaced = await invitationTokenSentTo("late@example.no");
    await inviteMember(admin, org.id, { email: "LATE@example.no", role: "admin" });
    const latest = await invitationTokenSentTo("late@example.no");
    expect(latest).not.toBe(replaced);
    await expect(acceptInvitation(invited, replaced)).rejects.toBeAppError("invalid_token");
    expect((await listMembers(admin, org.id)).invitations).toHaveLength(1);

    for (const bogus of ["", "short", "x".repeat(10_000), "<script>alert(1)</script>", "'; drop table invitations; --", 42, null, "A".repeat(43)]) {
      await expect(getInvitation(bogus)).rejects.toBeAppError("invalid_token");
      await expect(acceptInvitation(invited, bogus)).rejects.toBeAppError("invalid_token");
    }

    await acceptInvitation(invited, latest);
    expect(await roleOf(org.id, invited.userId)).toBe("admin");
  });

  it("another organisation's admin cannot revoke this organisation's invitations", async () => {
    const { org, admin } = await orgWithAdmin();
    const other = await orgWithAdmin();
    await inviteMember(admin, org.id, { email: "keep@example.no", role: "member" });
    const token = await invitationTokenSentTo("keep@example.no");
    await expect(revokeInvitation(other.admin, org.id, { invitationId: hashToken(token), confirm: "on" })).rejects.toBeAppError("forbidden");
    await expect(revokeInvitation(other.admin, other.org.id, { invitationId: hashToken(token), confirm: "on" })).rejects.toBeAppError("not_found");
    expect((await getInvitation(token)).organizationId).toBe(org.id);
  });

  it("refuses inviting someone who is already a member, and upgrades the role of a member who accepts a higher one", async () => {
    const { org, admin } = await orgWithAdmin();
    const member = await createActor({ user: { email: "member@example.no" }, memberships: [{ organizationId: org.id, role: "member" }] });
    const error = await appErrorOf(inviteMember(admin, org.id, { email: "member@example.no", role: "admin" }), "conflict");
    expect(error.fieldErrors.email?.key).toBe("org.invite.error.alreadyMember");

    // Invited while not a member, then joined some other way before accepting.
    const later = await createActor({ user: { email: "later@example.no" } });
    await inviteMember(admin, org.id, { email: "later@example.no", role: "admin" });
    const token = await invitationTokenSentTo("later@example.no");
    await getDb().insert(memberships).values({ organizationId: org.id, userId: later.userId, role: "member" });
    await acceptInvitation(later, token);
    expect(await roleOf(org.id, later.userId)).toBe("admin");
    expect(await roleOf(org.id, member.userId)).toBe("member");
  });
});
