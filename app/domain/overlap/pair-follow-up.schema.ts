import { z } from "zod";
import { isUuid } from "~/lib/validation.ts";
import { suggestionMessage } from "./overlap.schema.ts";

const activityId = z.string({ error: "validation.invalid" }).refine(isUuid, { error: "validation.invalid" });

/** What an organisation's admin can do with a similar activity of another organisation. */
export const pairSteps = ["suggest", "in_contact", "distinct", "partner"] as const;
export type PairStep = (typeof pairSteps)[number];

/** The follow-up form on an organisation's activity page: its own activity, the other one, the step, an optional message. */
export const pairStepInputSchema = z.object({
  own: activityId,
  other: activityId,
  step: z.enum(pairSteps, { error: "validation.invalidChoice" }),
  message: suggestionMessage,
});

/** A coordinator moving a followed-up pair on the kommune's parallel-initiatives page. */
export const coordinatorStepInputSchema = z.object({
  municipality: z.string().regex(/^\d{4}$/, { error: "validation.invalid" }),
  a: activityId,
  b: activityId,
  step: z.enum(["in_contact", "distinct"], { error: "validation.invalidChoice" }),
});
