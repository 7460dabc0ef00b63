import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { getDb } from "~/db/client.server.ts";
import { outboundEmails, sessions, users } from "~/db/schema/index.ts";
import { seedDemoData } from "~/domain/demo/seed.server.ts";
import { demoAccountEmails, demoPlacementIds, extraDemoAccountEmails } from "~/domain/demo/ids.ts";
import { loadActorForSession } from "~/domain/auth/session.server.ts";
import { hashToken, randomToken } from "~/lib/crypto.server.ts";
import { getPlacementFollowUp, sendCheckinReminders } from "./checkins.server.ts";
import { placementFiguresFor } from "./placement-figures.server.ts";
import { placementsOnStartPage } from "./placements-start.server.ts";

async function actorFor(email: string) {
  const [user] = await getDb().select({ id: users.id }).from(users).where(eq(users.email, email));
  const sessionId = hashToken(randomToken());
  await getDb()
    .insert(sessions)
    .values({ id: sessionId, userId: user!.id, method: "test", expiresAt: new Date(Date.now() + 3_600_000) });
  const actor = await loadActorForSession(sessionId, "127.0.0.1");
  if (actor.kind !== "user") throw new Error("demo actor did not load");
  return actor;
}

describe("the placements' follow-up demo", () => {
  it("has check-ins for the building practice with one reminded tomorrow, and one ended place that became lasting work in Hamar's and the national figures", async () => {
    await seedDemoData();
    await seedDemoData(); // idempotent

    const nav = await actorFor(extraDemoAccountEmails.nav_hamar);
    const building = await getPlacementFollowUp(nav, demoPlacementIds.hamarBuildingPractice);
    expect(building.role.isFollowUp).toBe(true);
    expect(building.checkins.map((c) => [c.kind, c.state])).toEqual([
      ["two_weeks", "done"],
      ["midway", "due"],
      ["end", "due"],
    ]);
    const employer = await actorFor(demoAccountEmails.employer);
    const apprenticeship = await getPlacementFollowUp(employer, demoPlacementIds.hamarEndedApprenticeship);
    expect(apprenticeship.role.isEmployer).toBe(true);
    expect(apprenticeship.totals).toMatchObject({ lasting_work: 1, completed: 2 });
    expect(apprenticeship.checkins.every((c) => c.state === "done")).toBe(true);
    // The employer's start page sums its outcomes; NAV Hamar's (not an employer) has none.
    expect((await placementsOnStartPage(employer, new Date()))?.outcomes).toEqual({ lastingWork: 1, ended: 3 });
    expect((await placementsOnStartPage(nav, new Date()))?.outcomes).toBeNull();

    // `samspill placements reminders`: the midway check-in due tomorrow goes to NAV Hamar, once.
    expect(await sendCheckinReminders()).toEqual({ due: 1, overdue: 0 });
    expect(await sendCheckinReminders()).toEqual({ due: 0, overdue: 0 });
    const mails = await getDb().select({ subject: outboundEmails.subject }).from(outboundEmails).where(eq(outboundEmails.to, extraDemoAccountEmails.nav_hamar));
    expect(mails.map((m) => m.subject)).toEqual([expect.stringContaining("Praksisplass i bygg og anlegg")]);

    const coordinator = await actorFor(demoAccountEmails.coordinator_hamar);
    const hamar = await placementFiguresFor(coordinator, { level: "municipality", municipalityNumber: "3403" });
    expect(hamar.total).toMatchObject({ lastingWork: 1, ended: 3 });
    const imdi = await actorFor(demoAccountEmails.national_admin);
    const national = await placementFiguresFor(imdi, { level: "national" });
    expect(national.total.lastingWork).toBeGreaterThanOrEqual(1);
    expect(national.byArea.find((r) => r.area === "34")).toMatchObject({ lastingWork: 1 });
  }, 180_000); // seeds the whole demo twice
});
