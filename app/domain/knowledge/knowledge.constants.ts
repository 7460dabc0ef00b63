/**
 * Value lists of the knowledge bank (kunnskapsbank), shared by the schema, the
 * validation schemas and the pages. Free of Drizzle so pages can import them.
 */
export const articleKinds = ["article", "guide", "template", "report_link", "qa"] as const;
export type ArticleKind = (typeof articleKinds)[number];

/**
 * draft and published belong to an owner body; proposed, returned and rejected
 * are a proposal from a kommune or an organisation that the owner reviews.
 */
export const articleStatuses = ["draft", "published", "proposed", "returned", "rejected"] as const;
export type ArticleStatus = (typeof articleStatuses)[number];

/** Languages an article can be written in: the interface languages and the finder's other languages. */
export const articleLanguages = ["nb", "nn", "en", "uk", "ar", "ti", "so", "prs"] as const;
export type ArticleLanguage = (typeof articleLanguages)[number];

/** The owner body's level, as BodyLevel in app/domain/competence/bodies.ts (kept here so the schema needs no app imports). */
export const ownerLevels = ["municipality", "county", "national"] as const;

/** Lengths the forms and the validation share. */
export const TITLE_MAX = 200;
export const SUMMARY_MAX = 500;
export const BODY_MAX = 50_000;
export const COMMENT_MAX = 2_000;

/** How many files one article may carry (a template in a few formats, a guide with its forms). */
export const ARTICLE_FILES_MAX = 10;
