import { z } from "zod";
import { competenceTopics } from "~/domain/competence/topics.ts";
import { organizationKinds } from "~/domain/organizations/organizations.constants.ts";
import { contactPhoneSchema, isUuid, optionalText, typeError } from "~/lib/validation.ts";

export const STORY_TITLE_MAX = 160;
export const STORY_TEXT_MAX = 4000;
export const STORY_SHORT_MAX = 1000;
export const REVIEW_COMMENT_MAX = 2000;

const longText = (required: boolean, max = STORY_TEXT_MAX) =>
  required
    ? z
        .string({ error: typeError("validation.required") })
        .trim()
        .min(1, { error: "validation.required" })
        .max(max)
    : z
        .string({ error: typeError("validation.invalid") })
        .trim()
        .max(max)
        .optional()
        .transform((v) => v ?? "");

/** A list field from a form: one value arrives as a string, several as an array, none as nothing. */
export function listOf<T extends readonly [string, ...string[]]>(values: T) {
  return z.preprocess(
    (v) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v : [v]),
    z.array(z.enum(values, { error: "validation.invalidChoice" })).max(values.length),
  );
}

/** What an organisation admin writes about one of its activities. */
export const storySchema = z.object({
  activityId: z.string({ error: typeError("stories.error.activity") }).refine(isUuid, { error: "stories.error.activity" }),
  title: z
    .string({ error: typeError("validation.required") })
    .trim()
    .min(3, { error: "validation.required" })
    .max(STORY_TITLE_MAX),
  whatWasDone: longText(true),
  forWhom: longText(true, STORY_SHORT_MAX),
  whatWorked: longText(true),
  whatDidNotWork: longText(false),
  cost: longText(false, STORY_SHORT_MAX),
  contactName: z
    .string({ error: typeError("validation.required") })
    .trim()
    .min(2, { error: "validation.required" })
    .max(120),
  contactEmail: optionalText(
    z
      .string({ error: typeError("validation.email") })
      .trim()
      .max(254)
      .pipe(z.email({ error: "validation.email" })),
  ),
  contactPhone: contactPhoneSchema,
  topics: listOf(competenceTopics),
});
export type StoryInput = z.output<typeof storySchema>;

/** The coordinator's decision: approve, or send back with a comment saying what to change. */
export const reviewSchema = z.discriminatedUnion(
  "decision",
  [
    z.object({ decision: z.literal("approve"), comment: optionalText(z.string().trim().max(REVIEW_COMMENT_MAX)) }),
    z.object({
      decision: z.literal("return"),
      comment: z
        .string({ error: typeError("stories.error.commentRequired") })
        .trim()
        .min(1, { error: "stories.error.commentRequired" })
        .max(REVIEW_COMMENT_MAX),
    }),
  ],
  { error: "validation.invalidChoice" },
);

/** The public list's filters from the address bar; anything unknown reads as "all". */
export const storyFilterSchema = z.object({
  tema: z.enum(competenceTopics).optional().catch(undefined),
  type: z.enum(organizationKinds).optional().catch(undefined),
});
