import { getDb } from "~/db/client.server.ts";
import {
  workshopMunicipalities,
  workshopObstacles,
  workshopObstacleVotes,
  workshopParticipants,
  workshops,
  workshopSolutions,
  workshopSolutionVotes,
} from "~/db/schema/index.ts";
import type { ObstacleTheme, ParticipantSector } from "./workshops.constants.ts";

let n = 0;

/** A workshop in one kommune with participants, obstacles (with votes) and solutions, written straight to the tables. */
export async function createReportWorkshop(options: {
  municipality: string;
  title?: string;
  status?: "planning" | "running" | "closed";
  facilitatorUserId?: string;
  participants?: { name: string; sector: ParticipantSector; userId?: string; email?: string }[];
  obstacles?: { theme: ObstacleTheme; text: string; votes?: number; solutions?: { text: string; votes?: number }[] }[];
}) {
  const db = getDb();
  const [w] = await db
    .insert(workshops)
    .values({
      title: options.title ?? `Verksted ${++n}`,
      organiserLevel: "municipality",
      organiserMunicipalityNumber: options.municipality,
      status: options.status ?? "running",
      facilitatorUserId: options.facilitatorUserId ?? null,
      joinCode: `T${Date.now().toString(36).slice(-4).toUpperCase()}${n}`.slice(0, 8),
    })
    .returning({ id: workshops.id });
  await db.insert(workshopMunicipalities).values({ workshopId: w!.id, municipalityNumber: options.municipality });
  const people = options.participants ?? [
    { name: "Kari Kommune", sector: "municipality" as const },
    { name: "Frida Frivillig", sector: "voluntary" as const },
    { name: "Arne Arbeidsgiver", sector: "employer" as const },
  ];
  const participants = await db
    .insert(workshopParticipants)
    .values(
      people.map((p) => ({
        workshopId: w!.id,
        name: p.name,
        sector: p.sector,
        userId: p.userId ?? null,
        email: p.email ?? null,
        status: "registered" as const,
      })),
    )
    .returning({ id: workshopParticipants.id });
  const obstacleIds: string[] = [];
  const solutionIds: string[] = [];
  for (const o of options.obstacles ?? []) {
    const [row] = await db.insert(workshopObstacles).values({ workshopId: w!.id, theme: o.theme, text: o.text }).returning({ id: workshopObstacles.id });
    obstacleIds.push(row!.id);
    const voters = participants.slice(0, Math.min(o.votes ?? 0, participants.length));
    if (voters.length) await db.insert(workshopObstacleVotes).values(voters.map((p) => ({ workshopId: w!.id, obstacleId: row!.id, participantId: p.id })));
    for (const s of o.solutions ?? []) {
      const [sol] = await db.insert(workshopSolutions).values({ workshopId: w!.id, obstacleId: row!.id, text: s.text }).returning({ id: workshopSolutions.id });
      solutionIds.push(sol!.id);
      const sv = participants.slice(0, Math.min(s.votes ?? 0, participants.length));
      if (sv.length) await db.insert(workshopSolutionVotes).values(sv.map((p) => ({ workshopId: w!.id, solutionId: sol!.id, participantId: p.id })));
    }
  }
  return { id: w!.id, participantIds: participants.map((p) => p.id), obstacleIds, solutionIds };
}
