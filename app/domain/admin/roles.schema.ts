import { z } from "zod";
import { pageNumberSchema } from "~/lib/paging.ts";
import { platformRoles } from "~/db/schema/auth.ts";
import { emailSchema } from "~/domain/auth/auth.schema.ts";

export const ROLE_GRANTS_PAGE_SIZE = 25;

const roleSchema = z.enum(platformRoles, {
  error: (issue) => (issue.input === undefined || issue.input === "" ? "validation.required" : "validation.invalidChoice"),
});

/** A select left at "choose…" arrives as ""; that means "not given". */
function optionalCode(pattern: RegExp, messageKey: string) {
  return z.preprocess((v) => (v === "" || v === null ? undefined : v), z.string({ error: messageKey }).regex(pattern, { error: messageKey }).optional());
}

/**
 * Granting a platform role. The form has every scope field; only the one the
 * role needs is kept (a coordinator's kommune, an advisor's fylke), so a
 * stray choice in the other select changes nothing.
 */
export const grantRoleSchema = z
  .object({
    email: emailSchema,
    role: roleSchema,
    municipalityNumber: optionalCode(/^\d{4}$/, "validation.municipality"),
    countyNumber: optionalCode(/^\d{2}$/, "validation.admin.county"),
  })
  .superRefine((v, ctx) => {
    if (v.role === "municipal_coordinator" && !v.municipalityNumber) {
      ctx.addIssue({ code: "custom", path: ["municipalityNumber"], message: "validation.admin.municipalityRequired" });
    }
    if (v.role === "county_advisor" && !v.countyNumber) {
      ctx.addIssue({ code: "custom", path: ["countyNumber"], message: "validation.admin.countyRequired" });
    }
  })
  .transform((v) => ({
    email: v.email,
    role: v.role,
    municipalityNumber: v.role === "municipal_coordinator" ? v.municipalityNumber! : null,
    countyNumber: v.role === "county_advisor" ? v.countyNumber! : null,
  }));
export type GrantRoleInput = z.output<typeof grantRoleSchema>;

/**
 * The role list's GET filter, straight from the address bar: nonsense
 * falls back to "no filter" instead of an error.
 */
export const roleGrantFilterSchema = z.object({
  page: pageNumberSchema().default(1),
  role: roleSchema.optional().catch(undefined),
  county: z
    .string()
    .regex(/^\d{2}$/)
    .optional()
    .catch(undefined),
});
export type RoleGrantFilter = z.output<typeof roleGrantFilterSchema>;
