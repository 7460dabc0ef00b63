import { sql } from "drizzle-orm";
import { check, customType, index, integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./auth.ts";

/** PostgreSQL's bytea; PGlite hands back a Uint8Array, node-postgres a Buffer (also a Uint8Array). */
const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => "bytea",
  toDriver: (value) => value,
  fromDriver: (value) => (value instanceof Uint8Array ? value : new Uint8Array(value as ArrayBufferLike)),
});

/**
 * Uploaded files (guidance attachments, knowledge-bank templates), kept in
 * the database rather than on a local disk, so every app instance on the same
 * PostgreSQL serves them. Never public by themselves: the module that links to
 * a file decides who may read it. Only the types the upload accepts by content.
 */
export const storedFiles = pgTable(
  "stored_files",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    mediaType: text("media_type").notNull(),
    sizeBytes: integer("size_bytes").notNull(),
    /** The uploader's file name without path parts or control characters, its extension matching the content. */
    name: text("name").notNull(),
    /** Hex SHA-256 of the content. */
    sha256: text("sha256").notNull(),
    content: bytea("content").notNull(),
    uploadedBy: uuid("uploaded_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("stored_files_uploaded_by_idx").on(t.uploadedBy),
    // Office documents only as knowledge-bank templates (knowledge_files); the guidance upload accepts PDF and images.
    check(
      "stored_files_media_type_check",
      sql`${t.mediaType} in ('application/pdf', 'image/png', 'image/jpeg', 'image/webp', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'application/vnd.oasis.opendocument.text')`,
    ),
    check("stored_files_size_check", sql`${t.sizeBytes} > 0 and ${t.sizeBytes} = octet_length(${t.content})`),
  ],
);
