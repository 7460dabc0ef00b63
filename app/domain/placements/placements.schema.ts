import { z } from "zod";
import { confirmationSchema, contactPhoneSchema, isUuid, optionalText, typeError } from "~/lib/validation.ts";
import { employerSupportNeeds, incentiveKinds, languageRequirements, placementKinds, placementSectors, placementStatuses } from "./placements.constants.ts";

export const PLACEMENT_TITLE_MAX = 160;
export const PLACEMENT_OCCUPATION_MAX = 120;
export const PLACEMENT_DESCRIPTION_MAX = 4000;
export const PLACEMENT_CONTACT_NAME_MAX = 120;
export const INCENTIVE_MESSAGE_MAX = 1000;
export const PLACEMENT_PLACES_MAX = 1000;

const requiredText = (max: number, min = 1) =>
  z
    .string({ error: typeError("validation.required") })
    .trim()
    .min(min)
    .max(max);

const uuidField = (key: string) => z.string({ error: typeError(key) }).refine(isUuid, { error: key });

/** A calendar date as the date input sends it (YYYY-MM-DD), and a real one (no 31 February). */
const isoDate = z
  .string({ error: typeError("placements.error.date") })
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: "placements.error.date" })
  .refine(
    (v) => {
      const d = new Date(`${v}T00:00:00Z`);
      return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v && v >= "2000-01-01" && v <= "2100-12-31";
    },
    { error: "placements.error.date" },
  );

/** Checkboxes arrive as nothing, one string or several: always a list, each value from the list. */
function choices<T extends readonly [string, ...string[]]>(values: T, key: string) {
  return z.preprocess(
    (v) => (v === undefined || v === null || v === "" ? [] : Array.isArray(v) ? v : [v]),
    // The whole list fails as one field (a bad value at index 1 is still the field's error, for the summary's link).
    z
      .array(z.string({ error: key }), { error: key })
      .max(values.length * 2, { error: key })
      .refine((list) => list.every((v) => (values as readonly string[]).includes(v)), { error: key })
      .transform((list) => [...new Set(list)] as T[number][]),
  );
}

const placementFields = {
  kind: z.enum(placementKinds, { error: "placements.error.kind" }),
  title: requiredText(PLACEMENT_TITLE_MAX, 3),
  occupation: requiredText(PLACEMENT_OCCUPATION_MAX, 2),
  sector: z.enum(placementSectors, { error: "placements.error.sector" }),
  description: z
    .string({ error: typeError("validation.invalid") })
    .trim()
    .max(PLACEMENT_DESCRIPTION_MAX)
    .optional()
    .default(""),
  municipalityNumber: z.string({ error: typeError("placements.error.municipality") }).regex(/^\d{4}$/, { error: "placements.error.municipality" }),
  periodStart: isoDate,
  periodEnd: optionalText(isoDate),
  languageRequirement: z.enum(languageRequirements, { error: "placements.error.languageRequirement" }),
  places: z.coerce
    .number({ error: "placements.error.places" })
    .int({ error: "placements.error.places" })
    .min(1, { error: "placements.error.places" })
    .max(PLACEMENT_PLACES_MAX, { error: "placements.error.places" }),
  supportNeeds: choices(employerSupportNeeds, "validation.invalidChoice"),
  followUpOrganizationId: uuidField("placements.error.followUp"),
  incentivesRequested: choices(incentiveKinds, "validation.invalidChoice"),
  incentiveRequestMessage: z
    .string({ error: typeError("validation.invalid") })
    .trim()
    .max(INCENTIVE_MESSAGE_MAX)
    .optional()
    .default(""),
  contactName: requiredText(PLACEMENT_CONTACT_NAME_MAX, 2),
  contactEmail: optionalText(
    z
      .string({ error: typeError("validation.email") })
      .trim()
      .max(254)
      .pipe(z.email({ error: "validation.email" })),
  ),
  contactPhone: contactPhoneSchema,
  isPublic: confirmationSchema,
};

type PlacementShape = { periodStart: string; periodEnd: string | null; contactEmail: string | null; contactPhone: string | null };
const periodInOrder = (v: PlacementShape) => v.periodEnd === null || v.periodEnd >= v.periodStart;
const reachable = (v: PlacementShape) => v.contactEmail !== null || v.contactPhone !== null;

/** A new placement: the employer, kommune and follow-up contact are checked against the poster's memberships and the register in the domain. */
export const newPlacementSchema = z
  .object({ employerOrganizationId: uuidField("placements.error.employer"), ...placementFields })
  .refine(periodInOrder, { error: "placements.error.periodOrder", path: ["periodEnd"] })
  .refine(reachable, { error: "placements.error.emailOrPhone", path: ["contactEmail"] });
export type NewPlacementInput = z.output<typeof newPlacementSchema>;

/** The edit form: the same fields and the status; the employer organisation does not move. */
export const editPlacementSchema = z
  .object({ ...placementFields, status: z.enum(placementStatuses, { error: "placements.error.status" }) })
  .refine(periodInOrder, { error: "placements.error.periodOrder", path: ["periodEnd"] })
  .refine(reachable, { error: "placements.error.emailOrPhone", path: ["contactEmail"] });
export type EditPlacementInput = z.output<typeof editPlacementSchema>;

/** The public list's filters from the address bar: anything unknown reads as "all". */
export const placementFiltersSchema = z.object({
  municipalityNumber: z
    .string()
    .regex(/^\d{4}$/)
    .nullable()
    .catch(null),
  kind: z.enum(placementKinds).nullable().catch(null),
  sector: z.enum(placementSectors).nullable().catch(null),
});
export type PlacementFilters = z.output<typeof placementFiltersSchema>;
