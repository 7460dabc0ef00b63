import { and, eq, gt, isNull, sql } from "drizzle-orm";
import { getDb, type Queryable } from "~/db/client.server.ts";
import { emailTokens, users } from "~/db/schema/index.ts";
import { getEnv } from "~/env.server.ts";
import type { Locale } from "~/i18n/config.ts";
import { getTranslator } from "~/i18n/translate.ts";
import { safeRedirectPath } from "~/lib/redirect.ts";
import { hashToken, randomToken } from "~/lib/crypto.server.ts";
import { AppError, type FieldError } from "~/lib/errors.ts";
import { parseInput } from "~/lib/validation.ts";
import { recordAudit } from "~/domain/audit/audit.server.ts";
import { sendMail } from "~/domain/mail/mail.server.ts";
import { anonymous, type Actor } from "./actor.ts";
import { emailOnlySchema, resetPasswordSchema, signInSchema, signUpSchema } from "./auth.schema.ts";
import { getDummyHash, hashPassword, verifyPassword } from "./password.server.ts";
import {
  backoffSeconds,
  hit,
  isLimited,
  mailPerAddress,
  mailPerAddressAndIp,
  recordFailure,
  registrationsPerAddress,
  registrationsPerIp,
  reset,
  signInBackoffPerAccount,
  signInBackoffPerAccountAndIp,
  signInPerIp,
} from "./rate-limit.server.ts";
import { createSession, destroyAllSessions, type SessionMeta } from "./session.server.ts";

export interface RequestMeta extends SessionMeta {
  locale: Locale;
}

export interface SignedIn {
  userId: string;
  /** Set-Cookie header carrying the new session. */
  setCookie: string;
}

type TokenPurpose = (typeof emailTokens.$inferInsert)["purpose"];

const tokenLifetimeMinutes: Record<TokenPurpose, number> = {
  magic_link: 15,
  password_reset: 60,
  email_verification: 7 * 24 * 60,
};

const linkPath: Record<TokenPurpose, string> = {
  magic_link: "/logg-inn/lenke",
  password_reset: "/nytt-passord",
  email_verification: "/bekreft-epost",
};

function userActor(userId: string, email: string, ip: string | null): Actor {
  // A minimal actor for audit entries written before a session exists.
  return { kind: "user", userId, email, name: "", emailVerified: false, isDemo: false, locale: null, sessionId: "", roles: [], memberships: [], ip };
}

function isUniqueViolation(error: unknown): boolean {
  for (let e: unknown = error; e && typeof e === "object"; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: unknown }).code === "23505") return true;
  }
  return false;
}

export async function findUserByEmail(db: Queryable, email: string) {
  const [user] = await db.select().from(users).where(eq(users.email, email.trim().toLowerCase()));
  return user;
}

/**
 * Registration with a password. The answer is the same whether or not the
 * address already has an account, so the form does not reveal who is
 * registered: a new address gets an account (unverified) and a link that
 * confirms the address and signs in; a known address gets an e-mail saying
 * it already has an account, with the ways to sign in. Nobody is signed in
 * here: until the address is proven, the account is not usable, so a
 * stranger who registers someone else's address gains nothing.
 * The password is hashed in both cases, so the two take about as long.
 */
export async function registerWithPassword(input: unknown, meta: RequestMeta, options: { next?: unknown } = {}): Promise<{ email: string }> {
  const data = parseInput(signUpSchema, input);
  const db = getDb();
  const ipAllowed = await hit(db, `register:ip:${meta.ip ?? "unknown"}`, registrationsPerIp);
  const addressAllowed = await hit(db, `register:address:${data.email}`, registrationsPerAddress);
  if (!ipAllowed || !addressAllowed) throw new AppError("rate_limited", "auth.registerLimited");
  const passwordHash = await hashPassword(data.password);
  const existing = await findUserByEmail(db, data.email);
  if (existing) {
    await sendAccountExistsMail(existing.email, (existing.locale as Locale | null) ?? meta.locale);
    return { email: data.email };
  }
  const user = await db
    .transaction(async (tx) => {
      const [created] = await tx.insert(users).values({ email: data.email, name: data.name, passwordHash, locale: meta.locale }).returning();
      await recordAudit(tx, userActor(created!.id, created!.email, meta.ip), {
        action: "user.registered",
        entityType: "user",
        entityId: created!.id,
        after: { email: created!.email, name: created!.name },
      });
      return created!;
    })
    .catch((error: unknown) => {
      // Two sign-ups with one address at the same moment: the unique index decides, and the loser is told as for a known address.
      if (isUniqueViolation(error)) return null;
      throw error;
    });
  if (!user) {
    await sendAccountExistsMail(data.email, meta.locale);
    return { email: data.email };
  }
  const next = safeRedirectPath(options.next, "");
  await sendTokenMail(user.id, user.email, "email_verification", meta.locale, next ? { neste: next } : {});
  return { email: data.email };
}

async function sendAccountExistsMail(email: string, locale: Locale): Promise<void> {
  const t = getTranslator(locale);
  const base = getEnv().PUBLIC_URL;
  await sendMail({
    to: email,
    subject: t("mail.accountExists.subject"),
    text: t("mail.accountExists.body", { signInUrl: new URL("/logg-inn", base).toString(), resetUrl: new URL("/glemt-passord", base).toString() }),
  });
}

/** Password sign-in was refused for now; says how long to wait and that a link by e-mail still works. */
function signInThrottled(seconds: number): AppError {
  const wait: FieldError =
    seconds >= 90
      ? { key: "auth.signInThrottled.minutes", values: { minutes: Math.ceil(seconds / 60) } }
      : { key: "auth.signInThrottled.seconds", values: { seconds: Math.max(1, seconds) } };
  return new AppError("rate_limited", "errors.rateLimited", { _form: wait });
}

/**
 * Password sign-in. Guessing is slowed, never locked: failures for one
 * account from one source bring growing delays on that source only; failures
 * for the account from all sources together bring at most a short delay; and
 * one source failing across many accounts is limited. So nobody can keep an
 * account holder out by typing wrong passwords for them, and a magic link
 * works whatever the delays. The same message is given for an unknown
 * e-mail, a wrong password and an address not yet verified (for which a new
 * verification link is sent when the password is right).
 */
export async function signInWithPassword(input: unknown, meta: RequestMeta): Promise<SignedIn> {
  const data = parseInput(signInSchema, input);
  const db = getDb();
  const source = meta.ip ?? "unknown";
  const pairKey = `signin:account-ip:${data.email}|${source}`;
  const accountKey = `signin:account:${data.email}`;
  const ipKey = `signin:ip:${source}`;
  if (await isLimited(db, ipKey, signInPerIp)) throw new AppError("rate_limited", "errors.rateLimited");
  const wait = Math.max(await backoffSeconds(db, pairKey, signInBackoffPerAccountAndIp), await backoffSeconds(db, accountKey, signInBackoffPerAccount));
  if (wait > 0) throw signInThrottled(wait);
  const user = await findUserByEmail(db, data.email);
  const ok = user?.passwordHash ? await verifyPassword(user.passwordHash, data.password) : (await verifyPassword(await getDummyHash(), data.password), false);
  if (!user || !ok) {
    await recordFailure(db, pairKey, signInBackoffPerAccountAndIp);
    await recordFailure(db, accountKey, signInBackoffPerAccount);
    await hit(db, ipKey, signInPerIp);
    throw new AppError("validation", "auth.invalidCredentials");
  }
  if (!user.emailVerifiedAt) {
    // The right password for an address nobody has proven yet: send the link again, answer as for a wrong password.
    if (await mayMail(db, "email_verification", user.email, meta.ip)) {
      await sendTokenMail(user.id, user.email, "email_verification", (user.locale as Locale | null) ?? meta.locale);
    }
    throw new AppError("validation", "auth.invalidCredentials");
  }
  await reset(db, pairKey);
  await reset(db, accountKey);
  await recordAudit(db, userActor(user.id, user.email, meta.ip), {
    action: "user.signed_in",
    entityType: "user",
    entityId: user.id,
    after: { method: "password" },
  });
  return { userId: user.id, setCookie: await createSession(db, user.id, "password", meta) };
}

/**
 * Sends a sign-in link when the address has an account. The answer is the
 * same either way, so the form does not reveal who is registered.
 */
export async function requestMagicLink(input: unknown, meta: RequestMeta): Promise<void> {
  const { email } = parseInput(emailOnlySchema, input);
  await sendLinkIfAllowed(email, "magic_link", meta);
}

export async function requestPasswordReset(input: unknown, meta: RequestMeta): Promise<void> {
  const { email } = parseInput(emailOnlySchema, input);
  await sendLinkIfAllowed(email, "password_reset", meta);
}

/** Counts one e-mail of this purpose to this address from this source; false when over a limit. */
async function mayMail(db: Queryable, purpose: TokenPurpose, email: string, ip: string | null): Promise<boolean> {
  if (!(await hit(db, `mail:${purpose}:${email}|${ip ?? "unknown"}`, mailPerAddressAndIp))) return false;
  return hit(db, `mail:${purpose}:${email}`, mailPerAddress);
}

async function sendLinkIfAllowed(email: string, purpose: TokenPurpose, meta: RequestMeta): Promise<void> {
  const db = getDb();
  if (!(await mayMail(db, purpose, email, meta.ip))) throw new AppError("rate_limited", "errors.rateLimited");
  const user = await findUserByEmail(db, email);
  if (!user) return;
  // Answered as fast as for an unknown address: the mail is recorded now and delivered after the answer.
  await sendTokenMail(user.id, user.email, purpose, (user.locale as Locale | null) ?? meta.locale, {}, { deliverInBackground: true });
}

async function sendTokenMail(
  userId: string,
  email: string,
  purpose: TokenPurpose,
  locale: Locale,
  extraParams: Record<string, string> = {},
  delivery: { deliverInBackground?: boolean } = {},
): Promise<void> {
  const token = randomToken();
  await getDb()
    .insert(emailTokens)
    .values({ id: hashToken(token), purpose, userId, expiresAt: new Date(Date.now() + tokenLifetimeMinutes[purpose] * 60_000) });
  const url = new URL(linkPath[purpose], getEnv().PUBLIC_URL);
  url.searchParams.set("token", token);
  for (const [name, value] of Object.entries(extraParams)) url.searchParams.set(name, value);
  const t = getTranslator(locale);
  const prefix = purpose === "magic_link" ? "mail.magicLink" : purpose === "password_reset" ? "mail.passwordReset" : "mail.verifyEmail";
  await sendMail(
    {
      to: email,
      subject: t(`${prefix}.subject`),
      text: t(`${prefix}.body`, { url: url.toString(), minutes: tokenLifetimeMinutes[purpose] }),
    },
    delivery,
  );
}

/** Marks a one-time token used and returns its user; throws invalid_token when unknown, used or expired. */
async function consumeToken(db: Queryable, token: unknown, purpose: TokenPurpose) {
  if (typeof token !== "string" || token.length < 10 || token.length > 200) throw new AppError("invalid_token", "errors.invalidToken");
  const [row] = await db
    .update(emailTokens)
    .set({ usedAt: sql`now()` })
    .where(and(eq(emailTokens.id, hashToken(token)), eq(emailTokens.purpose, purpose), isNull(emailTokens.usedAt), gt(emailTokens.expiresAt, sql`now()`)))
    .returning({ userId: emailTokens.userId });
  if (!row) throw new AppError("invalid_token", "errors.invalidToken");
  const [user] = await db.select().from(users).where(eq(users.id, row.userId));
  if (!user) throw new AppError("invalid_token", "errors.invalidToken");
  return user;
}

/**
 * Signs in with a magic link. Following the link proves the e-mail address,
 * so the account counts as verified from now on. If the address was not
 * proven before, a password on the account was set by whoever registered
 * it, perhaps not the owner of the address: it is removed and every session
 * ends, so a squatter who pre-registered the address keeps no way in (the
 * owner sets a password of their own on Min side).
 */
export async function signInWithMagicLink(token: unknown, meta: RequestMeta): Promise<SignedIn> {
  const db = getDb();
  const user = await db.transaction(async (tx) => {
    const found = await consumeToken(tx, token, "magic_link");
    if (!found.emailVerifiedAt) await proveAddress(tx, found, meta.ip);
    await recordAudit(tx, userActor(found.id, found.email, meta.ip), {
      action: "user.signed_in",
      entityType: "user",
      entityId: found.id,
      after: { method: "magic_link" },
    });
    return found;
  });
  return { userId: user.id, setCookie: await createSession(db, user.id, "magic_link", meta) };
}

/** Marks an unproven address verified by someone other than its registrant's password, dropping what the registrant set up. */
async function proveAddress(tx: Queryable, user: typeof users.$inferSelect, ip: string | null): Promise<void> {
  await tx.update(users).set({ emailVerifiedAt: new Date(), passwordHash: null, updatedAt: new Date() }).where(eq(users.id, user.id));
  await destroyAllSessions(tx, user.id);
  await recordAudit(tx, userActor(user.id, user.email, ip), {
    action: "user.email_verified",
    entityType: "user",
    entityId: user.id,
    after: { method: "magic_link", unprovenPasswordRemoved: user.passwordHash !== null },
  });
}

/** Sets a new password from a reset link, ends every other session and signs in. */
export async function resetPassword(input: unknown, meta: RequestMeta): Promise<SignedIn> {
  const data = parseInput(resetPasswordSchema, input);
  const passwordHash = await hashPassword(data.password);
  const db = getDb();
  const user = await db.transaction(async (tx) => {
    const found = await consumeToken(tx, data.token, "password_reset");
    await tx
      .update(users)
      .set({ passwordHash, emailVerifiedAt: found.emailVerifiedAt ?? new Date(), updatedAt: new Date() })
      .where(eq(users.id, found.id));
    await destroyAllSessions(tx, found.id);
    await recordAudit(tx, userActor(found.id, found.email, meta.ip), { action: "user.password_reset", entityType: "user", entityId: found.id });
    return found;
  });
  return { userId: user.id, setCookie: await createSession(db, user.id, "password", meta) };
}

/**
 * Confirms the address with the link sent at registration and signs in: the
 * link proves the person holds the mailbox, and the password they chose at
 * registration stays.
 */
export async function verifyEmail(token: unknown, meta: RequestMeta): Promise<SignedIn> {
  const db = getDb();
  const user = await db.transaction(async (tx) => {
    const found = await consumeToken(tx, token, "email_verification");
    if (!found.emailVerifiedAt) {
      await tx.update(users).set({ emailVerifiedAt: new Date() }).where(eq(users.id, found.id));
      await recordAudit(tx, userActor(found.id, found.email, meta.ip), { action: "user.email_verified", entityType: "user", entityId: found.id });
    }
    await recordAudit(tx, userActor(found.id, found.email, meta.ip), {
      action: "user.signed_in",
      entityType: "user",
      entityId: found.id,
      after: { method: "email_verification" },
    });
    return found;
  });
  return { userId: user.id, setCookie: await createSession(db, user.id, "email_verification", meta) };
}

/** Sends a new verification link to the signed-in user. */
export async function resendVerification(actor: Actor, locale: Locale): Promise<void> {
  if (actor.kind !== "user") throw new AppError("unauthenticated", "errors.unauthenticated");
  if (actor.emailVerified) return;
  if (!(await mayMail(getDb(), "email_verification", actor.email, actor.ip))) throw new AppError("rate_limited", "errors.rateLimited");
  await sendTokenMail(actor.userId, actor.email, "email_verification", locale);
}

export { anonymous };
