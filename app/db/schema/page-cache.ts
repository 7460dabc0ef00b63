import { index, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/**
 * The shared cache of anonymous public pages (server/page-cache.server.ts):
 * one row per page variant, shared by every app instance on the database.
 * `body` is the rendered HTML with the visitor's CSRF token and the
 * response's CSP nonce replaced by placeholders, filled in on every hit.
 * `tags` name what the page shows (`activity:<id>`, `org:<id>`,
 * `kommune:<nr>`, and the page kind); triggers on the tables the pages read
 * delete the entries whose tags a write touches (migration 0029).
 */
export const pageCache = pgTable(
  "page_cache",
  {
    /** SHA-256 of the path, the normalised query and the language inputs. */
    key: text("key").primaryKey(),
    path: text("path").notNull(),
    tags: text("tags").array().notNull(),
    body: text("body").notNull(),
    /** Hash of the template body; the ETag adds the visitor's token. */
    etag: text("etag").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("page_cache_tags_idx").using("gin", t.tags), index("page_cache_created_idx").on(t.createdAt)],
);
