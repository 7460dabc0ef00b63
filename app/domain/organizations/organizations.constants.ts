/**
 * Value lists shared by the database schema, the validation schemas and the
 * UI. Kept free of Drizzle so pages can import them without pulling database
 * code into the browser bundle.
 */
export const organizationKinds = [
  "voluntary",
  "migrant_organization",
  "volunteer_centre",
  "faith_community",
  "sports_club",
  "municipality_unit",
  "county",
  "national_agency",
  "nav_office",
  "employer",
  "reception_centre",
  "adult_education",
  "other",
] as const;
export type OrganizationKind = (typeof organizationKinds)[number];

/** Who runs a reception centre (asylmottak): the kommune, a private company, or a non-profit (ideell). */
export const receptionCentreOperators = ["municipal", "private", "non_profit"] as const;
export type ReceptionCentreOperator = (typeof receptionCentreOperators)[number];

/** The level of public body that acted (verified an organisation, signed a reminder): kommune, fylkeskommune or IMDi. */
export const actingLevels = ["municipality", "county", "national"] as const;
export type ActingLevel = (typeof actingLevels)[number];

export const membershipRoles = ["member", "admin"] as const;
export type MembershipRole = (typeof membershipRoles)[number];
