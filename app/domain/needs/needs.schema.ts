import { z } from "zod";
import { activityThemes, targetGroups } from "~/domain/activities/activities.constants.ts";
import { contactPhoneSchema, isUuid, optionalText, typeError } from "~/lib/validation.ts";
import { MAX_NEED_QUANTITY, needUnits } from "./needs.constants.ts";

export const NEED_TITLE_MAX = 160;
export const NEED_DESCRIPTION_MAX = 5000;
export const NEED_CONTACT_NAME_MAX = 120;
export const COMMITMENT_MESSAGE_MAX = 2000;

const requiredText = (max: number, min = 1) =>
  z
    .string({ error: typeError("validation.required") })
    .trim()
    .min(min)
    .max(max);

const isoDate = (key: string) =>
  z
    .string({ error: typeError(key) })
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}$/, { error: key })
    .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), { error: key });

const optionalDate = (key: string) => optionalText(isoDate(key));

const quantity = z.coerce
  .number({ error: "needs.error.quantity" })
  .int({ error: "needs.error.quantity" })
  .min(1, { error: "needs.error.quantity" })
  .max(MAX_NEED_QUANTITY, { error: "needs.error.quantity" });

/** Repeated checkboxes arrive as a string or an array; none at all as undefined. */
const list = <T extends z.ZodType>(item: T) => z.preprocess((v) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v : [v]), z.array(item).max(20));

/** "2027-03" from a month field, stored as the month's first day. */
const settlementMonth = optionalText(
  z
    .string({ error: typeError("needs.error.settlementMonth") })
    .trim()
    .regex(/^\d{4}-(0[1-9]|1[0-2])(-01)?$/, { error: "needs.error.settlementMonth" })
    .transform((v) => `${v.slice(0, 7)}-01`),
);

/**
 * A need's fields (new and edit). Who posts it — the kommune (`owner` = "kommune") or one of the poster's own
 * organisations (`owner` = its id) — and for which kommune are checked against the actor's scope in the domain,
 * never trusted from the form.
 */
const needFields = {
  title: requiredText(NEED_TITLE_MAX, 3),
  description: requiredText(NEED_DESCRIPTION_MAX, 10),
  theme: z.enum(activityThemes, { error: "needs.error.theme" }),
  targetGroups: list(z.enum(targetGroups, { error: "validation.invalidChoice" })),
  unit: z.enum(needUnits, { error: "needs.error.unit" }),
  quantity,
  periodStart: isoDate("needs.error.periodStart"),
  periodEnd: optionalDate("needs.error.periodEnd"),
  deadline: isoDate("needs.error.deadline"),
  settlementMonth,
  contactName: requiredText(NEED_CONTACT_NAME_MAX, 2),
  contactEmail: optionalText(
    z
      .string({ error: typeError("validation.email") })
      .trim()
      .max(254)
      .pipe(z.email({ error: "validation.email" })),
  ),
  contactPhone: contactPhoneSchema,
};

function refineNeed<T extends { periodStart: string; periodEnd: string | null; contactEmail: string | null; contactPhone: string | null }>(
  v: T,
  ctx: z.RefinementCtx,
) {
  if (v.periodEnd !== null && v.periodEnd < v.periodStart) ctx.addIssue({ code: "custom", message: "needs.error.periodOrder", path: ["periodEnd"] });
  if (v.contactEmail === null && v.contactPhone === null) ctx.addIssue({ code: "custom", message: "needs.error.emailOrPhone", path: ["contactEmail"] });
}

export const needSchema = z.object(needFields).superRefine(refineNeed);
export type NeedInput = z.output<typeof needSchema>;

export const newNeedSchema = z
  .object({
    ...needFields,
    /** "kommune" or an organisation id. */
    owner: z.string({ error: typeError("needs.error.owner") }).refine((v) => v === "kommune" || isUuid(v), { error: "needs.error.owner" }),
    municipalityNumber: z.string({ error: typeError("needs.error.municipality") }).regex(/^\d{4}$/, { error: "needs.error.municipality" }),
  })
  .superRefine(refineNeed);
export type NewNeedInput = z.output<typeof newNeedSchema>;

/** An organisation's commitment: for which of the committer's organisations, how many, from when, a message. */
export const commitmentSchema = z.object({
  organizationId: z.string({ error: typeError("needs.error.organization") }).refine(isUuid, { error: "needs.error.organization" }),
  quantity,
  fromDate: isoDate("needs.error.fromDate"),
  message: z
    .string({ error: typeError("validation.required") })
    .trim()
    .max(COMMITMENT_MESSAGE_MAX)
    .default(""),
});
export type CommitmentInput = z.output<typeof commitmentSchema>;

/** The owner's decision on one commitment (its id checked against the need's own commitments). */
export const decideCommitmentSchema = z.object({
  commitmentId: z.string({ error: typeError("needs.error.commitment") }).refine(isUuid, { error: "needs.error.commitment" }),
});

/** A new deadline for an open need. */
export const extendNeedSchema = z.object({ deadline: isoDate("needs.error.deadline") });

/** The list's filters from the address bar: anything unknown reads as "none". */
export const needListFilterSchema = z.object({
  kommune: z
    .string()
    .regex(/^\d{4}$/)
    .nullable()
    .catch(null),
  tema: z.enum(activityThemes).nullable().catch(null),
  bosetting: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/)
    .nullable()
    .catch(null),
  egne: z.boolean().catch(false),
});
export type NeedListFilter = z.output<typeof needListFilterSchema>;
