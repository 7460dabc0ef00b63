import { pgTable, text, timestamp, uuid, boolean, primaryKey, index, uniqueIndex, char } from "drizzle-orm/pg-core";
import { users } from "./auth.ts";
import { municipalities } from "./reference.ts";

import { organizationKinds, membershipRoles, receptionCentreOperators, actingLevels } from "../../domain/organizations/organizations.constants.ts";
/** Where an organisation's record came from: typed in by a person, or imported from Enhetsregisteret. */
export const organizationSources = ["manual", "brreg"] as const;
export type OrganizationSource = (typeof organizationSources)[number];

/** A column naming an organisation, deleted with it (memberships, invitations, partnerships). */
export function organizationIdColumn(name = "organization_id") {
  return uuid(name)
    .notNull()
    .references(() => organizations.id, { onDelete: "cascade" });
}

export const organizations = pgTable(
  "organizations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    /** Norwegian organisation number, 9 digits with a MOD11 check digit; informal groups have none. */
    orgNumber: char("org_number", { length: 9 }),
    kind: text("kind", { enum: organizationKinds }).notNull(),
    description: text("description").notNull().default(""),
    website: text("website"),
    contactEmail: text("contact_email"),
    contactPhone: text("contact_phone"),
    isDemo: boolean("is_demo").notNull().default(false),
    /** Street or post-box lines, joined with ", " (from Brreg or typed in). */
    address: text("address"),
    postalCode: text("postal_code"),
    postalPlace: text("postal_place"),
    inFrivillighetsregisteret: boolean("in_frivillighetsregisteret").notNull().default(false),
    /** ICNPO category code (International Classification of Non-Profit Organisations), e.g. "7 100". */
    icnpoCategory: text("icnpo_category"),
    source: text("source", { enum: organizationSources }).notNull().default("manual"),
    /** A coordinator or admin has checked the details against the organisation itself. */
    verified: boolean("verified").notNull().default(false),
    /** Which level verified it (kommune, fylkeskommune, IMDi) and that body's name ("Innlandet fylkeskommune"): the page names the verifier. */
    verifiedByLevel: text("verified_by_level", { enum: actingLevels }),
    verifiedByBody: text("verified_by_body"),
    /** Only for reception centres: who runs it (kommunal, privat, ideell); the reports find activities easier when the kommune does. */
    receptionCentreOperator: text("reception_centre_operator", { enum: receptionCentreOperators }),
    lastConfirmedAt: timestamp("last_confirmed_at", { withTimezone: true }),
    /** False for units Brreg reports deleted, bankrupt or being wound up. */
    active: boolean("active").notNull().default(true),
    /** Enhetsregisteret's organisasjonsform code (FLI, STI, AS, KOMM …). */
    brregOrganizationForm: text("brreg_organization_form"),
    /** When the Brreg import last changed this row. */
    brregUpdatedAt: timestamp("brreg_updated_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("organizations_org_number_idx").on(t.orgNumber), index("organizations_name_idx").on(t.name)],
);

/** The kommuner an organisation works in. */
export const organizationMunicipalities = pgTable(
  "organization_municipalities",
  {
    organizationId: organizationIdColumn(),
    municipalityNumber: char("municipality_number", { length: 4 })
      .notNull()
      .references(() => municipalities.number),
  },
  (t) => [primaryKey({ columns: [t.organizationId, t.municipalityNumber] }), index("organization_municipalities_municipality_idx").on(t.municipalityNumber)],
);

export const memberships = pgTable(
  "memberships",
  {
    organizationId: organizationIdColumn(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: text("role", { enum: membershipRoles }).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.organizationId, t.userId] }), index("memberships_user_idx").on(t.userId)],
);

/** An invitation to join an organisation, sent by e-mail. The id is the SHA-256 of the token in the link. */
export const invitations = pgTable(
  "invitations",
  {
    id: text("id").primaryKey(),
    organizationId: organizationIdColumn(),
    email: text("email").notNull(),
    role: text("role", { enum: membershipRoles }).notNull(),
    invitedBy: uuid("invited_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    acceptedAt: timestamp("accepted_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [index("invitations_organization_idx").on(t.organizationId)],
);
