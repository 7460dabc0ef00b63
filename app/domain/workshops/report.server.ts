import { and, asc, count, desc, eq, inArray, isNull } from "drizzle-orm";
import { getDb } from "~/db/client.server.ts";
import {
  municipalities,
  organizations,
  workshopEscalations,
  workshopMunicipalities,
  workshopObstacles,
  workshopObstacleVotes,
  workshopParticipants,
  workshops,
  workshopSessions,
  workshopSolutions,
  workshopSolutionVotes,
} from "~/db/schema/index.ts";
import type { Actor } from "~/domain/auth/actor.ts";
import { writesNynorsk } from "~/domain/reference/reference.server.ts";
import { AppError } from "~/lib/errors.ts";
import { actionPlanForReport } from "./actions.server.ts";
import { canManageWorkshop, currentParticipant, loadWorkshop, type WorkshopRef } from "./access.server.ts";
import type { EscalationStatus } from "./escalations.constants.ts";
import { matrixForReport } from "./matrix.server.ts";
import { activeParticipantStatuses, participantSectors, type ObstacleTheme, type ParticipantSector } from "./workshops.constants.ts";

/**
 * The workshop report (issue 13): participants by sector, ranked obstacles
 * with their solutions, the responsibility matrix and the action plan — for
 * the printable page and the PDF. Read by the workshop's managers and its
 * participants; participants' names (and organisations) only for managers.
 */

export type ReportLocale = "nb" | "nn";

export interface ReportObstacle {
  id: string;
  theme: ObstacleTheme;
  text: string;
  votes: number;
  escalation: { status: EscalationStatus; level: "county" | "national"; answer: string | null } | null;
  solutions: { id: string; text: string; votes: number }[];
}

/** The kommune's målform: nynorsk when the (first) kommune of the workshop writes nynorsk, else bokmål. */
export function reportLocale(workshop: Pick<WorkshopRef, "municipalityNumbers">): ReportLocale {
  const first = workshop.municipalityNumbers[0];
  return first && writesNynorsk(first) ? "nn" : "nb";
}

/** Managers and participants (by account or the workshop's device cookie); anyone else is refused. */
export async function assertMayReadReport(actor: Actor, request: Request, workshopId: string) {
  const workshop = await loadWorkshop(workshopId);
  const manager = canManageWorkshop(actor, workshop);
  if (!manager && !(await currentParticipant(request, actor, workshop.id))) {
    throw new AppError(actor.kind === "user" ? "forbidden" : "unauthenticated", actor.kind === "user" ? "errors.forbidden" : "errors.unauthenticated");
  }
  return { workshop, manager };
}

export async function getWorkshopReport(actor: Actor, request: Request, workshopId: string, now = new Date()) {
  const { workshop, manager } = await assertMayReadReport(actor, request, workshopId);
  return { ...(await buildReport(workshop, manager, now)), manager };
}

export type WorkshopReport = Awaited<ReturnType<typeof buildReport>>;

/** The report's content; `withNames` adds the participants' names and organisations (managers only). */
export async function buildReport(workshop: WorkshopRef, withNames: boolean, now = new Date()) {
  const db = getDb();
  const [details] = await db
    .select({ purpose: workshops.purpose, facilitatorName: workshops.facilitatorName, closedAt: workshops.closedAt })
    .from(workshops)
    .where(eq(workshops.id, workshop.id));
  const kommuner = await db
    .select({ number: municipalities.number, name: municipalities.name })
    .from(workshopMunicipalities)
    .innerJoin(municipalities, eq(municipalities.number, workshopMunicipalities.municipalityNumber))
    .where(eq(workshopMunicipalities.workshopId, workshop.id))
    .orderBy(asc(municipalities.name));
  const sessions = await db
    .select({ startsAt: workshopSessions.startsAt, kind: workshopSessions.kind, place: workshopSessions.place })
    .from(workshopSessions)
    .where(eq(workshopSessions.workshopId, workshop.id))
    .orderBy(asc(workshopSessions.startsAt));

  const people = await db
    .select({ name: workshopParticipants.name, sector: workshopParticipants.sector, organization: organizations.name })
    .from(workshopParticipants)
    .leftJoin(organizations, eq(organizations.id, workshopParticipants.organizationId))
    .where(and(eq(workshopParticipants.workshopId, workshop.id), inArray(workshopParticipants.status, [...activeParticipantStatuses])))
    .orderBy(asc(workshopParticipants.sector), asc(workshopParticipants.name));
  const sectors = participantSectors
    .map((sector: ParticipantSector) => {
      const inSector = people.filter((p) => p.sector === sector);
      return {
        sector,
        count: inSector.length,
        names: withNames ? inSector.map((p) => (p.organization ? `${p.name} (${p.organization})` : p.name)) : [],
      };
    })
    .filter((s) => s.count > 0);

  const obstacleRows = await db
    .select({ id: workshopObstacles.id, theme: workshopObstacles.theme, text: workshopObstacles.text, votes: count(workshopObstacleVotes.id) })
    .from(workshopObstacles)
    .leftJoin(workshopObstacleVotes, eq(workshopObstacleVotes.obstacleId, workshopObstacles.id))
    .where(and(eq(workshopObstacles.workshopId, workshop.id), isNull(workshopObstacles.mergedIntoId)))
    .groupBy(workshopObstacles.id)
    .orderBy(desc(count(workshopObstacleVotes.id)), asc(workshopObstacles.createdAt));
  const solutionRows = await db
    .select({ id: workshopSolutions.id, obstacleId: workshopSolutions.obstacleId, text: workshopSolutions.text, votes: count(workshopSolutionVotes.id) })
    .from(workshopSolutions)
    .leftJoin(workshopSolutionVotes, eq(workshopSolutionVotes.solutionId, workshopSolutions.id))
    .where(eq(workshopSolutions.workshopId, workshop.id))
    .groupBy(workshopSolutions.id)
    .orderBy(desc(count(workshopSolutionVotes.id)), asc(workshopSolutions.createdAt));
  const escalations = await db
    .select({
      obstacleId: workshopEscalations.obstacleId,
      status: workshopEscalations.status,
      level: workshopEscalations.level,
      answer: workshopEscalations.answer,
    })
    .from(workshopEscalations)
    .where(eq(workshopEscalations.workshopId, workshop.id));
  const obstacles: ReportObstacle[] = obstacleRows.map((o) => {
    const e = escalations.find((x) => x.obstacleId === o.id);
    return {
      ...o,
      escalation: e ? { status: e.status, level: e.level, answer: e.answer } : null,
      solutions: solutionRows.filter((s) => s.obstacleId === o.id).map(({ id, text, votes }) => ({ id, text, votes })),
    };
  });

  return {
    workshop: {
      id: workshop.id,
      title: workshop.title,
      status: workshop.status,
      purpose: details?.purpose ?? "",
      facilitatorName: details?.facilitatorName ?? "",
    },
    kommuner,
    sessions,
    sectors,
    participantCount: people.length,
    obstacles,
    matrix: await matrixForReport(workshop.id),
    actions: await actionPlanForReport(workshop.id, now),
    locale: reportLocale(workshop),
    generatedAt: now,
  };
}

/** The report as a PDF in the kommune's målform, for the same readers as the page; participants' names only in a manager's copy. */
export async function getWorkshopPdf(actor: Actor, request: Request, workshopId: string, now = new Date()) {
  const { workshop, manager } = await assertMayReadReport(actor, request, workshopId);
  const { renderReportPdf } = await import("./pdf.server.ts");
  const body = await renderReportPdf(await buildReport(workshop, manager, now));
  return { body, filename: `verkstedrapport-${workshop.id.slice(0, 8)}.pdf` };
}
