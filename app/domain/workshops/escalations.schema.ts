import { z } from "zod";
import { typeError } from "~/lib/validation.ts";
import { ESCALATION_TEXT_MAX, escalationAnswers, escalationLevels } from "./escalations.constants.ts";

const id = z.string({ error: typeError("validation.required") }).uuid({ error: "errors.notFound" });

/** A manager hands an obstacle up: to the fylkeskommune or to IMDi, with an optional note. */
export const escalateSchema = z.object({
  obstacleId: id,
  level: z.enum(escalationLevels, { error: "workshops.escalation.error.level" }),
  note: z
    .string({ error: typeError("validation.required") })
    .trim()
    .max(ESCALATION_TEXT_MAX)
    .optional()
    .default(""),
});

/** The receiving body answers: taken up / not in our power / changed, always with a text. */
export const answerSchema = z.object({
  escalationId: id,
  status: z.enum(escalationAnswers, { error: "workshops.escalation.error.status" }),
  answer: z
    .string({ error: typeError("validation.required") })
    .trim()
    .min(2, { error: "workshops.escalation.error.answer" })
    .max(ESCALATION_TEXT_MAX),
});

/** A fylkeskommune passes it on to IMDi, saying why. */
export const passOnSchema = z.object({
  escalationId: id,
  reason: z
    .string({ error: typeError("validation.required") })
    .trim()
    .min(2, { error: "workshops.escalation.error.reason" })
    .max(ESCALATION_TEXT_MAX),
});
