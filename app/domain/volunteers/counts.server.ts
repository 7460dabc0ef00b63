import { and, eq, inArray, isNotNull, sql } from "drizzle-orm";
import { getDb } from "~/db/client.server.ts";
import { municipalities, volunteerInterests, volunteerProfiles, volunteerRoles } from "~/db/schema/index.ts";
import { canCoordinateMunicipality, type Actor } from "~/domain/auth/actor.ts";
import type { ActivityLanguage } from "~/domain/activities/activities.constants.ts";
import { AppError } from "~/lib/errors.ts";
import { clampPage, pageBounds, pageCount, parsePage } from "~/lib/paging.ts";
import type { VolunteerAvailability, VolunteerRoleKind } from "./volunteers.constants.ts";

/**
 * What a kommune sees of its willing volunteers (issue 14): COUNTS by
 * language and by kind of role, never names — for everyone who coordinates
 * the kommune (its coordinators, its county's advisors, IMDi). A person is
 * counted once per language or kind however many interests they have: people
 * are told apart by address (confirmed interests in the kommune, and light
 * profiles naming it).
 *
 * Names and addresses only of those who chose to be contactable by the
 * kommune (a profile naming it with "the kommune may contact me", or an
 * interest there with that box ticked), and only for the kommune's OWN
 * coordinators — the kommune is who they said yes to; a county advisor or IMDi
 * sees the counts only.
 */

/** The kommune's own coordinators: the volunteers' "the kommune may contact me" is addressed to them alone. */
export function mayContactKommuneVolunteers(actor: Actor, municipalityNumber: string): boolean {
  return actor.kind === "user" && actor.roles.some((r) => r.role === "municipal_coordinator" && r.municipalityNumber === municipalityNumber);
}

async function requireKommune(actor: Actor, number: unknown) {
  if (actor.kind !== "user") throw new AppError("unauthenticated", "errors.unauthenticated");
  if (typeof number !== "string" || !/^\d{4}$/.test(number)) throw new AppError("not_found", "errors.notFound");
  const [m] = await getDb().select({ number: municipalities.number, name: municipalities.name }).from(municipalities).where(eq(municipalities.number, number));
  if (!m) throw new AppError("not_found", "errors.notFound");
  if (!canCoordinateMunicipality(actor, m.number)) throw new AppError("forbidden", "errors.forbidden");
  return m;
}

/** Each willing person's address, languages and role kinds in the kommune, one row per source (interest or profile). */
function willing(number: string) {
  return sql`(
    select lower(${volunteerInterests.email}) as who, ${volunteerInterests.languages} as langs, array[${volunteerRoles.kind}]::text[] as kinds
      from ${volunteerInterests} join ${volunteerRoles} on ${volunteerRoles.id} = ${volunteerInterests.roleId}
      where ${volunteerInterests.municipalityNumber} = ${number} and ${volunteerInterests.confirmedAt} is not null
    union all
    select lower(${volunteerProfiles.email}), ${volunteerProfiles.languages}, ${volunteerProfiles.roleKinds}
      from ${volunteerProfiles} where ${volunteerProfiles.municipalityNumber} = ${number}
  )`;
}

/** Addresses that chose to be contactable by the kommune. */
function contactable(number: string) {
  return sql`(
    select lower(${volunteerInterests.email}) as who from ${volunteerInterests}
      where ${volunteerInterests.municipalityNumber} = ${number} and ${volunteerInterests.confirmedAt} is not null
        and ${volunteerInterests.contactableByKommune}
    union
    select lower(${volunteerProfiles.email}) from ${volunteerProfiles}
      where ${volunteerProfiles.municipalityNumber} = ${number} and ${volunteerProfiles.contactableByKommune}
  )`;
}

const PAGE_SIZE = 50;

/** Raw SQL's rows (the PGlite and node-postgres drivers both answer with `rows`). */
function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

export interface ContactableVolunteer {
  name: string;
  email: string;
  phone: string | null;
  languages: ActivityLanguage[];
  roleKinds: VolunteerRoleKind[];
  availability: VolunteerAvailability[];
  likesToDo: string;
  fromProfile: boolean;
}

export async function getKommuneVolunteers(actor: Actor, number: unknown, options: { page?: unknown } = {}) {
  const m = await requireKommune(actor, number);
  const db = getDb();
  const w = willing(m.number);
  const [total] = rowsOf<{ n: number }>(await db.execute(sql`select count(distinct who)::int as n from ${w} as w`));
  const byLanguage = rowsOf<{ value: ActivityLanguage; n: number }>(
    await db.execute(sql`select l as value, count(distinct who)::int as n from ${w} as w, unnest(w.langs) as l group by l order by 2 desc, 1`),
  );
  const byKind = rowsOf<{ value: VolunteerRoleKind; n: number }>(
    await db.execute(sql`select k as value, count(distinct who)::int as n from ${w} as w, unnest(w.kinds) as k group by k order by 2 desc, 1`),
  );
  const [contactableTotal] = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from ${contactable(m.number)} as c`));

  const mayContact = mayContactKommuneVolunteers(actor, m.number);
  let list: ContactableVolunteer[] = [];
  const count = contactableTotal?.n ?? 0;
  const page = clampPage(parsePage(options.page), pageCount(count, PAGE_SIZE));
  const { limit, offset } = pageBounds(page, PAGE_SIZE);
  if (mayContact && count > 0) {
    const addresses = rowsOf<{ who: string }>(
      await db.execute(sql`select who from ${contactable(m.number)} as c order by who limit ${limit} offset ${offset}`),
    ).map((r) => r.who);
    list = await contactableDetails(m.number, addresses);
  }
  return {
    municipality: m,
    total: total?.n ?? 0,
    byLanguage,
    byKind,
    contactableCount: count,
    mayContact,
    contactable: list,
    page,
    pageCount: mayContact ? pageCount(count, PAGE_SIZE) : 1,
  };
}

/** One entry per address on this page: the profile's details where there is one, the interests' otherwise; languages and kinds from both. */
async function contactableDetails(number: string, addresses: string[]): Promise<ContactableVolunteer[]> {
  if (!addresses.length) return [];
  const db = getDb();
  const profiles = await db
    .select({
      email: volunteerProfiles.email,
      name: volunteerProfiles.name,
      languages: volunteerProfiles.languages,
      roleKinds: volunteerProfiles.roleKinds,
      availability: volunteerProfiles.availability,
      likesToDo: volunteerProfiles.likesToDo,
    })
    .from(volunteerProfiles)
    .where(
      and(
        eq(volunteerProfiles.municipalityNumber, number),
        eq(volunteerProfiles.contactableByKommune, true),
        inArray(sql`lower(${volunteerProfiles.email})`, addresses),
      ),
    );
  const interests = await db
    .select({
      email: volunteerInterests.email,
      name: volunteerInterests.name,
      phone: volunteerInterests.phone,
      languages: volunteerInterests.languages,
      kind: volunteerRoles.kind,
    })
    .from(volunteerInterests)
    .innerJoin(volunteerRoles, eq(volunteerRoles.id, volunteerInterests.roleId))
    .where(
      and(
        eq(volunteerInterests.municipalityNumber, number),
        eq(volunteerInterests.contactableByKommune, true),
        isNotNull(volunteerInterests.confirmedAt),
        inArray(sql`lower(${volunteerInterests.email})`, addresses),
      ),
    );
  return addresses.map((who) => {
    const p = profiles.find((x) => x.email.toLowerCase() === who);
    const own = interests.filter((x) => x.email.toLowerCase() === who);
    return {
      name: p?.name ?? own[0]?.name ?? "",
      email: who,
      phone: own.find((x) => x.phone)?.phone ?? null,
      languages: [...new Set([...(p?.languages ?? []), ...own.flatMap((x) => x.languages)])],
      roleKinds: [...new Set([...(p?.roleKinds ?? []), ...own.map((x) => x.kind)])],
      availability: p?.availability ?? [],
      likesToDo: p?.likesToDo ?? "",
      fromProfile: Boolean(p),
    };
  });
}
