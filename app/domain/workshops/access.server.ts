import { and, eq, inArray } from "drizzle-orm";
import { createCookie } from "react-router";
import { getDb, type Queryable } from "~/db/client.server.ts";
import { workshopMunicipalities, workshopParticipants, workshops } from "~/db/schema/index.ts";
import { getEnv } from "~/env.server.ts";
import { countyOf, type Actor } from "~/domain/auth/actor.ts";
import { hashToken, randomToken } from "~/lib/crypto.server.ts";
import { AppError } from "~/lib/errors.ts";
import { isUuid } from "~/lib/validation.ts";
import { activeParticipantStatuses, type ParticipantSector, type WorkshopOrganiserLevel, type WorkshopStatus } from "./workshops.constants.ts";

/**
 * Who may do what in a development workshop (issue 13), shared by every part of
 * the module (plan, run, matrix, action plan, report). docs/authorization.md
 * has the rules in words.
 *
 * - Managing (editing the plan, seeing participants' personal data, merging
 *   obstacles, publishing): the workshop's facilitator, the coordinators of any
 *   of its kommuner, and the advisors of the fylkeskommune that organises it or
 *   whose fylke its kommuner lie in. IMDi does not manage a kommune's workshop;
 *   it sees obstacles across workshops and answers those handed up to it.
 * - Taking part (adding obstacles and solutions, voting): a participant whose
 *   status is registered or joined, identified by their account or by the
 *   device token a join code or registration link left in a cookie.
 */

export interface WorkshopRef {
  id: string;
  title: string;
  status: WorkshopStatus;
  organiserLevel: WorkshopOrganiserLevel;
  organiserMunicipalityNumber: string | null;
  organiserCountyNumber: string | null;
  facilitatorUserId: string | null;
  obstacleVotesPerParticipant: number;
  solutionVotesPerParticipant: number;
  /** The kommuner it is for, sorted. */
  municipalityNumbers: string[];
}

/** The workshop, or not_found (also for a malformed id, so ids cannot be probed). */
export async function loadWorkshop(id: string, db: Queryable = getDb()): Promise<WorkshopRef> {
  if (!isUuid(id)) throw new AppError("not_found", "errors.notFound");
  const [row] = await db
    .select({
      id: workshops.id,
      title: workshops.title,
      status: workshops.status,
      organiserLevel: workshops.organiserLevel,
      organiserMunicipalityNumber: workshops.organiserMunicipalityNumber,
      organiserCountyNumber: workshops.organiserCountyNumber,
      facilitatorUserId: workshops.facilitatorUserId,
      obstacleVotesPerParticipant: workshops.obstacleVotesPerParticipant,
      solutionVotesPerParticipant: workshops.solutionVotesPerParticipant,
    })
    .from(workshops)
    .where(eq(workshops.id, id));
  if (!row) throw new AppError("not_found", "errors.notFound");
  const kommuner = await db
    .select({ number: workshopMunicipalities.municipalityNumber })
    .from(workshopMunicipalities)
    .where(eq(workshopMunicipalities.workshopId, id));
  return { ...row, municipalityNumbers: kommuner.map((k) => k.number).sort() };
}

/** The fylker the workshop touches: the organising fylkeskommune's and its kommuner's. */
export function workshopCounties(workshop: WorkshopRef): string[] {
  const counties = new Set(workshop.municipalityNumbers.map(countyOf));
  if (workshop.organiserCountyNumber) counties.add(workshop.organiserCountyNumber);
  return [...counties].sort();
}

/** May plan and run the workshop and see its participants' personal data. */
export function canManageWorkshop(actor: Actor, workshop: WorkshopRef): boolean {
  if (actor.kind !== "user") return false;
  if (workshop.facilitatorUserId && workshop.facilitatorUserId === actor.userId) return true;
  const counties = workshopCounties(workshop);
  return actor.roles.some(
    (r) =>
      (r.role === "municipal_coordinator" && r.municipalityNumber !== null && workshop.municipalityNumbers.includes(r.municipalityNumber)) ||
      (r.role === "county_advisor" && r.countyNumber !== null && counties.includes(r.countyNumber)),
  );
}

export function assertCanManageWorkshop(actor: Actor, workshop: WorkshopRef): void {
  if (actor.kind !== "user") throw new AppError("unauthenticated", "errors.unauthenticated");
  if (!canManageWorkshop(actor, workshop)) throw new AppError("forbidden", "errors.forbidden");
}

/** A closed workshop is read-only: its obstacles, votes, solutions and matrix stay as they were agreed. */
export function assertWorkshopOpen(workshop: WorkshopRef): void {
  if (workshop.status === "closed") throw new AppError("conflict", "workshops.error.closed");
}

export interface CurrentParticipant {
  id: string;
  name: string;
  sector: ParticipantSector;
  organizationId: string | null;
}

/**
 * The participant making this request: by account when signed in, else by the
 * device token in the workshop's cookie. Null when neither names an active
 * participant of THIS workshop (a token from another workshop finds nothing).
 */
export async function currentParticipant(request: Request, actor: Actor, workshopId: string, db: Queryable = getDb()): Promise<CurrentParticipant | null> {
  const columns = {
    id: workshopParticipants.id,
    name: workshopParticipants.name,
    sector: workshopParticipants.sector,
    organizationId: workshopParticipants.organizationId,
  };
  const active = inArray(workshopParticipants.status, [...activeParticipantStatuses]);
  if (actor.kind === "user") {
    const [byAccount] = await db
      .select(columns)
      .from(workshopParticipants)
      .where(and(eq(workshopParticipants.workshopId, workshopId), eq(workshopParticipants.userId, actor.userId), active));
    if (byAccount) return byAccount;
  }
  const token = await readDeviceToken(request, workshopId);
  if (!token) return null;
  const [byDevice] = await db
    .select(columns)
    .from(workshopParticipants)
    .where(and(eq(workshopParticipants.workshopId, workshopId), eq(workshopParticipants.deviceTokenHash, hashToken(token)), active));
  return byDevice ?? null;
}

/**
 * One signed cookie per workshop holds the device token of someone taking part
 * without an account. It is scoped to the workshop's pages by path, so one
 * workshop's cookie is never even sent to another's.
 */
function deviceCookie(workshopId: string) {
  const env = getEnv();
  return createCookie(`samspill_ws_${workshopId.replaceAll("-", "")}`, {
    httpOnly: true,
    secure: env.cookieSecure,
    sameSite: "lax",
    path: `/verksteder/${workshopId}`,
    maxAge: 120 * 24 * 60 * 60,
    secrets: [env.SESSION_SECRET],
  });
}

async function readDeviceToken(request: Request, workshopId: string): Promise<string | null> {
  const value: unknown = await deviceCookie(workshopId).parse(request.headers.get("Cookie"));
  return typeof value === "string" && value.length > 0 ? value : null;
}

/** A new device token: the hash goes in workshop_participants.device_token_hash, the Set-Cookie header to the browser. */
export async function issueDeviceToken(workshopId: string): Promise<{ tokenHash: string; setCookie: string }> {
  const token = randomToken();
  return { tokenHash: hashToken(token), setCookie: await deviceCookie(workshopId).serialize(token) };
}
