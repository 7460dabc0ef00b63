import { eq } from "drizzle-orm";
import QRCode from "qrcode";
import { getDb, type Queryable } from "~/db/client.server.ts";
import { workshopRunSettings, workshops } from "~/db/schema/index.ts";
import type { Actor } from "~/domain/auth/actor.ts";
import { getEnv } from "~/env.server.ts";
import { AppError } from "~/lib/errors.ts";
import { canManageWorkshop, currentParticipant, loadWorkshop, type CurrentParticipant, type WorkshopRef } from "./access.server.ts";
import type { ObstacleTheme } from "./workshops.constants.ts";

/**
 * Who is in the room (issue 13, running a workshop). Everything about a
 * workshop's obstacles, votes and solutions goes through a RunAccess: the
 * workshop, the participant making the request (by account or device cookie)
 * and whether the actor manages the workshop. Someone who is neither — another
 * kommune's coordinator, an organisation member not taking part, IMDi — is
 * refused (forbidden); a visitor without the device cookie is sent to sign in.
 */
export interface RunAccess {
  actor: Actor;
  workshop: WorkshopRef;
  participant: CurrentParticipant | null;
  manager: boolean;
}

/** The default number of top-voted obstacles that go on to solutions. */
export const DEFAULT_PRIORITISED = 5;

/**
 * The access of this request. `findParticipant` is currentParticipant bound to
 * the request (routes) or a participant row (tests).
 */
export async function resolveRunAccess(
  actor: Actor,
  workshopId: string,
  findParticipant: (workshopId: string) => Promise<CurrentParticipant | null>,
): Promise<RunAccess> {
  const workshop = await loadWorkshop(workshopId);
  const manager = canManageWorkshop(actor, workshop);
  const participant = await findParticipant(workshop.id);
  if (!manager && !participant) {
    // As the rest of the module: a visitor without the device cookie signs in; a signed-in outsider is refused.
    if (actor.kind !== "user") throw new AppError("unauthenticated", "errors.unauthenticated");
    throw new AppError("forbidden", "errors.forbidden");
  }
  return { actor, workshop, participant, manager };
}

/** Adding obstacles and solutions and voting: a participant of an open (running) workshop. */
export function assertMayTakePart(access: RunAccess): CurrentParticipant {
  assertRunning(access);
  if (!access.participant) throw new AppError("forbidden", "workshopRun.error.notParticipant");
  return access.participant;
}

/** Adding: a participant, or a manager writing up what the room says. */
export function assertMayAdd(access: RunAccess): void {
  assertRunning(access);
  if (!access.participant && !access.manager) throw new AppError("forbidden", "workshopRun.error.notParticipant");
}

export function assertMayManage(access: RunAccess): void {
  if (!access.manager) throw new AppError("forbidden", "errors.forbidden");
  assertRunning(access);
}

/** Obstacles, votes and solutions change only while the workshop runs: closed is read-only, planning has not started. */
export function assertRunning(access: RunAccess): void {
  if (access.workshop.status === "closed") throw new AppError("conflict", "workshops.error.closed");
  if (access.workshop.status !== "running") throw new AppError("conflict", "workshopRun.error.notStarted");
}

export async function prioritisedCount(workshopId: string, db: Queryable = getDb()): Promise<number> {
  const [row] = await db
    .select({ count: workshopRunSettings.prioritisedCount })
    .from(workshopRunSettings)
    .where(eq(workshopRunSettings.workshopId, workshopId));
  return row?.count ?? DEFAULT_PRIORITISED;
}

/** The database's refusal (a trigger's check_violation or a unique index) by constraint name, through drizzle's wrapping. */
export function dbConstraint(error: unknown): { code: string; constraint: string | undefined } | null {
  for (let e: unknown = error; e && typeof e === "object"; e = (e as { cause?: unknown }).cause) {
    const code = (e as { code?: unknown }).code;
    if (code === "23505" || code === "23514") {
      const constraint = (e as { constraint?: unknown }).constraint;
      return { code, constraint: typeof constraint === "string" ? constraint : undefined };
    }
  }
  return null;
}

/** The access of a page request: the participant by account or by this workshop's device cookie. */
export function runAccessFor(request: Request, actor: Actor, workshopId: string): Promise<RunAccess> {
  return resolveRunAccess(actor, workshopId, (id) => currentParticipant(request, actor, id));
}

/** What the run pages show around the lists: focus themes, and for managers the join code and link to show in the room. */
export async function runOverview(access: RunAccess): Promise<{ focusThemes: ObstacleTheme[]; join: { code: string; url: string } | null }> {
  const [row] = await getDb()
    .select({ focusThemes: workshops.focusThemes, joinCode: workshops.joinCode })
    .from(workshops)
    .where(eq(workshops.id, access.workshop.id));
  return {
    focusThemes: row?.focusThemes ?? [],
    join: access.manager && row && access.workshop.status === "running" ? { code: row.joinCode, url: joinUrl(row.joinCode) } : null,
  };
}

function joinUrl(code: string): string {
  return new URL(`/verksteder/bli-med?kode=${encodeURIComponent(code)}`, getEnv().PUBLIC_URL).toString();
}

/** The QR code (SVG) that opens the join page with the code filled in. Managers only: they show it in the room. */
export async function joinQrSvg(access: RunAccess): Promise<string> {
  if (!access.manager) throw new AppError("not_found", "errors.notFound");
  const [row] = await getDb().select({ joinCode: workshops.joinCode }).from(workshops).where(eq(workshops.id, access.workshop.id));
  return QRCode.toString(joinUrl(row!.joinCode), { type: "svg", margin: 2, errorCorrectionLevel: "M" });
}
