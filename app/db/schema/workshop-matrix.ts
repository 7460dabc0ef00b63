import { sql } from "drizzle-orm";
import { char, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { organizations } from "./organizations.ts";
import { municipalities } from "./reference.ts";
import { workshops } from "./workshops.ts";
import { participantSectors } from "../../domain/workshops/workshops.constants.ts";
import { matrixChangeKinds, matrixRoles } from "../../domain/workshops/matrix.constants.ts";

/**
 * A responsibility matrix (ansvarsfordeling, issue 13): tasks as rows, actors as
 * columns, a role in each cell. A workshop's own draft has no kommune
 * (municipality_number null, one per workshop); publishing copies it to each
 * chosen kommune as that kommune's one current "who does what"
 * (municipality_number set, one per kommune), which its coordinators keep
 * current between workshops.
 */
export const responsibilityMatrices = pgTable(
  "responsibility_matrices",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** The workshop it was made in (a published copy keeps it, as "came from"). */
    workshopId: uuid("workshop_id").references(() => workshops.id, { onDelete: "set null" }),
    municipalityNumber: char("municipality_number", { length: 4 }).references(() => municipalities.number),
    publishedAt: timestamp("published_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("responsibility_matrices_draft_uq")
      .on(t.workshopId)
      .where(sql`${t.municipalityNumber} is null`),
    uniqueIndex("responsibility_matrices_published_uq")
      .on(t.municipalityNumber)
      .where(sql`${t.municipalityNumber} is not null`),
  ],
);

/** A column: a body from the register (organization_id) or a sector the workshop names. */
export const matrixActors = pgTable(
  "matrix_actors",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    matrixId: uuid("matrix_id")
      .notNull()
      .references(() => responsibilityMatrices.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    sector: text("sector", { enum: participantSectors }).notNull(),
    organizationId: uuid("organization_id").references(() => organizations.id, { onDelete: "set null" }),
    position: integer("position").notNull().default(0),
  },
  (t) => [index("matrix_actors_matrix_idx").on(t.matrixId, t.position)],
);

/** A row: a task or area, with the contact of the body responsible for it (a role address, not a private person's). */
export const matrixTasks = pgTable(
  "matrix_tasks",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    matrixId: uuid("matrix_id")
      .notNull()
      .references(() => responsibilityMatrices.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    contactName: text("contact_name"),
    contactPhone: text("contact_phone"),
    contactEmail: text("contact_email"),
    position: integer("position").notNull().default(0),
  },
  (t) => [index("matrix_tasks_matrix_idx").on(t.matrixId, t.position)],
);

/** A filled cell; an empty cell has no row. */
export const matrixCells = pgTable(
  "matrix_cells",
  {
    taskId: uuid("task_id")
      .notNull()
      .references(() => matrixTasks.id, { onDelete: "cascade" }),
    actorId: uuid("actor_id")
      .notNull()
      .references(() => matrixActors.id, { onDelete: "cascade" }),
    role: text("role", { enum: matrixRoles }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.taskId, t.actorId] }), index("matrix_cells_actor_idx").on(t.actorId)],
);

/** The dated history the public page shows: what changed (a task's or body's name), never who. The audit log has who. */
export const matrixChanges = pgTable(
  "matrix_changes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    matrixId: uuid("matrix_id")
      .notNull()
      .references(() => responsibilityMatrices.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: matrixChangeKinds }).notNull(),
    subject: text("subject").notNull().default(""),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("matrix_changes_matrix_idx").on(t.matrixId, t.at)],
);
