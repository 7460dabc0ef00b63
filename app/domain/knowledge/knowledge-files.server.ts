import { asc, eq, sql } from "drizzle-orm";
import { getDb, type Queryable } from "~/db/client.server.ts";
import { knowledgeFiles, storedFiles } from "~/db/schema/index.ts";
import type { UserActor } from "~/domain/auth/actor.ts";
import { acceptUploads, storeFile, type AcceptedFile } from "~/domain/files/files.server.ts";
import { TEMPLATE_FILE_TYPES, type AcceptedMediaType } from "~/domain/files/files.constants.ts";
import { AppError } from "~/lib/errors.ts";
import { ARTICLE_FILES_MAX } from "./knowledge.constants.ts";

/**
 * The files of knowledge-bank articles: storage only. Who may read, add or
 * remove them is decided in knowledge.server.ts, from the article.
 */

/** The form field the files come in. */
export const FILES_FIELD = "files";

export interface ArticleFileInfo {
  id: string;
  name: string;
  mediaType: AcceptedMediaType;
  sizeBytes: number;
}

/**
 * Checks the files of one post as a template may be: PDF, images, Word,
 * Excel or OpenDocument text, by content, each within the size limit, and no
 * more than ARTICLE_FILES_MAX on the article with those it already has.
 */
export async function acceptTemplateUploads(uploads: FormDataEntryValue[], alreadyAttached: number): Promise<AcceptedFile[]> {
  const files = await acceptUploads(uploads, { field: FILES_FIELD, types: TEMPLATE_FILE_TYPES, typeErrorKey: "knowledge.error.fileType" });
  if (alreadyAttached + files.length > ARTICLE_FILES_MAX)
    throw new AppError("validation", "common.errorSummary", { [FILES_FIELD]: { key: "knowledge.error.tooManyFiles", values: { max: ARTICLE_FILES_MAX } } });
  return files;
}

/** Stores accepted files and links them to the article, in the caller's transaction, after those it has. */
export async function storeArticleFiles(tx: Queryable, user: UserActor, articleId: string, files: AcceptedFile[]): Promise<void> {
  const [last] = await tx
    .select({ position: sql<number>`coalesce(max(${knowledgeFiles.position}), -1)::int` })
    .from(knowledgeFiles)
    .where(eq(knowledgeFiles.articleId, articleId));
  let position = (last?.position ?? -1) + 1;
  for (const file of files) {
    const fileId = await storeFile(tx, file, user);
    await tx.insert(knowledgeFiles).values({ articleId, fileId, position: position++ });
  }
}

/** Names, types and sizes of an article's files, in the order they were attached. The caller has checked access. */
export async function articleFileInfos(articleId: string, db: Queryable = getDb()): Promise<ArticleFileInfo[]> {
  const rows = await db
    .select({ id: storedFiles.id, name: storedFiles.name, mediaType: storedFiles.mediaType, sizeBytes: storedFiles.sizeBytes })
    .from(knowledgeFiles)
    .innerJoin(storedFiles, eq(storedFiles.id, knowledgeFiles.fileId))
    .where(eq(knowledgeFiles.articleId, articleId))
    .orderBy(asc(knowledgeFiles.position), asc(knowledgeFiles.createdAt));
  return rows.map((r) => ({ ...r, mediaType: r.mediaType as AcceptedMediaType }));
}

export async function articleFileCount(articleId: string): Promise<number> {
  const [row] = await getDb()
    .select({ n: sql<number>`count(*)::int` })
    .from(knowledgeFiles)
    .where(eq(knowledgeFiles.articleId, articleId));
  return row?.n ?? 0;
}
