import { and, eq, inArray } from "drizzle-orm";
import { getDb } from "~/db/client.server.ts";
import { needCommitments } from "~/db/schema/index.ts";
import { AppError } from "~/lib/errors.ts";
import { isUuid, parseInput } from "~/lib/validation.ts";
import { isOrganizationMember, type Actor } from "~/domain/auth/actor.ts";
import { recordAudit } from "~/domain/audit/audit.server.ts";
import { commitmentSchema, decideCommitmentSchema } from "./needs.schema.ts";
import { loadNeed, mayManageNeed, requireNeedOwner, settleNeedStatus, todayOf } from "./needs.server.ts";

/**
 * Commitments to a need (issue 14): any organisation member commits for their own organisation (not to a need their
 * organisation posted); one live commitment per organisation — a second answer edits it, and an edited accepted one
 * waits for the owner's decision again. The need's owner accepts or declines a pending one; accepted ones that cover
 * the need fulfil it. The committing organisation may withdraw its own.
 */

/** Commits (or edits the live commitment) for one of the actor's organisations. */
export async function commitToNeed(actor: Actor, needId: string, raw: unknown, now = new Date()): Promise<{ id: string; edited: boolean }> {
  if (actor.kind !== "user") throw new AppError("unauthenticated", "errors.unauthenticated");
  const need = await loadNeed(getDb(), needId);
  if (need.status === "closed" && !mayManageNeed(actor, need)) throw new AppError("not_found", "errors.notFound");
  const input = parseInput(commitmentSchema, raw);
  // The organisation comes from the form, so it is checked against the actor's own memberships.
  if (!isOrganizationMember(actor, input.organizationId)) {
    throw new AppError("validation", "common.errorSummary", { organizationId: { key: "needs.error.organization" } });
  }
  if (input.organizationId === need.organizationId) throw new AppError("conflict", "needs.error.ownNeed");
  if (need.status !== "open") throw new AppError("conflict", "needs.error.notOpen");
  if (need.deadline < todayOf(now)) throw new AppError("conflict", "needs.error.deadlinePassed");
  return getDb().transaction(async (tx) => {
    const [live] = await tx
      .select()
      .from(needCommitments)
      .where(
        and(
          eq(needCommitments.needId, needId),
          eq(needCommitments.organizationId, input.organizationId),
          inArray(needCommitments.status, ["pending", "accepted"]),
        ),
      );
    if (live) {
      await tx
        .update(needCommitments)
        .set({
          quantity: input.quantity,
          fromDate: input.fromDate,
          message: input.message,
          status: "pending",
          decidedAt: null,
          decidedByUserId: null,
          updatedAt: now,
        })
        .where(eq(needCommitments.id, live.id));
      if (live.status === "accepted") await settleNeedStatus(tx, needId, now);
      await recordAudit(tx, actor, {
        action: "need.commitment_edited",
        entityType: "need_commitment",
        entityId: live.id,
        organizationId: input.organizationId,
        before: { quantity: live.quantity, fromDate: live.fromDate, status: live.status },
        after: { quantity: input.quantity, fromDate: input.fromDate, status: "pending" },
      });
      return { id: live.id, edited: true };
    }
    const [row] = await tx
      .insert(needCommitments)
      .values({ needId, ...input, createdByUserId: actor.userId, createdAt: now, updatedAt: now })
      .onConflictDoNothing()
      .returning({ id: needCommitments.id });
    // Two answers from the same organisation at once: the other one won.
    if (!row) throw new AppError("conflict", "needs.error.alreadyCommitted");
    await recordAudit(tx, actor, {
      action: "need.committed",
      entityType: "need_commitment",
      entityId: row.id,
      organizationId: input.organizationId,
      after: { needId, quantity: input.quantity, fromDate: input.fromDate },
    });
    return { id: row.id, edited: false };
  });
}

/** The committing organisation withdraws its live commitment. */
export async function withdrawCommitment(actor: Actor, needId: string, raw: unknown, now = new Date()): Promise<void> {
  if (actor.kind !== "user") throw new AppError("unauthenticated", "errors.unauthenticated");
  const need = await loadNeed(getDb(), needId);
  const { commitmentId } = parseInput(decideCommitmentSchema, raw);
  const [c] = await getDb()
    .select()
    .from(needCommitments)
    .where(and(eq(needCommitments.id, commitmentId), eq(needCommitments.needId, needId)));
  if (!c || !isOrganizationMember(actor, c.organizationId)) throw new AppError(need.status === "closed" ? "not_found" : "forbidden", "errors.forbidden");
  if (c.status !== "pending" && c.status !== "accepted") throw new AppError("conflict", "needs.error.commitmentDecided");
  await getDb().transaction(async (tx) => {
    const [done] = await tx
      .update(needCommitments)
      .set({ status: "withdrawn", updatedAt: now })
      .where(and(eq(needCommitments.id, c.id), inArray(needCommitments.status, ["pending", "accepted"])))
      .returning({ id: needCommitments.id });
    if (!done) throw new AppError("conflict", "needs.error.commitmentDecided");
    await settleNeedStatus(tx, needId, now);
    await recordAudit(tx, actor, {
      action: "need.commitment_withdrawn",
      entityType: "need_commitment",
      entityId: c.id,
      organizationId: c.organizationId,
      before: { status: c.status },
      after: { status: "withdrawn" },
    });
  });
}

/**
 * The owner accepts or declines a pending commitment (claimed with a conditional update, so two decisions at once
 * cannot both land); accepting one that covers the rest fulfils the need.
 */
export async function decideCommitment(
  actor: Actor,
  needId: string,
  raw: unknown,
  decision: "accepted" | "declined",
  now = new Date(),
): Promise<{ needStatus: "open" | "fulfilled" | "closed" }> {
  const { user, need } = await requireNeedOwner(actor, needId);
  const { commitmentId } = parseInput(decideCommitmentSchema, raw);
  if (!isUuid(commitmentId)) throw new AppError("not_found", "errors.notFound");
  if (need.status === "closed") throw new AppError("conflict", "needs.error.closed");
  return getDb().transaction(async (tx) => {
    const [done] = await tx
      .update(needCommitments)
      .set({ status: decision, decidedAt: now, decidedByUserId: user.userId, updatedAt: now })
      // The commitment must belong to this need: an id from another need (another kommune's) matches nothing.
      .where(and(eq(needCommitments.id, commitmentId), eq(needCommitments.needId, needId), eq(needCommitments.status, "pending")))
      .returning({ id: needCommitments.id, organizationId: needCommitments.organizationId, quantity: needCommitments.quantity });
    if (!done) throw new AppError("conflict", "needs.error.commitmentDecided");
    const needStatus = await settleNeedStatus(tx, needId, now);
    await recordAudit(tx, user, {
      action: decision === "accepted" ? "need.commitment_accepted" : "need.commitment_declined",
      entityType: "need_commitment",
      entityId: done.id,
      organizationId: done.organizationId,
      before: { status: "pending" },
      after: { status: decision, needStatus },
    });
    return { needStatus };
  });
}
