import type { Queryable } from "~/db/client.server.ts";

/** Demo data for issue 14 (volunteers); filled in by the module's work. Runs inside the demo seed's transaction. */
export async function seedDemoVolunteers(_tx: Queryable): Promise<void> {}
