import { asc, eq, inArray } from "drizzle-orm";
import { getDb } from "~/db/client.server.ts";
import { counties, municipalities } from "~/db/schema/index.ts";
import type { ActingLevel } from "~/domain/organizations/organizations.constants.ts";
import { isNationalAdmin, type Actor } from "./actor.ts";

/** IMDi's name as it signs: the body, not the platform role. */
export const IMDI_BODY = "IMDi – Integrerings- og mangfoldsdirektoratet";

/** The public body a person acts for, e.g. { level: "county", body: "Innlandet fylkeskommune" }. */
export interface ActingBody {
  level: ActingLevel;
  body: string;
}

/**
 * Which body a person acts for when acting on these kommuner: the most local
 * role that gives the right (the kommune's coordinator, else the
 * fylkeskommune's advisor, else IMDi). Mail and labels name this body, so an
 * advisor or IMDi is never presented as the kommune. Null when no role covers
 * them (callers have already refused such actors).
 */
export async function actingBody(actor: Actor, municipalityNumbers: readonly string[]): Promise<ActingBody | null> {
  if (actor.kind !== "user") return null;
  const rows = municipalityNumbers.length
    ? await getDb()
        .select({ number: municipalities.number, name: municipalities.name, countyNumber: counties.number, countyName: counties.name })
        .from(municipalities)
        .innerJoin(counties, eq(counties.number, municipalities.countyNumber))
        .where(inArray(municipalities.number, [...municipalityNumbers]))
        .orderBy(asc(municipalities.number))
    : [];
  for (const m of rows) {
    if (actor.roles.some((r) => r.role === "municipal_coordinator" && r.municipalityNumber === m.number)) {
      return { level: "municipality", body: `${m.name} kommune` };
    }
  }
  for (const m of rows) {
    if (actor.roles.some((r) => r.role === "county_advisor" && r.countyNumber === m.countyNumber)) {
      return { level: "county", body: `${m.countyName} fylkeskommune` };
    }
  }
  if (isNationalAdmin(actor)) return { level: "national", body: IMDI_BODY };
  return null;
}
