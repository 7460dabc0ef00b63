import type { Queryable } from "~/db/client.server.ts";

/**
 * Demo data for issue 14 (placements); filled in by the module's work. Runs inside the demo seed's transaction,
 * after the workshops' seeds (NAV Hamar and Hamar's flyktningtjeneste are organisations from the action plan's seed).
 * passwordHash: the demo password's hash, for the NAV Hamar account (extraDemoAccountEmails.nav_hamar).
 */
export async function seedDemoPlacements(_tx: Queryable, _passwordHash: string): Promise<void> {}
