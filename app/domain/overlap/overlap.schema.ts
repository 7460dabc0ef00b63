import { z } from "zod";
import { isUuid } from "~/lib/validation.ts";

const activityId = z.string({ error: "validation.invalid" }).refine(isUuid, { error: "validation.invalid" });

/** The two activities of a pair (any order) and the kommune whose page the action came from. */
export const pairInputSchema = z
  .object({
    municipality: z.string().regex(/^\d{4}$/, { error: "validation.invalid" }),
    a: activityId,
    b: activityId,
  })
  .refine((v) => v.a !== v.b, { error: "validation.invalid", path: ["b"] });

export const MAX_SUGGESTION_MESSAGE = 2000;

/** The optional note sent with a suggested collaboration (empty means none). */
export const suggestionMessage = z
  .string({ error: "validation.invalid" })
  .trim()
  .max(MAX_SUGGESTION_MESSAGE, { error: "overlap.error.messageTooLong" })
  .optional()
  .transform((v) => (v ? v : null));

export const suggestionInputSchema = z.object({
  municipality: z.string().regex(/^\d{4}$/, { error: "validation.invalid" }),
  a: activityId,
  b: activityId,
  message: suggestionMessage,
});
