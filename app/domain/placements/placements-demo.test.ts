import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { getDb } from "~/db/client.server.ts";
import { activities, placements, sessions, users } from "~/db/schema/index.ts";
import { seedDemoData } from "~/domain/demo/seed.server.ts";
import { demoAccountEmails, demoActivityIds, demoPlacementIds, extraDemoAccountEmails } from "~/domain/demo/ids.ts";
import { loadActorForSession } from "~/domain/auth/session.server.ts";
import { hashToken, randomToken } from "~/lib/crypto.server.ts";
import { getPlacement, listFollowUpInbox, listPublicPlacements, placementFormOptions } from "./placements.server.ts";
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

describe("the placements' demo data", () => {
  it("has Mjøs Bygg's placements as placements, NAV Hamar's account following them up, and the old demo activity as a real activity", async () => {
    await seedDemoData();
    await seedDemoData(); // idempotent

    const [activity] = await getDb().select({ title: activities.title }).from(activities).where(eq(activities.id, demoActivityIds.hamarPlacement));
    expect(activity!.title).not.toMatch(/praksisplass/i);
    const rows = await getDb().select().from(placements);
    expect(rows.find((r) => r.id === demoPlacementIds.hamarBuildingPractice)).toMatchObject({
      title: "Praksisplass i bygg og anlegg",
      followUpStatus: "confirmed",
      status: "ongoing",
    });
    expect(rows.find((r) => r.id === demoPlacementIds.hamarEndedApprenticeship)).toMatchObject({ status: "ended", followUpStatus: "confirmed" });

    const nav = await actorFor(extraDemoAccountEmails.nav_hamar);
    const inbox = await listFollowUpInbox(nav);
    expect(inbox.rows[0]!.id).toBe(demoPlacementIds.hamarLanguagePracticeAwaiting);
    expect(inbox.awaiting).toBe(1);
    expect((await placementsOnStartPage(nav, new Date()))?.followUp?.rows.map((r) => r.id)).toEqual([demoPlacementIds.hamarLanguagePracticeAwaiting]);

    const employer = await actorFor(demoAccountEmails.employer);
    const options = await placementFormOptions(employer);
    expect(options.followUpOrganizations.map((o) => o.name).sort()).toEqual(["Hamar kommune, flyktningtjenesten", "NAV Hamar"]);
    expect((await placementsOnStartPage(employer, new Date()))?.employer?.total).toBe(3);
    expect((await getPlacement(employer, demoPlacementIds.hamarBuildingPractice)).internal?.incentivesRequested).toEqual(["mentor_grant"]);

    const coordinatorTonsberg = await actorFor(demoAccountEmails.coordinator_tonsberg);
    expect((await getPlacement(coordinatorTonsberg, demoPlacementIds.hamarBuildingPractice)).internal).toBeNull();
    expect((await listPublicPlacements({ municipalityNumber: "3403", kind: null, sector: null })).rows.map((r) => r.id)).toEqual([
      demoPlacementIds.hamarLanguagePracticeAwaiting,
    ]);
    // Seeding the whole demo twice takes a while on a loaded machine.
  }, 120_000);
});
