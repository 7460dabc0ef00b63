import { index, integer, pgTable, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { storedFiles } from "./files.ts";
import { knowledgeArticles } from "./knowledge.ts";

/**
 * Files of a knowledge-bank article (a template's Word or Excel file, a guide
 * as PDF). The bytes are in stored_files; who may read them follows the
 * article: public once it is published, else only those who may edit it.
 */
export const knowledgeFiles = pgTable(
  "knowledge_files",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    articleId: uuid("article_id")
      .notNull()
      .references(() => knowledgeArticles.id, { onDelete: "cascade" }),
    fileId: uuid("file_id")
      .notNull()
      .references(() => storedFiles.id, { onDelete: "cascade" }),
    /** The order the files were attached in, shown the same way. */
    position: integer("position").notNull().default(0),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("knowledge_files_article_idx").on(t.articleId, t.position), uniqueIndex("knowledge_files_file_idx").on(t.fileId)],
);
