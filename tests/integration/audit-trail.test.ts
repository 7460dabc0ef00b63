import { describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { getDb } from "~/db/client.server.ts";
import { auditLog, sessions } from "~/db/schema/index.ts";
import { saveUserLocale, signOut } from "~/domain/auth/account.server.ts";
import { createActor } from "../factories.ts";

async function entries(userId: string, action: string) {
  return getDb()
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.actorUserId, userId), eq(auditLog.action, action)));
}

describe("the audit log records account changes", () => {
  it("records a language change with before and after, and not a repeat of the same choice", async () => {
    const actor = await createActor();
    await saveUserLocale(actor, "nn");
    await saveUserLocale({ ...actor, locale: "nn" }, "nn");
    const rows = await entries(actor.userId, "user.locale_changed");
    expect(rows).toHaveLength(1);
    expect(rows[0]!.after).toEqual({ locale: "nn" });
  });

  it("records sign-out and ends the session", async () => {
    const actor = await createActor();
    // Build the cookie the app would have set for this session.
    const request = new Request("http://localhost/logg-ut", { method: "POST" });
    const setCookie = await signOut(actor, request);
    expect(setCookie).toMatch(/Max-Age=0/i);
    expect(await entries(actor.userId, "user.signed_out")).toHaveLength(1);
    // A request without a session cookie cannot end someone else's session.
    expect(await getDb().select().from(sessions).where(eq(sessions.id, actor.sessionId))).toHaveLength(1);
  });
});
