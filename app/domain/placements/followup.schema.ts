import { z } from "zod";
import { isUuid, optionalText, typeError } from "~/lib/validation.ts";
import { checkinAttendance, checkinNextSteps, earlyEndReasons, placementOutcomes } from "./placements.constants.ts";

/**
 * Input of the placement's follow-up page (issue 14): the check-in's short
 * structured form, an extra check-in and the outcome counts. Messages are
 * i18n keys; the form kit reads maxLength/required from these schemas.
 */

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A real calendar date (2026-02-30 is refused), YYYY-MM-DD as a date input sends it. */
export function isCalendarDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

const idField = z.string({ error: "validation.invalid" }).refine(isUuid, { error: "validation.invalid" });

export const answerCheckinSchema = z.object({
  checkinId: idField,
  attendance: z.enum(checkinAttendance, { error: "placementFollowup.error.attendance" }),
  needsSupport: z.enum(["yes", "no"], { error: "placementFollowup.error.needsSupport" }).transform((v) => v === "yes"),
  nextStep: z.enum(checkinNextSteps, { error: "placementFollowup.error.nextStep" }),
  note: optionalText(
    z
      .string({ error: typeError("validation.invalid") })
      .trim()
      .max(2000),
  ).transform((v) => v ?? ""),
});
export type AnswerCheckinInput = z.output<typeof answerCheckinSchema>;

export const extraCheckinSchema = z.object({
  dueOn: z.string({ error: "placementFollowup.error.dueOn" }).trim().refine(isCalendarDate, { error: "placementFollowup.error.dueOn" }),
});

export const outcomeSchema = z
  .object({
    month: z
      .string({ error: "placementFollowup.error.month" })
      .trim()
      .regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: "placementFollowup.error.month" }),
    outcome: z.enum(placementOutcomes, { error: "placementFollowup.error.outcome" }),
    earlyEndReason: optionalText(z.enum(earlyEndReasons, { error: "placementFollowup.error.reason" })),
    // "" is no answer, not zero (zero takes a recorded count away).
    count: z.preprocess(
      (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
      z.coerce
        .number({ error: "placementFollowup.error.count" })
        .int({ error: "placementFollowup.error.count" })
        .min(0, { error: "placementFollowup.error.count" })
        .max(1000, { error: "placementFollowup.error.count" }),
    ),
  })
  .superRefine((v, ctx) => {
    if (v.outcome === "ended_early" && !v.earlyEndReason)
      ctx.addIssue({ code: "custom", path: ["earlyEndReason"], message: "placementFollowup.error.reasonRequired" });
    if (v.outcome !== "ended_early" && v.earlyEndReason)
      ctx.addIssue({ code: "custom", path: ["earlyEndReason"], message: "placementFollowup.error.reasonOnlyEarly" });
  });
export type OutcomeInput = z.output<typeof outcomeSchema>;
