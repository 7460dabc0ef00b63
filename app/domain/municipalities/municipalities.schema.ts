import { z } from "zod";

export const municipalitySorts = ["county", "name", "population", "organizations"] as const;
export type MunicipalitySort = (typeof municipalitySorts)[number];

/** Kommune numbers are four digits (0301 Oslo); anything else is not a kommune. */
export function isMunicipalityNumber(value: unknown): value is string {
  return typeof value === "string" && /^\d{4}$/.test(value);
}

/**
 * The public list's GET filter. It comes straight from the address bar, so
 * a value that makes no sense falls back to "no filter" rather than an error.
 */
export const municipalityFilterSchema = z.object({
  q: z.string().trim().max(100).catch("").default(""),
  county: z
    .string()
    .regex(/^\d{2}$/)
    .optional()
    .catch(undefined),
  sort: z.enum(municipalitySorts).catch("county").default("county"),
});
export type MunicipalityFilter = z.output<typeof municipalityFilterSchema>;
