import { sql, type SQL } from "drizzle-orm";
import { pgTable, text, timestamp, uuid, boolean, char, date, primaryKey, index, uniqueIndex, customType } from "drizzle-orm/pg-core";
import { users } from "./auth.ts";
import { counties, municipalities } from "./reference.ts";
import { organizations } from "./organizations.ts";
import { articleKinds, articleStatuses, ownerLevels } from "../../domain/knowledge/knowledge.constants.ts";

const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });

/**
 * The knowledge bank's articles (issue 12). The owner is a body (IMDi, a
 * fylkeskommune, a kommune); a proposal's owner is the body that reviews it.
 * An empty audience means every kind of organisation.
 */
export const knowledgeArticles = pgTable(
  "knowledge_articles",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    slug: text("slug").notNull(),
    kind: text("kind", { enum: articleKinds }).notNull(),
    status: text("status", { enum: articleStatuses }).notNull().default("draft"),
    themes: text("themes")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    audience: text("audience")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    ownerLevel: text("owner_level", { enum: ownerLevels }).notNull(),
    ownerMunicipalityNumber: char("owner_municipality_number", { length: 4 }).references(() => municipalities.number),
    ownerCountyNumber: char("owner_county_number", { length: 2 }).references(() => counties.number),
    /** A report elsewhere, or a template's file until files can be attached. */
    linkUrl: text("link_url"),
    reviewBy: date("review_by"),
    /** Who proposed it (a proposal), from which organisation or kommune. */
    proposedBy: uuid("proposed_by").references(() => users.id, { onDelete: "set null" }),
    proposerOrganizationId: uuid("proposer_organization_id").references(() => organizations.id, { onDelete: "set null" }),
    proposerMunicipalityNumber: char("proposer_municipality_number", { length: 4 }).references(() => municipalities.number),
    reviewComment: text("review_comment"),
    /** The guidance request a question-and-answer came from; never shown publicly. */
    sourceGuidanceRequestId: uuid("source_guidance_request_id"),
    isDemo: boolean("is_demo").notNull().default(false),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    publishedAt: timestamp("published_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("knowledge_articles_slug_idx").on(t.slug),
    index("knowledge_articles_status_idx").on(t.status),
    index("knowledge_articles_owner_idx").on(t.ownerLevel, t.ownerCountyNumber, t.ownerMunicipalityNumber),
    index("knowledge_articles_themes_idx").using("gin", t.themes),
    index("knowledge_articles_audience_idx").using("gin", t.audience),
    index("knowledge_articles_proposed_by_idx").on(t.proposedBy),
  ],
);

/**
 * Stemmed, accent-free text of one language version, title above summary
 * above body. English is stemmed as English, the two Norwegian written forms
 * with the norwegian stemmer, other languages unstemmed.
 */
const versionDocument: SQL = sql`case locale
  when 'en' then setweight(to_tsvector('english', samspill_unaccent(coalesce(title, ''))), 'A')
    || setweight(to_tsvector('english', samspill_unaccent(coalesce(summary, ''))), 'B')
    || setweight(to_tsvector('english', samspill_unaccent(coalesce(body, ''))), 'C')
  when 'nb' then setweight(to_tsvector('norwegian', samspill_unaccent(coalesce(title, ''))), 'A')
    || setweight(to_tsvector('norwegian', samspill_unaccent(coalesce(summary, ''))), 'B')
    || setweight(to_tsvector('norwegian', samspill_unaccent(coalesce(body, ''))), 'C')
  when 'nn' then setweight(to_tsvector('norwegian', samspill_unaccent(coalesce(title, ''))), 'A')
    || setweight(to_tsvector('norwegian', samspill_unaccent(coalesce(summary, ''))), 'B')
    || setweight(to_tsvector('norwegian', samspill_unaccent(coalesce(body, ''))), 'C')
  else setweight(to_tsvector('simple', samspill_unaccent(coalesce(title, ''))), 'A')
    || setweight(to_tsvector('simple', samspill_unaccent(coalesce(summary, ''))), 'B')
    || setweight(to_tsvector('simple', samspill_unaccent(coalesce(body, ''))), 'C')
  end`;

/** One language version of an article: one row per language. */
export const knowledgeArticleVersions = pgTable(
  "knowledge_article_versions",
  {
    articleId: uuid("article_id")
      .notNull()
      .references(() => knowledgeArticles.id, { onDelete: "cascade" }),
    locale: text("locale").notNull(),
    title: text("title").notNull(),
    summary: text("summary").notNull().default(""),
    /** Markdown; rendered with raw HTML off and sanitised before it is shown. */
    body: text("body").notNull().default(""),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    searchVector: tsvector("search_vector").generatedAlwaysAs(versionDocument),
  },
  (t) => [primaryKey({ columns: [t.articleId, t.locale] }), index("knowledge_article_versions_search_idx").using("gin", t.searchVector)],
);

/** "Was this helpful?": one vote per article and browser (a hash of the browser's key, never the key itself). */
export const knowledgeVotes = pgTable(
  "knowledge_votes",
  {
    articleId: uuid("article_id")
      .notNull()
      .references(() => knowledgeArticles.id, { onDelete: "cascade" }),
    voterHash: text("voter_hash").notNull(),
    helpful: boolean("helpful").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.articleId, t.voterHash] })],
);

/** Distinct accent-free words of articles, for correcting typos (as search_words does for activities). */
export const knowledgeSearchWords = pgTable(
  "knowledge_search_words",
  {
    word: text("word").primaryKey(),
  },
  (t) => [index("knowledge_search_words_trgm_idx").using("gin", sql`${t.word} gin_trgm_ops`)],
);
