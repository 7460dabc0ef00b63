import { and, asc, count, desc, eq, isNull, sql } from "drizzle-orm";
import { getDb } from "~/db/client.server.ts";
import { workshopObstacles, workshopObstacleVotes, workshopParticipants } from "~/db/schema/index.ts";
import { recordAudit } from "~/domain/audit/audit.server.ts";
import { AppError } from "~/lib/errors.ts";
import { parseInput } from "~/lib/validation.ts";
import type { ObstacleTheme, ParticipantSector } from "./workshops.constants.ts";
import { assertMayAdd, assertMayManage, type RunAccess } from "./run.server.ts";
import { mergeSchema, obstacleDeleteSchema, obstacleEditSchema, obstacleSchema } from "./run.schema.ts";

/**
 * Obstacles (hindringer) in a running workshop (issue 13). Participants add
 * them by theme; the managers edit, merge duplicates and delete. Obstacle
 * texts are about how the sectors work together, not personal data; who wrote
 * one is shown only by sector.
 */

export interface ObstacleRow {
  id: string;
  theme: ObstacleTheme;
  text: string;
  votes: number;
  /** The sector of the participant who added it (null: written up by a manager, or the participant is gone). */
  authorSector: ParticipantSector | null;
  /** Whether the participant making the request has voted for it. */
  mine: boolean;
  createdAt: Date;
}

/** The workshop's obstacles (merged duplicates left out), ranked by votes, then oldest first. */
export async function listObstacles(access: RunAccess): Promise<ObstacleRow[]> {
  const db = getDb();
  const votes = db
    .select({ obstacleId: workshopObstacleVotes.obstacleId, n: count().as("n") })
    .from(workshopObstacleVotes)
    .where(eq(workshopObstacleVotes.workshopId, access.workshop.id))
    .groupBy(workshopObstacleVotes.obstacleId)
    .as("v");
  const participantId = access.participant?.id ?? null;
  const rows = await db
    .select({
      id: workshopObstacles.id,
      theme: workshopObstacles.theme,
      text: workshopObstacles.text,
      votes: sql<number>`coalesce(${votes.n}, 0)::int`,
      authorSector: workshopParticipants.sector,
      mine: participantId
        ? sql<boolean>`exists (select 1 from ${workshopObstacleVotes} mv where mv.obstacle_id = ${workshopObstacles.id} and mv.participant_id = ${participantId})`
        : sql<boolean>`false`,
      createdAt: workshopObstacles.createdAt,
    })
    .from(workshopObstacles)
    .leftJoin(votes, eq(votes.obstacleId, workshopObstacles.id))
    .leftJoin(workshopParticipants, eq(workshopParticipants.id, workshopObstacles.participantId))
    .where(and(eq(workshopObstacles.workshopId, access.workshop.id), isNull(workshopObstacles.mergedIntoId)))
    .orderBy(desc(sql`coalesce(${votes.n}, 0)`), asc(workshopObstacles.createdAt), asc(workshopObstacles.id));
  return rows.map((r) => ({ ...r, votes: Number(r.votes), mine: Boolean(r.mine) }));
}

export async function addObstacle(access: RunAccess, rawInput: unknown): Promise<{ id: string }> {
  assertMayAdd(access);
  const input = parseInput(obstacleSchema, rawInput);
  const [row] = await getDb()
    .insert(workshopObstacles)
    .values({
      workshopId: access.workshop.id,
      theme: input.theme,
      text: input.text,
      participantId: access.participant?.id ?? null,
      createdByUserId: access.actor.kind === "user" ? access.actor.userId : null,
    })
    .returning({ id: workshopObstacles.id });
  return row!;
}

/** An obstacle of THIS workshop that is not merged away; anything else is not_found (ids of other workshops are not probed). */
async function ownObstacle(access: RunAccess, obstacleId: string, db = getDb()) {
  const [row] = await db
    .select({ id: workshopObstacles.id, theme: workshopObstacles.theme, text: workshopObstacles.text })
    .from(workshopObstacles)
    .where(and(eq(workshopObstacles.id, obstacleId), eq(workshopObstacles.workshopId, access.workshop.id), isNull(workshopObstacles.mergedIntoId)))
    .for("update");
  if (!row) throw new AppError("not_found", "workshopRun.error.unknownItem");
  return row;
}

export async function editObstacle(access: RunAccess, rawInput: unknown): Promise<void> {
  assertMayManage(access);
  const input = parseInput(obstacleEditSchema, rawInput);
  await getDb().transaction(async (tx) => {
    const before = await ownObstacle(access, input.obstacleId, tx);
    await tx.update(workshopObstacles).set({ theme: input.theme, text: input.text, updatedAt: new Date() }).where(eq(workshopObstacles.id, before.id));
    if (access.actor.kind === "user") {
      await recordAudit(tx, access.actor, {
        action: "workshop.obstacle_edited",
        entityType: "workshop",
        entityId: access.workshop.id,
        before: { obstacleId: before.id, theme: before.theme, text: before.text },
        after: { obstacleId: before.id, theme: input.theme, text: input.text },
      });
    }
  });
}

/**
 * Merges a duplicate into another obstacle: the duplicate points at the target
 * and drops out of the lists; its votes move to the target, except a
 * participant who voted for both keeps one vote there (the other is given
 * back). Both rows are locked first, so a vote on the duplicate either lands
 * before the merge (and moves) or is refused after it (drizzle/0023).
 */
export async function mergeObstacles(access: RunAccess, rawInput: unknown): Promise<void> {
  assertMayManage(access);
  const input = parseInput(mergeSchema, rawInput);
  await getDb().transaction(async (tx) => {
    // Lock in id order so two merges of the same pair cannot deadlock.
    const [firstId, secondId] = [input.obstacleId, input.targetId].sort();
    await ownObstacle(access, firstId!, tx);
    await ownObstacle(access, secondId!, tx);
    await tx.execute(sql`
      delete from ${workshopObstacleVotes} d
      where d.obstacle_id = ${input.obstacleId}
        and exists (select 1 from ${workshopObstacleVotes} t where t.obstacle_id = ${input.targetId} and t.participant_id = d.participant_id)`);
    await tx.update(workshopObstacleVotes).set({ obstacleId: input.targetId }).where(eq(workshopObstacleVotes.obstacleId, input.obstacleId));
    await tx.update(workshopObstacles).set({ mergedIntoId: input.targetId, updatedAt: new Date() }).where(eq(workshopObstacles.id, input.obstacleId));
    if (access.actor.kind === "user") {
      await recordAudit(tx, access.actor, {
        action: "workshop.obstacle_merged",
        entityType: "workshop",
        entityId: access.workshop.id,
        before: { obstacleId: input.obstacleId },
        after: { mergedIntoId: input.targetId },
      });
    }
  });
}

/** Deletes an obstacle with its votes and solutions (the page asks for confirmation first). */
export async function deleteObstacle(access: RunAccess, rawInput: unknown): Promise<void> {
  assertMayManage(access);
  const input = parseInput(obstacleDeleteSchema, rawInput);
  await getDb().transaction(async (tx) => {
    const before = await ownObstacle(access, input.obstacleId, tx);
    // Duplicates merged into it come back as obstacles of their own rather than vanishing with it (on delete set null).
    await tx.delete(workshopObstacles).where(eq(workshopObstacles.id, before.id));
    if (access.actor.kind === "user") {
      await recordAudit(tx, access.actor, {
        action: "workshop.obstacle_deleted",
        entityType: "workshop",
        entityId: access.workshop.id,
        before: { obstacleId: before.id, theme: before.theme, text: before.text },
        after: null,
      });
    }
  });
}
