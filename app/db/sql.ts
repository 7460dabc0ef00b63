import { sql, type SQL } from "drizzle-orm";

/**
 * A typed Postgres array bound as one parameter (never inlined into the SQL
 * text). Each element is quoted, so commas, quotes and backslashes in a value
 * stay inside it.
 */
export function arrayParam(values: readonly string[], type: "text" | "smallint"): SQL {
  return sql`${`{${values.map((v) => `"${v.replace(/[\\"]/g, (c) => `\\${c}`)}"`).join(",")}}`}::${sql.raw(type)}[]`;
}
