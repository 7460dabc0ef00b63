import { z } from "zod";
import { competenceTopics } from "~/domain/competence/topics.ts";
import { organizationKinds } from "~/domain/organizations/organizations.constants.ts";
import { listOf } from "~/domain/stories/stories.schema.ts";
import { optionalText, typeError } from "~/lib/validation.ts";
import { helpForms, urgencies } from "./surveys.constants.ts";

export const SURVEY_TITLE_MAX = 160;
export const SURVEY_INTRO_MAX = 2000;
/** The longest a survey may stay open. */
export const SURVEY_MAX_DAYS = 366;

const codes = (pattern: RegExp, max: number) =>
  z.preprocess(
    (v) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v : [v]),
    z.array(z.string().regex(pattern, { error: "validation.invalidChoice" })).max(max),
  );

/** What the sender fills in: title, intro, closing date and whom to send to (kind, kommune, fylke). */
export const surveySchema = z
  .object({
    title: z
      .string({ error: typeError("validation.required") })
      .trim()
      .min(3, { error: "validation.required" })
      .max(SURVEY_TITLE_MAX),
    intro: optionalText(z.string().trim().max(SURVEY_INTRO_MAX)),
    closesOn: z
      .string({ error: typeError("surveys.error.closesOn") })
      .regex(/^\d{4}-\d{2}-\d{2}$/, { error: "surveys.error.closesOn" })
      .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), {
        error: "surveys.error.closesOn",
      }),
    kinds: listOf(organizationKinds),
    municipalities: codes(/^\d{4}$/, 400),
    counties: codes(/^\d{2}$/, 20),
  })
  .refine((v) => v.kinds.length + v.municipalities.length + v.counties.length > 0, { error: "surveys.error.noCriteria", path: ["kinds"] });
export type SurveyInput = z.output<typeof surveySchema>;

/** An organisation's answer: topics it needs help with, in what form, how urgently. */
export const answerSchema = z.object({
  topics: listOf(competenceTopics).refine((v) => v.length > 0, { error: "surveys.error.topics" }),
  forms: listOf(helpForms).refine((v) => v.length > 0, { error: "surveys.error.forms" }),
  urgency: z.enum(urgencies, { error: "surveys.error.urgency" }),
});
export type AnswerInput = z.output<typeof answerSchema>;

/** The link's token: what randomToken makes, nothing else reaches the database. */
export const tokenPattern = /^[A-Za-z0-9_-]{20,200}$/;
