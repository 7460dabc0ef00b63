import { and, asc, count, eq, inArray, sql } from "drizzle-orm";
import { getDb } from "~/db/client.server.ts";
import { workshopRunSettings, workshopSolutions, workshopSolutionVotes, workshopParticipants } from "~/db/schema/index.ts";
import { recordAudit } from "~/domain/audit/audit.server.ts";
import { AppError } from "~/lib/errors.ts";
import { parseInput } from "~/lib/validation.ts";
import { listObstacles, type ObstacleRow } from "./obstacles.server.ts";
import { assertMayAdd, assertMayManage, prioritisedCount, type RunAccess } from "./run.server.ts";
import { prioritisedSchema, solutionSchema } from "./run.schema.ts";
import type { ParticipantSector } from "./workshops.constants.ts";

/**
 * Solutions (løsninger) for the prioritised obstacles (issue 13): the top N
 * by votes, N chosen by the facilitator (5 unless set). Participants add
 * solutions and vote on them, with the same database-held limit as obstacles.
 */

export interface SolutionRow {
  id: string;
  text: string;
  votes: number;
  mine: boolean;
  authorSector: ParticipantSector | null;
}

export interface PrioritisedObstacle extends ObstacleRow {
  solutions: SolutionRow[];
}

export async function listPrioritised(access: RunAccess): Promise<{ top: number; obstacles: PrioritisedObstacle[] }> {
  const top = await prioritisedCount(access.workshop.id);
  const obstacles = (await listObstacles(access)).slice(0, top);
  if (obstacles.length === 0) return { top, obstacles: [] };
  const db = getDb();
  const votes = db
    .select({ solutionId: workshopSolutionVotes.solutionId, n: count().as("n") })
    .from(workshopSolutionVotes)
    .where(eq(workshopSolutionVotes.workshopId, access.workshop.id))
    .groupBy(workshopSolutionVotes.solutionId)
    .as("sv");
  const participantId = access.participant?.id ?? null;
  const rows = await db
    .select({
      id: workshopSolutions.id,
      obstacleId: workshopSolutions.obstacleId,
      text: workshopSolutions.text,
      votes: sql<number>`coalesce(${votes.n}, 0)::int`,
      mine: participantId
        ? sql<boolean>`exists (select 1 from ${workshopSolutionVotes} mv where mv.solution_id = ${workshopSolutions.id} and mv.participant_id = ${participantId})`
        : sql<boolean>`false`,
      authorSector: workshopParticipants.sector,
    })
    .from(workshopSolutions)
    .leftJoin(votes, eq(votes.solutionId, workshopSolutions.id))
    .leftJoin(workshopParticipants, eq(workshopParticipants.id, workshopSolutions.participantId))
    .where(
      and(
        eq(workshopSolutions.workshopId, access.workshop.id),
        inArray(
          workshopSolutions.obstacleId,
          obstacles.map((o) => o.id),
        ),
      ),
    )
    .orderBy(sql`coalesce(${votes.n}, 0) desc`, asc(workshopSolutions.createdAt), asc(workshopSolutions.id));
  return {
    top,
    obstacles: obstacles.map((o) => ({
      ...o,
      solutions: rows
        .filter((r) => r.obstacleId === o.id)
        .map((r) => ({ id: r.id, text: r.text, votes: Number(r.votes), mine: Boolean(r.mine), authorSector: r.authorSector })),
    })),
  };
}

/** A solution for one of the prioritised obstacles of this workshop (another obstacle or workshop: not_found). */
export async function addSolution(access: RunAccess, rawInput: unknown): Promise<{ id: string }> {
  assertMayAdd(access);
  const input = parseInput(solutionSchema, rawInput);
  const top = await prioritisedCount(access.workshop.id);
  const prioritised = (await listObstacles(access)).slice(0, top);
  if (!prioritised.some((o) => o.id === input.obstacleId)) throw new AppError("not_found", "workshopRun.error.unknownItem");
  const [row] = await getDb()
    .insert(workshopSolutions)
    .values({
      workshopId: access.workshop.id,
      obstacleId: input.obstacleId,
      text: input.text,
      participantId: access.participant?.id ?? null,
      createdByUserId: access.actor.kind === "user" ? access.actor.userId : null,
    })
    .returning({ id: workshopSolutions.id });
  return row!;
}

/** How many of the top-voted obstacles go on to solutions. Managers only; audited. */
export async function setPrioritisedCount(access: RunAccess, rawInput: unknown): Promise<void> {
  assertMayManage(access);
  const input = parseInput(prioritisedSchema, rawInput);
  await getDb().transaction(async (tx) => {
    const before = await prioritisedCount(access.workshop.id, tx);
    await tx
      .insert(workshopRunSettings)
      .values({ workshopId: access.workshop.id, prioritisedCount: input.count })
      .onConflictDoUpdate({ target: workshopRunSettings.workshopId, set: { prioritisedCount: input.count, updatedAt: new Date() } });
    if (access.actor.kind === "user") {
      await recordAudit(tx, access.actor, {
        action: "workshop.prioritised_set",
        entityType: "workshop",
        entityId: access.workshop.id,
        before: { count: before },
        after: { count: input.count },
      });
    }
  });
}
