import { eq } from "drizzle-orm";
import { getDb } from "~/db/client.server.ts";
import { workshopParticipants, workshops } from "~/db/schema/index.ts";
import { hit, isLimited, type RateLimitRule } from "~/domain/auth/rate-limit.server.ts";
import { AppError } from "~/lib/errors.ts";
import { parseInput } from "~/lib/validation.ts";
import { issueDeviceToken } from "./access.server.ts";
import { joinSchema } from "./run.schema.ts";

/**
 * Joining a running workshop in the room with its code (issue 13), without an
 * account: a participant (status joined) whose device token's hash is stored
 * and whose token goes in the workshop's cookie. A code reaches only its own
 * workshop. Wrong codes are counted per source address so codes cannot be
 * guessed; only failures count, as a whole room joins from one network.
 */
export const joinCodeFailuresPerIp: RateLimitRule = { limit: 30, windowSeconds: 15 * 60 };

export interface JoinResult {
  workshopId: string;
  participantId: string;
  setCookie: string;
}

export async function joinWithCode(rawInput: unknown, ip: string | null): Promise<JoinResult> {
  const input = parseInput(joinSchema, rawInput);
  const db = getDb();
  const key = `workshop-join:${ip ?? "unknown"}`;
  if (await isLimited(db, key, joinCodeFailuresPerIp)) throw new AppError("rate_limited", "errors.rateLimited");
  const [workshop] = await db.select({ id: workshops.id, status: workshops.status }).from(workshops).where(eq(workshops.joinCode, input.code));
  if (!workshop) {
    await hit(db, key, joinCodeFailuresPerIp);
    throw new AppError("validation", "workshopRun.error.unknownCode", { code: { key: "workshopRun.error.unknownCode" } });
  }
  if (workshop.status === "closed") throw new AppError("conflict", "workshopRun.error.joinClosed");
  if (workshop.status !== "running") throw new AppError("conflict", "workshopRun.error.joinNotStarted");
  const { tokenHash, setCookie } = await issueDeviceToken(workshop.id);
  const [row] = await db
    .insert(workshopParticipants)
    .values({
      workshopId: workshop.id,
      name: input.name,
      sector: input.sector,
      status: "joined",
      showName: input.name !== "",
      deviceTokenHash: tokenHash,
      registeredAt: new Date(),
    })
    .returning({ id: workshopParticipants.id });
  return { workshopId: workshop.id, participantId: row!.id, setCookie };
}

/** What the join page says about a code from the QR link before anyone types: nothing but whether it is worth a try. */
export async function workshopTitleForCode(code: string): Promise<string | null> {
  const normalised = code.replace(/[\s-]/g, "").toUpperCase();
  if (!normalised || normalised.length > 12) return null;
  const [row] = await getDb().select({ title: workshops.title, status: workshops.status }).from(workshops).where(eq(workshops.joinCode, normalised));
  return row && row.status === "running" ? row.title : null;
}
