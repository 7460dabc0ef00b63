import { sql } from "drizzle-orm";
import { pgTable, text, timestamp, uuid, boolean, integer, primaryKey, index, uniqueIndex, char, check } from "drizzle-orm/pg-core";
import { counties, municipalities } from "./reference.ts";

export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** Stored lower-cased and trimmed; unique. */
    email: text("email").notNull(),
    name: text("name").notNull(),
    passwordHash: text("password_hash"),
    emailVerifiedAt: timestamp("email_verified_at", { withTimezone: true }),
    locale: text("locale"),
    isDemo: boolean("is_demo").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("users_email_idx").on(t.email)],
);

/** Sessions live in the database so any app instance can serve any request. The id is the SHA-256 of the cookie token. */
export const sessions = pgTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull().defaultNow(),
    ip: text("ip"),
    userAgent: text("user_agent"),
    /** How the user signed in: password, magic_link, oidc:<provider>. */
    method: text("method").notNull(),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

/** One-time tokens sent by e-mail. The id is the SHA-256 of the token in the link. */
export const emailTokens = pgTable(
  "email_tokens",
  {
    id: text("id").primaryKey(),
    purpose: text("purpose", { enum: ["magic_link", "password_reset", "email_verification"] }).notNull(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
  },
  (t) => [index("email_tokens_user_idx").on(t.userId)],
);

/** Links a user to an identity at an OpenID Connect provider. */
export const oidcIdentities = pgTable(
  "oidc_identities",
  {
    provider: text("provider").notNull(),
    subject: text("subject").notNull(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.provider, t.subject] }), index("oidc_identities_user_idx").on(t.userId)],
);

/** State of an OIDC sign-in in flight (PKCE verifier, nonce); kept in the database, not in process memory. */
export const oidcLoginStates = pgTable("oidc_login_states", {
  state: text("state").primaryKey(),
  provider: text("provider").notNull(),
  codeVerifier: text("code_verifier").notNull(),
  nonce: text("nonce").notNull(),
  redirectTo: text("redirect_to").notNull(),
  expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
});

/** Fixed-window counters for rate limiting (per account, per IP). */
export const rateLimits = pgTable("rate_limits", {
  key: text("key").primaryKey(),
  windowStart: timestamp("window_start", { withTimezone: true }).notNull(),
  count: integer("count").notNull(),
});

export const platformRoles = ["municipal_coordinator", "county_advisor", "national_admin"] as const;
export type PlatformRole = (typeof platformRoles)[number];

/**
 * A scoped platform role: a coordinator holds one row per kommune, a county
 * advisor one row for their fylke, a national admin one unscoped row.
 */
export const roleGrants = pgTable(
  "role_grants",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: text("role", { enum: platformRoles }).notNull(),
    municipalityNumber: char("municipality_number", { length: 4 }).references(() => municipalities.number),
    countyNumber: char("county_number", { length: 2 }).references(() => counties.number),
    grantedBy: uuid("granted_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("role_grants_user_idx").on(t.userId),
    uniqueIndex("role_grants_unique_idx").on(t.userId, t.role, sql`coalesce(${t.municipalityNumber}, '')`, sql`coalesce(${t.countyNumber}, '')`),
    check(
      "role_grants_scope_check",
      sql`(${t.role} = 'municipal_coordinator' and ${t.municipalityNumber} is not null and ${t.countyNumber} is null)
       or (${t.role} = 'county_advisor' and ${t.countyNumber} is not null and ${t.municipalityNumber} is null)
       or (${t.role} = 'national_admin' and ${t.countyNumber} is null and ${t.municipalityNumber} is null)`,
    ),
  ],
);
