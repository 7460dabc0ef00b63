import { sql } from "drizzle-orm";
import { pgTable, text, timestamp, uuid, boolean, index, uniqueIndex, char, check } from "drizzle-orm/pg-core";
import { users } from "./auth.ts";
import { municipalities, counties } from "./reference.ts";
import { organizations, organizationIdColumn } from "./organizations.ts";
import { storedFiles } from "./files.ts";
import { actingLevels } from "../../domain/organizations/organizations.constants.ts";
import { competenceTopics } from "../../domain/competence/topics.ts";
import { guidanceHandoverKinds, guidanceMessageSides, guidanceStatuses, guidanceUrgencies } from "../../domain/guidance/guidance.constants.ts";

/**
 * A question from an organisation (veiledningsforespørsel). `municipality_number`
 * is the asker's kommune and decides the routing; the holder_* columns name the
 * public body that holds it now (kommune → fylkeskommune → IMDi). When a body
 * passes it to a peer organisation, holder_organization_id is set and the body
 * columns keep the body that passed it on, which stays responsible.
 */
export const guidanceRequests = pgTable(
  "guidance_requests",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: organizationIdColumn(),
    municipalityNumber: char("municipality_number", { length: 4 })
      .notNull()
      .references(() => municipalities.number),
    topic: text("topic", { enum: competenceTopics }).notNull(),
    title: text("title").notNull(),
    description: text("description").notNull(),
    urgency: text("urgency", { enum: guidanceUrgencies }).notNull().default("normal"),
    /** The asker allows the answer to become an anonymised question-and-answer in the knowledge bank. */
    consentToReuse: boolean("consent_to_reuse").notNull().default(false),
    status: text("status", { enum: guidanceStatuses }).notNull().default("new"),
    holderLevel: text("holder_level", { enum: actingLevels }).notNull(),
    holderMunicipalityNumber: char("holder_municipality_number", { length: 4 }).references(() => municipalities.number),
    holderCountyNumber: char("holder_county_number", { length: 2 }).references(() => counties.number),
    holderOrganizationId: uuid("holder_organization_id").references(() => organizations.id, { onDelete: "set null" }),
    /** The person at the holding body who took it; never shown to the asker. */
    assignedUserId: uuid("assigned_user_id").references(() => users.id, { onDelete: "set null" }),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    submittedAt: timestamp("submitted_at", { withTimezone: true }).notNull().defaultNow(),
    /** Set once, when a body or a peer organisation posts the first answer: response times are measured to it. */
    firstAnsweredAt: timestamp("first_answered_at", { withTimezone: true }),
    closedAt: timestamp("closed_at", { withTimezone: true }),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("guidance_requests_organization_idx").on(t.organizationId),
    index("guidance_requests_municipality_idx").on(t.municipalityNumber),
    index("guidance_requests_holder_idx").on(t.holderLevel, t.holderMunicipalityNumber, t.holderCountyNumber),
    index("guidance_requests_holder_organization_idx").on(t.holderOrganizationId),
    index("guidance_requests_submitted_idx").on(t.submittedAt),
    check(
      "guidance_requests_holder_check",
      sql`(${t.holderLevel} = 'municipality' and ${t.holderMunicipalityNumber} is not null and ${t.holderCountyNumber} is null)
       or (${t.holderLevel} = 'county' and ${t.holderCountyNumber} is not null and ${t.holderMunicipalityNumber} is null)
       or (${t.holderLevel} = 'national' and ${t.holderCountyNumber} is null and ${t.holderMunicipalityNumber} is null)`,
    ),
  ],
);

/** A guidance request's id column, deleted with the request. */
function guidanceRequestIdColumn() {
  return uuid("request_id")
    .notNull()
    .references(() => guidanceRequests.id, { onDelete: "cascade" });
}

/**
 * Each step of the chain: where the request went first, and every hand-over
 * (from, to, reason, when). The asker sees it as bodies and organisations;
 * created_by is for the audit, never shown to the asker. A body may read a
 * request it appears in as a "to" (it holds it or held it and handed it on).
 */
export const guidanceHandovers = pgTable(
  "guidance_handovers",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    requestId: guidanceRequestIdColumn(),
    kind: text("kind", { enum: guidanceHandoverKinds }).notNull(),
    fromLevel: text("from_level", { enum: actingLevels }),
    fromMunicipalityNumber: char("from_municipality_number", { length: 4 }).references(() => municipalities.number),
    fromCountyNumber: char("from_county_number", { length: 2 }).references(() => counties.number),
    fromOrganizationId: uuid("from_organization_id").references(() => organizations.id, { onDelete: "set null" }),
    toLevel: text("to_level", { enum: actingLevels }),
    toMunicipalityNumber: char("to_municipality_number", { length: 4 }).references(() => municipalities.number),
    toCountyNumber: char("to_county_number", { length: 2 }).references(() => counties.number),
    toOrganizationId: uuid("to_organization_id").references(() => organizations.id, { onDelete: "set null" }),
    reason: text("reason").notNull().default(""),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("guidance_handovers_request_idx").on(t.requestId),
    index("guidance_handovers_to_idx").on(t.toLevel, t.toMunicipalityNumber, t.toCountyNumber),
    index("guidance_handovers_to_organization_idx").on(t.toOrganizationId),
  ],
);

/**
 * The thread between the asker and whoever holds the request. A message from
 * the holding side names the body (author_level/…) or the peer organisation, so
 * the asker sees "Tønsberg kommune", never the person.
 */
export const guidanceMessages = pgTable(
  "guidance_messages",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    requestId: guidanceRequestIdColumn(),
    side: text("side", { enum: guidanceMessageSides }).notNull(),
    authorLevel: text("author_level", { enum: actingLevels }),
    authorMunicipalityNumber: char("author_municipality_number", { length: 4 }).references(() => municipalities.number),
    authorCountyNumber: char("author_county_number", { length: 2 }).references(() => counties.number),
    authorOrganizationId: uuid("author_organization_id").references(() => organizations.id, { onDelete: "set null" }),
    authorUserId: uuid("author_user_id").references(() => users.id, { onDelete: "set null" }),
    body: text("body").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("guidance_messages_request_idx").on(t.requestId, t.createdAt)],
);

/** Notes only the answering public bodies see (kommune, fylkeskommune, IMDi); kept in their own table so no asker query can reach them. */
export const guidanceInternalNotes = pgTable(
  "guidance_internal_notes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    requestId: guidanceRequestIdColumn(),
    authorLevel: text("author_level", { enum: actingLevels }),
    authorMunicipalityNumber: char("author_municipality_number", { length: 4 }).references(() => municipalities.number),
    authorCountyNumber: char("author_county_number", { length: 2 }).references(() => counties.number),
    authorUserId: uuid("author_user_id").references(() => users.id, { onDelete: "set null" }),
    body: text("body").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("guidance_internal_notes_request_idx").on(t.requestId, t.createdAt)],
);

/** What an organisation can help others with (kompetansetilbud): one row per topic, with a short text. */
export const competenceOffers = pgTable(
  "competence_offers",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: organizationIdColumn(),
    topic: text("topic", { enum: competenceTopics }).notNull(),
    description: text("description").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("competence_offers_organization_topic_idx").on(t.organizationId, t.topic), index("competence_offers_topic_idx").on(t.topic)],
);

/**
 * Files attached to a request (by the asker when asking) or to a message in its thread. The file itself is in
 * stored_files (app/domain/files); whoever may read the request may download it, nobody else.
 */
export const guidanceAttachments = pgTable(
  "guidance_attachments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    requestId: guidanceRequestIdColumn(),
    messageId: uuid("message_id").references(() => guidanceMessages.id, { onDelete: "cascade" }),
    fileId: uuid("file_id")
      .notNull()
      .references(() => storedFiles.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("guidance_attachments_request_idx").on(t.requestId), uniqueIndex("guidance_attachments_file_idx").on(t.fileId)],
);
