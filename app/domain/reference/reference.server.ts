import { asc, eq, sql } from "drizzle-orm";
import { getDb, type Database, type Queryable } from "~/db/client.server.ts";
import { counties, municipalities } from "~/db/schema/index.ts";
import kommunerJson from "~/db/reference/kommuner.json";
import fylkerJson from "~/db/reference/fylker.json";

interface KommuneRecord {
  k_id: string;
  k_name: string;
  k_name_no?: string;
  k_adm_center?: string;
  k_population?: number;
  k_area?: number;
  k_language?: string;
  k_url?: string;
}
interface FylkeRecord {
  f_id: string;
  f_name: string;
  f_url?: string;
}

/**
 * Twelve kommuner have a Sami (or Kven) name beside the Norwegian one, and the
 * source gives the Sami one as `k_name`: keep both, so "Kautokeino" finds
 * Guovdageaidnu – Kautokeino.
 */
function officialName(k: KommuneRecord): string {
  return k.k_name_no && k.k_name_no !== k.k_name ? `${k.k_name} – ${k.k_name_no}` : k.k_name;
}

/**
 * Upserts `rows` into `table` by "number", as one statement with the rows as one JSON parameter, and writes
 * only rows whose `columns` (database names and types) differ from the table's.
 */
async function upsertByNumber(db: Queryable, table: typeof counties | typeof municipalities, columns: [string, string][], rows: object[]): Promise<void> {
  const names = columns.map(([name]) => `"${name}"`);
  const excluded = names.map((name) => `excluded.${name}`).join(", ");
  await db.execute(sql`
    insert into ${table} as t ("number", ${sql.raw(names.join(", "))})
    select * from json_to_recordset(${JSON.stringify(rows)}::json) as r("number" text, ${sql.raw(columns.map(([name, type]) => `"${name}" ${type}`).join(", "))})
    on conflict ("number") do update set (${sql.raw(names.join(", "))}) = row(${sql.raw(excluded)})
    where (${sql.raw(names.map((name) => `t.${name}`).join(", "))}) is distinct from (${sql.raw(excluded)})`);
}

/**
 * Loads the 15 counties and 357 municipalities of 2024 (see app/db/reference/SOURCE.md).
 * Idempotent: upserts by number and writes only rows that differ, so a restart writes nothing
 * (and clears no cached page) unless the files changed. Each table is one short statement with
 * the rows as one JSON parameter: PostgreSQL parses little text at every start (with a VALUES
 * list of 357 × 8 parameters, PGlite's SQL grammar alone was enough for V8 to optimise it, see
 * `prepareOnPglite`), and the statement is the same whatever the files hold.
 */
export async function loadReferenceData(db: Queryable = getDb()): Promise<{ counties: number; municipalities: number }> {
  const fylker = fylkerJson as FylkeRecord[];
  const kommuner = kommunerJson as KommuneRecord[];
  await upsertByNumber(
    db,
    counties,
    [
      ["name", "text"],
      ["website", "text"],
    ],
    fylker.map((f) => ({ number: f.f_id, name: f.f_name, website: f.f_url ?? null })),
  );
  await upsertByNumber(
    db,
    municipalities,
    [
      ["name", "text"],
      ["county_number", "text"],
      ["administrative_centre", "text"],
      ["population", "integer"],
      ["area_km2", "double precision"],
      ["language_form", "text"],
      ["website", "text"],
    ],
    kommuner.map((k) => ({
      number: k.k_id,
      name: officialName(k),
      county_number: k.k_id.slice(0, 2),
      administrative_centre: k.k_adm_center ?? null,
      population: k.k_population ?? null,
      area_km2: k.k_area ?? null,
      language_form: k.k_language ?? null,
      website: k.k_url ?? null,
    })),
  );
  // After the writes: a list read while they ran would otherwise be kept with the old rows.
  listsRead = new WeakMap();
  return { counties: fylker.length, municipalities: kommuner.length };
}

/**
 * The lists of counties and kommuner as read, per database. Only loadReferenceData writes those tables, and every
 * app process runs it at start (with the same files as its code), so a process may keep what it read; it starts
 * afresh after loadReferenceData. The finder, the organisation list and the forms read the 357 kommuner on every
 * request otherwise (a query, 357 rows to parse and map: ≈ 1 ms a page).
 */
let listsRead = new WeakMap<Database, Map<string, Promise<unknown>>>();

function readOnce<T>(key: string, read: (db: Database) => PromiseLike<T[]>): Promise<T[]> {
  const db = getDb();
  let lists = listsRead.get(db);
  if (!lists) listsRead.set(db, (lists = new Map()));
  let list = lists.get(key) as Promise<T[]> | undefined;
  if (!list) {
    // Resolved once here: a Drizzle query is a thenable that runs again for every then().
    const reading = Promise.resolve(read(db));
    lists.set(key, reading);
    // A failed read (the database away) is not kept: the next request reads again.
    reading.catch(() => lists.delete(key));
    list = reading;
  }
  // A copy: a caller that sorts or filters its list must not change the next caller's.
  return list.then((rows) => [...rows]);
}

export async function listCounties() {
  return readOnce("counties", (db) => db.select().from(counties).orderBy(asc(counties.name)));
}

/** A kommune as lists show it, with its fylke's name (join counties). */
export const municipalityListColumns = {
  number: municipalities.number,
  name: municipalities.name,
  countyNumber: municipalities.countyNumber,
  countyName: counties.name,
  population: municipalities.population,
  languageForm: municipalities.languageForm,
};

/** Kommuner by name, all or one fylke's. */
export async function listMunicipalities(countyNumber?: string) {
  const all = await readOnce("municipalities", (db) =>
    db
      .select(municipalityListColumns)
      .from(municipalities)
      .innerJoin(counties, eq(counties.number, municipalities.countyNumber))
      .orderBy(asc(municipalities.name), asc(municipalities.number)),
  );
  return countyNumber ? all.filter((m) => m.countyNumber === countyNumber) : all;
}

export async function getMunicipality(number: string) {
  if (!/^\d{4}$/.test(number)) return undefined;
  const [row] = await getDb()
    .select({ municipality: municipalities, county: counties })
    .from(municipalities)
    .innerJoin(counties, eq(counties.number, municipalities.countyNumber))
    .where(eq(municipalities.number, number));
  return row;
}

export async function getCounty(number: string) {
  if (!/^\d{2}$/.test(number)) return undefined;
  const [row] = await getDb().select().from(counties).where(eq(counties.number, number));
  return row;
}

/** The reference data gives websites without a scheme ("www.hamar.kommune.no"); links need one. */
export function websiteUrl(website: string | null): string | null {
  if (!website) return null;
  return /^https?:\/\//i.test(website) ? website : `https://${website}`;
}

/** "Herøy (Nordland)": names are not unique, so lists show the county beside them. */
export function municipalityLabel(name: string, countyName: string): string {
  return `${name} (${countyName})`;
}

const nynorskKommuner = new Set((kommunerJson as KommuneRecord[]).filter((k) => k.k_language === "Nynorsk").map((k) => k.k_id));

/** Whether the kommune has chosen nynorsk as its written language (målform), from the shipped reference data. */
export function writesNynorsk(municipalityNumber: string): boolean {
  return nynorskKommuner.has(municipalityNumber);
}
