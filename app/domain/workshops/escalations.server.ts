import { and, asc, desc, eq, inArray, isNotNull, isNull, or, type SQL } from "drizzle-orm";
import { getDb } from "~/db/client.server.ts";
import { counties, municipalities, roleGrants, users, workshopEscalations, workshopMunicipalities, workshopObstacles, workshops } from "~/db/schema/index.ts";
import { getEnv } from "~/env.server.ts";
import { countyOf, type Actor, type UserActor } from "~/domain/auth/actor.ts";
import { recordAudit } from "~/domain/audit/audit.server.ts";
import { actsForBody, type Body } from "~/domain/competence/bodies.ts";
import { sendMail } from "~/domain/mail/mail.server.ts";
import { kommuneMailLocale } from "~/i18n/malform.server.ts";
import { getTranslator } from "~/i18n/translate.ts";
import { AppError } from "~/lib/errors.ts";
import { isUuid, parseInput } from "~/lib/validation.ts";
import { assertCanManageWorkshop, canManageWorkshop, currentParticipant, loadWorkshop, workshopCounties, type WorkshopRef } from "./access.server.ts";
import type { EscalationLevel, EscalationStatus } from "./escalations.constants.ts";
import { answerSchema, escalateSchema, passOnSchema } from "./escalations.schema.ts";
import type { ObstacleTheme } from "./workshops.constants.ts";

/**
 * Obstacles that need a change above the kommune (issue 13). A workshop's
 * managers hand one up to the fylkeskommune or IMDi with the workshop's
 * wording as it stood; the receiving body (exactly: the county advisors of
 * that fylke, or IMDi's national admins — actsForBody) answers it, or the
 * fylkeskommune passes it on to IMDi with a reason. The answer shows back in
 * the workshop to its managers and participants, and the managers get an
 * e-mail. Nobody else sees these.
 */

export interface Escalation {
  id: string;
  workshopId: string;
  workshopTitle: string;
  obstacleId: string;
  theme: ObstacleTheme;
  obstacleText: string;
  note: string;
  level: EscalationLevel;
  countyNumber: string | null;
  countyName: string | null;
  passedOnReason: string | null;
  status: EscalationStatus;
  answer: string | null;
  answeredAt: Date | null;
  createdAt: Date;
}

const columns = {
  id: workshopEscalations.id,
  workshopId: workshopEscalations.workshopId,
  workshopTitle: workshops.title,
  obstacleId: workshopEscalations.obstacleId,
  theme: workshopEscalations.theme,
  obstacleText: workshopEscalations.obstacleText,
  note: workshopEscalations.note,
  level: workshopEscalations.level,
  countyNumber: workshopEscalations.countyNumber,
  countyName: counties.name,
  passedOnReason: workshopEscalations.passedOnReason,
  status: workshopEscalations.status,
  answer: workshopEscalations.answer,
  answeredAt: workshopEscalations.answeredAt,
  createdAt: workshopEscalations.createdAt,
};

function bodyOf(e: { level: EscalationLevel; countyNumber: string | null }): Body {
  return e.level === "county" && e.countyNumber ? { level: "county", countyNumber: e.countyNumber } : { level: "national" };
}

/** The fylke a workshop hands up to: the organising fylkeskommune's, else its (first) kommune's. */
export function escalationCounty(workshop: WorkshopRef): string {
  return workshop.organiserCountyNumber ?? countyOf(workshop.municipalityNumbers[0] ?? "00") ?? workshopCounties(workshop)[0]!;
}

function selectEscalations(where: SQL | undefined) {
  return getDb()
    .select(columns)
    .from(workshopEscalations)
    .innerJoin(workshops, eq(workshops.id, workshopEscalations.workshopId))
    .leftJoin(counties, eq(counties.number, workshopEscalations.countyNumber))
    .where(where)
    .orderBy(desc(workshopEscalations.createdAt), asc(workshopEscalations.id));
}

/**
 * The workshop's handed-up obstacles with their answers: for its managers and
 * its participants (who see the answer next to the obstacle). Anyone else: forbidden.
 */
export async function listWorkshopEscalations(actor: Actor, request: Request, workshopId: string) {
  const workshop = await loadWorkshop(workshopId);
  const manager = canManageWorkshop(actor, workshop);
  if (!manager && !(await currentParticipant(request, actor, workshop.id))) {
    throw new AppError(actor.kind === "user" ? "forbidden" : "unauthenticated", actor.kind === "user" ? "errors.forbidden" : "errors.unauthenticated");
  }
  const escalations = await selectEscalations(eq(workshopEscalations.workshopId, workshop.id));
  // What a manager may still hand up: the workshop's own obstacles that count (not merged away) and are not handed up yet.
  const candidates = manager
    ? await getDb()
        .select({ id: workshopObstacles.id, theme: workshopObstacles.theme, text: workshopObstacles.text })
        .from(workshopObstacles)
        .where(and(eq(workshopObstacles.workshopId, workshop.id), isNull(workshopObstacles.mergedIntoId)))
        .orderBy(asc(workshopObstacles.theme), asc(workshopObstacles.createdAt))
    : [];
  const handedUp = new Set(escalations.map((e) => e.obstacleId));
  const [county] = await getDb()
    .select({ name: counties.name })
    .from(counties)
    .where(eq(counties.number, escalationCounty(workshop)));
  return {
    workshop: { id: workshop.id, title: workshop.title },
    manager,
    countyName: county?.name ?? null,
    escalations,
    candidates: candidates.filter((c) => !handedUp.has(c.id)),
  };
}

/** Hands an obstacle of THIS workshop up to the fylkeskommune or IMDi, keeping its wording. Managers only. Audited. */
export async function escalateObstacle(actor: Actor, workshopId: string, raw: unknown) {
  const workshop = await loadWorkshop(workshopId);
  assertCanManageWorkshop(actor, workshop);
  const user = actor as UserActor;
  const input = parseInput(escalateSchema, raw);
  const [obstacle] = await getDb()
    .select({ id: workshopObstacles.id, theme: workshopObstacles.theme, text: workshopObstacles.text })
    .from(workshopObstacles)
    .where(and(eq(workshopObstacles.id, input.obstacleId), eq(workshopObstacles.workshopId, workshop.id), isNull(workshopObstacles.mergedIntoId)));
  // Another workshop's obstacle (or a merged-away one) is simply not there.
  if (!obstacle) throw new AppError("not_found", "errors.notFound");
  const countyNumber = input.level === "county" ? escalationCounty(workshop) : null;
  return getDb().transaction(async (tx) => {
    const [row] = await tx
      .insert(workshopEscalations)
      .values({
        workshopId: workshop.id,
        obstacleId: obstacle.id,
        theme: obstacle.theme,
        obstacleText: obstacle.text,
        note: input.note,
        level: input.level,
        countyNumber,
        createdByUserId: user.userId,
      })
      .onConflictDoNothing()
      .returning({ id: workshopEscalations.id });
    if (!row) throw new AppError("conflict", "workshops.escalation.error.already");
    await recordAudit(tx, user, {
      action: "workshop.escalation_created",
      entityType: "workshop",
      entityId: workshop.id,
      after: { escalationId: row.id, obstacleId: obstacle.id, level: input.level, countyNumber },
    });
    return { id: row.id };
  });
}

/** Whether the actor receives handed-up obstacles at all: a county advisor or IMDi. */
export function receivesEscalations(actor: Actor): boolean {
  return actor.kind === "user" && actor.roles.some((r) => r.role === "national_admin" || (r.role === "county_advisor" && r.countyNumber !== null));
}

/** The inbox: obstacles handed up to a body the actor acts for (their fylke's fylkeskommune, or IMDi). Open ones first. */
export async function listEscalationInbox(actor: Actor) {
  if (actor.kind !== "user") throw new AppError("unauthenticated", "errors.unauthenticated");
  if (!receivesEscalations(actor)) throw new AppError("forbidden", "errors.forbidden");
  const countyNumbers = actor.roles.flatMap((r) => (r.role === "county_advisor" && r.countyNumber ? [r.countyNumber] : []));
  const national = actor.roles.some((r) => r.role === "national_admin");
  const where = or(
    national ? eq(workshopEscalations.level, "national") : undefined,
    countyNumbers.length ? and(eq(workshopEscalations.level, "county"), inArray(workshopEscalations.countyNumber, countyNumbers)) : undefined,
  );
  const rows = await selectEscalations(where);
  const kommuner = rows.length
    ? await getDb()
        .select({ workshopId: workshopMunicipalities.workshopId, name: municipalities.name })
        .from(workshopMunicipalities)
        .innerJoin(municipalities, eq(municipalities.number, workshopMunicipalities.municipalityNumber))
        .where(inArray(workshopMunicipalities.workshopId, [...new Set(rows.map((r) => r.workshopId))]))
    : [];
  const withKommuner = rows.map((r) => ({
    ...r,
    kommuner: kommuner
      .filter((k) => k.workshopId === r.workshopId)
      .map((k) => k.name)
      .sort(),
    canPassOn: r.status === "open" && r.level === "county" && actsForBody(actor, bodyOf(r)),
  }));
  return {
    open: withKommuner.filter((r) => r.status === "open"),
    answered: withKommuner.filter((r) => r.status !== "open"),
  };
}

async function loadForBody(actor: Actor, escalationId: string) {
  if (actor.kind !== "user") throw new AppError("unauthenticated", "errors.unauthenticated");
  if (!isUuid(escalationId)) throw new AppError("not_found", "errors.notFound");
  const [row] = await getDb().select().from(workshopEscalations).where(eq(workshopEscalations.id, escalationId));
  if (!row) throw new AppError("not_found", "errors.notFound");
  // Only the body it was handed to: another fylke's advisors, or IMDi while a fylkeskommune holds it, may not answer.
  if (!actsForBody(actor, bodyOf(row))) throw new AppError("forbidden", "errors.forbidden");
  if (row.status !== "open") throw new AppError("conflict", "workshops.escalation.error.answered");
  return { user: actor, row };
}

/** The receiving body answers. The workshop's managers get an e-mail. Audited. */
export async function answerEscalation(actor: Actor, raw: unknown) {
  const escalationId = typeof raw === "object" && raw && "escalationId" in raw ? String((raw as { escalationId: unknown }).escalationId) : "";
  const { user, row } = await loadForBody(actor, escalationId);
  const input = parseInput(answerSchema, raw);
  await getDb().transaction(async (tx) => {
    const updated = await tx
      .update(workshopEscalations)
      .set({ status: input.status, answer: input.answer, answeredAt: new Date(), answeredByUserId: user.userId })
      .where(and(eq(workshopEscalations.id, row.id), eq(workshopEscalations.status, "open")))
      .returning({ id: workshopEscalations.id });
    if (!updated.length) throw new AppError("conflict", "workshops.escalation.error.answered");
    await recordAudit(tx, user, {
      action: "workshop.escalation_answered",
      entityType: "workshop",
      entityId: row.workshopId,
      before: { escalationId: row.id, status: "open" },
      after: { escalationId: row.id, status: input.status, answer: input.answer },
    });
  });
  await notifyManagers(row.workshopId, row.obstacleText, input.status);
  return { id: row.id, status: input.status };
}

/** A fylkeskommune passes an open obstacle on to IMDi with a reason. Audited. */
export async function passOnToImdi(actor: Actor, raw: unknown) {
  const escalationId = typeof raw === "object" && raw && "escalationId" in raw ? String((raw as { escalationId: unknown }).escalationId) : "";
  const { user, row } = await loadForBody(actor, escalationId);
  if (row.level !== "county") throw new AppError("conflict", "workshops.escalation.error.alreadyNational");
  const input = parseInput(passOnSchema, raw);
  await getDb().transaction(async (tx) => {
    await tx
      .update(workshopEscalations)
      .set({ level: "national", countyNumber: null, passedOnReason: input.reason, passedOnAt: new Date(), passedOnByUserId: user.userId })
      .where(eq(workshopEscalations.id, row.id));
    await recordAudit(tx, user, {
      action: "workshop.escalation_passed_on",
      entityType: "workshop",
      entityId: row.workshopId,
      before: { escalationId: row.id, level: "county", countyNumber: row.countyNumber },
      after: { escalationId: row.id, level: "national", reason: input.reason },
    });
  });
  return { id: row.id };
}

/** The workshop's managers with a verified address: its facilitator, its kommuner's coordinators, its fylke(s)' advisors. */
async function managerRecipients(workshop: WorkshopRef) {
  const conditions = [
    workshop.municipalityNumbers.length
      ? and(eq(roleGrants.role, "municipal_coordinator"), inArray(roleGrants.municipalityNumber, workshop.municipalityNumbers))
      : undefined,
    and(eq(roleGrants.role, "county_advisor"), inArray(roleGrants.countyNumber, workshopCounties(workshop))),
  ];
  const byRole = await getDb()
    .select({ email: users.email, locale: users.locale })
    .from(roleGrants)
    .innerJoin(users, eq(users.id, roleGrants.userId))
    .where(and(or(...conditions), isNotNull(users.emailVerifiedAt)));
  const facilitator = workshop.facilitatorUserId
    ? await getDb()
        .select({ email: users.email, locale: users.locale })
        .from(users)
        .where(and(eq(users.id, workshop.facilitatorUserId), isNotNull(users.emailVerifiedAt)))
    : [];
  return [...facilitator, ...byRole];
}

async function notifyManagers(workshopId: string, obstacleText: string, status: EscalationStatus) {
  const workshop = await loadWorkshop(workshopId);
  const kommune = workshop.municipalityNumbers[0] ?? "";
  const link = new URL(`/verksteder/${workshop.id}/innspill`, getEnv().PUBLIC_URL).toString();
  const seen = new Set<string>();
  for (const r of await managerRecipients(workshop)) {
    const to = r.email.trim().toLowerCase();
    if (seen.has(to)) continue;
    seen.add(to);
    const t = getTranslator(kommuneMailLocale(kommune, r.locale));
    const statusLabel = t(`workshops.escalation.status.${status}`);
    await sendMail({
      to,
      subject: t("workshops.escalation.mail.subject", { title: workshop.title }),
      text: t("workshops.escalation.mail.text", { title: workshop.title, obstacle: obstacleText, status: statusLabel, link }),
    });
  }
}
