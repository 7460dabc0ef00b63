import { beforeAll, describe, expect, it } from "vitest";
import { seedDemoData } from "~/domain/demo/seed.server.ts";
import { demoWorkshopParticipantIds, demoWorkshops } from "~/domain/demo/ids.ts";
import { anonymous } from "~/domain/auth/actor.ts";
import { getDb } from "~/db/client.server.ts";
import { workshopParticipants } from "~/db/schema/index.ts";
import { eq } from "drizzle-orm";
import { liveState } from "./live.server.ts";
import { resolveRunAccess } from "./run.server.ts";
import { listPrioritised } from "./solutions.server.ts";

async function accessAs(workshopId: string, participantId: string) {
  const [p] = await getDb()
    .select({
      id: workshopParticipants.id,
      name: workshopParticipants.name,
      sector: workshopParticipants.sector,
      organizationId: workshopParticipants.organizationId,
    })
    .from(workshopParticipants)
    .where(eq(workshopParticipants.id, participantId));
  return resolveRunAccess(anonymous(), workshopId, async () => p ?? null);
}

describe("the demo workshops' obstacles, votes and solutions", () => {
  beforeAll(async () => {
    await seedDemoData();
    await seedDemoData(); // idempotent
  }, 180_000);

  it("Hamar: ten ranked obstacles (the duplicate merged), solutions for the top four; Kinn: a live list in nynorsk; seeding twice changes nothing", async () => {
    const hamar = await accessAs(demoWorkshops.hamar.id, demoWorkshopParticipantIds.hamarEmployer);
    const live = await liveState(hamar);
    expect(live.items).toHaveLength(10);
    expect(live.items.map((i) => i.votes)).toEqual([6, 5, 4, 4, 4, 2, 2, 2, 1, 0]);
    expect(live.top).toBe(4);
    const prioritised = await listPrioritised(hamar);
    expect(prioritised.obstacles.map((o) => o.solutions.length)).toEqual([2, 2, 2, 2]);
    expect(prioritised.obstacles[0]!.solutions[0]!.votes).toBe(4);
    const kinn = await liveState(await accessAs(demoWorkshops.kinn.id, demoWorkshopParticipantIds.kinnNav));
    expect(kinn.status).toBe("running");
    expect(kinn.items.map((i) => i.votes)).toEqual([3, 2, 2, 1, 1]);
  });
});
