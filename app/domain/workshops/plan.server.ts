import { randomInt } from "node:crypto";
import type { z } from "zod";
import { and, asc, count, desc, eq, inArray, notInArray, or, sql } from "drizzle-orm";
import { getDb, type Queryable } from "~/db/client.server.ts";
import { counties, municipalities, workshopMunicipalities, workshopParticipants, workshops, workshopSessions } from "~/db/schema/index.ts";
import { recordAudit } from "~/domain/audit/audit.server.ts";
import { countyOf, type Actor, type UserActor } from "~/domain/auth/actor.ts";
import { formatOsloLocal } from "~/domain/activities/schedule.ts";
import { AppError } from "~/lib/errors.ts";
import { parseInput, toFieldErrors } from "~/lib/validation.ts";
import { assertCanManageWorkshop, canManageWorkshop, currentParticipant, loadWorkshop, type WorkshopRef } from "./access.server.ts";
import { SESSION_SLOTS_MAX, sessionsSchema, workshopCreateSchema, workshopStatusSchema, workshopUpdateSchema, type SessionInput } from "./plan.schema.ts";
import {
  activeParticipantStatuses,
  JOIN_CODE_ALPHABET,
  JOIN_CODE_LENGTH,
  participantSectors,
  requiredSectors,
  type ParticipantSector,
  type WorkshopStatus,
} from "./workshops.constants.ts";

/**
 * The plan of a development workshop (issue 13): who organises it, for which
 * kommuner, its purpose, themes and sessions; the list of workshops; the hub.
 *
 * Organising: a kommune's coordinators organise for their kommune; a
 * fylkeskommune's advisors for one or several kommuner of their fylke. Every
 * kommune number a form sends is checked against that.
 */

export interface OrganiserOption {
  value: string;
  level: "municipality" | "county";
  number: string;
  name: string;
}

/** The bodies the actor may organise a workshop for: their kommuner as coordinator, their fylker as advisor. */
export async function organiserOptions(actor: Actor, db: Queryable = getDb()): Promise<OrganiserOption[]> {
  if (actor.kind !== "user") return [];
  const kommuner = actor.roles.filter((r) => r.role === "municipal_coordinator" && r.municipalityNumber).map((r) => r.municipalityNumber!);
  const fylker = actor.roles.filter((r) => r.role === "county_advisor" && r.countyNumber).map((r) => r.countyNumber!);
  const options: OrganiserOption[] = [];
  if (kommuner.length) {
    const rows = await db
      .select({ number: municipalities.number, name: municipalities.name })
      .from(municipalities)
      .where(inArray(municipalities.number, kommuner))
      .orderBy(asc(municipalities.name));
    for (const m of rows) options.push({ value: `municipality:${m.number}`, level: "municipality", number: m.number, name: m.name });
  }
  if (fylker.length) {
    const rows = await db
      .select({ number: counties.number, name: counties.name })
      .from(counties)
      .where(inArray(counties.number, fylker))
      .orderBy(asc(counties.name));
    for (const c of rows) options.push({ value: `county:${c.number}`, level: "county", number: c.number, name: c.name });
  }
  return options;
}

/** The form's choices: organisers, and for a county advisor the kommuner of their fylker. */
export async function workshopFormData(actor: Actor) {
  if (actor.kind !== "user") throw new AppError("unauthenticated", "errors.unauthenticated");
  const organisers = await organiserOptions(actor);
  if (!organisers.length) throw new AppError("forbidden", "errors.forbidden");
  const fylker = organisers.filter((o) => o.level === "county").map((o) => o.number);
  const countyMunicipalities = fylker.length
    ? await getDb()
        .select({ number: municipalities.number, name: municipalities.name })
        .from(municipalities)
        .where(inArray(municipalities.countyNumber, fylker))
        .orderBy(asc(municipalities.name))
    : [];
  return { organisers, countyMunicipalities };
}

/** A fresh join code; uniqueness is the database's (workshops_join_code_uq), the caller retries on a clash. */
export function newJoinCode(): string {
  let code = "";
  for (let i = 0; i < JOIN_CODE_LENGTH; i++) code += JOIN_CODE_ALPHABET[randomInt(JOIN_CODE_ALPHABET.length)];
  return code;
}

/** The plan's fields and its session rows, with the messages of both at once. */
function parsePlan<S extends typeof workshopCreateSchema | typeof workshopUpdateSchema>(schema: S, raw: unknown) {
  const fields = schema.safeParse(raw);
  const sessions = sessionsSchema.safeParse(raw ?? {});
  if (!fields.success || !sessions.success) {
    throw new AppError("validation", "common.errorSummary", {
      ...(sessions.success ? {} : toFieldErrors(sessions.error)),
      ...(fields.success ? {} : toFieldErrors(fields.error)),
    });
  }
  return { ...(fields.data as z.output<S>), sessions: sessions.data };
}

function invalid(field: string, key: string): AppError {
  return new AppError("validation", "common.errorSummary", { [field]: { key } });
}

function isUniqueViolation(error: unknown): boolean {
  const candidates = [error, (error as { cause?: unknown } | null)?.cause];
  return candidates.some((e) => typeof e === "object" && e !== null && (e as { code?: unknown }).code === "23505");
}

async function writeSessions(tx: Queryable, workshopId: string, sessions: SessionInput[]): Promise<void> {
  const existing = await tx.select({ id: workshopSessions.id }).from(workshopSessions).where(eq(workshopSessions.workshopId, workshopId));
  const known = new Set(existing.map((s) => s.id));
  const kept = sessions.filter((s) => s.id && known.has(s.id)).map((s) => s.id!);
  const gone = [...known].filter((id) => !kept.includes(id));
  if (gone.length) await tx.delete(workshopSessions).where(inArray(workshopSessions.id, gone));
  for (const s of sessions) {
    const values = { kind: s.kind, startsAt: s.startsAt, durationMinutes: s.durationMinutes, place: s.place, videoUrl: s.videoUrl };
    if (s.id && known.has(s.id)) {
      const [before] = await tx.select({ startsAt: workshopSessions.startsAt }).from(workshopSessions).where(eq(workshopSessions.id, s.id));
      // A moved session gets its reminder again.
      const moved = before && before.startsAt.getTime() !== s.startsAt.getTime();
      await tx
        .update(workshopSessions)
        .set({ ...values, ...(moved ? { reminderSentAt: null } : {}) })
        .where(eq(workshopSessions.id, s.id));
    } else {
      await tx.insert(workshopSessions).values({ workshopId, ...values });
    }
  }
}

/**
 * Creates a workshop. A coordinator organises for their own kommune; a county
 * advisor for one or several kommuner of their fylke (each number checked).
 */
export async function createWorkshop(actor: Actor, rawInput: unknown): Promise<{ id: string; joinCode: string }> {
  if (actor.kind !== "user") throw new AppError("unauthenticated", "errors.unauthenticated");
  const options = await organiserOptions(actor);
  if (!options.length) throw new AppError("forbidden", "errors.forbidden");
  const input = parsePlan(workshopCreateSchema, rawInput);
  const organiser = options.find((o) => o.value === input.organiser);
  if (!organiser) throw invalid("organiser", "workshops.form.error.organiser");
  let kommuner: string[];
  if (organiser.level === "municipality") {
    kommuner = [organiser.number];
  } else {
    kommuner = [...new Set(input.municipalityNumbers)];
    if (!kommuner.length) throw invalid("municipalityNumbers", "workshops.form.error.noMunicipality");
    if (kommuner.some((n) => countyOf(n) !== organiser.number)) throw invalid("municipalityNumbers", "workshops.form.error.municipality");
    const found = await getDb().select({ number: municipalities.number }).from(municipalities).where(inArray(municipalities.number, kommuner));
    if (found.length !== kommuner.length) throw invalid("municipalityNumbers", "workshops.form.error.municipality");
  }
  for (let attempt = 0; ; attempt++) {
    const joinCode = newJoinCode();
    try {
      const id = await getDb().transaction(async (tx) => {
        const [row] = await tx
          .insert(workshops)
          .values({
            title: input.title,
            purpose: input.purpose,
            focusThemes: input.focusThemes,
            organiserLevel: organiser.level,
            organiserMunicipalityNumber: organiser.level === "municipality" ? organiser.number : null,
            organiserCountyNumber: organiser.level === "county" ? organiser.number : null,
            facilitatorName: input.facilitatorName || actor.name,
            facilitatorUserId: actor.userId,
            capacity: input.capacity,
            obstacleVotesPerParticipant: input.obstacleVotesPerParticipant,
            solutionVotesPerParticipant: input.solutionVotesPerParticipant,
            joinCode,
            createdByUserId: actor.userId,
          })
          .returning({ id: workshops.id });
        await tx.insert(workshopMunicipalities).values(kommuner.map((municipalityNumber) => ({ workshopId: row!.id, municipalityNumber })));
        await writeSessions(
          tx,
          row!.id,
          input.sessions.map((s) => ({ ...s, id: null })),
        );
        await recordAudit(tx, actor, {
          action: "workshop.created",
          entityType: "workshop",
          entityId: row!.id,
          after: { title: input.title, organiser: organiser.value, kommuner },
        });
        return row!.id;
      });
      return { id, joinCode };
    } catch (error) {
      // Two workshops drew the same code: draw again (the unique index decides, not a read before the write).
      if (isUniqueViolation(error) && attempt < 5) continue;
      throw error;
    }
  }
}

async function requireManaged(actor: Actor, id: unknown): Promise<{ user: UserActor; workshop: WorkshopRef }> {
  const workshop = await loadWorkshop(typeof id === "string" ? id : "");
  if (actor.kind === "user" && !canManageWorkshop(actor, workshop) && !(await isParticipantUser(actor, workshop.id))) {
    // Someone with no part in it learns nothing, not even that it exists.
    throw new AppError("not_found", "errors.notFound");
  }
  assertCanManageWorkshop(actor, workshop);
  return { user: actor as UserActor, workshop };
}

async function isParticipantUser(actor: UserActor, workshopId: string): Promise<boolean> {
  const [row] = await getDb()
    .select({ id: workshopParticipants.id })
    .from(workshopParticipants)
    .where(and(eq(workshopParticipants.workshopId, workshopId), eq(workshopParticipants.userId, actor.userId)));
  return !!row;
}

export { requireManaged as requireManagedWorkshop };

async function sessionsOf(workshopId: string) {
  return getDb()
    .select({
      id: workshopSessions.id,
      kind: workshopSessions.kind,
      startsAt: workshopSessions.startsAt,
      durationMinutes: workshopSessions.durationMinutes,
      place: workshopSessions.place,
      videoUrl: workshopSessions.videoUrl,
    })
    .from(workshopSessions)
    .where(eq(workshopSessions.workshopId, workshopId))
    .orderBy(asc(workshopSessions.startsAt));
}

async function workshopRow(id: string) {
  const [row] = await getDb().select().from(workshops).where(eq(workshops.id, id));
  if (!row) throw new AppError("not_found", "errors.notFound");
  return row;
}

/** The edit form's values (managers only). */
export async function getWorkshopForEdit(actor: Actor, id: unknown) {
  const { workshop } = await requireManaged(actor, id);
  const row = await workshopRow(workshop.id);
  const sessions = await sessionsOf(workshop.id);
  const values: Record<string, string | string[]> = {
    title: row.title,
    purpose: row.purpose,
    focusThemes: row.focusThemes,
    facilitatorName: row.facilitatorName,
    capacity: row.capacity === null ? "" : String(row.capacity),
    obstacleVotesPerParticipant: String(row.obstacleVotesPerParticipant),
    solutionVotesPerParticipant: String(row.solutionVotesPerParticipant),
  };
  sessions.forEach((s, i) => {
    values[`s${i}_id`] = s.id;
    values[`s${i}_kind`] = s.kind;
    values[`s${i}_startsAt`] = formatOsloLocal(s.startsAt);
    values[`s${i}_durationMinutes`] = String(s.durationMinutes);
    values[`s${i}_place`] = s.place ?? "";
    values[`s${i}_videoUrl`] = s.videoUrl ?? "";
  });
  return {
    id: workshop.id,
    title: row.title,
    status: row.status,
    values,
    sessionSlots: Math.min(SESSION_SLOTS_MAX, sessions.length + 2),
    sessionIds: sessions.map((s) => s.id),
  };
}

/** Changes the plan (managers; not once closed). Audited. */
export async function updateWorkshop(actor: Actor, id: unknown, rawInput: unknown): Promise<void> {
  const { user, workshop } = await requireManaged(actor, id);
  if (workshop.status === "closed") throw new AppError("conflict", "workshops.error.closed");
  const input = parsePlan(workshopUpdateSchema, rawInput);
  await getDb().transaction(async (tx) => {
    await tx
      .update(workshops)
      .set({
        title: input.title,
        purpose: input.purpose,
        focusThemes: input.focusThemes,
        facilitatorName: input.facilitatorName,
        capacity: input.capacity,
        obstacleVotesPerParticipant: input.obstacleVotesPerParticipant,
        solutionVotesPerParticipant: input.solutionVotesPerParticipant,
        updatedAt: new Date(),
      })
      .where(eq(workshops.id, workshop.id));
    await writeSessions(tx, workshop.id, input.sessions);
    await recordAudit(tx, user, {
      action: "workshop.updated",
      entityType: "workshop",
      entityId: workshop.id,
      after: { title: input.title, sessions: input.sessions.length },
    });
  });
}

const nextStatus: Record<WorkshopStatus, WorkshopStatus | null> = { planning: "running", running: "closed", closed: null };

/** planning → running → closed, one step at a time, by a manager; closing needs the confirmation box. */
export async function setWorkshopStatus(actor: Actor, id: unknown, rawInput: unknown): Promise<{ status: WorkshopStatus }> {
  const { user, workshop } = await requireManaged(actor, id);
  const input = parseInput(workshopStatusSchema, rawInput);
  if (nextStatus[workshop.status] !== input.status) throw new AppError("conflict", "workshops.error.statusStep");
  if (input.status === "closed" && !input.confirm) throw invalid("confirm", "workshops.hub.closeConfirmRequired");
  await getDb().transaction(async (tx) => {
    const [row] = await tx
      .update(workshops)
      .set({ status: input.status, updatedAt: new Date(), ...(input.status === "closed" ? { closedAt: new Date() } : {}) })
      .where(and(eq(workshops.id, workshop.id), eq(workshops.status, workshop.status)))
      .returning({ id: workshops.id });
    if (!row) throw new AppError("conflict", "workshops.error.statusStep");
    await recordAudit(tx, user, {
      action: "workshop.status_changed",
      entityType: "workshop",
      entityId: workshop.id,
      before: { status: workshop.status },
      after: { status: input.status },
    });
  });
  return { status: input.status };
}

export interface WorkshopListItem {
  id: string;
  title: string;
  status: WorkshopStatus;
  firstStartsAt: Date | null;
  municipalityNames: string[];
  manages: boolean;
}

/**
 * Workshops the actor manages (their kommuner's, their fylke's, or that they
 * facilitate) and those they take part in, newest first.
 */
export async function listWorkshops(actor: Actor): Promise<WorkshopListItem[]> {
  if (actor.kind !== "user") throw new AppError("unauthenticated", "errors.unauthenticated");
  const db = getDb();
  const kommuner = actor.roles.filter((r) => r.role === "municipal_coordinator" && r.municipalityNumber).map((r) => r.municipalityNumber!);
  const fylker = actor.roles.filter((r) => r.role === "county_advisor" && r.countyNumber).map((r) => r.countyNumber!);
  const byMunicipality = db
    .select({ id: workshopMunicipalities.workshopId })
    .from(workshopMunicipalities)
    .innerJoin(municipalities, eq(municipalities.number, workshopMunicipalities.municipalityNumber))
    .where(
      or(
        kommuner.length ? inArray(workshopMunicipalities.municipalityNumber, kommuner) : sql`false`,
        fylker.length ? inArray(municipalities.countyNumber, fylker) : sql`false`,
      ),
    );
  const asParticipant = db
    .select({ id: workshopParticipants.workshopId })
    .from(workshopParticipants)
    .where(and(eq(workshopParticipants.userId, actor.userId), notInArray(workshopParticipants.status, ["declined", "cancelled"])));
  const rows = await db
    .select({ id: workshops.id, title: workshops.title, status: workshops.status, createdAt: workshops.createdAt })
    .from(workshops)
    .where(
      or(
        inArray(workshops.id, byMunicipality),
        inArray(workshops.id, asParticipant),
        eq(workshops.facilitatorUserId, actor.userId),
        fylker.length ? inArray(workshops.organiserCountyNumber, fylker) : sql`false`,
      ),
    )
    .orderBy(desc(workshops.createdAt))
    .limit(200);
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const firsts = await db
    .select({ workshopId: workshopSessions.workshopId, first: sql<string>`min(${workshopSessions.startsAt})` })
    .from(workshopSessions)
    .where(inArray(workshopSessions.workshopId, ids))
    .groupBy(workshopSessions.workshopId);
  const names = await db
    .select({ workshopId: workshopMunicipalities.workshopId, name: municipalities.name })
    .from(workshopMunicipalities)
    .innerJoin(municipalities, eq(municipalities.number, workshopMunicipalities.municipalityNumber))
    .where(inArray(workshopMunicipalities.workshopId, ids))
    .orderBy(asc(municipalities.name));
  const result: WorkshopListItem[] = [];
  for (const r of rows) {
    const ref = await loadWorkshop(r.id);
    const first = firsts.find((f) => f.workshopId === r.id)?.first;
    result.push({
      id: r.id,
      title: r.title,
      status: r.status,
      firstStartsAt: first ? new Date(first) : null,
      municipalityNames: names.filter((n) => n.workshopId === r.id).map((n) => n.name),
      manages: canManageWorkshop(actor, ref),
    });
  }
  return result;
}

export interface SectorCount {
  sector: ParticipantSector;
  taking: number;
  invited: number;
}

/** Who is missing? Per sector: how many take part (registered or joined) and how many are still invited or waitlisted. */
export async function sectorChecklist(workshopId: string, db: Queryable = getDb()) {
  const rows = await db
    .select({ sector: workshopParticipants.sector, status: workshopParticipants.status, n: count() })
    .from(workshopParticipants)
    .where(eq(workshopParticipants.workshopId, workshopId))
    .groupBy(workshopParticipants.sector, workshopParticipants.status);
  const active: readonly string[] = activeParticipantStatuses;
  const counts: SectorCount[] = participantSectors.map((sector) => ({
    sector,
    taking: rows.filter((r) => r.sector === sector && active.includes(r.status)).reduce((a, r) => a + r.n, 0),
    invited: rows.filter((r) => r.sector === sector && (r.status === "invited" || r.status === "waitlisted")).reduce((a, r) => a + r.n, 0),
  }));
  const missing = requiredSectors.filter((s) => (counts.find((c) => c.sector === s)?.taking ?? 0) === 0);
  return { counts, missing };
}

/**
 * The hub. Managers see the whole plan (join code, capacity, participants'
 * counts); participants (account or device cookie) see purpose, sessions and
 * the sector counts, nothing personal about others. Anyone else: not found.
 */
export async function getWorkshopHub(request: Request, actor: Actor, id: unknown) {
  const workshop = await loadWorkshop(typeof id === "string" ? id : "");
  const manages = canManageWorkshop(actor, workshop);
  let participant = manages ? null : await currentParticipant(request, actor, workshop.id);
  let pending: string | null = null;
  if (!manages && !participant && actor.kind === "user") {
    // Invited or waitlisted with an account: sees the plan, not yet the room.
    const [row] = await getDb()
      .select({
        id: workshopParticipants.id,
        name: workshopParticipants.name,
        sector: workshopParticipants.sector,
        organizationId: workshopParticipants.organizationId,
        status: workshopParticipants.status,
      })
      .from(workshopParticipants)
      .where(
        and(
          eq(workshopParticipants.workshopId, workshop.id),
          eq(workshopParticipants.userId, actor.userId),
          inArray(workshopParticipants.status, ["invited", "waitlisted"]),
        ),
      );
    if (row) {
      participant = row;
      pending = row.status;
    }
  }
  if (!manages && !participant) {
    if (actor.kind !== "user") throw new AppError("unauthenticated", "errors.unauthenticated");
    throw new AppError("not_found", "errors.notFound");
  }
  const row = await workshopRow(workshop.id);
  const sessions = await sessionsOf(workshop.id);
  const checklist = await sectorChecklist(workshop.id);
  const kommuner = await getDb()
    .select({ number: municipalities.number, name: municipalities.name })
    .from(municipalities)
    .where(inArray(municipalities.number, workshop.municipalityNumbers.length ? workshop.municipalityNumbers : ["----"]))
    .orderBy(asc(municipalities.name));
  return {
    id: workshop.id,
    title: row.title,
    purpose: row.purpose,
    focusThemes: row.focusThemes,
    status: row.status,
    facilitatorName: row.facilitatorName,
    municipalities: kommuner,
    sessions,
    checklist,
    manages,
    participantName: participant?.name ?? null,
    pending,
    manager: manages
      ? {
          joinCode: row.joinCode,
          capacity: row.capacity,
          obstacleVotesPerParticipant: row.obstacleVotesPerParticipant,
          solutionVotesPerParticipant: row.solutionVotesPerParticipant,
        }
      : null,
  };
}
