import { and, asc, desc, eq, gte, inArray, lt, or, sql } from "drizzle-orm";
import { getDb, type Queryable } from "~/db/client.server.ts";
import {
  organizationMunicipalities,
  organizations,
  workshopActionChanges,
  workshopActionNotes,
  workshopActions,
  workshopMunicipalities,
  workshopObstacles,
  workshopParticipants,
  workshopSessions,
  workshopSolutions,
  workshops,
} from "~/db/schema/index.ts";
import { canCoordinateMunicipality, isOrganizationMember, type Actor, type UserActor } from "~/domain/auth/actor.ts";
import { recordAudit } from "~/domain/audit/audit.server.ts";
import { getCounty, getMunicipality } from "~/domain/reference/reference.server.ts";
import { AppError } from "~/lib/errors.ts";
import { isUuid, parseInput } from "~/lib/validation.ts";
import { canManageWorkshop, currentParticipant, loadWorkshop, type WorkshopRef } from "./access.server.ts";
import { actionSchema, deleteSchema, noteSchema, openActionStatuses, statusSchema, type ActionStatus } from "./actions.schema.ts";

/**
 * The action plan of a development workshop (issue 13) and its follow-up.
 *
 * - Seeing the plan: the workshop's managers, its taking-part participants
 *   (currentParticipant), and members of an organisation that owns one of its
 *   actions (they must be able to report on it).
 * - Creating, editing, deleting actions: managers only, also after the
 *   workshop closed (follow-up sessions add actions).
 * - Status and progress notes: managers, and members of the action's owner
 *   organisation — checked against the action row, never a value the form sends.
 */

/** Today's date in Norway (deadlines are calendar dates there). */
export function osloDate(now: Date): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Oslo", year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}

export function addDays(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function isOverdue(action: { status: string; deadline: string }, today: string): boolean {
  return (openActionStatuses as readonly string[]).includes(action.status) && action.deadline < today;
}

async function ownerOrganizationIdsInPlan(workshopId: string): Promise<string[]> {
  const rows = await getDb()
    .selectDistinct({ id: workshopActions.ownerOrganizationId })
    .from(workshopActions)
    .where(eq(workshopActions.workshopId, workshopId));
  return rows.map((r) => r.id);
}

interface PlanAccess {
  workshop: WorkshopRef;
  canManage: boolean;
  isParticipant: boolean;
}

/** The workshop and what the actor may do in its plan; forbidden for anyone who may not see it. */
async function planAccess(request: Request | null, actor: Actor, workshopId: string): Promise<PlanAccess> {
  const workshop = await loadWorkshop(workshopId);
  const canManage = canManageWorkshop(actor, workshop);
  const isParticipant = request ? (await currentParticipant(request, actor, workshop.id)) !== null : false;
  if (canManage || isParticipant) return { workshop, canManage, isParticipant };
  if (actor.kind === "user") {
    const owners = await ownerOrganizationIdsInPlan(workshop.id);
    if (owners.some((id) => isOrganizationMember(actor, id))) return { workshop, canManage, isParticipant };
  }
  throw new AppError(actor.kind === "user" ? "forbidden" : "unauthenticated", actor.kind === "user" ? "errors.forbidden" : "errors.unauthenticated");
}

function requireUserActor(actor: Actor): UserActor {
  if (actor.kind !== "user") throw new AppError("unauthenticated", "errors.unauthenticated");
  return actor;
}

async function loadAction(db: Queryable, workshopId: string, actionId: string) {
  if (!isUuid(actionId)) throw new AppError("not_found", "errors.notFound");
  const [row] = await db
    .select()
    .from(workshopActions)
    .where(and(eq(workshopActions.id, actionId), eq(workshopActions.workshopId, workshopId)));
  // An action of another workshop is "not found" here, so ids cannot be probed across workshops.
  if (!row) throw new AppError("not_found", "errors.notFound");
  return row;
}

/** Managers, or members of the action's owner organisation (from the action row). */
function mayFollowUp(actor: Actor, canManage: boolean, action: { ownerOrganizationId: string }): boolean {
  return canManage || isOrganizationMember(actor, action.ownerOrganizationId);
}

/** How a note's writer is shown: the owner organisation's name, else the body the manager acts for. */
async function authorLabel(actor: UserActor, workshop: WorkshopRef, ownerOrganizationId: string): Promise<{ label: string; organizationId: string | null }> {
  if (isOrganizationMember(actor, ownerOrganizationId)) {
    const [org] = await getDb().select({ name: organizations.name }).from(organizations).where(eq(organizations.id, ownerOrganizationId));
    if (org) return { label: org.name, organizationId: ownerOrganizationId };
  }
  const coordinated = actor.roles.find(
    (r) => r.role === "municipal_coordinator" && r.municipalityNumber && workshop.municipalityNumbers.includes(r.municipalityNumber),
  );
  if (coordinated?.municipalityNumber) {
    const m = await getMunicipality(coordinated.municipalityNumber);
    if (m) return { label: `${m.municipality.name} kommune`, organizationId: null };
  }
  const advised = actor.roles.find((r) => r.role === "county_advisor" && r.countyNumber);
  if (advised?.countyNumber) {
    const c = await getCounty(advised.countyNumber);
    if (c) return { label: `${c.name} fylkeskommune`, organizationId: null };
  }
  const [w] = await getDb().select({ facilitatorName: workshops.facilitatorName }).from(workshops).where(eq(workshops.id, workshop.id));
  return { label: w?.facilitatorName || workshop.title, organizationId: null };
}

async function assertOrganizationExists(db: Queryable, id: string) {
  const [org] = await db.select({ id: organizations.id }).from(organizations).where(eq(organizations.id, id));
  if (!org) throw new AppError("validation", "common.errorSummary", { ownerOrganizationId: { key: "workshops.actions.error.owner" } });
}

async function assertSolutionOfWorkshop(db: Queryable, workshopId: string, solutionId: string | null) {
  if (!solutionId) return;
  const [s] = await db
    .select({ id: workshopSolutions.id })
    .from(workshopSolutions)
    .where(and(eq(workshopSolutions.id, solutionId), eq(workshopSolutions.workshopId, workshopId)));
  if (!s) throw new AppError("validation", "common.errorSummary", { solutionId: { key: "workshops.actions.error.solution" } });
}

async function logChange(
  db: Queryable,
  entry: {
    workshopId: string;
    actionId: string | null;
    actionTitle: string;
    kind: (typeof workshopActionChanges.$inferInsert)["kind"];
    fromValue?: string | null;
    toValue?: string | null;
    actorUserId: string | null;
    at?: Date;
  },
) {
  await db.insert(workshopActionChanges).values({
    workshopId: entry.workshopId,
    actionId: entry.actionId,
    actionTitle: entry.actionTitle,
    kind: entry.kind,
    fromValue: entry.fromValue ?? null,
    toValue: entry.toValue ?? null,
    actorUserId: entry.actorUserId,
    ...(entry.at ? { createdAt: entry.at } : {}),
  });
}

export async function createAction(actor: Actor, workshopId: string, raw: unknown, now = new Date()) {
  const user = requireUserActor(actor);
  const workshop = await loadWorkshop(workshopId);
  if (!canManageWorkshop(user, workshop)) throw new AppError("forbidden", "errors.forbidden");
  const input = parseInput(actionSchema, raw);
  const db = getDb();
  await assertOrganizationExists(db, input.ownerOrganizationId);
  await assertSolutionOfWorkshop(db, workshop.id, input.solutionId);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(workshopActions)
      .values({ ...input, workshopId: workshop.id, createdByUserId: user.userId, createdAt: now, updatedAt: now })
      .returning({ id: workshopActions.id });
    await logChange(tx, {
      workshopId: workshop.id,
      actionId: row!.id,
      actionTitle: input.title,
      kind: "created",
      toValue: input.deadline,
      actorUserId: user.userId,
      at: now,
    });
    await recordAudit(tx, user, { action: "workshop.action_created", entityType: "workshop_action", entityId: row!.id, before: null, after: input });
    return { id: row!.id };
  });
}

export async function updateAction(actor: Actor, workshopId: string, actionId: string, raw: unknown, now = new Date()) {
  const user = requireUserActor(actor);
  const workshop = await loadWorkshop(workshopId);
  if (!canManageWorkshop(user, workshop)) throw new AppError("forbidden", "errors.forbidden");
  const db = getDb();
  const before = await loadAction(db, workshop.id, actionId);
  const input = parseInput(actionSchema, raw);
  await assertOrganizationExists(db, input.ownerOrganizationId);
  await assertSolutionOfWorkshop(db, workshop.id, input.solutionId);
  await db.transaction(async (tx) => {
    await tx
      .update(workshopActions)
      .set({ ...input, updatedAt: now })
      .where(eq(workshopActions.id, before.id));
    if (before.deadline !== input.deadline) {
      await logChange(tx, {
        workshopId: workshop.id,
        actionId: before.id,
        actionTitle: input.title,
        kind: "deadline",
        fromValue: before.deadline,
        toValue: input.deadline,
        actorUserId: user.userId,
        at: now,
      });
    }
    const edited =
      before.title !== input.title ||
      before.description !== input.description ||
      before.ownerOrganizationId !== input.ownerOrganizationId ||
      before.contactName !== input.contactName ||
      before.contactEmail !== input.contactEmail ||
      before.contactPhone !== input.contactPhone ||
      before.solutionId !== input.solutionId;
    if (edited)
      await logChange(tx, { workshopId: workshop.id, actionId: before.id, actionTitle: input.title, kind: "edited", actorUserId: user.userId, at: now });
    await recordAudit(tx, user, {
      action: "workshop.action_updated",
      entityType: "workshop_action",
      entityId: before.id,
      before: {
        title: before.title,
        ownerOrganizationId: before.ownerOrganizationId,
        contactName: before.contactName,
        contactEmail: before.contactEmail,
        contactPhone: before.contactPhone,
        deadline: before.deadline,
      },
      after: input,
    });
  });
}

/** Deletes an action once the confirmation box is ticked (checked after who may, so a refusal comes first). Managers only. */
export async function deleteAction(actor: Actor, workshopId: string, actionId: string, raw: unknown, now = new Date()) {
  const user = requireUserActor(actor);
  const workshop = await loadWorkshop(workshopId);
  if (!canManageWorkshop(user, workshop)) throw new AppError("forbidden", "errors.forbidden");
  const db = getDb();
  const before = await loadAction(db, workshop.id, actionId);
  parseInput(deleteSchema, { ...(raw as object), actionId: before.id });
  await db.transaction(async (tx) => {
    await logChange(tx, { workshopId: workshop.id, actionId: null, actionTitle: before.title, kind: "deleted", actorUserId: user.userId, at: now });
    await tx.delete(workshopActions).where(eq(workshopActions.id, before.id));
    await recordAudit(tx, user, {
      action: "workshop.action_deleted",
      entityType: "workshop_action",
      entityId: before.id,
      before: { title: before.title, ownerOrganizationId: before.ownerOrganizationId, deadline: before.deadline, status: before.status },
      after: null,
    });
  });
}

/** Status: managers, or members of the action's owner organisation; also after the workshop closed. */
export async function setActionStatus(actor: Actor, workshopId: string, raw: unknown, now = new Date()) {
  const user = requireUserActor(actor);
  const input = parseInput(statusSchema, raw);
  const workshop = await loadWorkshop(workshopId);
  const db = getDb();
  const action = await loadAction(db, workshop.id, input.actionId);
  if (!mayFollowUp(user, canManageWorkshop(user, workshop), action)) throw new AppError("forbidden", "errors.forbidden");
  if (action.status === input.status) return;
  await db.transaction(async (tx) => {
    await tx.update(workshopActions).set({ status: input.status, updatedAt: now }).where(eq(workshopActions.id, action.id));
    await logChange(tx, {
      workshopId: workshop.id,
      actionId: action.id,
      actionTitle: action.title,
      kind: "status",
      fromValue: action.status,
      toValue: input.status,
      actorUserId: user.userId,
      at: now,
    });
    await recordAudit(tx, user, {
      action: "workshop.action_status",
      entityType: "workshop_action",
      entityId: action.id,
      before: { status: action.status },
      after: { status: input.status },
    });
  });
}

/** A dated progress note, shown by the writer's organisation or body: managers, or members of the owner organisation. */
export async function addActionNote(actor: Actor, workshopId: string, raw: unknown, now = new Date()) {
  const user = requireUserActor(actor);
  const input = parseInput(noteSchema, raw);
  const workshop = await loadWorkshop(workshopId);
  const db = getDb();
  const action = await loadAction(db, workshop.id, input.actionId);
  if (!mayFollowUp(user, canManageWorkshop(user, workshop), action)) throw new AppError("forbidden", "errors.forbidden");
  const author = await authorLabel(user, workshop, action.ownerOrganizationId);
  await db.transaction(async (tx) => {
    await tx.insert(workshopActionNotes).values({
      actionId: action.id,
      text: input.text,
      authorLabel: author.label,
      authorOrganizationId: author.organizationId,
      authorUserId: user.userId,
      createdAt: now,
    });
    await logChange(tx, {
      workshopId: workshop.id,
      actionId: action.id,
      actionTitle: action.title,
      kind: "note",
      toValue: author.label,
      actorUserId: user.userId,
      at: now,
    });
    await tx.update(workshopActions).set({ updatedAt: now }).where(eq(workshopActions.id, action.id));
  });
}

export interface PlanAction {
  id: string;
  title: string;
  description: string;
  solutionId: string | null;
  solutionText: string | null;
  ownerOrganizationId: string;
  ownerName: string;
  contactName: string;
  contactEmail: string | null;
  contactPhone: string | null;
  deadline: string;
  status: ActionStatus;
  overdue: boolean;
  notes: { id: string; text: string; authorLabel: string; createdAt: Date }[];
}

async function planActions(workshopId: string, today: string): Promise<PlanAction[]> {
  const db = getDb();
  const rows = await db
    .select({
      id: workshopActions.id,
      title: workshopActions.title,
      description: workshopActions.description,
      solutionId: workshopActions.solutionId,
      solutionText: workshopSolutions.text,
      ownerOrganizationId: workshopActions.ownerOrganizationId,
      ownerName: organizations.name,
      contactName: workshopActions.contactName,
      contactEmail: workshopActions.contactEmail,
      contactPhone: workshopActions.contactPhone,
      deadline: workshopActions.deadline,
      status: workshopActions.status,
    })
    .from(workshopActions)
    .innerJoin(organizations, eq(organizations.id, workshopActions.ownerOrganizationId))
    .leftJoin(workshopSolutions, eq(workshopSolutions.id, workshopActions.solutionId))
    .where(eq(workshopActions.workshopId, workshopId))
    .orderBy(asc(workshopActions.deadline), asc(workshopActions.title));
  const notes = rows.length
    ? await db
        .select({
          id: workshopActionNotes.id,
          actionId: workshopActionNotes.actionId,
          text: workshopActionNotes.text,
          authorLabel: workshopActionNotes.authorLabel,
          createdAt: workshopActionNotes.createdAt,
        })
        .from(workshopActionNotes)
        .where(
          inArray(
            workshopActionNotes.actionId,
            rows.map((r) => r.id),
          ),
        )
        .orderBy(desc(workshopActionNotes.createdAt))
    : [];
  return rows.map((r) => ({
    ...r,
    overdue: isOverdue(r, today),
    notes: notes.filter((n) => n.actionId === r.id).map(({ actionId: _a, ...n }) => n),
  }));
}

export interface PlanChange {
  kind: (typeof workshopActionChanges.$inferSelect)["kind"];
  actionTitle: string;
  fromValue: string | null;
  toValue: string | null;
  at: Date;
}

/** The change log between two instants: "what moved since last time". */
export async function planChangesBetween(workshopId: string, from: Date, until: Date): Promise<PlanChange[]> {
  return getDb()
    .select({
      kind: workshopActionChanges.kind,
      actionTitle: workshopActionChanges.actionTitle,
      fromValue: workshopActionChanges.fromValue,
      toValue: workshopActionChanges.toValue,
      at: workshopActionChanges.createdAt,
    })
    .from(workshopActionChanges)
    .where(and(eq(workshopActionChanges.workshopId, workshopId), gte(workshopActionChanges.createdAt, from), lt(workshopActionChanges.createdAt, until)))
    .orderBy(asc(workshopActionChanges.createdAt));
}

export interface FollowUpDiff {
  /** The follow-up session the diff is for (named so, not `sessionId`, which reads as a sign-in session). */
  followUpSessionId: string;
  sessionStartsAt: Date;
  since: Date;
  until: Date;
  created: PlanChange[];
  statusChanges: PlanChange[];
  deadlinesMoved: PlanChange[];
  notes: PlanChange[];
  deleted: PlanChange[];
}

/**
 * For a follow-up session (the one asked for, else the latest that has
 * started, else the next one): what the change log holds since the previous
 * session started, up to the next session (or now).
 */
export async function followUpDiff(workshopId: string, now: Date, sessionId?: string | null): Promise<FollowUpDiff | null> {
  const sessions = await getDb()
    .select({ id: workshopSessions.id, kind: workshopSessions.kind, startsAt: workshopSessions.startsAt })
    .from(workshopSessions)
    .where(eq(workshopSessions.workshopId, workshopId))
    .orderBy(asc(workshopSessions.startsAt));
  const followUps = sessions.filter((s) => s.kind === "follow_up");
  const chosen =
    (sessionId ? followUps.find((s) => s.id === sessionId) : undefined) ??
    [...followUps].reverse().find((s) => s.startsAt <= now) ??
    followUps.find((s) => s.startsAt > now);
  if (!chosen) return null;
  const index = sessions.findIndex((s) => s.id === chosen.id);
  const previous = sessions[index - 1];
  if (!previous) return null;
  const next = sessions[index + 1];
  const until = next && next.startsAt < now ? next.startsAt : now;
  const changes = await planChangesBetween(workshopId, previous.startsAt, until);
  return {
    followUpSessionId: chosen.id,
    sessionStartsAt: chosen.startsAt,
    since: previous.startsAt,
    until,
    created: changes.filter((c) => c.kind === "created"),
    statusChanges: changes.filter((c) => c.kind === "status"),
    deadlinesMoved: changes.filter((c) => c.kind === "deadline"),
    notes: changes.filter((c) => c.kind === "note"),
    deleted: changes.filter((c) => c.kind === "deleted"),
  };
}

/** Owner choices: organisations in the workshop's kommuner and the participants' organisations (the register's, by name). */
async function ownerChoices(workshop: WorkshopRef, current: string[]) {
  const db = getDb();
  const inKommuner = db
    .select({ id: organizationMunicipalities.organizationId })
    .from(organizationMunicipalities)
    .where(inArray(organizationMunicipalities.municipalityNumber, workshop.municipalityNumbers));
  const ofParticipants = db
    .select({ id: workshopParticipants.organizationId })
    .from(workshopParticipants)
    .where(and(eq(workshopParticipants.workshopId, workshop.id), sql`${workshopParticipants.organizationId} is not null`));
  const rows = await db
    .select({ id: organizations.id, name: organizations.name })
    .from(organizations)
    .where(
      or(inArray(organizations.id, inKommuner), inArray(organizations.id, ofParticipants), current.length ? inArray(organizations.id, current) : sql`false`),
    )
    .orderBy(asc(organizations.name))
    .limit(500);
  return rows;
}

async function solutionChoices(workshopId: string) {
  return getDb()
    .select({ id: workshopSolutions.id, text: workshopSolutions.text, obstacleText: workshopObstacles.text })
    .from(workshopSolutions)
    .innerJoin(workshopObstacles, eq(workshopObstacles.id, workshopSolutions.obstacleId))
    .where(eq(workshopSolutions.workshopId, workshopId))
    .orderBy(asc(workshopObstacles.createdAt), asc(workshopSolutions.createdAt));
}

/** The plan page: the actions with notes, what the actor may do, and the follow-up diff. */
export async function getActionPlan(request: Request, actor: Actor, workshopId: string, opts: { now?: Date; sessionId?: string | null } = {}) {
  const now = opts.now ?? new Date();
  const access = await planAccess(request, actor, workshopId);
  const today = osloDate(now);
  const actions = await planActions(access.workshop.id, today);
  const diff = await followUpDiff(access.workshop.id, now, opts.sessionId);
  return {
    workshop: { id: access.workshop.id, title: access.workshop.title, status: access.workshop.status },
    canManage: access.canManage,
    today,
    actions: actions.map((a) => ({ ...a, mayFollowUp: mayFollowUp(actor, access.canManage, a) })),
    diff,
    choices: access.canManage
      ? {
          owners: await ownerChoices(
            access.workshop,
            actions.map((a) => a.ownerOrganizationId),
          ),
          solutions: await solutionChoices(access.workshop.id),
        }
      : null,
  };
}

// ---- Read functions for the workshop report (helper 5) and the kommune overview ----

export interface ReportAction {
  id: string;
  title: string;
  solutionText: string | null;
  ownerName: string;
  contactName: string;
  contactEmail: string | null;
  contactPhone: string | null;
  deadline: string;
  status: ActionStatus;
  overdue: boolean;
  latestNote: { text: string; authorLabel: string; createdAt: Date } | null;
}

/**
 * The action plan as the report prints it, sorted by deadline. No access
 * check: the caller (the report page) has checked who may read the report.
 */
export async function actionPlanForReport(workshopId: string, now = new Date()): Promise<ReportAction[]> {
  const actions = await planActions(workshopId, osloDate(now));
  return actions.map((a) => ({
    id: a.id,
    title: a.title,
    solutionText: a.solutionText,
    ownerName: a.ownerName,
    contactName: a.contactName,
    contactEmail: a.contactEmail,
    contactPhone: a.contactPhone,
    deadline: a.deadline,
    status: a.status,
    overdue: a.overdue,
    latestNote: a.notes[0] ? { text: a.notes[0].text, authorLabel: a.notes[0].authorLabel, createdAt: a.notes[0].createdAt } : null,
  }));
}

export interface PlanProgress {
  workshopId: string;
  title: string;
  workshopStatus: WorkshopRef["status"];
  municipalityNumbers: string[];
  total: number;
  done: number;
  inProgress: number;
  notStarted: number;
  dropped: number;
  overdue: number;
  /** done / (total − dropped), 0..1; null when nothing is left to count. */
  doneShare: number | null;
}

/**
 * Progress per action plan of the workshops for any of these kommuner (only
 * workshops that have an action plan). No access check: callers check.
 */
export async function actionPlanProgress(municipalityNumbers: string[], now = new Date()): Promise<PlanProgress[]> {
  if (!municipalityNumbers.length) return [];
  const db = getDb();
  const today = osloDate(now);
  const rows = await db
    .select({
      workshopId: workshops.id,
      title: workshops.title,
      workshopStatus: workshops.status,
      status: workshopActions.status,
      deadline: workshopActions.deadline,
    })
    .from(workshopActions)
    .innerJoin(workshops, eq(workshops.id, workshopActions.workshopId))
    .where(
      inArray(
        workshopActions.workshopId,
        db
          .select({ id: workshopMunicipalities.workshopId })
          .from(workshopMunicipalities)
          .where(inArray(workshopMunicipalities.municipalityNumber, municipalityNumbers)),
      ),
    );
  const byWorkshop = new Map<string, PlanProgress>();
  for (const r of rows) {
    let p = byWorkshop.get(r.workshopId);
    if (!p) {
      p = {
        workshopId: r.workshopId,
        title: r.title,
        workshopStatus: r.workshopStatus,
        municipalityNumbers: [],
        total: 0,
        done: 0,
        inProgress: 0,
        notStarted: 0,
        dropped: 0,
        overdue: 0,
        doneShare: null,
      };
      byWorkshop.set(r.workshopId, p);
    }
    p.total += 1;
    if (r.status === "done") p.done += 1;
    else if (r.status === "in_progress") p.inProgress += 1;
    else if (r.status === "not_started") p.notStarted += 1;
    else p.dropped += 1;
    if (isOverdue(r, today)) p.overdue += 1;
  }
  const result = [...byWorkshop.values()];
  if (result.length) {
    const kommuner = await db
      .select()
      .from(workshopMunicipalities)
      .where(
        inArray(
          workshopMunicipalities.workshopId,
          result.map((p) => p.workshopId),
        ),
      );
    for (const p of result) {
      p.municipalityNumbers = kommuner
        .filter((k) => k.workshopId === p.workshopId)
        .map((k) => k.municipalityNumber)
        .sort();
      const counted = p.total - p.dropped;
      p.doneShare = counted > 0 ? p.done / counted : null;
    }
  }
  return result.sort((a, b) => a.title.localeCompare(b.title, "nb"));
}

/** The kommune overview's section: the kommune's action plans, for those who coordinate the kommune (the overview's own rule). */
export async function municipalityActionPlans(actor: Actor, municipalityNumber: string, now = new Date()): Promise<PlanProgress[]> {
  if (!canCoordinateMunicipality(actor, municipalityNumber)) throw new AppError(actor.kind === "user" ? "forbidden" : "unauthenticated", "errors.forbidden");
  return actionPlanProgress([municipalityNumber], now);
}

/** One action for its edit page: managers only; an action of another workshop is not found. */
export async function getActionForEdit(actor: Actor, workshopId: string, actionId: string) {
  const workshop = await loadWorkshop(workshopId);
  const user = requireUserActor(actor);
  if (!canManageWorkshop(user, workshop)) throw new AppError("forbidden", "errors.forbidden");
  const action = await loadAction(getDb(), workshop.id, actionId);
  return {
    workshop: { id: workshop.id, title: workshop.title, status: workshop.status },
    action: {
      id: action.id,
      title: action.title,
      description: action.description,
      solutionId: action.solutionId ?? "",
      ownerOrganizationId: action.ownerOrganizationId,
      contactName: action.contactName,
      contactEmail: action.contactEmail ?? "",
      contactPhone: action.contactPhone ?? "",
      deadline: action.deadline,
    },
    choices: { owners: await ownerChoices(workshop, [action.ownerOrganizationId]), solutions: await solutionChoices(workshop.id) },
  };
}
