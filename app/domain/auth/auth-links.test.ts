import { describe, expect, it } from "vitest";
import { and, desc, eq } from "drizzle-orm";
import { getDb } from "~/db/client.server.ts";
import { emailTokens, outboundEmails, sessions, users } from "~/db/schema/index.ts";
import { AppError } from "~/lib/errors.ts";
import { createActor, getUserByEmail } from "../../../tests/factories.ts";
import {
  registerWithPassword,
  requestMagicLink,
  requestPasswordReset,
  resendVerification,
  resetPassword,
  signInWithMagicLink,
  signInWithPassword,
  verifyEmail,
} from "./auth.server.ts";
import { loadActorForSession } from "./session.server.ts";

/** The one-time links in e-mails, tested the way a user meets them: read from the outbox. */

const meta = { ip: "10.0.0.2", userAgent: "vitest", locale: "nb" as const };
const PASSWORD = "original password 1";

async function lastMailTo(email: string) {
  const [mail] = await getDb().select().from(outboundEmails).where(eq(outboundEmails.to, email)).orderBy(desc(outboundEmails.createdAt)).limit(1);
  if (!mail) throw new Error(`no e-mail to ${email}`);
  return mail;
}

async function linkFromLastMail(email: string): Promise<URL> {
  const match = (await lastMailTo(email)).text.match(/https?:\/\/\S+/);
  if (!match) throw new Error("no link in the e-mail");
  return new URL(match[0]);
}

async function mailCount(email: string) {
  return (await getDb().select().from(outboundEmails).where(eq(outboundEmails.to, email))).length;
}

async function expectInvalidToken(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe("invalid_token");
}

describe("password reset", () => {
  it("sets a new password from the e-mailed link once, ends old sessions and signs in", async () => {
    await registerWithPassword({ name: "R", email: "reset@example.no", password: PASSWORD }, meta);
    const user = (await getUserByEmail("reset@example.no"))!;
    await requestPasswordReset({ email: " Reset@Example.no " }, meta);
    const link = await linkFromLastMail("reset@example.no");
    expect(link.pathname).toBe("/nytt-passord");
    const token = link.searchParams.get("token")!;

    // A form mistake does not use up the link.
    await expect(resetPassword({ token, password: "new password 22", passwordRepeat: "new password 23" }, meta)).rejects.toMatchObject({
      code: "validation",
      fieldErrors: { passwordRepeat: { key: "validation.passwordMismatch" } },
    });

    const signedIn = await resetPassword({ token, password: "new password 22", passwordRepeat: "new password 22" }, meta);
    expect(signedIn.userId).toBe(user.id);
    const remaining = await getDb().select().from(sessions).where(eq(sessions.userId, user.id));
    expect(remaining).toHaveLength(1);
    await expect(signInWithPassword({ email: "reset@example.no", password: PASSWORD }, meta)).rejects.toMatchObject({ messageKey: "auth.invalidCredentials" });
    await signInWithPassword({ email: "reset@example.no", password: "new password 22" }, meta);
    await expectInvalidToken(resetPassword({ token, password: "third password 3", passwordRepeat: "third password 3" }, meta));
  });

  it("refuses an expired link and leaves the password alone", async () => {
    await registerWithPassword({ name: "E", email: "expired@example.no", password: PASSWORD }, meta);
    await requestPasswordReset({ email: "expired@example.no" }, meta);
    const token = (await linkFromLastMail("expired@example.no")).searchParams.get("token")!;
    const user = (await getUserByEmail("expired@example.no"))!;
    await getDb()
      .update(emailTokens)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(and(eq(emailTokens.userId, user.id), eq(emailTokens.purpose, "password_reset")));
    await expectInvalidToken(resetPassword({ token, password: "new password 22", passwordRepeat: "new password 22" }, meta));
    expect((await getUserByEmail("expired@example.no"))!.passwordHash).toBe(user.passwordHash);
  });

  it("does not accept a link made for another purpose", async () => {
    await registerWithPassword({ name: "P", email: "purpose@example.no", password: PASSWORD }, meta);
    await requestMagicLink({ email: "purpose@example.no" }, meta);
    const token = (await linkFromLastMail("purpose@example.no")).searchParams.get("token")!;
    await expectInvalidToken(resetPassword({ token, password: "new password 22", passwordRepeat: "new password 22" }, meta));
    await expectInvalidToken(verifyEmail(token, meta));
    // …and the failed attempts did not use it up for its own purpose.
    await signInWithMagicLink(token, meta);
  });

  it.each([
    ["missing", undefined],
    ["empty", ""],
    ["10,000 characters", "a".repeat(10_000)],
    ["a number", 12345678901],
    ["an array", ["abc", "def"]],
    ["SQL", "' or 1=1; --"],
  ])("treats a token that is %s as an invalid link, never a crash", async (_label, token) => {
    await expectInvalidToken(resetPassword({ token, password: "new password 22", passwordRepeat: "new password 22" }, meta));
    await expectInvalidToken(signInWithMagicLink(token, meta));
    await expectInvalidToken(verifyEmail(token, meta));
  });

  it("answers the same for unknown addresses, sends nothing, and rate limits per address", async () => {
    await requestPasswordReset({ email: "nobody-here@example.no" }, meta);
    expect(await mailCount("nobody-here@example.no")).toBe(0);

    await registerWithPassword({ name: "L", email: "limit@example.no", password: PASSWORD }, meta);
    for (let i = 0; i < 5; i++) await requestPasswordReset({ email: "limit@example.no" }, meta);
    await expect(requestPasswordReset({ email: "limit@example.no" }, meta)).rejects.toBeAppError("rate_limited");
    await expect(requestPasswordReset({ email: "nobody-here@example.no" }, { ...meta })).resolves.toBeUndefined();
  });

  it.each([
    ["empty", { email: "" }, "validation.required"],
    ["not an address", { email: "not an address" }, "validation.email"],
    ["10,000 characters", { email: `${"a".repeat(10_000)}@example.no` }, "validation.email"],
    ["HTML", { email: "<b>x</b>@example.no" }, "validation.email"],
  ])("refuses an e-mail that is %s", async (_label, input, key) => {
    await expect(requestPasswordReset(input, meta)).rejects.toMatchObject({ code: "validation", fieldErrors: { email: { key } } });
  });
});

describe("e-mail verification", () => {
  it("verifies with the link sent at sign-up, once, and signs in", async () => {
    await registerWithPassword({ name: "V", email: "verify@example.no", password: PASSWORD }, meta);
    expect((await getUserByEmail("verify@example.no"))!.emailVerifiedAt).toBeNull();
    const link = await linkFromLastMail("verify@example.no");
    expect(link.pathname).toBe("/bekreft-epost");
    const signedIn = await verifyEmail(link.searchParams.get("token"), { ...meta, ip: "10.0.0.3" });
    expect(signedIn.setCookie).toContain("samspill_session=");
    const user = (await getUserByEmail("verify@example.no"))!;
    expect(user.emailVerifiedAt).toBeInstanceOf(Date);
    expect(signedIn.userId).toBe(user.id);
    // The password chosen at sign-up stays, and now works.
    await signInWithPassword({ email: "verify@example.no", password: PASSWORD }, meta);
    await expectInvalidToken(verifyEmail(link.searchParams.get("token"), meta));
  });

  it("carries where to go next (e.g. the invitation that led to signing up) in the link, same-site paths only", async () => {
    await registerWithPassword({ name: "N", email: "next@example.no", password: PASSWORD }, meta, { next: "/invitasjon/abc" });
    expect((await linkFromLastMail("next@example.no")).searchParams.get("neste")).toBe("/invitasjon/abc");
    await registerWithPassword({ name: "N", email: "evil-next@example.no", password: PASSWORD }, meta, { next: "https://evil.example/" });
    expect((await linkFromLastMail("evil-next@example.no")).searchParams.has("neste")).toBe(false);
  });

  it("sends a new link to an unverified user on request, and nothing once verified", async () => {
    const actor = await createActor({ user: { email: "resend@example.no", emailVerifiedAt: null } });
    await resendVerification(actor, "en");
    expect(await mailCount("resend@example.no")).toBe(1);
    expect((await lastMailTo("resend@example.no")).subject).toBe("Confirm your e-mail address for Samspill");

    await getDb().update(users).set({ emailVerifiedAt: new Date() }).where(eq(users.id, actor.userId));
    const verified = await loadActorForSession(actor.sessionId, null);
    await resendVerification(verified, "nb");
    expect(await mailCount("resend@example.no")).toBe(1);
  });

  it("counts a magic-link sign-in as proof of the address", async () => {
    await registerWithPassword({ name: "M", email: "magicproof@example.no", password: PASSWORD }, meta);
    await requestMagicLink({ email: "magicproof@example.no" }, meta);
    await signInWithMagicLink((await linkFromLastMail("magicproof@example.no")).searchParams.get("token"), meta);
    expect((await getUserByEmail("magicproof@example.no"))!.emailVerifiedAt).toBeInstanceOf(Date);
  });
});

describe("registration", () => {
  it.each([
    ["10,000-character name", { name: "n".repeat(10_000), email: "long@example.no", password: PASSWORD }, "name", "validation.tooLong"],
    ["10,000-character password", { name: "N", email: "long@example.no", password: "p".repeat(10_000) }, "password", "validation.passwordTooLong"],
    ["wrong types", { name: 1, email: false, password: {} }, "email", "validation.invalid"],
  ])("refuses a sign-up with a %s and creates nothing", async (_label, input, field, key) => {
    await expect(registerWithPassword(input, meta)).rejects.toMatchObject({ code: "validation", fieldErrors: { [field]: { key } } });
    expect(await getUserByEmail("long@example.no")).toBeUndefined();
  });
});
