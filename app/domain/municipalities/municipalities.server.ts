import { and, asc, count, eq, inArray, sql, type SQL } from "drizzle-orm";
import { getDb } from "~/db/client.server.ts";
import { containsPattern } from "~/db/sql.ts";
import { counties, memberships, municipalities, organizationMunicipalities, organizations, roleGrants, users } from "~/db/schema/index.ts";
import { AppError } from "~/lib/errors.ts";
import { canCoordinateMunicipality, type Actor } from "~/domain/auth/actor.ts";
import { getMunicipality, listCounties, municipalityListColumns, websiteUrl } from "~/domain/reference/reference.server.ts";
import { isMunicipalityNumber, municipalityFilterSchema, type MunicipalitySort } from "./municipalities.schema.ts";
import { pageBounds, pageCount, parsePage } from "~/lib/paging.ts";

/** Organisations shown per page on a kommune's public page. */
export const MUNICIPALITY_ORGANIZATIONS_PAGE_SIZE = 50;
/** Organisations per page on the internal page, where each comes with its admins. */
export const MUNICIPALITY_INTERNAL_PAGE_SIZE = 25;

/** How many organisations say they serve each kommune. */
function organizationCounts() {
  return getDb()
    .select({
      municipalityNumber: organizationMunicipalities.municipalityNumber,
      organizationCount: count().as("organization_count"),
    })
    .from(organizationMunicipalities)
    .groupBy(organizationMunicipalities.municipalityNumber)
    .as("organization_counts");
}

/** Norwegian alphabetical order (… Æ Ø Å), which the database's collation does not give. */
const norwegian = new Intl.Collator("nb");

type OverviewRow = { name: string; countyName: string; population: number | null; organizationCount: number };
const byName = (a: OverviewRow, b: OverviewRow) => norwegian.compare(a.name, b.name) || norwegian.compare(a.countyName, b.countyName);
const municipalityOrder: Record<MunicipalitySort, (a: OverviewRow, b: OverviewRow) => number> = {
  county: (a, b) => norwegian.compare(a.countyName, b.countyName) || byName(a, b),
  name: byName,
  population: (a, b) => (b.population ?? -1) - (a.population ?? -1) || byName(a, b),
  organizations: (a, b) => b.organizationCount - a.organizationCount || byName(a, b),
};

/**
 * The public list of kommuner: name, county, population, language form and
 * how many organisations are registered there, filtered by name/number and
 * county. Public data, so no actor.
 */
export async function listMunicipalityOverview(rawFilter: unknown) {
  const filter = municipalityFilterSchema.parse(rawFilter ?? {});
  const counts = organizationCounts();
  const organizationCount = sql<number>`coalesce(${counts.organizationCount}, 0)::int`;
  const conditions: SQL[] = [];
  if (filter.q) {
    // unaccent lets "Tonsberg" find Tønsberg and "Heroy" both Herøys.
    const byName = sql`unaccent(${municipalities.name}) ilike unaccent(${containsPattern(filter.q)})`;
    conditions.push(/^\d{1,4}$/.test(filter.q) ? sql`(${byName} or ${municipalities.number} like ${`${filter.q}%`})` : byName);
  }
  if (filter.county) conditions.push(eq(municipalities.countyNumber, filter.county));
  const [rows, countyList, [all]] = await Promise.all([
    getDb()
      .select({ ...municipalityListColumns, organizationCount })
      .from(municipalities)
      .innerJoin(counties, eq(counties.number, municipalities.countyNumber))
      .leftJoin(counts, eq(counts.municipalityNumber, municipalities.number))
      .where(and(...conditions)),
    listCounties(),
    getDb().select({ total: count() }).from(municipalities),
  ]);
  return {
    filter,
    municipalities: rows.sort(municipalityOrder[filter.sort]),
    counties: countyList.sort((a, b) => norwegian.compare(a.name, b.name)),
    totalInCountry: all?.total ?? 0,
  };
}

async function requireMunicipality(number: string) {
  const row = isMunicipalityNumber(number) ? await getMunicipality(number) : undefined;
  if (!row) throw new AppError("not_found", "errors.notFound");
  return row;
}

function municipalityFacts(row: NonNullable<Awaited<ReturnType<typeof getMunicipality>>>) {
  const m = row.municipality;
  return {
    number: m.number,
    name: m.name,
    countyNumber: row.county.number,
    countyName: row.county.name,
    administrativeCentre: m.administrativeCentre,
    population: m.population,
    areaKm2: m.areaKm2,
    languageForm: m.languageForm,
    websiteUrl: websiteUrl(m.website),
  };
}

/** Organisations serving a kommune, one page at a time, ordered by name. */
async function servingOrganizationsPage(municipalityNumber: string, page: number, pageSize: number) {
  const servesKommune = eq(organizationMunicipalities.municipalityNumber, municipalityNumber);
  const { limit, offset } = pageBounds(page, pageSize);
  const [[totalRow], rows] = await Promise.all([
    getDb().select({ total: count() }).from(organizationMunicipalities).where(servesKommune),
    getDb()
      .select({
        id: organizations.id,
        name: organizations.name,
        kind: organizations.kind,
        isDemo: organizations.isDemo,
        website: organizations.website,
        contactEmail: organizations.contactEmail,
        contactPhone: organizations.contactPhone,
      })
      .from(organizations)
      .innerJoin(organizationMunicipalities, eq(organizationMunicipalities.organizationId, organizations.id))
      .where(servesKommune)
      .orderBy(asc(organizations.name), asc(organizations.id))
      .limit(limit)
      .offset(offset),
  ]);
  const total = totalRow?.total ?? 0;
  return { rows, total, page, pageCount: pageCount(total, pageSize) };
}

/**
 * A kommune's public page: facts from the reference data and the
 * organisations serving it (public fields only). Tells whether the actor may
 * open the internal page, so the link is shown only to those who can use it.
 */
export async function getMunicipalitySummary(actor: Actor, number: string, options: { page?: unknown } = {}) {
  const row = await requireMunicipality(number);
  const page = parsePage(options.page);
  const serving = await servingOrganizationsPage(number, page, MUNICIPALITY_ORGANIZATIONS_PAGE_SIZE);
  return {
    municipality: municipalityFacts(row),
    organizations: {
      ...serving,
      rows: serving.rows.map(({ id, name, kind, isDemo }) => ({ id, name, kind, isDemo })),
    },
    canViewInternal: canCoordinateMunicipality(actor, number),
  };
}

/**
 * A kommune's internal contacts: its coordinators, its county's advisors, and
 * each serving organisation's contact details and admins. Only for those who
 * coordinate the kommune (its coordinators, the county's advisors, national admins).
 */
export async function getMunicipalityInternal(actor: Actor, number: string, options: { page?: unknown } = {}) {
  if (actor.kind !== "user") throw new AppError("unauthenticated", "errors.unauthenticated");
  const row = await requireMunicipality(number);
  if (!canCoordinateMunicipality(actor, number)) throw new AppError("forbidden", "errors.forbidden");
  const page = parsePage(options.page);
  const db = getDb();
  // People as the page lists them: name and e-mail, no user ids.
  const person = { name: users.name, email: users.email, isDemo: users.isDemo };
  const [coordinators, advisors, serving] = await Promise.all([
    db
      .select(person)
      .from(roleGrants)
      .innerJoin(users, eq(users.id, roleGrants.userId))
      .where(and(eq(roleGrants.role, "municipal_coordinator"), eq(roleGrants.municipalityNumber, number)))
      .orderBy(asc(users.name)),
    db
      .select(person)
      .from(roleGrants)
      .innerJoin(users, eq(users.id, roleGrants.userId))
      .where(and(eq(roleGrants.role, "county_advisor"), eq(roleGrants.countyNumber, row.county.number)))
      .orderBy(asc(users.name)),
    servingOrganizationsPage(number, page, MUNICIPALITY_INTERNAL_PAGE_SIZE),
  ]);
  const organizationIds = serving.rows.map((o) => o.id);
  const admins = organizationIds.length
    ? await db
        .select({ organizationId: memberships.organizationId, ...person })
        .from(memberships)
        .innerJoin(users, eq(users.id, memberships.userId))
        .where(and(eq(memberships.role, "admin"), inArray(memberships.organizationId, organizationIds)))
        .orderBy(asc(users.name))
    : [];
  return {
    municipality: municipalityFacts(row),
    coordinators,
    advisors,
    organizations: {
      ...serving,
      rows: serving.rows.map(({ id, name, kind, isDemo, contactEmail, contactPhone }) => ({
        id,
        name,
        kind,
        isDemo,
        contactEmail,
        contactPhone,
        admins: admins.filter((a) => a.organizationId === id).map(({ organizationId: _, ...admin }) => admin),
      })),
    },
  };
}

/** For selects: every kommune with its county's name, or only those in the given counties. */
export async function listMunicipalityChoices(countyNumbers?: string[]) {
  if (countyNumbers?.length === 0) return [];
  const rows = await getDb()
    .select({ number: municipalities.number, name: municipalities.name, countyNumber: counties.number, countyName: counties.name })
    .from(municipalities)
    .innerJoin(counties, eq(counties.number, municipalities.countyNumber))
    .where(countyNumbers ? inArray(municipalities.countyNumber, countyNumbers) : undefined);
  return rows.sort((a, b) => norwegian.compare(a.name, b.name) || norwegian.compare(a.countyName, b.countyName));
}
