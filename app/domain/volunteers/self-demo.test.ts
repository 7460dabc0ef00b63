import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/db/client.server.ts";
import { outboundEmails, sessions, users, volunteerProfiles } from "~/db/schema/index.ts";
import { loadActorForSession } from "~/domain/auth/session.server.ts";
import { demoAccountEmails } from "~/domain/demo/ids.ts";
import { seedDemoData } from "~/domain/demo/seed.server.ts";
import { hashToken, randomToken } from "~/lib/crypto.server.ts";
import { getKommuneVolunteers } from "./counts.server.ts";
import { sendUnansweredReminders } from "./reminders.server.ts";

async function demoActor(email: string) {
  const [user] = await getDb().select({ id: users.id }).from(users).where(eq(users.email, email));
  const sessionId = hashToken(randomToken());
  await getDb()
    .insert(sessions)
    .values({ id: sessionId, userId: user!.id, method: "test", expiresAt: new Date(Date.now() + 3_600_000) });
  const actor = await loadActorForSession(sessionId, null);
  if (actor.kind !== "user") throw new Error("no demo actor");
  return actor;
}

describe("the volunteer's own side in the demo (issue 14, H3)", () => {
  beforeAll(async () => {
    await seedDemoData();
    await seedDemoData(); // idempotent
  });

  it("has one profile for Amina, and Hamar's coordinator finds her among the contactable; the county advisor sees counts only", async () => {
    expect(
      await getDb()
        .select()
        .from(volunteerProfiles)
        .where(sql`lower(${volunteerProfiles.email}) = 'amina.frivillig@example.org'`),
    ).toHaveLength(1);
    const hamar = await getKommuneVolunteers(await demoActor(demoAccountEmails.coordinator_hamar), "3403");
    expect(hamar.contactable.map((c) => c.name)).toEqual(expect.arrayContaining(["Amina Hassan", "Olena Koval"]));
    expect(hamar.byLanguage.find((l) => l.value === "so")?.n).toBeGreaterThanOrEqual(1);
    const advisor = await getKommuneVolunteers(await demoActor(demoAccountEmails.county_advisor), "3403");
    expect(advisor.total).toBe(hamar.total);
    expect(advisor.contactable).toEqual([]);
  });

  it("`volunteers reminders` reminds the volunteer centre about Bashir's unanswered interest and tells Bashir who to contact, once", async () => {
    const first = await sendUnansweredReminders();
    expect(first.interests).toBe(1);
    const toBashir = await getDb().select().from(outboundEmails).where(eq(outboundEmails.to, "bashir.frivillig@example.org"));
    expect(toBashir).toHaveLength(1);
    expect(toBashir[0]!.text).toContain("/frivillig/trekk/");
    const toAdmin = await getDb().select().from(outboundEmails).where(eq(outboundEmails.to, demoAccountEmails.org_admin));
    expect(toAdmin.some((m) => m.subject.includes("Leksehjelper"))).toBe(true);
    expect((await sendUnansweredReminders()).interests).toBe(0);
  });
});
