import { asc, inArray } from "drizzle-orm";
import { getDb } from "~/db/client.server.ts";
import { municipalities, organizations } from "~/db/schema/index.ts";
import { coordinatedMunicipalities, type UserActor } from "~/domain/auth/actor.ts";
import { newInterestCounts } from "./interests.server.ts";
import { hasRoles } from "./roles.server.ts";

export interface VolunteersStartData {
  /** The actor's organisations that seek volunteers (have roles), with new interests waiting in their inbox. */
  organizations: { id: string; name: string; newCount: number }[];
  /** The kommuner the actor coordinates whose own needs seek volunteers, with new interests waiting. */
  municipalities: { number: string; name: string; newCount: number }[];
}

/**
 * The volunteers part of a signed-in person's start page (issue 14): read through this module, so its access rules
 * apply — only the inboxes the person reads themselves (their organisations', the kommuner they coordinate directly).
 * null = nothing to show for this person.
 */
export async function volunteersOnStartPage(actor: UserActor, _now: Date): Promise<VolunteersStartData | null> {
  const orgIds = actor.memberships.map((m) => m.organizationId);
  const numbers = coordinatedMunicipalities(actor);
  if (!orgIds.length && !numbers.length) return null;
  const [withRoles, counts] = await Promise.all([hasRoles(orgIds, numbers), newInterestCounts(orgIds, numbers)]);
  const orgsShown = orgIds.filter((id) => withRoles.organizations.has(id) || counts.organizations.has(id));
  const numbersShown = numbers.filter((n) => withRoles.municipalities.has(n) || counts.municipalities.has(n));
  if (!orgsShown.length && !numbersShown.length) return null;
  const db = getDb();
  const [orgRows, municipalityRows] = await Promise.all([
    orgsShown.length
      ? db
          .select({ id: organizations.id, name: organizations.name })
          .from(organizations)
          .where(inArray(organizations.id, orgsShown))
          .orderBy(asc(organizations.name))
      : Promise.resolve([]),
    numbersShown.length
      ? db
          .select({ number: municipalities.number, name: municipalities.name })
          .from(municipalities)
          .where(inArray(municipalities.number, numbersShown))
          .orderBy(asc(municipalities.name))
      : Promise.resolve([]),
  ]);
  return {
    organizations: orgRows.map((o) => ({ ...o, newCount: counts.organizations.get(o.id) ?? 0 })),
    municipalities: municipalityRows.map((m) => ({ ...m, newCount: counts.municipalities.get(m.number) ?? 0 })),
  };
}
