import { sql, type SQL } from "drizzle-orm";

/**
 * A typed Postgres array bound as one parameter (never inlined into the SQL
 * text). Each element is quoted, so commas, quotes and backslashes in a value
 * stay inside it.
 */
export function arrayParam(values: readonly string[], type: "text" | "smallint"): SQL {
  return sql`${`{${values.map((v) => `"${v.replace(/[\\"]/g, (c) => `\\${c}`)}"`).join(",")}}`}::${sql.raw(type)}[]`;
}

/** `%`, `_` and `\` typed by a user are literal characters in a LIKE pattern, not wildcards. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** A LIKE pattern that matches `text` anywhere, taken literally. */
export function containsPattern(text: string): string {
  return `%${escapeLike(text)}%`;
}
