import { and, eq, gt, lt, sql } from "drizzle-orm";
import { createCookie } from "react-router";
import { getDb, type Queryable } from "~/db/client.server.ts";
import { memberships, roleGrants, sessions, users } from "~/db/schema/index.ts";
import { getEnv } from "~/env.server.ts";
import { hashToken, randomToken } from "~/lib/crypto.server.ts";
import { anonymous, type Actor, type UserActor } from "./actor.ts";

const SESSION_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

function sessionCookie() {
  const env = getEnv();
  // __Host- binds the cookie to this exact origin over HTTPS.
  return createCookie(env.cookieSecure ? "__Host-samspill_session" : "samspill_session", {
    httpOnly: true,
    secure: env.cookieSecure,
    sameSite: "lax",
    path: "/",
    maxAge: SESSION_DAYS * 24 * 60 * 60,
    secrets: [env.SESSION_SECRET],
  });
}

export interface SessionMeta {
  ip: string | null;
  userAgent: string | null;
}

/** Creates a session for a signed-in user; returns the Set-Cookie header value. */
export async function createSession(db: Queryable, userId: string, method: string, meta: SessionMeta): Promise<string> {
  const token = randomToken();
  await db.insert(sessions).values({
    id: hashToken(token),
    userId,
    method,
    expiresAt: new Date(Date.now() + SESSION_DAYS * DAY_MS),
    ip: meta.ip,
    userAgent: meta.userAgent?.slice(0, 500) ?? null,
  });
  return sessionCookie().serialize(token);
}

export async function readSessionToken(request: Request): Promise<string | null> {
  const value = await sessionCookie().parse(request.headers.get("Cookie"));
  return typeof value === "string" && value.length > 0 ? value : null;
}

/** Ends the session in the request (if any); returns the Set-Cookie header that clears the cookie. */
export async function destroySession(request: Request): Promise<string> {
  const token = await readSessionToken(request);
  if (token)
    await getDb()
      .delete(sessions)
      .where(eq(sessions.id, hashToken(token)));
  return sessionCookie().serialize("", { maxAge: 0 });
}

export async function destroyAllSessions(db: Queryable, userId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.userId, userId));
}

/** Resolves the actor for a request: the session's user with roles and memberships, or anonymous. */
export async function loadActor(request: Request, ip: string | null): Promise<Actor> {
  const token = await readSessionToken(request);
  if (!token) return anonymous(ip);
  return loadActorForSession(hashToken(token), ip);
}

export async function loadActorForSession(sessionId: string, ip: string | null): Promise<Actor> {
  const db = getDb();
  const [row] = await db
    .select({ session: sessions, user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.id, sessionId), gt(sessions.expiresAt, sql`now()`)));
  if (!row) return anonymous(ip);
  const [roles, orgs] = await Promise.all([
    db
      .select({ role: roleGrants.role, municipalityNumber: roleGrants.municipalityNumber, countyNumber: roleGrants.countyNumber })
      .from(roleGrants)
      .where(eq(roleGrants.userId, row.user.id)),
    db.select({ organizationId: memberships.organizationId, role: memberships.role }).from(memberships).where(eq(memberships.userId, row.user.id)),
  ]);
  // Sliding expiry, written at most once a day per session to keep reads cheap.
  if (Date.now() - row.session.lastSeenAt.getTime() > DAY_MS) {
    await db
      .update(sessions)
      .set({ lastSeenAt: new Date(), expiresAt: new Date(Date.now() + SESSION_DAYS * DAY_MS) })
      .where(eq(sessions.id, sessionId));
  }
  const actor: UserActor = {
    kind: "user",
    userId: row.user.id,
    email: row.user.email,
    name: row.user.name,
    emailVerified: row.user.emailVerifiedAt !== null,
    isDemo: row.user.isDemo,
    locale: row.user.locale,
    sessionId,
    roles,
    memberships: orgs,
    ip,
  };
  return actor;
}

/** Removes expired sessions; called at start-up. */
export async function purgeExpiredSessions(): Promise<void> {
  await getDb()
    .delete(sessions)
    .where(lt(sessions.expiresAt, sql`now()`));
}
