import { z } from "zod";
import { competenceTopics } from "~/domain/competence/topics.ts";
import { confirmationSchema, isUuid, typeError } from "~/lib/validation.ts";
import { guidanceStatuses, guidanceUrgencies } from "./guidance.constants.ts";

export const GUIDANCE_TITLE_MAX = 160;
export const GUIDANCE_TEXT_MAX = 5000;
export const GUIDANCE_REASON_MAX = 1000;
export const GUIDANCE_NOTE_MAX = 2000;
export const COMPETENCE_OFFER_MAX = 600;

const requiredText = (max: number, min = 1) =>
  z
    .string({ error: typeError("validation.required") })
    .trim()
    .min(min)
    .max(max);

const uuidField = (key: string) => z.string({ error: typeError(key) }).refine(isUuid, { error: key });

const topicField = z.enum(competenceTopics, { error: "guidance.error.topic" });

/** A new request: the organisation and kommune are checked against the asker's memberships in the domain, not trusted. */
export const newGuidanceRequestSchema = z.object({
  organizationId: uuidField("guidance.error.organization"),
  topic: topicField,
  municipalityNumber: z.string({ error: typeError("guidance.error.municipality") }).regex(/^\d{4}$/, { error: "guidance.error.municipality" }),
  title: requiredText(GUIDANCE_TITLE_MAX, 3),
  description: requiredText(GUIDANCE_TEXT_MAX, 10),
  urgency: z.enum(guidanceUrgencies, { error: "guidance.error.urgency" }),
  consentToReuse: confirmationSchema,
});
export type NewGuidanceRequest = z.output<typeof newGuidanceRequestSchema>;

/** A message in the thread (an answer from the holder, a follow-up from the asker). */
export const guidanceMessageSchema = z.object({ body: requiredText(GUIDANCE_TEXT_MAX) });

/** A hand-over to the next body up always says why. */
export const guidanceHandoverSchema = z.object({ reason: requiredText(GUIDANCE_REASON_MAX, 5) });

/** Passing to a peer organisation that offers the competence, with a reason. */
export const guidancePeerSchema = z.object({
  organizationId: uuidField("guidance.error.peer"),
  reason: requiredText(GUIDANCE_REASON_MAX, 5),
});

/** A peer organisation gives the request back to the body that passed it on. */
export const guidanceReturnSchema = z.object({ reason: requiredText(GUIDANCE_REASON_MAX, 5) });

export const guidanceNoteSchema = z.object({ body: requiredText(GUIDANCE_NOTE_MAX) });

/** What an organisation can help others with, per topic. */
export const competenceOfferSchema = z.object({ topic: topicField, description: requiredText(COMPETENCE_OFFER_MAX, 10) });
export const competenceOfferRemoveSchema = z.object({ topic: topicField });

/** The list's status filter from the address bar: anything unknown reads as "all". */
export const guidanceStatusFilterSchema = z.enum(guidanceStatuses).nullable().catch(null);

/** An answered request as an anonymised question-and-answer, edited by the answering body to remove names. */
export const guidanceQuestionAnswerSchema = z.object({ question: requiredText(GUIDANCE_TEXT_MAX, 10), answer: requiredText(GUIDANCE_TEXT_MAX, 10) });
