import { and, count, eq } from "drizzle-orm";
import { getDb } from "~/db/client.server.ts";
import { workshopObstacleVotes, workshopSolutionVotes } from "~/db/schema/index.ts";
import { AppError } from "~/lib/errors.ts";
import { parseInput } from "~/lib/validation.ts";
import { assertMayTakePart, dbConstraint, type RunAccess } from "./run.server.ts";
import { obstacleRefSchema, solutionRefSchema } from "./run.schema.ts";

/**
 * Dot votes on obstacles and solutions (issue 13). Each participant has the
 * workshop's number of votes for each, at most one per obstacle/solution, and
 * may take a vote back. The limits hold in the database (drizzle/0023): a
 * trigger locks the participant's row and counts, so 40 phones voting at once
 * cannot push anyone over, and the unique index refuses a second vote. Here
 * the refusals become messages.
 */

function voteRefusal(error: unknown): never {
  const refused = dbConstraint(error);
  // A vote that is already there (double click, two tabs): nothing to do, the count stays one.
  if (refused?.code === "23505") throw new AlreadyVoted();
  const name = refused?.constraint ?? (error instanceof Error ? messageChain(error) : "");
  if (refused && /_limit/.test(name)) throw new AppError("conflict", "workshopRun.error.noVotesLeft");
  if (refused && /_active/.test(name)) throw new AppError("forbidden", "workshopRun.error.notParticipant");
  if (refused) throw new AppError("not_found", "workshopRun.error.unknownItem");
  throw error;
}

class AlreadyVoted extends Error {}

function messageChain(error: unknown): string {
  const parts: string[] = [];
  for (let e: unknown = error; e && typeof e === "object"; e = (e as { cause?: unknown }).cause) parts.push(String((e as { message?: unknown }).message ?? ""));
  return parts.join(" ");
}

async function insertVote(run: () => Promise<unknown>): Promise<void> {
  try {
    await run();
  } catch (error) {
    try {
      voteRefusal(error);
    } catch (refusal) {
      if (refusal instanceof AlreadyVoted) return;
      throw refusal;
    }
  }
}

export async function castObstacleVote(access: RunAccess, rawInput: unknown): Promise<void> {
  const participant = assertMayTakePart(access);
  const input = parseInput(obstacleRefSchema, rawInput);
  await insertVote(() =>
    getDb().insert(workshopObstacleVotes).values({ workshopId: access.workshop.id, obstacleId: input.obstacleId, participantId: participant.id }),
  );
}

export async function withdrawObstacleVote(access: RunAccess, rawInput: unknown): Promise<void> {
  const participant = assertMayTakePart(access);
  const input = parseInput(obstacleRefSchema, rawInput);
  await getDb()
    .delete(workshopObstacleVotes)
    .where(
      and(
        eq(workshopObstacleVotes.workshopId, access.workshop.id),
        eq(workshopObstacleVotes.obstacleId, input.obstacleId),
        eq(workshopObstacleVotes.participantId, participant.id),
      ),
    );
}

export async function castSolutionVote(access: RunAccess, rawInput: unknown): Promise<void> {
  const participant = assertMayTakePart(access);
  const input = parseInput(solutionRefSchema, rawInput);
  await insertVote(() =>
    getDb().insert(workshopSolutionVotes).values({ workshopId: access.workshop.id, solutionId: input.solutionId, participantId: participant.id }),
  );
}

export async function withdrawSolutionVote(access: RunAccess, rawInput: unknown): Promise<void> {
  const participant = assertMayTakePart(access);
  const input = parseInput(solutionRefSchema, rawInput);
  await getDb()
    .delete(workshopSolutionVotes)
    .where(
      and(
        eq(workshopSolutionVotes.workshopId, access.workshop.id),
        eq(workshopSolutionVotes.solutionId, input.solutionId),
        eq(workshopSolutionVotes.participantId, participant.id),
      ),
    );
}

/** Votes the participant making the request has left, for obstacles and for solutions (null when not taking part). */
export async function votesLeft(access: RunAccess): Promise<{ obstacles: number; solutions: number } | null> {
  if (!access.participant) return null;
  const db = getDb();
  const [o] = await db
    .select({ n: count() })
    .from(workshopObstacleVotes)
    .where(and(eq(workshopObstacleVotes.workshopId, access.workshop.id), eq(workshopObstacleVotes.participantId, access.participant.id)));
  const [s] = await db
    .select({ n: count() })
    .from(workshopSolutionVotes)
    .where(and(eq(workshopSolutionVotes.workshopId, access.workshop.id), eq(workshopSolutionVotes.participantId, access.participant.id)));
  return {
    obstacles: Math.max(0, access.workshop.obstacleVotesPerParticipant - Number(o?.n ?? 0)),
    solutions: Math.max(0, access.workshop.solutionVotesPerParticipant - Number(s?.n ?? 0)),
  };
}
