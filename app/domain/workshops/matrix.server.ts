import { and, asc, desc, eq, inArray, isNotNull, isNull, max } from "drizzle-orm";
import { getDb, type Queryable } from "~/db/client.server.ts";
import {
  matrixActors,
  matrixCells,
  matrixChanges,
  matrixTasks,
  municipalities,
  organizations,
  responsibilityMatrices,
  workshopParticipants,
  workshops,
} from "~/db/schema/index.ts";
import type { Actor, UserActor } from "~/domain/auth/actor.ts";
import { recordAudit } from "~/domain/audit/audit.server.ts";
import { mayEditMunicipalityContact } from "~/domain/municipalities/contact.server.ts";
import { AppError, type FieldErrors } from "~/lib/errors.ts";
import { parseInput } from "~/lib/validation.ts";
import { assertCanManageWorkshop, assertWorkshopOpen, canManageWorkshop, currentParticipant, loadWorkshop, type WorkshopRef } from "./access.server.ts";
import type { ParticipantSector } from "./workshops.constants.ts";
import type { MatrixChangeKind, MatrixConflictKind, MatrixRole } from "./matrix.constants.ts";
import {
  MATRIX_MAX_ACTORS,
  MATRIX_MAX_TASKS,
  matrixActorRenameSchema,
  matrixActorSchema,
  matrixCellValueSchema,
  matrixPublishSchema,
  matrixRemoveActorSchema,
  matrixRemoveTaskSchema,
  matrixTaskSchema,
  matrixTaskUpdateSchema,
  ROLE_FIELD_PREFIX,
} from "./matrix.schema.ts";

/**
 * The responsibility matrix (ansvarsfordeling, issue 13).
 *
 * - A workshop's own matrix (a draft without kommune): its participants read
 *   it, its managers (canManageWorkshop) edit it while the workshop is open.
 * - Publishing copies it, conflict-free, to chosen kommuner of the workshop as
 *   each kommune's one current "who does what" — public to everyone.
 * - A published matrix is kept current by the kommune's own coordinators (and
 *   IMDi, as with the kommune's published contact), without a new workshop;
 *   every change is audited (who) and dated in matrix_changes (what).
 *
 * Ids in forms (task, actor, organisation) are always checked against the
 * matrix being edited, so a hidden field cannot reach another matrix.
 */

export interface MatrixActorView {
  id: string;
  name: string;
  sector: ParticipantSector;
  organizationId: string | null;
}

export interface MatrixTaskView {
  id: string;
  title: string;
  contactName: string | null;
  contactPhone: string | null;
  contactEmail: string | null;
  /** actorId → role; an absent actor has an empty cell. */
  roles: Record<string, MatrixRole>;
}

export interface MatrixConflict {
  taskId: string;
  title: string;
  kind: MatrixConflictKind;
}

export interface MatrixView {
  id: string;
  workshopId: string | null;
  municipalityNumber: string | null;
  publishedAt: Date | null;
  updatedAt: Date;
  actors: MatrixActorView[];
  tasks: MatrixTaskView[];
  conflicts: MatrixConflict[];
}

/** A task with no one responsible, or with two or more. */
export function matrixConflicts(tasks: Pick<MatrixTaskView, "id" | "title" | "roles">[]): MatrixConflict[] {
  const conflicts: MatrixConflict[] = [];
  for (const task of tasks) {
    const responsible = Object.values(task.roles).filter((r) => r === "responsible").length;
    if (responsible === 0) conflicts.push({ taskId: task.id, title: task.title, kind: "none_responsible" });
    else if (responsible > 1) conflicts.push({ taskId: task.id, title: task.title, kind: "several_responsible" });
  }
  return conflicts;
}

async function readMatrix(db: Queryable, matrixId: string): Promise<MatrixView | null> {
  const [matrix] = await db.select().from(responsibilityMatrices).where(eq(responsibilityMatrices.id, matrixId));
  if (!matrix) return null;
  const actors = await db
    .select({ id: matrixActors.id, name: matrixActors.name, sector: matrixActors.sector, organizationId: matrixActors.organizationId })
    .from(matrixActors)
    .where(eq(matrixActors.matrixId, matrixId))
    .orderBy(asc(matrixActors.position), asc(matrixActors.name));
  const taskRows = await db
    .select({
      id: matrixTasks.id,
      title: matrixTasks.title,
      contactName: matrixTasks.contactName,
      contactPhone: matrixTasks.contactPhone,
      contactEmail: matrixTasks.contactEmail,
    })
    .from(matrixTasks)
    .where(eq(matrixTasks.matrixId, matrixId))
    .orderBy(asc(matrixTasks.position), asc(matrixTasks.title));
  const cells = taskRows.length
    ? await db
        .select()
        .from(matrixCells)
        .where(
          inArray(
            matrixCells.taskId,
            taskRows.map((t) => t.id),
          ),
        )
    : [];
  const tasks = taskRows.map((t) => ({
    ...t,
    roles: Object.fromEntries(cells.filter((c) => c.taskId === t.id).map((c) => [c.actorId, c.role])) as Record<string, MatrixRole>,
  }));
  return {
    id: matrix.id,
    workshopId: matrix.workshopId,
    municipalityNumber: matrix.municipalityNumber,
    publishedAt: matrix.publishedAt,
    updatedAt: matrix.updatedAt,
    actors,
    tasks,
    conflicts: matrixConflicts(tasks),
  };
}

async function draftMatrixId(db: Queryable, workshopId: string): Promise<string | null> {
  const [row] = await db
    .select({ id: responsibilityMatrices.id })
    .from(responsibilityMatrices)
    .where(and(eq(responsibilityMatrices.workshopId, workshopId), isNull(responsibilityMatrices.municipalityNumber)));
  return row?.id ?? null;
}

async function publishedMatrixId(db: Queryable, number: string): Promise<string | null> {
  const [row] = await db.select({ id: responsibilityMatrices.id }).from(responsibilityMatrices).where(eq(responsibilityMatrices.municipalityNumber, number));
  return row?.id ?? null;
}

/** Organisations that may be a column: those taking part in the workshop (the register's bodies around the table). */
async function organizationChoices(db: Queryable, workshopId: string | null): Promise<{ id: string; name: string }[]> {
  if (!workshopId) return [];
  return db
    .selectDistinct({ id: organizations.id, name: organizations.name })
    .from(workshopParticipants)
    .innerJoin(organizations, eq(organizations.id, workshopParticipants.organizationId))
    .where(eq(workshopParticipants.workshopId, workshopId))
    .orderBy(asc(organizations.name));
}

// ---------------------------------------------------------------- reading

/** The workshop's matrix page: participants and managers read; managers edit while the workshop is open. */
export async function getWorkshopMatrix(request: Request, actor: Actor, workshopId: string) {
  const workshop = await loadWorkshop(workshopId);
  const manager = canManageWorkshop(actor, workshop);
  if (!manager && !(await currentParticipant(request, actor, workshop.id))) {
    throw new AppError(actor.kind === "user" ? "forbidden" : "unauthenticated", actor.kind === "user" ? "errors.forbidden" : "errors.unauthenticated");
  }
  const db = getDb();
  const matrixId = await draftMatrixId(db, workshop.id);
  const matrix = matrixId ? await readMatrix(db, matrixId) : null;
  const kommuner = await db
    .select({ number: municipalities.number, name: municipalities.name })
    .from(municipalities)
    .where(inArray(municipalities.number, workshop.municipalityNumbers.length ? workshop.municipalityNumbers : ["----"]))
    .orderBy(asc(municipalities.name));
  const published = await db
    .select({ number: responsibilityMatrices.municipalityNumber, publishedAt: responsibilityMatrices.publishedAt })
    .from(responsibilityMatrices)
    .where(and(eq(responsibilityMatrices.workshopId, workshop.id), isNotNull(responsibilityMatrices.municipalityNumber)));
  return {
    workshop: { id: workshop.id, title: workshop.title, status: workshop.status },
    municipalities: kommuner.map((k) => ({ ...k, publishedAt: published.find((p) => p.number === k.number)?.publishedAt ?? null })),
    matrix,
    canEdit: manager && workshop.status !== "closed",
    canPublish: manager && (matrix?.tasks.length ?? 0) > 0,
    organizations: manager ? await organizationChoices(db, workshop.id) : [],
  };
}

/** The kommune's published "who does what": public. Null matrix when none is published. */
export async function getPublishedMatrix(actor: Actor, number: string) {
  if (!/^\d{4}$/.test(number)) throw new AppError("not_found", "errors.notFound");
  const db = getDb();
  const [municipality] = await db
    .select({ number: municipalities.number, name: municipalities.name })
    .from(municipalities)
    .where(eq(municipalities.number, number));
  if (!municipality) throw new AppError("not_found", "errors.notFound");
  const matrixId = await publishedMatrixId(db, number);
  const matrix = matrixId ? await readMatrix(db, matrixId) : null;
  const [workshop] = matrix?.workshopId
    ? await db.select({ id: workshops.id, title: workshops.title }).from(workshops).where(eq(workshops.id, matrix.workshopId))
    : [];
  const changes = matrixId
    ? await db
        .select({ kind: matrixChanges.kind, subject: matrixChanges.subject, at: matrixChanges.at })
        .from(matrixChanges)
        .where(eq(matrixChanges.matrixId, matrixId))
        .orderBy(desc(matrixChanges.at))
        .limit(10)
    : [];
  return {
    municipality,
    matrix,
    workshop: workshop ?? null,
    changes,
    canEdit: matrix !== null && mayEditMunicipalityContact(actor, number),
    organizations: [] as { id: string; name: string }[],
  };
}

/** The published matrix's edit page: the kommune's coordinators (and IMDi). */
export async function getPublishedMatrixForEdit(actor: Actor, number: string) {
  const target = await publishedTarget(actor, number);
  const view = await getPublishedMatrix(actor, number);
  return { ...view, matrix: view.matrix!, organizations: await organizationChoices(getDb(), target.workshopId) };
}

/**
 * For the workshop report (H5): the workshop's own matrix as tasks × actors ×
 * roles, its conflicts, and the kommuner it is published for. No permission
 * check here: the report's caller checks access to the workshop. Null when the
 * workshop has no matrix yet.
 */
export async function matrixForReport(
  workshopId: string,
  db: Queryable = getDb(),
): Promise<
  | (Pick<MatrixView, "actors" | "tasks" | "conflicts" | "updatedAt"> & {
      publishedFor: { municipalityNumber: string; publishedAt: Date | null }[];
    })
  | null
> {
  const matrixId = await draftMatrixId(db, workshopId);
  const matrix = matrixId ? await readMatrix(db, matrixId) : null;
  if (!matrix) return null;
  const published = await db
    .select({ municipalityNumber: responsibilityMatrices.municipalityNumber, publishedAt: responsibilityMatrices.publishedAt })
    .from(responsibilityMatrices)
    .where(and(eq(responsibilityMatrices.workshopId, workshopId), isNotNull(responsibilityMatrices.municipalityNumber)));
  return {
    actors: matrix.actors,
    tasks: matrix.tasks,
    conflicts: matrix.conflicts,
    updatedAt: matrix.updatedAt,
    publishedFor: published.map((p) => ({ municipalityNumber: p.municipalityNumber!, publishedAt: p.publishedAt })),
  };
}

// ---------------------------------------------------------------- editing

/** Which matrix a change is for: a workshop's own, or a kommune's published one. */
export type MatrixScope = { workshopId: string } | { municipalityNumber: string };

interface Target {
  user: UserActor;
  matrixId: string | null;
  workshopId: string | null;
  /** Creates the workshop's draft on its first change. */
  ensure: (tx: Queryable) => Promise<string>;
}

async function workshopTarget(actor: Actor, workshopId: string): Promise<Target> {
  const workshop: WorkshopRef = await loadWorkshop(workshopId);
  assertCanManageWorkshop(actor, workshop);
  assertWorkshopOpen(workshop);
  const user = actor as UserActor;
  const matrixId = await draftMatrixId(getDb(), workshop.id);
  return {
    user,
    matrixId,
    workshopId: workshop.id,
    ensure: async (tx) => {
      if (matrixId) return matrixId;
      const [row] = await tx
        .insert(responsibilityMatrices)
        .values({ workshopId: workshop.id })
        .onConflictDoNothing()
        .returning({ id: responsibilityMatrices.id });
      return row?.id ?? (await draftMatrixId(tx, workshop.id))!;
    },
  };
}

async function publishedTarget(actor: Actor, number: string): Promise<Target> {
  if (actor.kind !== "user") throw new AppError("unauthenticated", "errors.unauthenticated");
  if (!mayEditMunicipalityContact(actor, number)) throw new AppError("forbidden", "errors.forbidden");
  const db = getDb();
  const matrixId = await publishedMatrixId(db, number);
  if (!matrixId) throw new AppError("not_found", "errors.notFound");
  const [row] = await db.select({ workshopId: responsibilityMatrices.workshopId }).from(responsibilityMatrices).where(eq(responsibilityMatrices.id, matrixId));
  return { user: actor, matrixId, workshopId: row?.workshopId ?? null, ensure: async () => matrixId };
}

function target(actor: Actor, scope: MatrixScope): Promise<Target> {
  return "workshopId" in scope ? workshopTarget(actor, scope.workshopId) : publishedTarget(actor, scope.municipalityNumber);
}

async function noteChange(tx: Queryable, t: Target, matrixId: string, kind: MatrixChangeKind, subject: string, before: unknown, after: unknown) {
  const now = new Date();
  await tx.update(responsibilityMatrices).set({ updatedAt: now }).where(eq(responsibilityMatrices.id, matrixId));
  await tx.insert(matrixChanges).values({ matrixId, kind, subject, at: now });
  await recordAudit(tx, t.user, { action: `workshop_matrix.${kind}`, entityType: "responsibility_matrix", entityId: matrixId, before, after });
}

async function taskOf(db: Queryable, matrixId: string | null, taskId: string) {
  const [task] = matrixId
    ? await db
        .select()
        .from(matrixTasks)
        .where(and(eq(matrixTasks.id, taskId), eq(matrixTasks.matrixId, matrixId)))
    : [];
  if (!task) throw new AppError("not_found", "errors.notFound");
  return task;
}

async function actorOf(db: Queryable, matrixId: string | null, actorId: string) {
  const [row] = matrixId
    ? await db
        .select()
        .from(matrixActors)
        .where(and(eq(matrixActors.id, actorId), eq(matrixActors.matrixId, matrixId)))
    : [];
  if (!row) throw new AppError("not_found", "errors.notFound");
  return row;
}

/** The `role.<actorId>` fields of a task form, each checked against the matrix's own actors. */
async function cellsFromForm(db: Queryable, matrixId: string | null, raw: unknown): Promise<Map<string, MatrixRole | null>> {
  const cells = new Map<string, MatrixRole | null>();
  if (!raw || typeof raw !== "object") return cells;
  const entries = Object.entries(raw as Record<string, unknown>).filter(([k]) => k.startsWith(ROLE_FIELD_PREFIX));
  if (!entries.length) return cells;
  const own = new Set(
    matrixId ? (await db.select({ id: matrixActors.id }).from(matrixActors).where(eq(matrixActors.matrixId, matrixId))).map((a) => a.id) : [],
  );
  const errors: FieldErrors = {};
  for (const [key, value] of entries) {
    const actorId = key.slice(ROLE_FIELD_PREFIX.length);
    if (!own.has(actorId)) throw new AppError("not_found", "errors.notFound");
    const parsed = matrixCellValueSchema.safeParse(value);
    if (!parsed.success) errors[key] = { key: "workshopMatrix.error.role" };
    else cells.set(actorId, parsed.data === "" ? null : parsed.data);
  }
  if (Object.keys(errors).length) throw new AppError("validation", "common.errorSummary", errors);
  return cells;
}

async function writeCells(tx: Queryable, taskId: string, cells: Map<string, MatrixRole | null>) {
  for (const [actorId, role] of cells) {
    if (role === null) await tx.delete(matrixCells).where(and(eq(matrixCells.taskId, taskId), eq(matrixCells.actorId, actorId)));
    else
      await tx
        .insert(matrixCells)
        .values({ taskId, actorId, role })
        .onConflictDoUpdate({ target: [matrixCells.taskId, matrixCells.actorId], set: { role } });
  }
}

async function nextPosition(tx: Queryable, table: typeof matrixTasks | typeof matrixActors, matrixId: string) {
  const [row] = await tx
    .select({ last: max(table.position) })
    .from(table)
    .where(eq(table.matrixId, matrixId));
  return (row?.last ?? -1) + 1;
}

async function countIn(tx: Queryable, table: typeof matrixTasks | typeof matrixActors, matrixId: string) {
  return (await tx.select({ id: table.id }).from(table).where(eq(table.matrixId, matrixId))).length;
}

export async function addMatrixTask(actor: Actor, scope: MatrixScope, raw: unknown) {
  const t = await target(actor, scope);
  const input = parseInput(matrixTaskSchema, raw);
  const cells = await cellsFromForm(getDb(), t.matrixId, raw);
  return getDb().transaction(async (tx) => {
    const matrixId = await t.ensure(tx);
    if ((await countIn(tx, matrixTasks, matrixId)) >= MATRIX_MAX_TASKS) throw new AppError("conflict", "workshopMatrix.error.tooManyTasks");
    const [task] = await tx
      .insert(matrixTasks)
      .values({ matrixId, ...input, position: await nextPosition(tx, matrixTasks, matrixId) })
      .returning({ id: matrixTasks.id });
    await writeCells(tx, task!.id, cells);
    await noteChange(tx, t, matrixId, "task_added", input.title, null, { ...input, cells: Object.fromEntries(cells) });
    return { taskId: task!.id };
  });
}

export async function updateMatrixTask(actor: Actor, scope: MatrixScope, raw: unknown) {
  const t = await target(actor, scope);
  const input = parseInput(matrixTaskUpdateSchema, raw);
  const before = await taskOf(getDb(), t.matrixId, input.taskId);
  const cells = await cellsFromForm(getDb(), t.matrixId, raw);
  const { taskId, ...fields } = input;
  await getDb().transaction(async (tx) => {
    await tx.update(matrixTasks).set(fields).where(eq(matrixTasks.id, taskId));
    await writeCells(tx, taskId, cells);
    await noteChange(tx, t, before.matrixId, "task_changed", fields.title, before, { ...fields, cells: Object.fromEntries(cells) });
  });
  return { taskId };
}

export async function removeMatrixTask(actor: Actor, scope: MatrixScope, raw: unknown) {
  const t = await target(actor, scope);
  const input = parseInput(matrixRemoveTaskSchema, raw);
  const task = await taskOf(getDb(), t.matrixId, input.taskId);
  await getDb().transaction(async (tx) => {
    await tx.delete(matrixTasks).where(eq(matrixTasks.id, task.id));
    await noteChange(tx, t, task.matrixId, "task_removed", task.title, task, null);
  });
}

export async function addMatrixActor(actor: Actor, scope: MatrixScope, raw: unknown) {
  const t = await target(actor, scope);
  const input = parseInput(matrixActorSchema, raw);
  if (input.organizationId && !(await organizationChoices(getDb(), t.workshopId)).some((o) => o.id === input.organizationId)) {
    throw new AppError("validation", "common.errorSummary", { organizationId: { key: "workshopMatrix.error.organization" } });
  }
  return getDb().transaction(async (tx) => {
    const matrixId = await t.ensure(tx);
    if ((await countIn(tx, matrixActors, matrixId)) >= MATRIX_MAX_ACTORS) throw new AppError("conflict", "workshopMatrix.error.tooManyActors");
    const [row] = await tx
      .insert(matrixActors)
      .values({ matrixId, ...input, position: await nextPosition(tx, matrixActors, matrixId) })
      .returning({ id: matrixActors.id });
    await noteChange(tx, t, matrixId, "actor_added", input.name, null, input);
    return { actorId: row!.id };
  });
}

export async function updateMatrixActor(actor: Actor, scope: MatrixScope, raw: unknown) {
  const t = await target(actor, scope);
  const input = parseInput(matrixActorRenameSchema, raw);
  const before = await actorOf(getDb(), t.matrixId, input.actorId);
  await getDb().transaction(async (tx) => {
    await tx.update(matrixActors).set({ name: input.name, sector: input.sector }).where(eq(matrixActors.id, before.id));
    await noteChange(tx, t, before.matrixId, "actor_renamed", input.name, before, input);
  });
}

export async function removeMatrixActor(actor: Actor, scope: MatrixScope, raw: unknown) {
  const t = await target(actor, scope);
  const input = parseInput(matrixRemoveActorSchema, raw);
  const row = await actorOf(getDb(), t.matrixId, input.actorId);
  await getDb().transaction(async (tx) => {
    await tx.delete(matrixActors).where(eq(matrixActors.id, row.id));
    await noteChange(tx, t, row.matrixId, "actor_removed", row.name, row, null);
  });
}

/** Refuses while any task has a conflict, listing each as a field message. */
function assertNoConflicts(matrix: MatrixView) {
  if (!matrix.conflicts.length) return;
  const fieldErrors: FieldErrors = Object.fromEntries(
    matrix.conflicts.map((c) => [
      `conflict.${c.taskId}`,
      { key: c.kind === "none_responsible" ? "workshopMatrix.conflict.noneFor" : "workshopMatrix.conflict.severalFor", values: { task: c.title } },
    ]),
  );
  throw new AppError("conflict", "workshopMatrix.error.conflicts", fieldErrors);
}

/**
 * Publishes the workshop's matrix as each chosen kommune's "who does what":
 * managers only, only for the workshop's own kommuner, never with conflicts.
 * A kommune that already has one gets it replaced in place, so its change
 * history continues.
 */
export async function publishWorkshopMatrix(actor: Actor, workshopId: string, raw: unknown) {
  const workshop = await loadWorkshop(workshopId);
  assertCanManageWorkshop(actor, workshop);
  const user = actor as UserActor;
  const input = parseInput(matrixPublishSchema, raw);
  const chosen = [...new Set(input.municipalities)];
  if (chosen.some((n) => !workshop.municipalityNumbers.includes(n))) throw new AppError("forbidden", "errors.forbidden");
  const db = getDb();
  const draftId = await draftMatrixId(db, workshop.id);
  const draft = draftId ? await readMatrix(db, draftId) : null;
  if (!draft || draft.tasks.length === 0) throw new AppError("conflict", "workshopMatrix.error.empty");
  assertNoConflicts(draft);
  await db.transaction(async (tx) => {
    const now = new Date();
    for (const number of chosen) {
      const existing = await publishedMatrixId(tx, number);
      let matrixId: string;
      if (existing) {
        matrixId = existing;
        await tx.delete(matrixTasks).where(eq(matrixTasks.matrixId, matrixId));
        await tx.delete(matrixActors).where(eq(matrixActors.matrixId, matrixId));
        await tx
          .update(responsibilityMatrices)
          .set({ workshopId: workshop.id, publishedAt: now, updatedAt: now })
          .where(eq(responsibilityMatrices.id, matrixId));
      } else {
        const [row] = await tx
          .insert(responsibilityMatrices)
          .values({ workshopId: workshop.id, municipalityNumber: number, publishedAt: now, updatedAt: now })
          .returning({ id: responsibilityMatrices.id });
        matrixId = row!.id;
      }
      const actorIds = new Map<string, string>();
      for (const [i, a] of draft.actors.entries()) {
        const [copy] = await tx
          .insert(matrixActors)
          .values({ matrixId, name: a.name, sector: a.sector, organizationId: a.organizationId, position: i })
          .returning({ id: matrixActors.id });
        actorIds.set(a.id, copy!.id);
      }
      for (const [i, task] of draft.tasks.entries()) {
        const [copy] = await tx
          .insert(matrixTasks)
          .values({ matrixId, title: task.title, contactName: task.contactName, contactPhone: task.contactPhone, contactEmail: task.contactEmail, position: i })
          .returning({ id: matrixTasks.id });
        const cells = Object.entries(task.roles).map(([actorId, role]) => ({ taskId: copy!.id, actorId: actorIds.get(actorId)!, role }));
        if (cells.length) await tx.insert(matrixCells).values(cells);
      }
      await tx.insert(matrixChanges).values({ matrixId, kind: "published", subject: workshop.title, at: now });
      await recordAudit(tx, user, {
        action: "workshop_matrix.published",
        entityType: "responsibility_matrix",
        entityId: matrixId,
        before: null,
        after: { workshopId: workshop.id, municipalityNumber: number, tasks: draft.tasks.length, actors: draft.actors.length },
      });
    }
  });
  return { municipalities: chosen };
}
