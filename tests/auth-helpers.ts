import { and, desc, eq, like } from "drizzle-orm";
import { getDb } from "~/db/client.server.ts";
import { outboundEmails, sessions, users } from "~/db/schema/index.ts";
import type { UserActor } from "~/domain/auth/actor.ts";
import { registerWithPassword, verifyEmail, type RequestMeta } from "~/domain/auth/auth.server.ts";
import { loadActorForSession } from "~/domain/auth/session.server.ts";

/** The token in the newest e-mail to `email` that links to `path` (e.g. "/bekreft-epost"), read from the outbox as a user would. */
export async function tokenFromMail(email: string, path: string): Promise<string> {
  const [mail] = await getDb()
    .select()
    .from(outboundEmails)
    .where(and(eq(outboundEmails.to, email), like(outboundEmails.text, `%${path}?token=%`)))
    .orderBy(desc(outboundEmails.createdAt))
    .limit(1);
  const match = mail?.text
    .match(/https?:\/\/\S+/g)
    ?.map((u) => new URL(u))
    .find((u) => u.pathname === path);
  const token = match?.searchParams.get("token");
  if (!token) throw new Error(`no ${path} link in an e-mail to ${email}`);
  return token;
}

/** The actor of the user's newest session, as the app would load it from the cookie. */
export async function newestSessionActor(email: string): Promise<UserActor> {
  const [row] = await getDb()
    .select({ id: sessions.id })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(users.email, email))
    .orderBy(desc(sessions.createdAt))
    .limit(1);
  if (!row) throw new Error(`no session for ${email}`);
  const actor = await loadActorForSession(row.id, "127.0.0.1");
  if (actor.kind !== "user") throw new Error("session did not load");
  return actor;
}

/** Signs up through the real path and confirms the address with the e-mailed link, as a new user does; returns the signed-in actor. */
export async function registerAndVerify(input: { name: string; email: string; password: string }, meta: RequestMeta): Promise<UserActor> {
  await registerWithPassword(input, meta);
  const email = input.email.trim().toLowerCase();
  await verifyEmail(await tokenFromMail(email, "/bekreft-epost"), meta);
  return newestSessionActor(email);
}
