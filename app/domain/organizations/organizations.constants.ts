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

export const membershipRoles = ["member", "admin"] as const;
export type MembershipRole = (typeof membershipRoles)[number];
