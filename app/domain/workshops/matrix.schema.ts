import { z } from "zod";
import { confirmationSchema, contactPhoneSchema, isUuid, optionalText, typeError } from "~/lib/validation.ts";
import { participantSectors } from "./workshops.constants.ts";
import { matrixRoles } from "./matrix.constants.ts";

export const MATRIX_TASK_TITLE_MAX = 200;
export const MATRIX_ACTOR_NAME_MAX = 120;
export const MATRIX_CONTACT_MAX = 200;
/** Enough for any real table; a bigger one is a list, not a matrix. */
export const MATRIX_MAX_TASKS = 60;
export const MATRIX_MAX_ACTORS = 30;

const id = z.string({ error: typeError("errors.notFound") }).refine(isUuid, { error: "errors.notFound" });

/** A task's fields; its cells come as `role.<actorId>` fields and are read by matrixCellsFromForm. */
export const matrixTaskSchema = z.object({
  title: z
    .string({ error: typeError("validation.required") })
    .trim()
    .min(2, { error: "workshopMatrix.error.title" })
    .max(MATRIX_TASK_TITLE_MAX),
  contactName: optionalText(
    z
      .string({ error: typeError("validation.required") })
      .trim()
      .max(MATRIX_CONTACT_MAX),
  ),
  contactPhone: contactPhoneSchema,
  contactEmail: optionalText(
    z
      .string({ error: typeError("validation.email") })
      .trim()
      .max(254)
      .pipe(z.email({ error: "validation.email" })),
  ),
});

export const matrixTaskUpdateSchema = matrixTaskSchema.extend({ taskId: id });

export const matrixActorSchema = z.object({
  name: z
    .string({ error: typeError("validation.required") })
    .trim()
    .min(2, { error: "workshopMatrix.error.actorName" })
    .max(MATRIX_ACTOR_NAME_MAX),
  sector: z.enum(participantSectors, { error: "workshopMatrix.error.sector" }),
  organizationId: optionalText(id),
});

export const matrixActorRenameSchema = z.object({
  actorId: id,
  name: matrixActorSchema.shape.name,
  sector: matrixActorSchema.shape.sector,
});

export const matrixRemoveTaskSchema = z.object({ taskId: id, confirm: confirmationSchema.refine((v) => v, { error: "workshopMatrix.error.confirm" }) });
export const matrixRemoveActorSchema = z.object({ actorId: id, confirm: confirmationSchema.refine((v) => v, { error: "workshopMatrix.error.confirm" }) });

/** The kommuner to publish for: a list of four-digit numbers (one checkbox each, or one value). */
export const matrixPublishSchema = z.object({
  municipalities: z.preprocess(
    (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]),
    z.array(z.string().regex(/^\d{4}$/, { error: "workshopMatrix.error.municipalities" })).min(1, { error: "workshopMatrix.error.municipalities" }),
  ),
});

/** A cell value from a form: one of the roles, or "" for an empty cell. */
export const matrixCellValueSchema = z.union([z.enum(matrixRoles), z.literal("")], { error: "workshopMatrix.error.role" });

export const ROLE_FIELD_PREFIX = "role.";
