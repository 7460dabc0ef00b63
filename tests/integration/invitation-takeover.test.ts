import { describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { getDb } from "~/db/client.server.ts";
import { memberships, outboundEmails, roleGrants, sessions } from "~/db/schema/index.ts";
import { exportPersonalData, redactSecrets } from "~/domain/auth/account.server.ts";
import { registerWithPassword, requestMagicLink, signInWithMagicLink, signInWithPassword } from "~/domain/auth/auth.server.ts";
import { loadActorForSession } from "~/domain/auth/session.server.ts";
import { grantRole } from "~/domain/admin/roles.server.ts";
import { acceptInvitation, inviteMember } from "~/domain/organizations/invitations.server.ts";
import { hashToken, randomToken } from "~/lib/crypto.server.ts";
import { createActor, createOrganization, getUserByEmail } from "../factories.ts";
import { newestSessionActor, tokenFromMail } from "../auth-helpers.ts";
import { appErrorOf } from "../app-error.ts";

/**
 * Issue 9, finding 2: someone registers the address of a person who has a
 * pending invitation, without being able to read that person's e-mail, and
 * tries to take the invitation (or a role) over. Every step the squatter can
 * take is tried here, then the real owner of the address gets in.
 */

const INVITEE = "invitee@example.no";
const squatterMeta = { ip: "203.0.113.66", userAgent: "squatter", locale: "nb" as const };
const ownerMeta = { ip: "198.51.100.10", userAgent: "owner", locale: "nb" as const };

describe("a pending invitation cannot be taken over by registering the invitee's address", () => {
  it("keeps the squatter out of the invitation, the role and the mail, and lets the owner in", async () => {
    const org = await createOrganization({ name: "Hamar frivilligsentral" });
    const admin = await createActor({ memberships: [{ organizationId: org.id, role: "admin" }], user: { name: "Ola Admin" } });
    const nationalAdmin = await createActor({ roles: [{ role: "national_admin" }] });

    // The invitation goes out before anyone has an account with the address.
    await inviteMember(admin, org.id, { email: INVITEE, role: "admin" });
    const invitationToken = await tokenOfInvitationMail();

    // The squatter registers the address: the same answer as for any address, and no session.
    expect(await registerWithPassword({ name: "Squatter", email: INVITEE, password: "squatter password 1" }, squatterMeta)).toEqual({ email: INVITEE });
    const squatterUser = (await getUserByEmail(INVITEE))!;
    expect(squatterUser.emailVerifiedAt).toBeNull();
    expect(await getDb().select().from(sessions).where(eq(sessions.userId, squatterUser.id))).toHaveLength(0);
    // The password does not open the account while the address is unproven.
    expect((await appErrorOf(signInWithPassword({ email: INVITEE, password: "squatter password 1" }, squatterMeta))).messageKey).toBe(
      "auth.invalidCredentials",
    );

    // Even with a session (one from before this rule, say), the account acts on nothing addressed to the e-mail…
    const sessionId = hashToken(randomToken());
    await getDb()
      .insert(sessions)
      .values({ id: sessionId, userId: squatterUser.id, method: "password", expiresAt: new Date(Date.now() + 3_600_000) });
    const squatter = await loadActorForSession(sessionId, squatterMeta.ip);
    if (squatter.kind !== "user") throw new Error("no squatter session");
    expect((await appErrorOf(acceptInvitation(squatter, invitationToken))).messageKey).toBe("org.invitation.error.unverified");
    expect(await getDb().select().from(memberships).where(eq(memberships.userId, squatterUser.id))).toEqual([]);
    // …gets no role…
    const refused = await appErrorOf(grantRole(nationalAdmin, { email: INVITEE, role: "national_admin" }));
    expect(refused.fieldErrors.email).toEqual({ key: "admin.roles.unverified" });
    expect(await getDb().select().from(roleGrants).where(eq(roleGrants.userId, squatterUser.id))).toEqual([]);
    // …and its data export holds no mail to the address, no invitation, and no token.
    const squatterExport = await exportPersonalData(squatter);
    expect(squatterExport.emails).toEqual([]);
    expect(squatterExport.invitations).toEqual([]);
    const squatterJson = JSON.stringify(squatterExport);
    expect(squatterJson).not.toContain(invitationToken);
    expect(squatterJson).not.toContain("/invitasjon/");
    expect(squatterJson).not.toContain("Hamar frivilligsentral");

    // The owner of the mailbox signs in by link: the address is proven, the squatter's password and session are gone.
    await requestMagicLink({ email: INVITEE }, ownerMeta);
    const magicToken = await tokenFromMail(INVITEE, "/logg-inn/lenke");
    await signInWithMagicLink(magicToken, ownerMeta);
    expect((await loadActorForSession(sessionId, null)).kind).toBe("anonymous");
    expect((await appErrorOf(signInWithPassword({ email: INVITEE, password: "squatter password 1" }, squatterMeta))).messageKey).toBe(
      "auth.invalidCredentials",
    );

    const owner = await newestSessionActor(INVITEE);
    expect(owner.emailVerified).toBe(true);
    await acceptInvitation(owner, invitationToken);
    const [membership] = await getDb()
      .select()
      .from(memberships)
      .where(and(eq(memberships.userId, owner.userId), eq(memberships.organizationId, org.id)));
    expect(membership!.role).toBe("admin");
    await grantRole(nationalAdmin, { email: INVITEE, role: "municipal_coordinator", municipalityNumber: "3403" });

    // The owner's export: mail from after the account was created, with no working secret in it;
    // the invitation e-mail, sent before the account existed, is not the account's.
    const ownerExport = await exportPersonalData(owner);
    const subjects = ownerExport.emails.map((e) => e.subject);
    expect(subjects).toContain("Logg inn i Samspill");
    expect(subjects.some((s) => s.startsWith("Invitasjon til"))).toBe(false);
    expect(ownerExport.invitations).toEqual([expect.objectContaining({ organizationName: "Hamar frivilligsentral", role: "admin" })]);
    const ownerJson = JSON.stringify(ownerExport);
    for (const secret of [invitationToken, hashToken(invitationToken), magicToken, hashToken(magicToken), sessionId, owner.sessionId]) {
      expect(ownerJson).not.toContain(secret);
    }
    expect(ownerJson).toContain("/logg-inn/lenke?token=[removed]");
    expect(ownerJson).not.toMatch(/argon2/);
  });
});

describe("redacting secrets from e-mail text in the export", () => {
  const token = "oN68OwLeCYb5zBwQOz98anWgUBMhqNGVHv1C2BIhi7E";
  const uuid = "00000000-0000-4000-8000-000000000101";

  it.each([
    ["a token in the query", `http://x.no/logg-inn/lenke?token=${token}`, "http://x.no/logg-inn/lenke?token=[removed]"],
    ["a token after another parameter", `http://x.no/a?b=1&token=${token}&c=2`, "http://x.no/a?b=1&token=[removed]&c=2"],
    ["an invitation token in the path", `http://x.no/invitasjon/${token}\n`, "http://x.no/invitasjon/[removed]\n"],
    [
      "a token inside an encoded next path",
      `http://x.no/bekreft-epost?token=abc&neste=%2Finvitasjon%2F${token}`,
      "http://x.no/bekreft-epost?token=[removed]&neste=%2Finvitasjon%2F[removed]",
    ],
    ["any long random run in a link added later", `http://x.no/ny-lenke/${token}/ok`, "http://x.no/ny-lenke/[removed]/ok"],
  ])("removes %s", (_label, text, expected) => {
    expect(redactSecrets(text)).toBe(expected);
  });

  it("keeps ordinary text and ids that open nothing", () => {
    // A 32-letter Norwegian compound is as long as a token, but not random.
    const text = `Se /organisasjoner/${uuid}/aktiviteter – Integreringstilskuddsforvaltning i Hamar kommune.`;
    expect(redactSecrets(text)).toBe(text);
  });
});

async function tokenOfInvitationMail(): Promise<string> {
  const [mail] = await getDb().select().from(outboundEmails).where(eq(outboundEmails.to, INVITEE));
  const token = mail?.text.match(/\/invitasjon\/([A-Za-z0-9_-]+)/)?.[1];
  if (!token) throw new Error("no invitation e-mail");
  return token;
}
