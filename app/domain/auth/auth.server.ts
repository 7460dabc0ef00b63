import { and, eq, gt, isNull, sql } from "drizzle-orm";
import { getDb, type Queryable } from "~/db/client.server.ts";
import { emailTokens, users } from "~/db/schema/index.ts";
import { getEnv } from "~/env.server.ts";
import type { Locale } from "~/i18n/config.ts";
import { getTranslator } from "~/i18n/translate.ts";
import { hashToken, randomToken } from "~/lib/crypto.server.ts";
import { AppError } from "~/lib/errors.ts";
import { parseInput } from "~/lib/validation.ts";
import { recordAudit } from "~/domain/audit/audit.server.ts";
import { sendMail } from "~/domain/mail/mail.server.ts";
import { anonymous, type Actor } from "./actor.ts";
import { emailOnlySchema, resetPasswordSchema, signInSchema, signUpSchema } from "./auth.schema.ts";
import { getDummyHash, hashPassword, verifyPassword } from "./password.server.ts";
import { hit, isLimited, mailPerAddress, reset, signInPerAccount, signInPerIp } from "./rate-limit.server.ts";
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

/** Creates an account with a password, sends an e-mail verification link and signs the user in. */
export async function registerWithPassword(input: unknown, meta: RequestMeta): Promise<SignedIn> {
  const data = parseInput(signUpSchema, input);
  const db = getDb();
  if (await findUserByEmail(db, data.email)) {
    throw new AppError("conflict", "auth.emailTaken", { email: { key: "auth.emailTaken" } });
  }
  const passwordHash = await hashPassword(data.password);
  const user = await db
    .transaction(async (tx) => {
      const [created] = await tx
        .insert(users)
        .values({ email: data.email, name: data.name, passwordHash, locale: meta.locale })
        .returning();
      await recordAudit(tx, userActor(created!.id, created!.email, meta.ip), {
        action: "user.registered",
        entityType: "user",
        entityId: created!.id,
        after: { email: created!.email, name: created!.name },
      });
      return created!;
    })
    .catch((error: unknown) => {
      // Two sign-ups with one address at the same moment: the unique index decides.
      if (isUniqueViolation(error)) throw new AppError("conflict", "auth.emailTaken", { email: { key: "auth.emailTaken" } });
      throw error;
    });
  await sendTokenMail(user.id, user.email, "email_verification", meta.locale);
  return { userId: user.id, setCookie: await createSession(db, user.id, "password", meta) };
}

/**
 * Password sign-in, rate limited per account and per IP. The same message is
 * given for an unknown e-mail and a wrong password.
 */
export async function signInWithPassword(input: unknown, meta: RequestMeta): Promise<SignedIn> {
  const data = parseInput(signInSchema, input);
  const db = getDb();
  const accountKey = `signin:account:${data.email}`;
  const ipKey = `signin:ip:${meta.ip ?? "unknown"}`;
  if ((await isLimited(db, accountKey, signInPerAccount)) || (await isLimited(db, ipKey, signInPerIp))) {
    throw new AppError("rate_limited", "errors.rateLimited");
  }
  const user = await findUserByEmail(db, data.email);
  const ok = user?.passwordHash
    ? await verifyPassword(user.passwordHash, data.password)
    : (await verifyPassword(await getDummyHash(), data.password), false);
  if (!user || !ok) {
    await hit(db, accountKey, signInPerAccount);
    await hit(db, ipKey, signInPerIp);
    throw new AppError("validation", "auth.invalidCredentials");
  }
  await reset(db, accountKey);
  await recordAudit(db, userActor(user.id, user.email, meta.ip), { action: "user.signed_in", entityType: "user", entityId: user.id, after: { method: "password" } });
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

async function sendLinkIfAllowed(email: string, purpose: TokenPurpose, meta: RequestMeta): Promise<void> {
  const db = getDb();
  if (!(await hit(db, `mail:${purpose}:${email}`, mailPerAddress))) throw new AppError("rate_limited", "errors.rateLimited");
  const user = await findUserByEmail(db, email);
  if (!user) return;
  await sendTokenMail(user.id, user.email, purpose, (user.locale as Locale | null) ?? meta.locale);
}

async function sendTokenMail(userId: string, email: string, purpose: TokenPurpose, locale: Locale): Promise<void> {
  const token = randomToken();
  await getDb()
    .insert(emailTokens)
    .values({ id: hashToken(token), purpose, userId, expiresAt: new Date(Date.now() + tokenLifetimeMinutes[purpose] * 60_000) });
  const url = new URL(linkPath[purpose], getEnv().PUBLIC_URL);
  url.searchParams.set("token", token);
  const t = getTranslator(locale);
  const prefix = purpose === "magic_link" ? "mail.magicLink" : purpose === "password_reset" ? "mail.passwordReset" : "mail.verifyEmail";
  await sendMail({
    to: email,
    subject: t(`${prefix}.subject`),
    text: t(`${prefix}.body`, { url: url.toString(), minutes: tokenLifetimeMinutes[purpose] }),
  });
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

/** Signs in with a magic link. Following the link also proves the e-mail address. */
export async function signInWithMagicLink(token: unknown, meta: RequestMeta): Promise<SignedIn> {
  const db = getDb();
  const user = await db.transaction(async (tx) => {
    const found = await consumeToken(tx, token, "magic_link");
    if (!found.emailVerifiedAt) await tx.update(users).set({ emailVerifiedAt: new Date() }).where(eq(users.id, found.id));
    await recordAudit(tx, userActor(found.id, found.email, meta.ip), { action: "user.signed_in", entityType: "user", entityId: found.id, after: { method: "magic_link" } });
    return found;
  });
  return { userId: user.id, setCookie: await createSession(db, user.id, "magic_link", meta) };
}

/** Sets a new password from a reset link, ends every other session and signs in. */
export async function resetPassword(input: unknown, meta: RequestMeta): Promise<SignedIn> {
  const data = parseInput(resetPasswordSchema, input);
  const passwordHash = await hashPassword(data.password);
  const db = getDb();
  const user = await db.transaction(async (tx) => {
    const found = await consumeToken(tx, data.token, "password_reset");
    await tx.update(users).set({ passwordHash, emailVerifiedAt: found.emailVerifiedAt ?? new Date(), updatedAt: new Date() }).where(eq(users.id, found.id));
    await destroyAllSessions(tx, found.id);
    await recordAudit(tx, userActor(found.id, found.email, meta.ip), { action: "user.password_reset", entityType: "user", entityId: found.id });
    return found;
  });
  return { userId: user.id, setCookie: await createSession(db, user.id, "password", meta) };
}

export async function verifyEmail(token: unknown, ip: string | null): Promise<void> {
  await getDb().transaction(async (tx) => {
    const user = await consumeToken(tx, token, "email_verification");
    await tx.update(users).set({ emailVerifiedAt: new Date() }).where(eq(users.id, user.id));
    await recordAudit(tx, userActor(user.id, user.email, ip), { action: "user.email_verified", entityType: "user", entityId: user.id });
  });
}

/** Sends a new verification link to the signed-in user. */
export async function resendVerification(actor: Actor, locale: Locale): Promise<void> {
  if (actor.kind !== "user") throw new AppError("unauthenticated", "errors.unauthenticated");
  if (actor.emailVerified) return;
  if (!(await hit(getDb(), `mail:email_verification:${actor.email}`, mailPerAddress))) throw new AppError("rate_limited", "errors.rateLimited");
  await sendTokenMail(actor.userId, actor.email, "email_verification", locale);
}

export { anonymous };
