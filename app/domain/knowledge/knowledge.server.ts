import { and, asc, desc, eq, inArray, ne, or, sql, type SQL } from "drizzle-orm";
import { getDb, type Queryable } from "~/db/client.server.ts";
import {
  knowledgeArticles,
  knowledgeArticleVersions,
  knowledgeFiles,
  knowledgeSearchWords,
  knowledgeVotes,
  organizationMunicipalities,
  storedFiles,
} from "~/db/schema/index.ts";
import { countyOf, type Actor, type UserActor } from "~/domain/auth/actor.ts";
import { recordAudit } from "~/domain/audit/audit.server.ts";
import { getCounty, getMunicipality } from "~/domain/reference/reference.server.ts";
import { acceptTemplateUploads, articleFileCount, articleFileInfos, storeArticleFiles } from "./knowledge-files.server.ts";
import { readStoredFile, type StoredFile } from "~/domain/files/files.server.ts";
import { actsForBody, bodiesOf, bodyColumns, bodyFromColumns, type Body } from "~/domain/competence/bodies.ts";
import type { CompetenceTopic } from "~/domain/competence/topics.ts";
import type { OrganizationKind } from "~/domain/organizations/organizations.constants.ts";
import { queryWords } from "~/domain/activities/search.server.ts";
import { arrayParam } from "~/db/sql.ts";
import { hashToken } from "~/lib/crypto.server.ts";
import type { AcceptedFile } from "~/domain/files/files.server.ts";
import { AppError } from "~/lib/errors.ts";
import { pageBounds, pageCount } from "~/lib/paging.ts";
import { foldText } from "~/lib/text.ts";
import { isUuid, parseInput } from "~/lib/validation.ts";
import { articleLanguages, type ArticleKind, type ArticleLanguage, type ArticleStatus } from "./knowledge.constants.ts";
import {
  articleInputSchema,
  articleSearchSchema,
  optionalCommentSchema,
  proposalTargetSchema,
  questionAnswerSchema,
  removeFileSchema,
  reviewCommentSchema,
  voteSchema,
  TITLE_MAX,
  SUMMARY_MAX,
  type ArticleInput,
} from "./knowledge.schema.ts";

/**
 * The knowledge bank (kunnskapsbank, issue 12). Published articles are public.
 * An article belongs to one body (IMDi, a fylkeskommune, a kommune); only the
 * people acting for exactly that body (actsForBody) see its drafts and change
 * it. IMDi and the fylkeskommuner write; kommuner and organisations propose,
 * and the body they propose to reviews.
 */

export const PAGE_SIZE = 10;
/** Slugs the routes use for their own pages under /kunnskap. */
const RESERVED_SLUGS = new Set(["ny", "forslag", "mine", "rediger"]);
/** How similar (pg_trgm) a known word must be to a typed one to replace it, as in the activity finder. */
const CORRECTION_SIMILARITY = 0.4;

type ArticleRow = typeof knowledgeArticles.$inferSelect;

export function ownerOf(row: Pick<ArticleRow, "ownerLevel" | "ownerMunicipalityNumber" | "ownerCountyNumber">): Body {
  return bodyFromColumns({ level: row.ownerLevel, municipalityNumber: row.ownerMunicipalityNumber, countyNumber: row.ownerCountyNumber });
}

function ownerColumns(body: Body) {
  const c = bodyColumns(body);
  return { ownerLevel: c.level, ownerMunicipalityNumber: c.municipalityNumber, ownerCountyNumber: c.countyNumber };
}

/** Whether the actor may write and publish articles for this body: IMDi and the fylkeskommuner, for their own body. */
export function mayWriteFor(actor: Actor, body: Body): boolean {
  return body.level !== "municipality" && actsForBody(actor, body);
}

/** The bodies the actor writes for directly. */
export function writableBodies(actor: Actor): Body[] {
  return bodiesOf(actor).filter((b) => mayWriteFor(actor, b));
}

/** The kommuner a proposer speaks for: those they coordinate and those of the organisations they administer. */
async function proposerMunicipalities(actor: Actor): Promise<{ municipalityNumber: string; organizationId: string | null }[]> {
  if (actor.kind !== "user") return [];
  const out: { municipalityNumber: string; organizationId: string | null }[] = [];
  for (const r of actor.roles)
    if (r.role === "municipal_coordinator" && r.municipalityNumber) out.push({ municipalityNumber: r.municipalityNumber, organizationId: null });
  const adminOf = actor.memberships.filter((m) => m.role === "admin").map((m) => m.organizationId);
  if (adminOf.length) {
    const rows = await getDb()
      .select({ organizationId: organizationMunicipalities.organizationId, municipalityNumber: organizationMunicipalities.municipalityNumber })
      .from(organizationMunicipalities)
      .where(inArray(organizationMunicipalities.organizationId, adminOf))
      .orderBy(asc(organizationMunicipalities.municipalityNumber));
    out.push(...rows);
  }
  return out;
}

/** Whether the actor may propose an article: kommune coordinators and organisation admins. */
export function mayPropose(actor: Actor): boolean {
  if (actor.kind !== "user") return false;
  return actor.roles.some((r) => r.role === "municipal_coordinator") || actor.memberships.some((m) => m.role === "admin");
}

/** Who a proposal can go to: IMDi, and the fylkeskommune of each of the proposer's kommuner. */
export async function proposalTargets(actor: Actor): Promise<string[]> {
  if (!mayPropose(actor)) return [];
  const counties = [...new Set((await proposerMunicipalities(actor)).map((m) => countyOf(m.municipalityNumber)))].sort();
  return ["national", ...counties.map((c) => `county:${c}`)];
}

function targetBody(target: string): Body {
  return target === "national" ? { level: "national" } : { level: "county", countyNumber: target.slice("county:".length) };
}

function slugBase(title: string): string {
  const base = foldText(title)
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 80)
    .replace(/-+$/g, "");
  return base && !RESERVED_SLUGS.has(base) ? base : "artikkel";
}

async function uniqueSlug(db: Queryable, title: string): Promise<string> {
  const base = slugBase(title);
  const taken = new Set(
    (
      await db
        .select({ slug: knowledgeArticles.slug })
        .from(knowledgeArticles)
        .where(sql`${knowledgeArticles.slug} = ${base} or ${knowledgeArticles.slug} like ${`${base}-%`}`)
    ).map((r) => r.slug),
  );
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

/** Distinct accent-free words (3–40 letters) of the texts, for typo correction. */
function wordsOf(...texts: string[]): string[] {
  const words = new Set<string>();
  for (const text of texts) for (const w of foldText(text).split(/[^a-z0-9]+/)) if (w.length >= 3 && w.length <= 40 && !/^\d+$/.test(w)) words.add(w);
  return [...words];
}

async function rememberWords(db: Queryable, versions: ArticleInput["versions"]) {
  const words = wordsOf(...Object.values(versions).flatMap((v) => (v ? [v.title, v.summary, v.body] : [])));
  for (let i = 0; i < words.length; i += 500) {
    await db
      .insert(knowledgeSearchWords)
      .values(words.slice(i, i + 500).map((word) => ({ word })))
      .onConflictDoNothing();
  }
}

async function writeVersions(db: Queryable, articleId: string, versions: ArticleInput["versions"]) {
  await db.delete(knowledgeArticleVersions).where(eq(knowledgeArticleVersions.articleId, articleId));
  const rows = (Object.entries(versions) as [ArticleLanguage, NonNullable<ArticleInput["versions"][ArticleLanguage]>][]).map(([locale, v]) => ({
    articleId,
    locale,
    title: v.title,
    summary: v.summary,
    body: v.body,
  }));
  if (rows.length) await db.insert(knowledgeArticleVersions).values(rows);
  await rememberWords(db, versions);
}

function firstTitle(versions: ArticleInput["versions"]): string {
  for (const lang of articleLanguages) if (versions[lang]?.title) return versions[lang].title;
  return "";
}

function requireUser(actor: Actor): UserActor {
  if (actor.kind !== "user") throw new AppError("unauthenticated", "errors.unauthenticated");
  return actor;
}

function snapshot(row: Partial<ArticleRow>, versions?: ArticleInput["versions"]) {
  const { kind, status, themes, audience, ownerLevel, ownerCountyNumber, ownerMunicipalityNumber, linkUrl, reviewBy } = row;
  return {
    kind,
    status,
    themes,
    audience,
    ownerLevel,
    ownerCountyNumber,
    ownerMunicipalityNumber,
    linkUrl,
    reviewBy,
    languages: versions ? Object.keys(versions) : undefined,
  };
}

/**
 * Creates an article for a body the actor writes for (IMDi or their
 * fylkeskommune): a draft, or published when `publish` is set.
 */
export async function createArticle(
  actor: Actor,
  owner: Body,
  rawInput: unknown,
  options: { publish?: boolean; uploads?: FormDataEntryValue[] } = {},
): Promise<{ id: string; slug: string }> {
  const user = requireUser(actor);
  if (!mayWriteFor(user, owner)) throw new AppError("forbidden", "errors.forbidden");
  const input = parseInput(articleInputSchema, rawInput);
  const files = await acceptTemplateUploads(options.uploads ?? [], 0);
  return insertArticle(user, { ...ownerColumns(owner), status: options.publish ? "published" : "draft" }, input, { files });
}

async function insertArticle(
  user: UserActor,
  fields: Partial<typeof knowledgeArticles.$inferInsert>,
  input: ArticleInput,
  extra: { sourceGuidanceRequestId?: string | null; files?: AcceptedFile[] } = {},
) {
  return getDb().transaction(async (tx) => {
    const slug = await uniqueSlug(tx, firstTitle(input.versions));
    const now = new Date();
    const [row] = await tx
      .insert(knowledgeArticles)
      .values({
        ownerLevel: "national",
        ...fields,
        slug,
        kind: input.kind,
        themes: input.themes,
        audience: input.audience,
        linkUrl: input.linkUrl,
        reviewBy: input.reviewBy,
        sourceGuidanceRequestId: extra.sourceGuidanceRequestId ?? null,
        createdBy: user.userId,
        publishedAt: fields.status === "published" ? now : null,
      })
      .returning();
    await writeVersions(tx, row!.id, input.versions);
    if (extra.files?.length) await storeArticleFiles(tx, user, row!.id, extra.files);
    await recordAudit(tx, user, {
      action: "knowledge.article_created",
      entityType: "knowledge_article",
      entityId: row!.id,
      after: snapshot(row!, input.versions),
    });
    return { id: row!.id, slug };
  });
}

/**
 * A kommune coordinator or an organisation admin proposes an article to IMDi
 * or to the fylkeskommune of one of their kommuner, which reviews it.
 */
export async function proposeArticle(
  actor: Actor,
  rawTarget: unknown,
  rawInput: unknown,
  uploads: FormDataEntryValue[] = [],
): Promise<{ id: string; slug: string }> {
  const user = requireUser(actor);
  if (!mayPropose(user)) throw new AppError("forbidden", "errors.forbidden");
  const { reviewer } = parseInput(proposalTargetSchema, rawTarget);
  const input = parseInput(articleInputSchema, rawInput);
  const files = await acceptTemplateUploads(uploads, 0);
  const origins = await proposerMunicipalities(user);
  const allowed = ["national", ...origins.map((o) => `county:${countyOf(o.municipalityNumber)}`)];
  if (!allowed.includes(reviewer)) throw new AppError("validation", "common.errorSummary", { reviewer: { key: "validation.invalidChoice" } });
  const owner = targetBody(reviewer);
  const origin = owner.level === "county" ? origins.find((o) => countyOf(o.municipalityNumber) === owner.countyNumber) : origins[0];
  return insertArticle(
    user,
    {
      ...ownerColumns(owner),
      status: "proposed",
      proposedBy: user.userId,
      proposerMunicipalityNumber: origin?.municipalityNumber ?? null,
      proposerOrganizationId: origin?.organizationId ?? user.memberships.find((m) => m.role === "admin")?.organizationId ?? null,
    },
    input,
    { files },
  );
}

/**
 * An answered guidance request becomes an anonymised question and answer,
 * published by the body that answered it. The text is the caller's (already
 * anonymised); the request's id is kept for the record and never shown.
 */
export async function createQuestionAnswer(
  actor: Actor,
  input: { owner: Body; topic: CompetenceTopic; question: string; answer: string; locale: string; sourceGuidanceRequestId?: string | null },
): Promise<{ id: string; slug: string }> {
  const user = requireUser(actor);
  if (!actsForBody(user, input.owner)) throw new AppError("forbidden", "errors.forbidden");
  const qa = parseInput(questionAnswerSchema, input);
  const title = truncate(qa.question, TITLE_MAX);
  const article = parseInput(articleInputSchema, {
    kind: "qa",
    themes: [qa.topic],
    audience: [],
    linkUrl: null,
    reviewBy: null,
    versions: { [qa.locale]: { title, summary: truncate(qa.question, SUMMARY_MAX), body: qa.answer } },
  });
  return insertArticle(user, { ...ownerColumns(input.owner), status: "published" }, article, { sourceGuidanceRequestId: qa.sourceGuidanceRequestId ?? null });
}

function truncate(text: string, max: number): string {
  const flat = text.replace(/\s+/g, " ").trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  const space = cut.lastIndexOf(" ");
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

export async function loadArticle(id: string): Promise<ArticleRow> {
  if (!isUuid(id)) throw new AppError("not_found", "errors.notFound");
  const [row] = await getDb().select().from(knowledgeArticles).where(eq(knowledgeArticles.id, id));
  if (!row) throw new AppError("not_found", "errors.notFound");
  return row;
}

function isProposal(status: ArticleStatus): boolean {
  return status === "proposed" || status === "returned" || status === "rejected";
}

/** The owner body's people manage the article; a proposer edits their own proposal until it is published. */
export function mayManage(actor: Actor, row: Pick<ArticleRow, "ownerLevel" | "ownerMunicipalityNumber" | "ownerCountyNumber">): boolean {
  return actsForBody(actor, ownerOf(row));
}

function isProposer(actor: Actor, row: Pick<ArticleRow, "proposedBy" | "status">): boolean {
  return actor.kind === "user" && row.proposedBy === actor.userId && isProposal(row.status);
}

/** Who may see an unpublished article: its owner's people and its proposer (a proposal that is not yet published). */
export function mayReadUnpublished(actor: Actor, row: ArticleRow): boolean {
  return mayManage(actor, row) || isProposer(actor, row);
}

/** Who may change an article (its text and its files): its owner's people, or its proposer while the proposal is not rejected. */
export function mayEditArticle(actor: Actor, row: ArticleRow): boolean {
  return mayManage(actor, row) || (isProposer(actor, row) && row.status !== "rejected");
}

/** The refusal for someone who may not change the article: a published one exists for everyone, an unpublished one is not found. */
export function editRefusal(actor: Actor, row: ArticleRow): AppError {
  if (isProposer(actor, row) && row.status === "rejected") return new AppError("conflict", "knowledge.error.rejected");
  return row.status === "published" ? new AppError("forbidden", "errors.forbidden") : new AppError("not_found", "errors.notFound");
}

export interface ArticleVersion {
  locale: ArticleLanguage;
  title: string;
  summary: string;
  body: string;
}

async function versionsOf(articleId: string): Promise<ArticleVersion[]> {
  const rows = await getDb()
    .select({
      locale: knowledgeArticleVersions.locale,
      title: knowledgeArticleVersions.title,
      summary: knowledgeArticleVersions.summary,
      body: knowledgeArticleVersions.body,
    })
    .from(knowledgeArticleVersions)
    .where(eq(knowledgeArticleVersions.articleId, articleId));
  const order = (l: string) => articleLanguages.indexOf(l as ArticleLanguage);
  return (rows as ArticleVersion[]).sort((a, b) => order(a.locale) - order(b.locale));
}

/** The version to show: the asked language, else bokmål, nynorsk, English, else any. */
export function pickVersion<V extends { locale: string }>(versions: V[], locale: string): V | undefined {
  for (const l of [locale, "nb", "nn", "en"]) {
    const v = versions.find((x) => x.locale === l);
    if (v) return v;
  }
  return versions[0];
}

function todayIso(now: Date): string {
  return now.toISOString().slice(0, 10);
}

/** Published and past its review-by date. */
export function isStale(row: { status: ArticleStatus; reviewBy: string | null }, now = new Date()): boolean {
  return row.status === "published" && row.reviewBy !== null && row.reviewBy < todayIso(now);
}

/** What an article's page and its edit page both show of the row. */
function articleBasics(row: ArticleRow) {
  return {
    id: row.id,
    slug: row.slug,
    kind: row.kind,
    status: row.status,
    themes: row.themes as CompetenceTopic[],
    audience: row.audience as OrganizationKind[],
    owner: ownerOf(row),
    linkUrl: row.linkUrl,
  };
}

/** An article for its page: published ones for everyone; unpublished ones only for those who may manage or proposed them. */
export async function getArticleBySlug(actor: Actor, slug: string, locale: string) {
  if (typeof slug !== "string" || slug.length > 120) throw new AppError("not_found", "errors.notFound");
  const [row] = await getDb().select().from(knowledgeArticles).where(eq(knowledgeArticles.slug, slug));
  if (!row || (row.status !== "published" && !mayReadUnpublished(actor, row))) throw new AppError("not_found", "errors.notFound");
  const versions = await versionsOf(row.id);
  const shown = pickVersion(versions, locale);
  const votes = await voteCounts(row.id);
  return {
    ...articleBasics(row),
    publishedAt: row.publishedAt,
    updatedAt: row.updatedAt,
    languages: versions.map((v) => v.locale),
    version: shown ?? null,
    votes,
    files: await articleFileInfos(row.id),
    mayEdit: mayManage(actor, row) || isProposer(actor, row),
  };
}

/** An article with every language version, for its edit page. */
export async function getArticleForEdit(actor: Actor, id: string) {
  const user = requireUser(actor);
  const row = await loadArticle(id);
  if (!mayReadUnpublished(user, row))
    throw new AppError(row.status === "published" ? "forbidden" : "not_found", row.status === "published" ? "errors.forbidden" : "errors.notFound");
  return {
    ...articleBasics(row),
    reviewBy: row.reviewBy,
    reviewComment: row.reviewComment,
    stale: isStale(row),
    versions: await versionsOf(row.id),
    files: await articleFileInfos(row.id),
    /** The owner's people review and publish; a proposer only edits and resubmits. */
    asOwner: mayManage(user, row),
  };
}

/** Saves an article: its owner's people (any status), or its proposer (a proposal not yet published, which goes back to review). */
export async function updateArticle(actor: Actor, id: string, rawInput: unknown, uploads: FormDataEntryValue[] = []) {
  const user = requireUser(actor);
  const row = await loadArticle(id);
  const owner = mayManage(user, row);
  if (!owner && !isProposer(user, row))
    throw new AppError(row.status === "published" ? "forbidden" : "not_found", row.status === "published" ? "errors.forbidden" : "errors.notFound");
  if (!owner && row.status === "rejected") throw new AppError("conflict", "knowledge.error.rejected");
  const input = parseInput(articleInputSchema, rawInput);
  const files = await acceptTemplateUploads(uploads, await articleFileCount(id));
  await getDb().transaction(async (tx) => {
    const status: ArticleStatus = !owner && row.status === "returned" ? "proposed" : row.status;
    const [after] = await tx
      .update(knowledgeArticles)
      .set({
        kind: input.kind,
        themes: input.themes,
        audience: input.audience,
        linkUrl: input.linkUrl,
        reviewBy: input.reviewBy,
        status,
        updatedAt: new Date(),
      })
      .where(eq(knowledgeArticles.id, id))
      .returning();
    await writeVersions(tx, id, input.versions);
    if (files.length) await storeArticleFiles(tx, user, id, files);
    await recordAudit(tx, user, {
      action: "knowledge.article_updated",
      entityType: "knowledge_article",
      entityId: id,
      before: snapshot(row),
      after: snapshot(after!, input.versions),
    });
  });
}

async function setStatus(actor: Actor, id: string, allowedFrom: ArticleStatus[], to: ArticleStatus, comment: string | null, action: string) {
  const user = requireUser(actor);
  const row = await loadArticle(id);
  if (!mayManage(user, row))
    throw new AppError(
      row.status === "published" || isProposer(user, row) ? "forbidden" : "not_found",
      row.status === "published" || isProposer(user, row) ? "errors.forbidden" : "errors.notFound",
    );
  if (!allowedFrom.includes(row.status)) throw new AppError("conflict", "knowledge.error.status");
  await getDb().transaction(async (tx) => {
    await tx
      .update(knowledgeArticles)
      .set({ status: to, reviewComment: comment, updatedAt: new Date(), ...(to === "published" ? { publishedAt: row.publishedAt ?? new Date() } : {}) })
      .where(eq(knowledgeArticles.id, id));
    await recordAudit(tx, user, { action, entityType: "knowledge_article", entityId: id, before: { status: row.status }, after: { status: to, comment } });
  });
}

/** The owner publishes a draft or accepts a proposal. */
export async function publishArticle(actor: Actor, id: string) {
  await setStatus(actor, id, ["draft", "proposed"], "published", null, "knowledge.article_published");
}

/** The owner takes a published article back to draft. */
export async function unpublishArticle(actor: Actor, id: string) {
  await setStatus(actor, id, ["published"], "draft", null, "knowledge.article_unpublished");
}

/** The owner sends a proposal back to its proposer with a comment. */
export async function returnProposal(actor: Actor, id: string, rawInput: unknown) {
  const { comment } = parseInput(reviewCommentSchema, rawInput);
  await setStatus(actor, id, ["proposed"], "returned", comment, "knowledge.proposal_returned");
}

/** The owner rejects a proposal (optionally saying why). */
export async function rejectProposal(actor: Actor, id: string, rawInput: unknown) {
  const { comment } = parseInput(optionalCommentSchema, rawInput);
  await setStatus(actor, id, ["proposed", "returned"], "rejected", comment, "knowledge.proposal_rejected");
}

/** Deletes an article: its owner's people, or its proposer while it is a proposal. */
export async function deleteArticle(actor: Actor, id: string) {
  const user = requireUser(actor);
  const row = await loadArticle(id);
  if (!mayManage(user, row) && !isProposer(user, row))
    throw new AppError(row.status === "published" ? "forbidden" : "not_found", row.status === "published" ? "errors.forbidden" : "errors.notFound");
  await getDb().transaction(async (tx) => {
    // The files' bytes go with the article (the link rows would cascade, the stored files would not).
    await tx
      .delete(storedFiles)
      .where(inArray(storedFiles.id, tx.select({ id: knowledgeFiles.fileId }).from(knowledgeFiles).where(eq(knowledgeFiles.articleId, id))));
    await tx.delete(knowledgeArticles).where(eq(knowledgeArticles.id, id));
    await recordAudit(tx, user, { action: "knowledge.article_deleted", entityType: "knowledge_article", entityId: id, before: snapshot(row), after: null });
  });
}

/** The version to list an article in, chosen in SQL: the asked language, else bokmål, nynorsk, English, else any. */
function shownVersion(locale: string) {
  return sql`(select json_build_object('locale', v.locale, 'title', v.title, 'summary', v.summary) from ${knowledgeArticleVersions} v
    where v.article_id = ${knowledgeArticles.id}
    order by case v.locale when ${locale} then 0 when 'nb' then 1 when 'nn' then 2 when 'en' then 3 else 4 end, v.locale limit 1)`;
}

export interface ArticleListItem {
  id: string;
  slug: string;
  kind: ArticleKind;
  themes: CompetenceTopic[];
  audience: OrganizationKind[];
  locale: string;
  title: string;
  summary: string;
}

const listColumns = (locale: string) => ({
  id: knowledgeArticles.id,
  slug: knowledgeArticles.slug,
  kind: knowledgeArticles.kind,
  themes: knowledgeArticles.themes,
  audience: knowledgeArticles.audience,
  shown: sql<{ locale: string; title: string; summary: string } | null>`${shownVersion(locale)}`,
});

function toListItem(r: {
  id: string;
  slug: string;
  kind: ArticleKind;
  themes: string[];
  audience: string[];
  shown: { locale: string; title: string; summary: string } | null;
}): ArticleListItem {
  return {
    id: r.id,
    slug: r.slug,
    kind: r.kind,
    themes: r.themes as CompetenceTopic[],
    audience: r.audience as OrganizationKind[],
    locale: r.shown?.locale ?? "nb",
    title: r.shown?.title ?? "",
    summary: r.shown?.summary ?? "",
  };
}

/**
 * The first articles to offer an organisation of this kind asking about this
 * topic (guidance calls this): published, on the topic, those written for its
 * kind first, then those for everyone; newest first within each.
 */
export async function suggestedArticles(options: {
  organizationKind: OrganizationKind | null;
  topic: CompetenceTopic;
  locale: string;
  limit?: number;
}): Promise<ArticleListItem[]> {
  const limit = Math.min(Math.max(options.limit ?? 3, 1), 20);
  const kind = options.organizationKind;
  const forKind = kind ? sql`${knowledgeArticles.audience} @> ${arrayParam([kind], "text")}` : sql`false`;
  const rows = await getDb()
    .select(listColumns(options.locale))
    .from(knowledgeArticles)
    .where(
      and(
        eq(knowledgeArticles.status, "published"),
        sql`${knowledgeArticles.themes} @> ${arrayParam([options.topic], "text")}`,
        or(sql`cardinality(${knowledgeArticles.audience}) = 0`, forKind),
      ),
    )
    .orderBy(sql`case when ${forKind} then 0 else 1 end`, desc(knowledgeArticles.publishedAt), asc(knowledgeArticles.id))
    .limit(limit);
  return rows.map(toListItem);
}

/** "soknad tilskot" → prefix operands, stemmed as Norwegian and English and kept as typed (other languages). */
function tsqueryFor(words: string[]): SQL | null {
  if (!words.length) return null;
  const body = words.map((w) => `${w}:*`).join(" & ");
  return sql`(to_tsquery('norwegian', ${body}) || to_tsquery('english', ${body}) || to_tsquery('simple', ${body}))`;
}

const published = eq(knowledgeArticles.status, "published");

/** A word occurs, as a whole word, in a published version (so a correction never reveals a draft's words). */
function publishedVersionHasWord(word: SQL): SQL {
  return sql`exists (select 1 from ${knowledgeArticleVersions} v join ${knowledgeArticles} a on a.id = v.article_id
    where a.status = 'published'
      and v.search_vector @@ (plainto_tsquery('norwegian', ${word}) || plainto_tsquery('english', ${word}) || plainto_tsquery('simple', ${word}))
      and lower(samspill_unaccent(concat_ws(' ', v.title, v.summary, v.body))) ~ ('(^|[^a-z0-9])' || ${word} || '([^a-z0-9]|$)'))`;
}

async function findsSomething(db: Queryable, word: string): Promise<boolean> {
  const [row] = await db
    .select({
      known: sql<boolean>`(numnode(plainto_tsquery('norwegian', ${word})) = 0
        or exists (select 1 from ${knowledgeArticleVersions} v join ${knowledgeArticles} a on a.id = v.article_id
          where a.status = 'published' and v.search_vector @@ ${tsqueryFor([word])}))`,
    })
    .from(sql`(select 1) as one`);
  return Boolean(row?.known);
}

/** Replaces each typed word that finds nothing by the most similar known word of a published article; null when nothing changed. */
async function correctWords(db: Queryable, words: string[]): Promise<string[] | null> {
  let changed = false;
  const out: string[] = [];
  for (const word of words) {
    if (word.length < 4 || !/^[a-z0-9]+$/.test(word) || (await findsSomething(db, word))) {
      out.push(word);
      continue;
    }
    const [nearest] = await db
      .select({ word: knowledgeSearchWords.word })
      .from(knowledgeSearchWords)
      .where(
        and(
          sql`${knowledgeSearchWords.word} % ${word}`,
          sql`similarity(${knowledgeSearchWords.word}, ${word}) >= ${CORRECTION_SIMILARITY}`,
          publishedVersionHasWord(sql`${knowledgeSearchWords.word}`),
        ),
      )
      .orderBy(sql`similarity(${knowledgeSearchWords.word}, ${word}) desc`, asc(knowledgeSearchWords.word))
      .limit(1);
    if (nearest) {
      out.push(nearest.word);
      changed = true;
    } else out.push(word);
  }
  return changed ? out : null;
}

function searchFilters(query: { theme?: string; audience?: string; kind?: string }): SQL[] {
  const filters: SQL[] = [published];
  if (query.theme) filters.push(sql`${knowledgeArticles.themes} @> ${arrayParam([query.theme], "text")}`);
  // An article for everyone is for this kind too.
  if (query.audience)
    filters.push(sql`(cardinality(${knowledgeArticles.audience}) = 0 or ${knowledgeArticles.audience} @> ${arrayParam([query.audience], "text")})`);
  if (query.kind) filters.push(eq(knowledgeArticles.kind, query.kind as ArticleKind));
  return filters;
}

/**
 * The public search: published articles matching every typed word in some
 * language version (Norwegian stemming, accents folded, prefix matching),
 * a typo replaced by the nearest known word, filtered by theme, audience and
 * kind; ranked by the best matching version, else newest first.
 */
export async function searchArticles(rawQuery: unknown, locale: string, page = 1) {
  const query = articleSearchSchema.parse(rawQuery ?? {});
  const db = getDb();
  let words = queryWords(query.q);
  const corrected = words.length ? await correctWords(db, words) : null;
  if (corrected) words = corrected;
  const textQuery = tsqueryFor(words);
  const filters = searchFilters(query);
  const rank = textQuery
    ? sql<number>`(select max(ts_rank(v.search_vector, ${textQuery})) from ${knowledgeArticleVersions} v where v.article_id = ${knowledgeArticles.id} and v.search_vector @@ ${textQuery})`
    : null;
  if (rank) filters.push(sql`${rank} is not null`);
  const where = and(...filters)!;
  const [{ total } = { total: 0 }] = await db
    .select({ total: sql<number>`count(*)::int` })
    .from(knowledgeArticles)
    .where(where);
  const pages = pageCount(total, PAGE_SIZE);
  const { limit, offset } = pageBounds(Math.min(page, Math.max(pages, 1)), PAGE_SIZE);
  const rows = await db
    .select(listColumns(locale))
    .from(knowledgeArticles)
    .where(where)
    .orderBy(...(rank ? [sql`${rank} desc`] : []), desc(knowledgeArticles.publishedAt), asc(knowledgeArticles.id))
    .limit(limit)
    .offset(offset);
  return { query, items: rows.map(toListItem), total, pageCount: pages, correctedQuery: corrected ? corrected.join(" ") : null };
}

/** Published articles sharing a theme with this one, those sharing its audience first. */
export async function relatedArticles(articleId: string, locale: string, limit = 3): Promise<ArticleListItem[]> {
  const [row] = await getDb()
    .select({ themes: knowledgeArticles.themes, audience: knowledgeArticles.audience })
    .from(knowledgeArticles)
    .where(eq(knowledgeArticles.id, articleId));
  if (!row || !row.themes.length) return [];
  const sharesAudience = row.audience.length
    ? sql`${knowledgeArticles.audience} && ${arrayParam(row.audience, "text")}`
    : sql`cardinality(${knowledgeArticles.audience}) = 0`;
  const rows = await getDb()
    .select(listColumns(locale))
    .from(knowledgeArticles)
    .where(and(published, ne(knowledgeArticles.id, articleId), sql`${knowledgeArticles.themes} && ${arrayParam(row.themes, "text")}`))
    .orderBy(sql`case when ${sharesAudience} then 0 else 1 end`, desc(knowledgeArticles.publishedAt), asc(knowledgeArticles.id))
    .limit(limit);
  return rows.map(toListItem);
}

async function voteCounts(articleId: string) {
  const [row] = await getDb()
    .select({
      yes: sql<number>`count(*) filter (where ${knowledgeVotes.helpful})::int`,
      no: sql<number>`count(*) filter (where not ${knowledgeVotes.helpful})::int`,
    })
    .from(knowledgeVotes)
    .where(eq(knowledgeVotes.articleId, articleId));
  return { yes: row?.yes ?? 0, no: row?.no ?? 0 };
}

/**
 * "Was this helpful?": one vote per article and browser. `voterKey` is the
 * signed-in user, or the browser's own key (its CSRF token, fixed for the
 * cookie's lifetime); only a hash of it is stored. A second vote replaces the first.
 */
export async function voteOnArticle(actor: Actor, slug: string, voterKey: string, rawInput: unknown) {
  const { helpful } = parseInput(voteSchema, rawInput);
  const [row] = await getDb()
    .select({ id: knowledgeArticles.id, status: knowledgeArticles.status })
    .from(knowledgeArticles)
    .where(eq(knowledgeArticles.slug, slug));
  if (!row || row.status !== "published") throw new AppError("not_found", "errors.notFound");
  const key = actor.kind === "user" ? `user:${actor.userId}` : `browser:${voterKey}`;
  if (actor.kind !== "user" && voterKey.length < 16) throw new AppError("csrf", "errors.csrf");
  await getDb()
    .insert(knowledgeVotes)
    .values({ articleId: row.id, voterHash: hashToken(key), helpful: helpful === "yes" })
    .onConflictDoUpdate({ target: [knowledgeVotes.articleId, knowledgeVotes.voterHash], set: { helpful: helpful === "yes", createdAt: new Date() } });
  return voteCounts(row.id);
}

export interface ManagedArticle extends ArticleListItem {
  status: ArticleStatus;
  owner: Body;
  reviewBy: string | null;
  stale: boolean;
  reviewComment: string | null;
  updatedAt: Date;
}

const managedColumns = (locale: string) => ({
  ...listColumns(locale),
  status: knowledgeArticles.status,
  ownerLevel: knowledgeArticles.ownerLevel,
  ownerCountyNumber: knowledgeArticles.ownerCountyNumber,
  ownerMunicipalityNumber: knowledgeArticles.ownerMunicipalityNumber,
  reviewBy: knowledgeArticles.reviewBy,
  reviewComment: knowledgeArticles.reviewComment,
  updatedAt: knowledgeArticles.updatedAt,
});

function toManaged(r: Awaited<ReturnType<typeof selectManaged>>[number]): ManagedArticle {
  return {
    ...toListItem(r),
    status: r.status,
    owner: ownerOf(r),
    reviewBy: r.reviewBy,
    stale: isStale(r),
    reviewComment: r.reviewComment,
    updatedAt: r.updatedAt,
  };
}

function selectManaged(where: SQL, locale: string) {
  return getDb()
    .select(managedColumns(locale))
    .from(knowledgeArticles)
    .where(where)
    .orderBy(
      sql`case when ${knowledgeArticles.reviewBy} < current_date and ${knowledgeArticles.status} = 'published' then 0 else 1 end`,
      desc(knowledgeArticles.updatedAt),
    )
    .limit(200);
}

function ownedBy(bodies: Body[]): SQL {
  const parts = bodies.map((b) => {
    const c = bodyColumns(b);
    if (c.level === "national") return eq(knowledgeArticles.ownerLevel, "national");
    if (c.level === "county") return and(eq(knowledgeArticles.ownerLevel, "county"), eq(knowledgeArticles.ownerCountyNumber, c.countyNumber!))!;
    return and(eq(knowledgeArticles.ownerLevel, "municipality"), eq(knowledgeArticles.ownerMunicipalityNumber, c.municipalityNumber!))!;
  });
  return parts.length ? or(...parts)! : sql`false`;
}

/** The articles of the bodies the actor acts for (drafts, published, stale ones first), not proposals. */
export async function listOwnArticles(actor: Actor, locale: string): Promise<ManagedArticle[]> {
  const user = requireUser(actor);
  const bodies = bodiesOf(user);
  if (!bodies.length) return [];
  const rows = await selectManaged(and(ownedBy(bodies), inArray(knowledgeArticles.status, ["draft", "published"]))!, locale);
  return rows.map(toManaged);
}

/** Proposals waiting for a body the actor acts for, and the actor's own proposals. */
export async function listProposals(actor: Actor, locale: string) {
  const user = requireUser(actor);
  const bodies = bodiesOf(user).filter((b) => b.level !== "municipality");
  const toReview = bodies.length ? (await selectManaged(and(ownedBy(bodies), eq(knowledgeArticles.status, "proposed"))!, locale)).map(toManaged) : [];
  const mine = (
    await selectManaged(
      and(eq(knowledgeArticles.proposedBy, user.userId), inArray(knowledgeArticles.status, ["proposed", "returned", "rejected", "published"]))!,
      locale,
    )
  ).map(toManaged);
  return { toReview, mine };
}

/** An owner as a page names it: its level and the kommune's or fylke's name. */
export interface OwnerView {
  level: Body["level"];
  name: string | null;
}

export async function describeOwner(body: Body): Promise<OwnerView> {
  if (body.level === "county") return { level: "county", name: (await getCounty(body.countyNumber))?.name ?? null };
  if (body.level === "municipality") return { level: "municipality", name: (await getMunicipality(body.municipalityNumber))?.municipality.name ?? null };
  return { level: "national", name: null };
}

/** The value a form's owner or reviewer select sends for a body. */
export function bodyValue(body: Body): string {
  return body.level === "national" ? "national" : body.level === "county" ? `county:${body.countyNumber}` : `municipality:${body.municipalityNumber}`;
}

/** The bodies the actor may write for, as a form offers them. */
export async function ownerOptions(actor: Actor): Promise<{ value: string; owner: OwnerView }[]> {
  return Promise.all(writableBodies(actor).map(async (b) => ({ value: bodyValue(b), owner: await describeOwner(b) })));
}

/** The bodies a proposer may send a proposal to, as the form offers them. */
export async function reviewerOptions(actor: Actor): Promise<{ value: string; owner: OwnerView }[]> {
  return Promise.all((await proposalTargets(actor)).map(async (v) => ({ value: v, owner: await describeOwner(targetBody(v)) })));
}

/** Creates an article for the owner the form chose ("national", "county:34"), which must be one the actor writes for. */
export async function createArticleFromForm(actor: Actor, values: Record<string, unknown>, uploads: FormDataEntryValue[] = []) {
  const user = requireUser(actor);
  const chosen = writableBodies(user).find((b) => bodyValue(b) === values.owner);
  if (!chosen) {
    if (!writableBodies(user).length) throw new AppError("forbidden", "errors.forbidden");
    throw new AppError("validation", "common.errorSummary", { owner: { key: "knowledge.error.owner" } });
  }
  return createArticle(user, chosen, values, { publish: values.publish === "on" || values.publish === true, uploads });
}

/**
 * One file of an article, for its download: a published article's files are
 * public (a template is there to be downloaded); an unpublished one's only for
 * those who may see the article unpublished. Anything else, including a file
 * of another article, is not found.
 */
export async function readArticleFile(actor: Actor, articleId: string, fileId: string): Promise<StoredFile> {
  const row = await loadArticle(articleId);
  if (row.status !== "published" && !mayReadUnpublished(actor, row)) throw new AppError("not_found", "errors.notFound");
  if (!isUuid(fileId)) throw new AppError("not_found", "errors.notFound");
  const [link] = await getDb()
    .select({ fileId: knowledgeFiles.fileId })
    .from(knowledgeFiles)
    .where(and(eq(knowledgeFiles.articleId, row.id), eq(knowledgeFiles.fileId, fileId)));
  const file = link ? await readStoredFile(link.fileId) : null;
  if (!file) throw new AppError("not_found", "errors.notFound");
  return file;
}

/** Adds files to an article: those who may edit it (its owner's people; its proposer while the proposal is open). */
export async function addArticleFiles(actor: Actor, articleId: string, uploads: FormDataEntryValue[]): Promise<number> {
  const user = requireUser(actor);
  const row = await loadArticle(articleId);
  if (!mayEditArticle(user, row)) throw editRefusal(user, row);
  const files = await acceptTemplateUploads(uploads, await articleFileCount(row.id));
  if (!files.length) throw new AppError("validation", "common.errorSummary", { files: { key: "validation.file.missing" } });
  await getDb().transaction(async (tx) => {
    await storeArticleFiles(tx, user, row.id, files);
    await tx.update(knowledgeArticles).set({ updatedAt: new Date() }).where(eq(knowledgeArticles.id, row.id));
    await recordAudit(tx, user, {
      action: "knowledge.files_added",
      entityType: "knowledge_article",
      entityId: row.id,
      after: { files: files.map((f) => ({ name: f.name, mediaType: f.mediaType, sizeBytes: f.sizeBytes })) },
    });
  });
  return files.length;
}

/**
 * Removes one file of the article (after the confirm step): those who may
 * edit it. The file must be this article's: an id of another article's file
 * is not found here, whoever asks.
 */
export async function removeArticleFile(actor: Actor, articleId: string, rawInput: unknown): Promise<void> {
  const user = requireUser(actor);
  const row = await loadArticle(articleId);
  if (!mayEditArticle(user, row)) throw editRefusal(user, row);
  const { fileId } = parseInput(removeFileSchema, rawInput);
  await getDb().transaction(async (tx) => {
    const [link] = await tx
      .select({ fileId: knowledgeFiles.fileId, name: storedFiles.name, mediaType: storedFiles.mediaType, sizeBytes: storedFiles.sizeBytes })
      .from(knowledgeFiles)
      .innerJoin(storedFiles, eq(storedFiles.id, knowledgeFiles.fileId))
      .where(and(eq(knowledgeFiles.articleId, row.id), eq(knowledgeFiles.fileId, fileId)));
    if (!link) throw new AppError("not_found", "errors.notFound");
    await tx.delete(storedFiles).where(eq(storedFiles.id, link.fileId));
    await tx.update(knowledgeArticles).set({ updatedAt: new Date() }).where(eq(knowledgeArticles.id, row.id));
    await recordAudit(tx, user, {
      action: "knowledge.file_removed",
      entityType: "knowledge_article",
      entityId: row.id,
      before: { file: { name: link.name, mediaType: link.mediaType, sizeBytes: link.sizeBytes } },
      after: null,
    });
  });
}
