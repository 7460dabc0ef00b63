import { z } from "zod";

/** A filter value from the address bar; nonsense means "no filter", never an error. */
const optionalFilterText = z.string().trim().min(1).max(100).optional().catch(undefined);

/**
 * The audit log page's query: `?før=<id>` is the cursor (entries older than
 * that id), plus optional action and entity type filters.
 */
export const auditQuerySchema = z.object({
  before: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional().catch(undefined),
  action: optionalFilterText,
  entityType: optionalFilterText,
});
export type AuditQuery = z.output<typeof auditQuerySchema>;
