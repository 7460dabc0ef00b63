import { z } from "zod";

/**
 * Query parameters of the county and national roll-ups (GET, from the URL).
 * Unknown or malformed values fall back to the default: a filter or sort in a
 * link can never make the page fail.
 */

/** Size classes by population (1 Jan 2024), after SSB's usual grouping of kommuner. */
export const sizeClasses = ["small", "medium", "large", "city"] as const;
export type SizeClass = (typeof sizeClasses)[number];
/** Lower bounds (inclusive): small < 5,000; medium 5,000–19,999; large 20,000–49,999; city ≥ 50,000. */
export const sizeClassBounds: Record<SizeClass, [number, number]> = {
  small: [0, 5_000],
  medium: [5_000, 20_000],
  large: [20_000, 50_000],
  city: [50_000, Number.POSITIVE_INFINITY],
};
export function sizeClassOf(population: number | null): SizeClass | null {
  if (population === null) return null;
  return sizeClasses.find((c) => population >= sizeClassBounds[c][0] && population < sizeClassBounds[c][1]) ?? null;
}

export const languageForms = ["Bokmål", "Nynorsk", "Nøytral"] as const;
export type LanguageForm = (typeof languageForms)[number];

export const rollupSorts = ["name", "population", "settled", "activities", "organizations", "capacity", "volunteers", "coverage", "gaps"] as const;
export type RollupSort = (typeof rollupSorts)[number];
export type SortDirection = "asc" | "desc";
/** Names read A–Å; every figure largest first. */
export const defaultDirection = (sort: RollupSort): SortDirection => (sort === "name" ? "asc" : "desc");

const loose = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined);

const yearSchema = z.coerce.number().int().min(2000).max(2100);

export const countyRollupQuerySchema = z.object({
  year: loose(yearSchema),
  sort: loose(z.enum(rollupSorts)),
  direction: loose(z.enum(["asc", "desc"])),
});
export type CountyRollupQuery = z.input<typeof countyRollupQuerySchema>;

export const nationalRollupQuerySchema = countyRollupQuerySchema.extend({
  sizeClass: loose(z.enum(sizeClasses)),
  languageForm: loose(z.enum(languageForms)),
  county: loose(z.string().regex(/^\d{2}$/)),
});
export type NationalRollupQuery = z.input<typeof nationalRollupQuerySchema>;
