/**
 * An audit entry's before/after as the organisation's log shows it: one line
 * per field that differs, each value as short text. Computed on the server so
 * the page's data holds only those lines, never the whole stored snapshots
 * (unchanged fields, member lists, ids). No database access; safe anywhere.
 */

/** A value as the log shows it: text cut to AUDIT_VALUE_MAX_LENGTH, numbers and flags as they are. */
export type AuditValue = string | number | boolean | null;

export interface AuditChange {
  field: string;
  before: AuditValue;
  after: AuditValue;
  /** Only one side exists (created or removed): show the value, not "old → new". */
  oneSided: boolean;
}

/** Longer values end in "…"; a log line is a reminder of what changed, not the record itself. */
export const AUDIT_VALUE_MAX_LENGTH = 120;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function shortAuditValue(value: unknown): AuditValue {
  if (value === null || value === undefined) return null;
  if (typeof value === "number" || typeof value === "boolean") return value;
  const text =
    typeof value === "string"
      ? value
      : Array.isArray(value)
        ? value.map((v) => (typeof v === "string" ? v : JSON.stringify(v))).join(", ")
        : JSON.stringify(value);
  return text.length > AUDIT_VALUE_MAX_LENGTH ? `${text.slice(0, AUDIT_VALUE_MAX_LENGTH - 1)}…` : text;
}

/** One change per field that differs between before and after. */
export function auditChanges(before: unknown, after: unknown): AuditChange[] {
  const left = isRecord(before) ? before : {};
  const right = isRecord(after) ? after : {};
  const oneSided = !isRecord(before) || !isRecord(after);
  const fields = [...new Set([...Object.keys(left), ...Object.keys(right)])];
  return fields
    .filter((f) => JSON.stringify(left[f] ?? null) !== JSON.stringify(right[f] ?? null))
    .map((f) => ({ field: f, before: shortAuditValue(left[f]), after: shortAuditValue(right[f]), oneSided }));
}
