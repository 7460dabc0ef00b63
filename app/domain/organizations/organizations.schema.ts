import { z } from "zod";
import { pageNumberSchema } from "~/lib/paging.ts";
import { AppError } from "~/lib/errors.ts";
import { confirmationSchema, contactPhoneSchema, isUuid, optionalText, typeError, websiteSchema } from "~/lib/validation.ts";
import { membershipRoles, organizationKinds, receptionCentreOperators } from "./organizations.constants.ts";
import { emailSchema } from "~/domain/auth/auth.schema.ts";
import { isValidOrgNumber, normalizeOrgNumber } from "./org-number.ts";

export const ORGANIZATION_PAGE_SIZE = 25;
export const INVITATION_LIFETIME_DAYS = 14;

export const orgNumberSchema = optionalText(
  z
    .string({ error: typeError("validation.orgNumber") })
    .transform(normalizeOrgNumber)
    .refine(isValidOrgNumber, { error: "validation.orgNumber" }),
);

export const contactEmailSchema = optionalText(emailSchema);

/** One kommune from a select, or several from a multi-select: always a list of distinct numbers. */
const municipalitiesSchema = z.preprocess(
  (v) => (typeof v === "string" ? (v === "" ? [] : [v]) : v),
  z
    // Elements are checked as a whole so the error lands on the field, not on "municipalities.3".
    .array(z.unknown(), { error: "validation.municipality" })
    .min(1, { error: "validation.municipality" })
    .max(400, { error: "validation.municipality" })
    .refine((list): list is string[] => list.every((m) => typeof m === "string" && /^\d{4}$/.test(m)), { error: "validation.municipality" })
    .transform((list) => [...new Set(list as string[])].sort()),
);

export const organizationInputSchema = z
  .object({
    name: z
      .string({ error: typeError("validation.required") })
      .trim()
      .min(1, { error: "validation.required" })
      .max(200),
    kind: z.enum(organizationKinds, { error: "validation.invalidChoice" }),
    orgNumber: orgNumberSchema,
    description: z.preprocess(
      (v) => v ?? "",
      z
        .string({ error: typeError("validation.invalid") })
        .trim()
        .max(5000),
    ),
    website: websiteSchema,
    contactEmail: contactEmailSchema,
    contactPhone: contactPhoneSchema,
    address: optionalText(
      z
        .string({ error: typeError("validation.invalid") })
        .trim()
        .max(300),
    ),
    postalCode: optionalText(
      z
        .string({ error: typeError("activity.validation.postalCode") })
        .trim()
        .regex(/^\d{4}$/, { error: "activity.validation.postalCode" }),
    ),
    postalPlace: optionalText(
      z
        .string({ error: typeError("validation.invalid") })
        .trim()
        .max(100),
    ),
    municipalities: municipalitiesSchema,
    /** Who runs a reception centre: kept only for that kind, so other organisations never carry a stray value. */
    receptionCentreOperator: optionalText(z.enum(receptionCentreOperators, { error: "validation.invalidChoice" })),
  })
  .superRefine((value, ctx) => {
    if (value.receptionCentreOperator !== null && value.kind !== "reception_centre") {
      ctx.addIssue({ code: "custom", path: ["receptionCentreOperator"], message: "org.form.receptionCentreOperatorOnly" });
    }
  });
export type OrganizationInput = z.output<typeof organizationInputSchema>;

/**
 * The public list's query string. Bad values are dropped rather than refused:
 * a hand-edited or stale search link should still show a list.
 */
export const listOrganizationsQuerySchema = z.object({
  q: z
    .string()
    .catch("")
    .default("")
    .transform((q) => q.trim().slice(0, 200)),
  kind: z.enum(organizationKinds).optional().catch(undefined),
  municipality: z
    .string()
    .regex(/^\d{4}$/)
    .optional()
    .catch(undefined),
  page: pageNumberSchema().default(1),
});
/** Raw values, typically straight from the URL; the schema cleans them. */
export type ListOrganizationsQuery = { q?: unknown; kind?: unknown; municipality?: unknown; page?: unknown };

export const membershipRoleSchema = z.enum(membershipRoles, { error: "validation.invalidChoice" });

export const inviteMemberSchema = z.object({
  email: emailSchema,
  role: membershipRoleSchema,
});

const userIdSchema = z.string({ error: "validation.invalid" }).refine(isUuid, { error: "validation.invalid" });

export const changeMemberRoleSchema = z.object({
  userId: userIdSchema,
  role: membershipRoleSchema,
});

/**
 * Refuses an unconfirmed destructive step. Checked here rather than in the
 * schema because parseInput only passes through "validation.*" message keys.
 */
export function assertConfirmed(data: { confirm: boolean }): void {
  if (!data.confirm) {
    throw new AppError("validation", "common.errorSummary", { confirm: { key: "org.members.error.confirmRequired" } });
  }
}

export const removeMemberSchema = z.object({
  userId: userIdSchema,
  confirm: confirmationSchema,
});

export const leaveOrganizationSchema = z.object({
  confirm: confirmationSchema,
});

export const revokeInvitationSchema = z.object({
  invitationId: z.string({ error: "validation.invalid" }).regex(/^[0-9a-f]{64}$/, { error: "validation.invalid" }),
  confirm: confirmationSchema,
});

/**
 * Merging a duplicate into the organisation that stays. The source id is
 * checked by requireOrganization, so a malformed one is a 404 like an unknown one.
 */
export const mergeOrganizationsSchema = z.object({
  source: z.unknown(),
  confirm: confirmationSchema,
});

/** A coordinator marks an organisation as checked (or not). */
export const organizationVerificationSchema = z.object({
  verified: z.preprocess((v) => v === true || v === "on" || v === "true" || v === "1", z.boolean()),
});
