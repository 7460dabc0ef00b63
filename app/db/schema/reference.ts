import { pgTable, text, integer, doublePrecision, char, index } from "drizzle-orm/pg-core";

/** The 15 counties (fylker) of 2024. Reference data, loaded from app/db/reference. */
export const counties = pgTable("counties", {
  number: char("number", { length: 2 }).primaryKey(),
  name: text("name").notNull(),
  website: text("website"),
});

/** The 357 municipalities (kommuner) of 2024. */
export const municipalities = pgTable(
  "municipalities",
  {
    number: char("number", { length: 4 }).primaryKey(),
    name: text("name").notNull(),
    countyNumber: char("county_number", { length: 2 })
      .notNull()
      .references(() => counties.number),
    administrativeCentre: text("administrative_centre"),
    population: integer("population"),
    areaKm2: doublePrecision("area_km2"),
    /** Official language form: Bokmål, Nynorsk or Nøytral. */
    languageForm: text("language_form"),
    website: text("website"),
  },
  (t) => [index("municipalities_county_idx").on(t.countyNumber)],
);
