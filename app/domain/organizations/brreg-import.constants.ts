/** Why a coordinator's (scoped) Brreg import left a valid record alone; the job page explains each. */
export const outOfScopeReasons = ["exists_outside_scope", "kommune_outside_scope"] as const;
export type OutOfScopeReason = (typeof outOfScopeReasons)[number];

/** A record a scoped import left out, as listed in the job's summary. */
export interface OutOfScopeRecord {
  orgNumber: string;
  /** The name the file gives (not necessarily the stored one). */
  name: string;
  reason: OutOfScopeReason;
}
