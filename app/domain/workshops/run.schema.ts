import { z } from "zod";
import { confirmationSchema, isUuid, typeError } from "~/lib/validation.ts";
import { JOIN_CODE_LENGTH, obstacleThemes, participantSectors } from "./workshops.constants.ts";

/**
 * What the forms for running a workshop send (issue 13): joining with the
 * code, obstacles, votes, solutions. Free of server code so pages can use the
 * limits (formRules).
 */

export const OBSTACLE_TEXT_MAX = 500;
export const SOLUTION_TEXT_MAX = 500;
export const JOIN_NAME_MAX = 80;
export const PRIORITISED_MAX = 20;

const id = z.string({ error: typeError("validation.required") }).refine(isUuid, { error: "workshopRun.error.unknownItem" });

/** The code as people type it: spaces and case do not matter. */
export const joinCodeSchema = z
  .string({ error: typeError("validation.required") })
  .transform((v) => v.replace(/[\s-]/g, "").toUpperCase())
  .pipe(
    z
      .string()
      .min(1, { error: "validation.required" })
      .max(JOIN_CODE_LENGTH * 2, { error: "workshopRun.error.unknownCode" }),
  );

export const joinSchema = z.object({
  code: joinCodeSchema,
  /** Optional: left empty, the participant is shown only by sector. */
  name: z
    .string({ error: typeError("validation.required") })
    .trim()
    .max(JOIN_NAME_MAX)
    .optional()
    .default(""),
  sector: z.enum(participantSectors, { error: "workshopRun.error.sector" }),
});

export const obstacleSchema = z.object({
  theme: z.enum(obstacleThemes, { error: "workshopRun.error.theme" }),
  text: z
    .string({ error: typeError("validation.required") })
    .trim()
    .min(3, { error: "workshopRun.error.textTooShort" })
    .max(OBSTACLE_TEXT_MAX),
});

export const obstacleEditSchema = obstacleSchema.extend({ obstacleId: id });
export const obstacleRefSchema = z.object({ obstacleId: id });
/** Deleting takes a ticked box: it removes the votes and solutions too. */
export const obstacleDeleteSchema = obstacleRefSchema.extend({
  confirm: confirmationSchema.refine((v) => v, { error: "workshopRun.error.confirm" }),
});
export const mergeSchema = z.object({ obstacleId: id, targetId: id }).refine((v) => v.obstacleId !== v.targetId, {
  error: "workshopRun.error.mergeSelf",
  path: ["targetId"],
});

export const solutionSchema = z.object({
  obstacleId: id,
  text: z
    .string({ error: typeError("validation.required") })
    .trim()
    .min(3, { error: "workshopRun.error.textTooShort" })
    .max(SOLUTION_TEXT_MAX),
});
export const solutionRefSchema = z.object({ solutionId: id });

export const prioritisedSchema = z.object({
  count: z.coerce
    .number({ error: "workshopRun.error.count" })
    .int({ error: "workshopRun.error.count" })
    .min(1, { error: "workshopRun.error.count" })
    .max(PRIORITISED_MAX, { error: "workshopRun.error.count" }),
});
