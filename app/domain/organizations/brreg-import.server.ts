import { open, stat } from "node:fs/promises";
import { createReadStream } from "node:fs";
import { randomBytes } from "node:crypto";
import { createGunzip } from "node:zlib";
import { getTableName, SQL, sql } from "drizzle-orm";
import { z } from "zod";
import { getDb, type Queryable } from "~/db/client.server.ts";
import { arrayParam } from "~/db/sql.ts";
import { municipalities, organizations } from "~/db/schema/index.ts";
import { recordAudit } from "~/domain/audit/audit.server.ts";
import { anonymous } from "~/domain/auth/actor.ts";
import { isValidOrgNumber } from "./org-number.ts";
import type { OrganizationKind } from "./organizations.constants.ts";
import type { OutOfScopeReason, OutOfScopeRecord } from "./brreg-import.constants.ts";

/**
 * Import of organisations from Enhetsregisteret's bulk file (Brønnøysund):
 * a JSON array of `enhet` objects, usually gzipped. The file is streamed
 * (a real one is ≈ 1 GB unzipped), records are upserted by org number in
 * batches, each batch in one statement (atomic), so a fatal error (truncated
 * file, broken JSON) never leaves a half-applied batch; batches committed
 * before it stay, and a re-run is idempotent.
 */

/**
 * Enhetsregisteret writes `null` for a missing optional field as often as it leaves the field out; both mean
 * absent (e.g. a unit with `"forretningsadresse": null` is imported without a kommune, as one without the field).
 */
function optional<T extends z.ZodType>(schema: T) {
  return z.preprocess((value) => (value === null ? undefined : value), schema.optional());
}

const addressSchema = z.object({
  land: optional(z.string()),
  landkode: optional(z.string()),
  postnummer: optional(z.string()),
  poststed: optional(z.string()),
  adresse: optional(z.array(z.string().nullable())),
  kommune: optional(z.string()),
  kommunenummer: optional(z.string()),
});

const codeSchema = z.object({ kode: z.string(), beskrivelse: optional(z.string()) });

/** The fields of an `enhet` the import reads; everything else in a record is ignored. */
export const enhetSchema = z.object({
  organisasjonsnummer: z.string().refine(isValidOrgNumber, { error: "invalid_org_number" }),
  navn: z.string().trim().min(1, { error: "missing_name" }).max(500),
  organisasjonsform: optional(codeSchema),
  forretningsadresse: optional(addressSchema),
  postadresse: optional(addressSchema),
  hjemmeside: optional(z.string().max(500)),
  epostadresse: optional(z.string().max(320)),
  telefon: optional(z.string().max(50)),
  mobil: optional(z.string().max(50)),
  naeringskode1: optional(codeSchema),
  registrertIFrivillighetsregisteret: optional(z.boolean()),
  slettedato: optional(z.string()),
  konkurs: optional(z.boolean()),
  underAvvikling: optional(z.boolean()),
  underTvangsavviklingEllerTvangsopplosning: optional(z.boolean()),
});
export type Enhet = z.infer<typeof enhetSchema>;

/**
 * Whose import this is, decided by the caller from who runs it (never from the
 * file or the job's filters). `national`: an operator on the command line or a
 * national admin, who may create and change any organisation. `municipalities`:
 * a municipal coordinator, who may create organisations only in these kommuner
 * and change only organisations that already serve one of them (judged on the
 * database before each batch); the import never adds or removes their links to
 * other kommuner. Everything else is left out and listed in the summary.
 */
export type BrregImportScope = { national: true } | { national: false; municipalities: readonly string[] };

/** The scope of an operator's import (the CLI) and a national admin's. */
export const NATIONAL_IMPORT: BrregImportScope = { national: true };

export interface BrregImportOptions {
  /** Who runs the import: required, so no caller gets an unscoped import by leaving it out. */
  scope: BrregImportScope;
  /** Keep only units in these kommuner (forretningsadresse's kommunenummer, else postadresse's). */
  municipalities?: string[];
  /** Also keep units of these organisasjonsform codes (FLI, STI …), even when not in Frivillighetsregisteret. */
  forms?: string[];
  /** Keep every unit, whatever the filters. */
  all?: boolean;
  /** Count what would change, then roll every batch back. */
  dryRun?: boolean;
  /**
   * The caller has the database to itself (the CLI on the embedded PGlite, which no other process can open):
   * a national import into a register that holds few organisations yet (the first load of the whole
   * register) then runs as one bulk load (see `BULK_LOAD_MAX_EXISTING`).
   */
  exclusiveDatabase?: boolean;
  batchSize?: number;
  /** How many rejected records to keep as examples in the summary (default 20). */
  maxRejectedExamples?: number;
  /** How many records left out by the scope to list in the summary (default 100). */
  maxOutOfScopeExamples?: number;
  /** Called after each chunk of the file (≈ 256 kB) and at the end, with the bytes of the file read so far. */
  onProgress?: (progress: BrregImportProgress) => void;
}

export interface BrregImportProgress {
  bytesRead: number;
  totalBytes: number;
  records: number;
  /** The running counts so far (inserted/updated count committed batches only). */
  counts?: Pick<BrregImportSummary, "kept" | "inserted" | "updated" | "unchanged" | "skipped" | "rejected" | "outOfScope">;
}

export interface RejectedExample {
  /** Position of the record in the array, from 0. */
  index: number;
  orgNumber: string | null;
  reason: string;
}

export interface BrregImportSummary {
  read: number;
  kept: number;
  inserted: number;
  updated: number;
  unchanged: number;
  /** Valid records left out by the filters. */
  skipped: number;
  /** Records whose org number appeared earlier in the file; the later one wins. */
  duplicatesInFile: number;
  rejected: number;
  rejectedByReason: Record<string, number>;
  rejectedExamples: RejectedExample[];
  /** Kept records a scoped import may not create or change (committed batches only, like inserted). */
  outOfScope: number;
  outOfScopeByReason: Partial<Record<OutOfScopeReason, number>>;
  /** The first of them (see maxOutOfScopeExamples). */
  outOfScopeExamples: OutOfScopeRecord[];
  /** The kommuner the import was limited to, or null for a national one. */
  scopeMunicipalities: string[] | null;
  /** Kept units that are deleted, bankrupt or being wound up, stored as inactive. */
  inactive: number;
  committedBatches: number;
  dryRun: boolean;
  /** Written in one transaction, the name indexes rebuilt at its end: all or nothing. */
  bulkLoad: boolean;
  durationMs: number;
  recordsPerSecond: number;
}

/** A fatal error: the summary tells what was committed before it. */
export class BrregImportError extends Error {
  constructor(
    message: string,
    readonly summary: BrregImportSummary,
    /** The import had started (the file could be opened): the run goes into the audit log. */
    readonly recordable = false,
  ) {
    super(message);
    this.name = "BrregImportError";
  }
}

const MAX_REJECTED_EXAMPLES = 20;
const MAX_OUT_OF_SCOPE_EXAMPLES = 100;
const DEFAULT_BATCH_SIZE = 1000;
const EMPLOYER_FORMS = new Set(["AS", "ASA", "ENK", "ANS", "DA", "NUF", "SA", "SE", "KS", "BA", "PRE", "IKS", "KF", "SF", "AAFY", "BEDR"]);

type OrganizationRow = {
  orgNumber: string;
  name: string;
  kind: OrganizationKind;
  website: string | null;
  contactEmail: string | null;
  contactPhone: string | null;
  address: string | null;
  postalCode: string | null;
  postalPlace: string | null;
  inFrivillighetsregisteret: boolean;
  active: boolean;
  brregOrganizationForm: string | null;
};

interface MappedUnit {
  row: OrganizationRow;
  /** The kommune served, when the address is in one of ours. */
  municipalityNumber: string | null;
}

export function kindOf(enhet: Enhet): OrganizationKind {
  const form = enhet.organisasjonsform?.kode;
  const industry = enhet.naeringskode1?.kode ?? "";
  if (form === "KOMM") return "municipality_unit";
  if (form === "FYLK") return "county";
  if (industry.startsWith("94.91")) return "faith_community";
  if (industry.startsWith("93.12")) return "sports_club";
  if ((form === "FLI" || form === "STI") && enhet.registrertIFrivillighetsregisteret) return "voluntary";
  if (form && EMPLOYER_FORMS.has(form)) return "employer";
  return "other";
}

/** Trimmed, without NUL characters (valid in JSON, refused by PostgreSQL text: one would fail its whole batch). */
function clean(value: string): string {
  return (value.includes("\0") ? value.replaceAll("\0", "") : value).trim();
}

function blankToNull(value: string | undefined): string | null {
  const trimmed = value === undefined ? undefined : clean(value);
  return trimmed ? trimmed : null;
}

/** Brreg gives "www.example.no"; links need a scheme. */
function normalizeWebsite(value: string | undefined): string | null {
  const site = blankToNull(value);
  if (!site) return null;
  return /^https?:\/\//i.test(site) ? site : `https://${site}`;
}

function filterMunicipality(enhet: Enhet): string | null {
  return enhet.forretningsadresse?.kommunenummer ?? enhet.postadresse?.kommunenummer ?? null;
}

export function mapEnhet(enhet: Enhet, knownMunicipalities: ReadonlySet<string>): MappedUnit {
  const place = enhet.forretningsadresse ?? enhet.postadresse;
  const isForeign = !!place?.landkode && place.landkode !== "NO";
  const lines = (place?.adresse ?? []).map((l) => (l ? clean(l) : l)).filter((l): l is string => !!l);
  if (isForeign && place?.land) lines.push(clean(place.land));
  const kommune = !isForeign && place?.kommunenummer && knownMunicipalities.has(place.kommunenummer) ? place.kommunenummer : null;
  return {
    row: {
      orgNumber: enhet.organisasjonsnummer,
      name: clean(enhet.navn) || enhet.organisasjonsnummer,
      kind: kindOf(enhet),
      website: normalizeWebsite(enhet.hjemmeside),
      contactEmail: blankToNull(enhet.epostadresse),
      contactPhone: blankToNull(enhet.telefon) ?? blankToNull(enhet.mobil),
      address: lines.length ? lines.join(", ") : null,
      postalCode: blankToNull(place?.postnummer),
      postalPlace: blankToNull(place?.poststed),
      inFrivillighetsregisteret: enhet.registrertIFrivillighetsregisteret === true,
      active: !(enhet.slettedato || enhet.konkurs || enhet.underAvvikling || enhet.underTvangsavviklingEllerTvangsopplosning),
      brregOrganizationForm: enhet.organisasjonsform ? clean(enhet.organisasjonsform.kode) : null,
    },
    municipalityNumber: kommune,
  };
}

/** The filter rule, as documented in `samspill import brreg --help`. */
export function isKept(enhet: Enhet, options: Pick<BrregImportOptions, "municipalities" | "forms" | "all">): boolean {
  if (options.all) return true;
  const form = enhet.organisasjonsform?.kode;
  const wanted = enhet.registrertIFrivillighetsregisteret === true || (!!form && !!options.forms?.includes(form));
  if (!wanted) return false;
  if (options.municipalities?.length) {
    const kommune = filterMunicipality(enhet);
    return !!kommune && options.municipalities.includes(kommune);
  }
  return true;
}

function rejectionReason(error: z.ZodError, value: unknown): string {
  const issue = error.issues[0];
  if (!issue) return "invalid_record";
  const field = issue.path.join(".");
  if (field === "organisasjonsnummer") {
    return (value as { organisasjonsnummer?: unknown }).organisasjonsnummer === undefined ? "missing_org_number" : "invalid_org_number";
  }
  if (field === "navn") return issue.code === "too_big" ? "invalid_navn" : "missing_name";
  if (!field) return "not_an_object";
  return `invalid_${field}`;
}

const columnsOwnedByBrreg = ["address", "postalCode", "postalPlace", "inFrivillighetsregisteret", "active", "brregOrganizationForm"] as const;
/** Columns a person may have edited on a manual record: the import keeps them there. */
const columnsOwnedByBrregOnlyForBrregRows = ["name", "kind", "website", "contactEmail", "contactPhone"] as const;

/** The SQL name of a column of `organizations`, quoted. */
function col(name: keyof OrganizationRow): string {
  return `"${organizations[name].name}"`;
}

/** The batch's rows as `json_to_recordset` declares them (org and kommune numbers as char, so the indexes serve the joins). */
const recordColumns: [keyof OrganizationRow, string][] = [
  ["orgNumber", "char(9)"],
  ["name", "text"],
  ["kind", "text"],
  ["website", "text"],
  ["contactEmail", "text"],
  ["contactPhone", "text"],
  ["address", "text"],
  ["postalCode", "text"],
  ["postalPlace", "text"],
  ["inFrivillighetsregisteret", "boolean"],
  ["active", "boolean"],
  ["brregOrganizationForm", "text"],
];

/** The assignments of an update from `source` (`excluded` in an upsert, the batch's alias in an update). */
function assignments(source: string): { set: string[]; current: string[]; next: string[] } {
  const set: string[] = [];
  const current: string[] = [];
  const next: string[] = [];
  for (const name of columnsOwnedByBrreg) {
    set.push(`${col(name)} = ${source}.${col(name)}`);
    current.push(`o.${col(name)}`);
    next.push(`${source}.${col(name)}`);
  }
  for (const name of columnsOwnedByBrregOnlyForBrregRows) {
    const value = `case when o."source" = 'manual' then o.${col(name)} else ${source}.${col(name)} end`;
    set.push(`${col(name)} = ${value}`);
    current.push(`o.${col(name)}`);
    next.push(value);
  }
  set.push(`"brreg_updated_at" = now()`, `"updated_at" = now()`);
  return { set, current, next };
}

const names = recordColumns.map(([name]) => col(name));
const inputCte = `with input as (
  select * from json_to_recordset({{batch}}::json) as r("id" uuid, ${recordColumns.map(([name, type]) => `${col(name)} ${type}`).join(", ")}, "municipality_number" char(4))
)`;

/**
 * A national import: one statement per batch, the batch as one JSON parameter
 * (no per-row parameters to build or bind): upsert by org number — a row is
 * only touched when a value differs, so unchanged rows cost no write — then the
 * kommune links of Brreg-owned rows follow the address (manual rows keep
 * theirs: a person chose them). The rows that were there before are the
 * upsert's updated rows plus the records it did not return (unchanged): only
 * those are looked up again, so a batch of new units costs no second probe of
 * the org-number index. Returns how many rows were inserted and how many
 * written (inserted + updated).
 */
function buildNationalStatement(): string {
  const { set, current, next } = assignments("excluded");
  return `${inputCte}, up as (
  insert into "organizations" as o ("id", ${names.join(", ")}, "source", "brreg_updated_at")
  select "id", ${names.join(", ")}, 'brreg', now() from input
  on conflict ("org_number") do update set ${set.join(", ")}
  where (${current.join(", ")}) is distinct from (${next.join(", ")})
  returning o."id", o."org_number", (o.xmax = 0) as inserted, o."source"
), existing as (
  select u."id", i."municipality_number" from up u join input i on i."org_number" = u."org_number" where not u.inserted and u."source" = 'brreg'
  union all
  select o."id", i."municipality_number" from input i join "organizations" o on o."org_number" = i."org_number"
  where o."source" = 'brreg' and not exists (select from up u where u."org_number" = i."org_number")
), unlinked as (
  delete from "organization_municipalities" om using existing e
  where om."organization_id" = e."id" and om."municipality_number" is distinct from e."municipality_number"
), linked as (
  insert into "organization_municipalities" ("organization_id", "municipality_number")
  select e."id", e."municipality_number" from existing e where e."municipality_number" is not null
  union all
  select u."id", i."municipality_number" from up u join input i on i."org_number" = u."org_number"
  where u.inserted and i."municipality_number" is not null
  on conflict do nothing
)
select (count(*) filter (where inserted))::int as inserted, count(*)::int as written from up`;
}

/**
 * A coordinator's import, the same work limited to their kommuner (`{{scope}}`,
 * a parameter from their roles). Every record is judged against the database
 * as it was before the statement (all its parts read one snapshot), in the
 * same statement, so the check costs one join per batch:
 * - a new org number may be created only when the record's kommune is in scope;
 * - an existing organisation may be changed only when it already serves a
 *   kommune in scope, and only when the record keeps it in scope (moving it
 *   to another kommune is for a national import);
 * - links are added only to kommuner in scope and removed only there: its
 *   links to other kommuner are never touched.
 * New rows are inserted with `do nothing` on conflict, so a row that appears
 * meanwhile (another import) is never changed unjudged. Returns the counts and
 * the records left out with their reasons.
 */
function buildScopedStatement(): string {
  const { set, current, next } = assignments("a");
  // As text, so the check is a hashed lookup in a filter: as char(4) it becomes an index condition
  // that probes the index once per kommune in scope (a national-sized scope: ≈ 40× slower per row).
  const inScope = (expression: string) => `(${expression}::text = any({{scope}}))`;
  return `${inputCte}, judged as (
  select i.*, o."id" as existing_id, o."source" as existing_source,
    case
      when o."id" is null then case when ${inScope(`i."municipality_number"`)} then null else 'kommune_outside_scope' end
      when not exists (
        select 1 from "organization_municipalities" om where om."organization_id" = o."id" and ${inScope(`om."municipality_number"`)}
      ) then 'exists_outside_scope'
      when ${inScope(`i."municipality_number"`)} then null
      else 'kommune_outside_scope'
    end as refusal
  from input i left join "organizations" o on o."org_number" = i."org_number"
), allowed as (
  select * from judged where refusal is null
), inserted as (
  insert into "organizations" ("id", ${names.join(", ")}, "source", "brreg_updated_at")
  select "id", ${names.join(", ")}, 'brreg', now() from allowed where existing_id is null
  on conflict ("org_number") do nothing
  returning "id", "org_number"
), updated as (
  update "organizations" o set ${set.join(", ")}
  from allowed a
  where o."id" = a.existing_id and (${current.join(", ")}) is distinct from (${next.join(", ")})
  returning o."id"
), unlinked as (
  delete from "organization_municipalities" om using allowed a
  where a.existing_source = 'brreg' and om."organization_id" = a.existing_id
    and ${inScope(`om."municipality_number"`)} and om."municipality_number" <> a."municipality_number"
), new_kommune as materialized (
  -- The kommune of each new row by org number, looked up below: joining the rows inserted back to the
  -- batch gets a nested loop (the planner expects one row of each), quadratic in the batch's size.
  select jsonb_object_agg(a."org_number", a."municipality_number") as by_org from allowed a where a.existing_id is null
), linked as (
  insert into "organization_municipalities" ("organization_id", "municipality_number")
  select a.existing_id, a."municipality_number" from allowed a where a.existing_source = 'brreg'
  union all
  select n."id", (k.by_org ->> n."org_number"::text)::char(4) from inserted n cross join new_kommune k
  on conflict do nothing
)
select (select count(*) from inserted)::int as inserted,
  ((select count(*) from inserted) + (select count(*) from updated))::int as written,
  (select json_agg(json_build_object('orgNumber', j."org_number", 'name', j."name", 'reason', j.refusal)) from judged j where j.refusal is not null) as refused`;
}

/** A statement's text split at its `{{name}}` placeholders, bound to parameters when run. */
function template(text: string): (params: Record<string, unknown>) => SQL {
  const parts = text.split(/\{\{(\w+)\}\}/);
  return (params) => {
    const chunks: SQL[] = [];
    parts.forEach((part, i) => {
      if (i % 2 === 0) chunks.push(sql.raw(part));
      else {
        if (!(part in params)) throw new Error(`No value for {{${part}}}`);
        const value = params[part];
        chunks.push(value instanceof SQL ? value : sql`${value}`);
      }
    });
    return sql.join(chunks);
  };
}

const nationalStatement = template(buildNationalStatement());
const scopedStatement = template(buildScopedStatement());

class DryRunRollback extends Error {}

/** A database failure while writing a batch, told apart from a file that cannot be read. */
class BatchWriteError extends Error {}

/**
 * The database's own message: Drizzle's error repeats the statement and its parameters (here the
 * whole batch as JSON, ≈ 300 kB), which must not end up in the summary, the audit log or a job page.
 */
function databaseMessage(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  const message = cause instanceof Error ? cause.message : String(cause);
  return message.length > 500 ? `${message.slice(0, 500)}…` : message;
}

interface BatchResult {
  inserted: number;
  updated: number;
  /** Records the scope left out, in the batch's order. */
  refused: OutOfScopeRecord[];
}

/**
 * Ids for the rows a batch may insert, in the layout of a UUIDv7 (RFC 9562): 48 bits of
 * milliseconds, a 12-bit counter within the millisecond, 62 random bits. They ascend, so a
 * new row's id goes to the right-hand end of the primary key and of organization_municipalities'
 * (organization_id, kommune) key instead of a random page of each: with random v4 ids every
 * insert into those B-trees hit a page that had long left PGlite's small buffer cache (an id
 * is never guessable from another: 62 bits stay random). Ids of rows that already exist are
 * not touched (on conflict, the given id is ignored).
 */
export class AscendingIds {
  private lastMs = 0;
  private counter = 0;

  next(random: Buffer, offset: number): string {
    let ms = Date.now();
    if (ms <= this.lastMs) {
      ms = this.lastMs;
      if (++this.counter > 0xfff) {
        ms++;
        this.counter = 0;
      }
    } else this.counter = 0;
    this.lastMs = ms;
    const time = ms.toString(16).padStart(12, "0");
    const counter = (0x7000 | this.counter).toString(16);
    const variant = ((random.readUInt16BE(offset) & 0x3fff) | 0x8000).toString(16);
    const rest = random.toString("hex", offset + 2, offset + 8);
    return `${time.slice(0, 8)}-${time.slice(8)}-${counter}-${variant}-${rest}`;
  }
}

const ids = new AscendingIds();

/**
 * The batch as the JSON the statement reads (keys are the SQL column names); `sorted`: in
 * org-number order, so the upsert and the lookups of existing rows walk the org-number index from
 * left to right once per batch (a file in random order otherwise touches its pages at random).
 */
function batchJson(batch: Iterable<MappedUnit>, sorted: boolean): string {
  const units = [...batch];
  if (sorted) units.sort((a, b) => (a.row.orgNumber < b.row.orgNumber ? -1 : a.row.orgNumber > b.row.orgNumber ? 1 : 0));
  const random = randomBytes(units.length * 8);
  const records: Record<string, unknown>[] = [];
  for (const [i, { row, municipalityNumber }] of units.entries()) {
    records.push({
      id: ids.next(random, i * 8),
      org_number: row.orgNumber,
      name: row.name,
      kind: row.kind,
      website: row.website,
      contact_email: row.contactEmail,
      contact_phone: row.contactPhone,
      address: row.address,
      postal_code: row.postalCode,
      postal_place: row.postalPlace,
      in_frivillighetsregisteret: row.inFrivillighetsregisteret,
      active: row.active,
      brreg_organization_form: row.brregOrganizationForm,
      municipality_number: municipalityNumber,
    });
  }
  return JSON.stringify(records);
}

async function writeBatch(db: Queryable, batch: Iterable<MappedUnit>, scope: BrregImportScope): Promise<BatchResult> {
  const statement = scope.national
    ? nationalStatement({ batch: batchJson(batch, true) })
    : // Unsorted: the records left out are listed in the file's order.
      scopedStatement({ batch: batchJson(batch, false), scope: arrayParam(scope.municipalities, "text") });
  const result = await db.execute(statement);
  const row = (result as unknown as { rows: { inserted: number; written: number; refused?: OutOfScopeRecord[] | string | null }[] }).rows[0];
  const inserted = Number(row?.inserted ?? 0);
  // node-postgres parses json, PGlite too; a string is parsed here in case a driver does not.
  const refused = typeof row?.refused === "string" ? (JSON.parse(row.refused) as OutOfScopeRecord[]) : (row?.refused ?? []);
  return { inserted, updated: Number(row?.written ?? 0) - inserted, refused };
}

/**
 * The org numbers seen so far, to count duplicates in the file: a hash set of
 * 32-bit numbers in one typed array (≈ 6 bytes per number instead of ≈ 60 for
 * a Set of strings; org numbers are 9 digits, below 2³²).
 */
export class OrgNumberSet {
  private slots = new Uint32Array(1 << 16);
  private mask = this.slots.length - 1;
  size = 0;

  /** Adds the number; false when it was there already. */
  add(orgNumber: string): boolean {
    const value = Number(orgNumber) + 1; // 0 marks an empty slot
    let i = Math.imul(value, 0x9e3779b1) & this.mask;
    for (;;) {
      const slot = this.slots[i]!;
      if (slot === 0) break;
      if (slot === value) return false;
      i = (i + 1) & this.mask;
    }
    this.slots[i] = value;
    if (++this.size > this.slots.length * 0.7) this.grow();
    return true;
  }

  private grow() {
    const old = this.slots;
    this.slots = new Uint32Array(old.length * 2);
    this.mask = this.slots.length - 1;
    for (const value of old) {
      if (value === 0) continue;
      let i = Math.imul(value, 0x9e3779b1) & this.mask;
      while (this.slots[i] !== 0) i = (i + 1) & this.mask;
      this.slots[i] = value;
    }
  }
}

/** The file is not one JSON array of values: where and why. */
export class JsonArrayError extends Error {}

const MAX_RECORD_BYTES = 1 << 20;
const UTF8_BOM = [0xef, 0xbb, 0xbf];

/**
 * Splits the bytes of one JSON array, chunk by chunk, into the texts of its
 * elements, without parsing them (each is then given to JSON.parse, far faster
 * than a streaming parser building values token by token). Only the element in
 * hand is buffered; an element larger than 1 MB is an error. UTF-8
 * continuation bytes are ≥ 0x80, so scanning bytes for the structural
 * characters is safe.
 */
export class JsonArraySplitter {
  /** 0 before "[", 1 expecting an element (or "]"), 2 in an element, 3 after one, 4 after "]". */
  private state = 0;
  private depth = 0;
  private inString = false;
  private escaped = false;
  /** The element in hand is a number, true, false or null (ends at "," "]" or whitespace). */
  private primitive = false;
  private afterComma = false;
  private parts: Buffer[] = [];
  private partsBytes = 0;
  private offset = 0;
  /** Elements completed so far. */
  count = 0;

  private fail(what: string, at: number): never {
    throw new JsonArrayError(`${what} at byte ${(this.offset + at).toLocaleString("en")} (after record ${this.count.toLocaleString("en")})`);
  }

  private take(chunk: Buffer, start: number, end: number, out: string[]) {
    if (this.parts.length) {
      this.parts.push(chunk.subarray(start, end));
      out.push(Buffer.concat(this.parts).toString("utf8"));
      this.parts = [];
      this.partsBytes = 0;
    } else {
      out.push(chunk.toString("utf8", start, end));
    }
    this.count++;
    this.state = 3;
  }

  /**
   * Appends to `out` the texts of the elements completed in this chunk. A
   * syntax error does not throw here (the elements before it are still to be
   * handled): it is returned, and the caller throws it after those.
   */
  push(chunk: Buffer, out: string[]): JsonArrayError | null {
    try {
      this.scan(chunk, out);
      return null;
    } catch (error) {
      if (error instanceof JsonArrayError) return error;
      throw error;
    }
  }

  private scan(chunk: Buffer, out: string[]): void {
    const length = chunk.length;
    let start = 0;
    let i = 0;
    while (i < length) {
      if (this.state === 2) {
        // Inside an element: tight loops over the bytes (most of the file), state in locals.
        let depth = this.depth;
        let inString = this.inString;
        let escaped = this.escaped;
        let done = -1;
        if (this.primitive) {
          while (i < length) {
            const b = chunk[i]!;
            if (b === 0x2c || b === 0x5d || b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09) {
              done = i;
              break;
            }
            i++;
          }
        } else {
          while (i < length) {
            const b = chunk[i++]!;
            if (inString) {
              if (escaped) escaped = false;
              else if (b === 0x22) {
                inString = false;
                if (depth === 0) {
                  done = i;
                  break;
                }
              } else if (b === 0x5c) escaped = true;
              else if (b === 0x0a || b === 0x0d) this.fail("A line break inside a string: the JSON is broken", i - 1);
            } else if (b === 0x22) inString = true;
            else if (b === 0x7b || b === 0x5b) depth++;
            else if (b === 0x7d || b === 0x5d) {
              if (--depth === 0) {
                done = i;
                break;
              }
            }
          }
        }
        this.depth = depth;
        this.inString = inString;
        this.escaped = escaped;
        if (done >= 0) this.take(chunk, start, done, out);
        continue;
      }
      const b = chunk[i]!;
      i++;
      if (b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09) continue;
      switch (this.state) {
        case 1:
          if (b === 0x5d && !this.afterComma) {
            this.state = 4;
            break;
          }
          if (b === 0x5d || b === 0x2c) this.fail(`Unexpected "${String.fromCharCode(b)}" where a record should be: the JSON is broken`, i - 1);
          this.state = 2;
          start = i - 1;
          this.depth = b === 0x7b || b === 0x5b ? 1 : 0;
          this.inString = b === 0x22;
          this.escaped = false;
          this.primitive = !this.inString && this.depth === 0;
          break;
        case 3:
          if (b === 0x2c) {
            this.state = 1;
            this.afterComma = true;
          } else if (b === 0x5d) this.state = 4;
          else this.fail(`Unexpected "${String.fromCharCode(b)}" after a record (a "," or "]" should come): the JSON is broken`, i - 1);
          break;
        case 0:
          if (this.offset + i - 1 < 3 && b === UTF8_BOM[this.offset + i - 1]) break; // a byte order mark
          if (b !== 0x5b) this.fail(`The file is not a JSON array (it starts with "${String.fromCharCode(b)}")`, i - 1);
          this.state = 1;
          this.afterComma = false;
          break;
        default:
          this.fail("Data after the end of the JSON array", i - 1);
      }
    }
    if (this.state === 2) {
      const rest = chunk.subarray(start);
      this.partsBytes += rest.length;
      if (this.partsBytes > MAX_RECORD_BYTES) this.fail("A record larger than 1 MB: not Enhetsregisteret's format", length);
      this.parts.push(rest);
    }
    this.offset += length;
  }

  /** At the end of the file: throws unless the array was closed. */
  end(): void {
    if (this.state === 2 && this.primitive && !this.inString) {
      this.fail("The JSON ends inside the array (a truncated file?)", 0);
    }
    if (this.state !== 4) {
      this.fail(this.state === 0 ? "The file is empty, not a JSON array" : "The JSON ends before the array is closed (a truncated file?)", 0);
    }
  }
}

async function isGzip(filePath: string): Promise<boolean> {
  const handle = await open(filePath, "r");
  try {
    const magic = Buffer.alloc(2);
    const { bytesRead } = await handle.read(magic, 0, 2, 0);
    return bytesRead === 2 && magic[0] === 0x1f && magic[1] === 0x8b;
  } finally {
    await handle.close();
  }
}

function describeStreamError(error: unknown, gzip: boolean): string {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: string } | null)?.code;
  if (code === "ENOENT") return `File not found: ${message}`;
  if (error instanceof JsonArrayError) {
    return /JSON/.test(message) ? message : `The JSON is broken: ${message}`;
  }
  if (code === "Z_BUF_ERROR" || /unexpected end of file/i.test(message)) {
    return "The gzip file ends too early: it is truncated (an interrupted download?). Download it again.";
  }
  if (gzip && /incorrect header|invalid|zlib/i.test(message) && code?.startsWith("Z_")) {
    return `The gzip data is corrupt: ${message}`;
  }
  if (/end|expected/i.test(message) && /parser/i.test(message)) {
    return `The JSON is broken or ends too early (a truncated file?): ${message}`;
  }
  return `Could not read the file as a JSON array: ${message}`;
}

/**
 * Streams the file at `filePath` (gzip or plain, detected by its first two
 * bytes) and upserts the units the filters keep and the scope allows (records
 * outside the scope are counted and listed). Invalid records are counted
 * and skipped; a file that cannot be read to its end throws BrregImportError.
 */
export async function importBrregFile(filePath: string, options: BrregImportOptions): Promise<BrregImportSummary> {
  const db = getDb();
  if (!(options.exclusiveDatabase && options.scope.national && !options.dryRun && (await isNearlyEmpty(db)))) {
    const summary = await importInto(db, filePath, options, false).catch(async (error: unknown) => {
      if (error instanceof BrregImportError && error.recordable) await recordRun(error.summary, error.message).catch(() => undefined);
      throw error;
    });
    await recordRun(summary, null);
    return summary;
  }
  let summary: BrregImportSummary;
  try {
    summary = await db.transaction(async (tx) => {
      const rebuildIndexes = await dropRebuildableIndexes(tx);
      const result = await importInto(tx, filePath, options, true);
      await rebuildIndexes();
      return result;
    });
  } catch (error) {
    if (!(error instanceof BrregImportError)) throw error;
    // The transaction was rolled back: of what the summary counted as written, nothing was.
    const nothingWritten: BrregImportSummary = { ...error.summary, inserted: 0, updated: 0, unchanged: 0, committedBatches: 0 };
    const failure = new BrregImportError(error.message, nothingWritten);
    if (error.recordable) await recordRun(nothingWritten, failure.message).catch(() => undefined);
    throw failure;
  }
  await recordRun(summary, null);
  return summary;
}

/**
 * Up to this many organisations, a national import by a caller with the database to itself is a bulk load:
 * one transaction, the name indexes dropped first and built again at the end. Building the trigram index
 * over a million names at once costs a fraction of keeping it up to date row by row (on PGlite at 1.1 M
 * records, about 15 s against 35 s), and a random-order file then no longer inserts into the name B-tree at
 * random pages. One transaction also keeps the register whole if the load stops: a killed process or a
 * truncated file leaves no half-loaded register and no missing index (a re-run starts clean).
 */
const BULK_LOAD_MAX_EXISTING = 10_000;

async function isNearlyEmpty(db: Queryable): Promise<boolean> {
  const result = await db.execute(sql`select count(*)::int as n from (select from ${organizations} limit ${BULK_LOAD_MAX_EXISTING + 1}) as o`);
  return Number((result as unknown as { rows: { n: number }[] }).rows[0]?.n ?? 0) <= BULK_LOAD_MAX_EXISTING;
}

/**
 * Drops the secondary indexes of `organizations` that a bulk load rebuilds (not the primary key nor
 * the unique org-number index the upsert needs), in the caller's transaction; the returned function
 * creates them again from their own definitions, as the migrations made them.
 */
async function dropRebuildableIndexes(tx: Queryable): Promise<() => Promise<void>> {
  const result = await tx.execute(sql`
    select c.relname as name, pg_get_indexdef(i.indexrelid) as definition
    from pg_index i join pg_class c on c.oid = i.indexrelid
    where i.indrelid = ${getTableName(organizations)}::regclass and not i.indisunique and not i.indisprimary`);
  const indexes = (result as unknown as { rows: { name: string; definition: string }[] }).rows;
  for (const index of indexes) await tx.execute(sql.raw(`drop index "${index.name}"`));
  return async () => {
    // PostgreSQL's default (64MB) would grow PGlite's memory for good; the build takes as long with less.
    await tx.execute(sql`set local maintenance_work_mem = '16MB'`);
    for (const index of indexes) await tx.execute(sql.raw(index.definition));
  };
}

/**
 * The import itself, every batch written with `db` (a transaction in a bulk load). `bulkLoad`: the
 * summary says so, and the caller records the run once the transaction has ended.
 */
async function importInto(db: Queryable, filePath: string, options: BrregImportOptions, bulkLoad: boolean): Promise<BrregImportSummary> {
  const started = performance.now();
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const summary: BrregImportSummary = {
    read: 0,
    kept: 0,
    inserted: 0,
    updated: 0,
    unchanged: 0,
    skipped: 0,
    duplicatesInFile: 0,
    rejected: 0,
    rejectedByReason: {},
    rejectedExamples: [],
    outOfScope: 0,
    outOfScopeByReason: {},
    outOfScopeExamples: [],
    scopeMunicipalities: options.scope.national ? null : [...options.scope.municipalities],
    inactive: 0,
    committedBatches: 0,
    dryRun: !!options.dryRun,
    bulkLoad,
    durationMs: 0,
    recordsPerSecond: 0,
  };
  const finish = () => {
    summary.durationMs = Math.round(performance.now() - started);
    summary.recordsPerSecond = summary.durationMs > 0 ? Math.round((summary.read * 1000) / summary.durationMs) : summary.read;
    return summary;
  };

  const known = new Set((await db.select({ number: municipalities.number }).from(municipalities)).map((m) => m.number));
  // Per record only counts are kept: the org numbers seen (compactly, for duplicates) and the batch in hand.
  const seen = new OrgNumberSet();
  let batch = new Map<string, MappedUnit>();

  const write = async (units: Map<string, MappedUnit>) => {
    let result: BatchResult = { inserted: 0, updated: 0, refused: [] };
    try {
      if (options.dryRun) {
        await db.transaction(async (tx) => {
          result = await writeBatch(tx, units.values(), options.scope);
          throw new DryRunRollback();
        });
      } else {
        // One statement: atomic on its own, no transaction around it needed.
        result = await writeBatch(db, units.values(), options.scope);
      }
    } catch (error) {
      if (!(error instanceof DryRunRollback)) {
        throw new BatchWriteError(`Writing a batch to the database failed (rolled back): ${databaseMessage(error)}`);
      }
    }
    summary.inserted += result.inserted;
    summary.updated += result.updated;
    summary.unchanged += units.size - result.inserted - result.updated - result.refused.length;
    const maxExamples = options.maxOutOfScopeExamples ?? MAX_OUT_OF_SCOPE_EXAMPLES;
    for (const record of result.refused) {
      summary.outOfScope++;
      summary.outOfScopeByReason[record.reason] = (summary.outOfScopeByReason[record.reason] ?? 0) + 1;
      if (summary.outOfScopeExamples.length < maxExamples) summary.outOfScopeExamples.push(record);
    }
    if (!options.dryRun) summary.committedBatches++;
  };

  // At most one batch is being written while the next one is read (with PostgreSQL the server
  // works while this process parses; PGlite runs on this thread, so there it is simply in turn).
  let writing: Promise<void> | null = null;
  /** Waits for the batch in flight; throws its BatchWriteError if it failed. */
  const drain = async () => {
    const inFlight = writing;
    writing = null;
    if (inFlight) await inFlight;
  };
  /** Starts writing the batch in hand once the one in flight is done (reading waits for that). */
  const flush = async () => {
    await drain();
    if (batch.size === 0) return;
    const units = batch;
    batch = new Map();
    writing = write(units);
    writing.catch(() => undefined); // handled when drained
  };

  const reject = (index: number, orgNumber: unknown, reason: string) => {
    summary.rejected++;
    summary.rejectedByReason[reason] = (summary.rejectedByReason[reason] ?? 0) + 1;
    if (summary.rejectedExamples.length < (options.maxRejectedExamples ?? MAX_REJECTED_EXAMPLES)) {
      summary.rejectedExamples.push({ index, orgNumber: typeof orgNumber === "string" ? orgNumber.slice(0, 20) : null, reason });
    }
  };

  let totalBytes: number;
  let gzip: boolean;
  try {
    totalBytes = (await stat(filePath)).size;
    gzip = await isGzip(filePath);
  } catch (error) {
    throw new BrregImportError(describeStreamError(error, false), finish());
  }

  /** Handles one record; true when the batch is full and must be written before reading on. */
  const handleRecord = (index: number, value: unknown): boolean => {
    summary.read++;
    const parsed = enhetSchema.safeParse(value);
    if (!parsed.success) {
      reject(index, (value as { organisasjonsnummer?: unknown } | null)?.organisasjonsnummer, rejectionReason(parsed.error, value));
      return false;
    }
    if (!isKept(parsed.data, options)) {
      summary.skipped++;
      return false;
    }
    const unit = mapEnhet(parsed.data, known);
    if (!seen.add(unit.row.orgNumber)) summary.duplicatesInFile++;
    else {
      summary.kept++;
      if (!unit.row.active) summary.inactive++;
    }
    // Within a batch the later record replaces the earlier (one row can be upserted once per statement).
    batch.set(unit.row.orgNumber, unit);
    return batch.size >= batchSize;
  };

  let bytesRead = 0;
  const report = () =>
    options.onProgress?.({
      bytesRead,
      totalBytes,
      records: summary.read,
      counts: {
        kept: summary.kept,
        inserted: summary.inserted,
        updated: summary.updated,
        unchanged: summary.unchanged,
        skipped: summary.skipped,
        rejected: summary.rejected,
        outOfScope: summary.outOfScope,
      },
    });

  try {
    const source = createReadStream(filePath, { highWaterMark: 256 * 1024 });
    let chunks: AsyncIterable<Buffer>;
    if (gzip) {
      const gunzip = createGunzip({ chunkSize: 256 * 1024 });
      source.on("error", (error) => gunzip.destroy(error));
      source.pipe(gunzip);
      // Compressed bytes, against the file size; attached after pipe() so no chunk is missed.
      source.on("data", (chunk: Buffer | string) => (bytesRead += chunk.length));
      chunks = gunzip;
    } else {
      chunks = (async function* () {
        for await (const chunk of source as AsyncIterable<Buffer>) {
          bytesRead += chunk.length;
          yield chunk;
        }
      })();
    }
    // The elements of the array are cut out of the bytes and parsed one by one, so every record
    // before a syntax error is handled before the error surfaces. Reading waits while a batch is
    // written (the async iteration pulls the next chunk only then): memory stays at one chunk
    // plus one batch, whatever the file's size.
    const splitter = new JsonArraySplitter();
    const texts: string[] = [];
    for await (const chunk of chunks) {
      const broken = splitter.push(chunk, texts);
      const first = splitter.count - texts.length;
      for (let k = 0; k < texts.length; k++) {
        let value: unknown;
        try {
          value = JSON.parse(texts[k]!);
        } catch (error) {
          throw new JsonArrayError(`Record ${(first + k).toLocaleString("en")} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
        }
        if (handleRecord(first + k, value)) await flush();
      }
      texts.length = 0;
      report();
      if (broken) throw broken;
    }
    splitter.end();
    await flush();
    await drain();
    report();
  } catch (failure) {
    // The batch in hand was never written: nothing of it is half-applied. The one in flight
    // (if any) is waited for, so the summary tells exactly what was committed.
    batch = new Map();
    let error = failure;
    // A failed write in flight wins: the database is the thing to look at then.
    await drain().catch((writeError: unknown) => (error = writeError));
    if (error instanceof BrregImportError) throw error;
    const message =
      error instanceof BatchWriteError ? error.message : `${describeStreamError(error, gzip)} (stopped after record ${summary.read.toLocaleString("en")})`;
    throw new BrregImportError(message, finish(), true);
  }
  return finish();
}

/** One audit entry per run, by the system (no user, no IP), with the counts and the scope (the job's own entry names who queued it). */
async function recordRun(summary: BrregImportSummary, error: string | null): Promise<void> {
  if (summary.dryRun) return;
  const { rejectedExamples: _examples, outOfScopeExamples: _outOfScope, ...counts } = summary;
  await getDb().transaction(async (tx) => {
    await recordAudit(tx, anonymous(null), {
      action: "brreg.import",
      entityType: "organization",
      after: error ? { ...counts, error } : counts,
    });
  });
}
