import { countyOf, type Actor } from "~/domain/auth/actor.ts";

/**
 * The public bodies of the competence centre's three levels (issue 12): a
 * kommune locally, a fylkeskommune regionally, IMDi nationally. Guidance is
 * held by one body at a time, knowledge and events are owned by one, surveys
 * are sent by one.
 *
 * Unlike canCoordinateMunicipality (where a county advisor and IMDi may read
 * any kommune's internal overview), acting *for* a body is exact: a county
 * advisor acts for the fylkeskommune, not for the kommuner in it, so a request
 * a kommune still holds is not the fylkeskommune's to read.
 */
export const bodyLevels = ["municipality", "county", "national"] as const;
export type BodyLevel = (typeof bodyLevels)[number];

export type Body = { level: "municipality"; municipalityNumber: string } | { level: "county"; countyNumber: string } | { level: "national" };

/** The columns a table stores a body in: the level and at most one of the two numbers. */
export interface BodyColumns {
  level: BodyLevel;
  municipalityNumber: string | null;
  countyNumber: string | null;
}

export function bodyFromColumns(columns: BodyColumns): Body {
  if (columns.level === "municipality" && columns.municipalityNumber) return { level: "municipality", municipalityNumber: columns.municipalityNumber };
  if (columns.level === "county" && columns.countyNumber) return { level: "county", countyNumber: columns.countyNumber };
  return { level: "national" };
}

export function bodyColumns(body: Body): BodyColumns {
  switch (body.level) {
    case "municipality":
      return { level: "municipality", municipalityNumber: body.municipalityNumber, countyNumber: null };
    case "county":
      return { level: "county", municipalityNumber: null, countyNumber: body.countyNumber };
    case "national":
      return { level: "national", municipalityNumber: null, countyNumber: null };
  }
}

/** The next body up: kommune → its fylkeskommune → IMDi; IMDi has none. */
export function nextBodyUp(body: Body): Body | null {
  switch (body.level) {
    case "municipality":
      return { level: "county", countyNumber: countyOf(body.municipalityNumber) };
    case "county":
      return { level: "national" };
    case "national":
      return null;
  }
}

/** Whether the actor acts for exactly this body (its coordinators, its advisors, IMDi's national admins). */
export function actsForBody(actor: Actor, body: Body): boolean {
  if (actor.kind !== "user") return false;
  return actor.roles.some((r) => {
    switch (body.level) {
      case "municipality":
        return r.role === "municipal_coordinator" && r.municipalityNumber === body.municipalityNumber;
      case "county":
        return r.role === "county_advisor" && r.countyNumber === body.countyNumber;
      case "national":
        return r.role === "national_admin";
    }
  });
}

/** Every body the actor acts for, from their role grants. */
export function bodiesOf(actor: Actor): Body[] {
  if (actor.kind !== "user") return [];
  return actor.roles.map((r): Body => {
    if (r.role === "municipal_coordinator" && r.municipalityNumber) return { level: "municipality", municipalityNumber: r.municipalityNumber };
    if (r.role === "county_advisor" && r.countyNumber) return { level: "county", countyNumber: r.countyNumber };
    return { level: "national" };
  });
}

export function sameBody(a: Body, b: Body): boolean {
  if (a.level !== b.level) return false;
  if (a.level === "municipality" && b.level === "municipality") return a.municipalityNumber === b.municipalityNumber;
  if (a.level === "county" && b.level === "county") return a.countyNumber === b.countyNumber;
  return true;
}
