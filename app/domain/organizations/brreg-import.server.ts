import { open, stat } from "node:fs/promises";
import { createReadStream } from "node:fs";
import { createGunzip } from "node:zlib";
import { none } from "stream-chain/defs.js";
import { and, inArray, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import streamArray from "stream-json/streamers/stream-array.js";
import { getDb, type Queryable } from "~/db/client.server.ts";
import { municipalities, organizationMunicipalities, organizations } from "~/db/schema/index.ts";
import { recordAudit } from "~/domain/audit/audit.server.ts";
import { anonymous } from "~/domain/auth/actor.ts";
import { isValidOrgNumber } from "./org-number.ts";
import type { OrganizationKind } from "./organizations.constants.ts";

/**
 * Import of organisations from Enhetsregisteret's bulk file (Brønnøysund):
 * a JSON array of `enhet` objects, usually gzipped. The file is streamed
 * (a real one is ≈ 1 GB unzipped), records are upserted by org number in
 * batches, each batch in its own transaction, so a fatal error (truncated
 * file, broken JSON) never leaves a half-applied batch; batches committed
 * before it stay, and a re-run is idempotent.
 */

const addressSchema = z.object({
  land: z.string().optional(),
  landkode: z.string().optional(),
  postnummer: z.string().optional(),
  poststed: z.string().optional(),
  adresse: z.array(z.string().nullable()).optional(),
  kommune: z.string().optional(),
  kommunenummer: z.string().optional(),
});

const codeSchema = z.object({ kode: z.string(), beskrivelse: z.string().optional() });

/** The fields of an `enhet` the import reads; everything else in a record is ignored. */
export const enhetSchema = z.object({
  organisasjonsnummer: z.string().refine(isValidOrgNumber, { error: "invalid_org_number" }),
  navn: z.string().trim().min(1, { error: "missing_name" }).max(500),
  organisasjonsform: codeSchema.optional(),
  forretningsadresse: addressSchema.optional(),
  postadresse: addressSchema.optional(),
  hjemmeside: z.string().max(500).optional(),
  epostadresse: z.string().max(320).optional(),
  telefon: z.string().max(50).optional(),
  mobil: z.string().max(50).optional(),
  naeringskode1: codeSchema.optional(),
  registrertIFrivillighetsregisteret: z.boolean().optional(),
  slettedato: z.string().optional(),
  konkurs: z.boolean().optional(),
  underAvvikling: z.boolean().optional(),
  underTvangsavviklingEllerTvangsopplosning: z.boolean().optional(),
});
export type Enhet = z.infer<typeof enhetSchema>;

export interface BrregImportOptions {
  /** Keep only units in these kommuner (forretningsadresse's kommunenummer, else postadresse's). */
  municipalities?: string[];
  /** Also keep units of these organisasjonsform codes (FLI, STI …), even when not in Frivillighetsregisteret. */
  forms?: string[];
  /** Keep every unit, whatever the filters. */
  all?: boolean;
  /** Count what would change, then roll every batch back. */
  dryRun?: boolean;
  batchSize?: number;
  /** How many rejected records to keep as examples in the summary (default 20). */
  maxRejectedExamples?: number;
  /** Called after each record with the bytes of the file read so far. */
  onProgress?: (progress: BrregImportProgress) => void;
}

export interface BrregImportProgress {
  bytesRead: number;
  totalBytes: number;
  records: number;
  /** The running counts so far (inserted/updated count committed batches only). */
  counts?: Pick<BrregImportSummary, "kept" | "inserted" | "updated" | "unchanged" | "skipped" | "rejected">;
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
  /** Kept units that are deleted, bankrupt or being wound up, stored as inactive. */
  inactive: number;
  committedBatches: number;
  dryRun: boolean;
  durationMs: number;
  recordsPerSecond: number;
}

/** A fatal error: the summary tells what was committed before it. */
export class BrregImportError extends Error {
  constructor(
    message: string,
    readonly summary: BrregImportSummary,
  ) {
    super(message);
    this.name = "BrregImportError";
  }
}

const MAX_REJECTED_EXAMPLES = 20;
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

function blankToNull(value: string | undefined): string | null {
  const trimmed = value?.trim();
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
  const lines = (place?.adresse ?? []).map((l) => l?.trim()).filter((l): l is string => !!l);
  if (isForeign && place?.land) lines.push(place.land);
  const kommune = !isForeign && place?.kommunenummer && knownMunicipalities.has(place.kommunenummer) ? place.kommunenummer : null;
  return {
    row: {
      orgNumber: enhet.organisasjonsnummer,
      name: enhet.navn.trim(),
      kind: kindOf(enhet),
      website: normalizeWebsite(enhet.hjemmeside),
      contactEmail: blankToNull(enhet.epostadresse),
      contactPhone: blankToNull(enhet.telefon) ?? blankToNull(enhet.mobil),
      address: lines.length ? lines.join(", ") : null,
      postalCode: blankToNull(place?.postnummer),
      postalPlace: blankToNull(place?.poststed),
      inFrivillighetsregisteret: enhet.registrertIFrivillighetsregisteret === true,
      active: !(enhet.slettedato || enhet.konkurs || enhet.underAvvikling || enhet.underTvangsavviklingEllerTvangsopplosning),
      brregOrganizationForm: enhet.organisasjonsform?.kode ?? null,
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

const columnsOwnedByBrreg = [
  "address",
  "postalCode",
  "postalPlace",
  "inFrivillighetsregisteret",
  "active",
  "brregOrganizationForm",
] as const;
/** Columns a person may have edited on a manual record: the import keeps them there. */
const columnsOwnedByBrregOnlyForBrregRows = ["name", "kind", "website", "contactEmail", "contactPhone"] as const;

function column(name: keyof OrganizationRow) {
  return organizations[name];
}

/** `excluded.<column>` for a Drizzle column, in its SQL name. */
function excluded(name: keyof OrganizationRow): SQL {
  return sql.raw(`excluded."${column(name).name}"`);
}

function buildUpsertSet(): { set: Record<string, SQL>; changed: SQL } {
  const set: Record<string, SQL> = {};
  const current: SQL[] = [];
  const next: SQL[] = [];
  for (const name of columnsOwnedByBrreg) {
    set[name] = excluded(name);
    current.push(sql`${column(name)}`);
    next.push(excluded(name));
  }
  for (const name of columnsOwnedByBrregOnlyForBrregRows) {
    const value = sql`case when ${organizations.source} = 'manual' then ${column(name)} else ${excluded(name)} end`;
    set[name] = value;
    current.push(sql`${column(name)}`);
    next.push(value);
  }
  set.brregUpdatedAt = sql`now()`;
  set.updatedAt = sql`now()`;
  const changed = sql`(${sql.join(current, sql`, `)}) is distinct from (${sql.join(next, sql`, `)})`;
  return { set, changed };
}

const upsert = buildUpsertSet();

class DryRunRollback extends Error {}

/** A database failure while writing a batch, told apart from a file that cannot be read. */
class BatchWriteError extends Error {}

interface BatchResult {
  inserted: number;
  updated: number;
}

async function writeBatch(db: Queryable, batch: MappedUnit[]): Promise<BatchResult> {
  const rows = await db
    .insert(organizations)
    .values(batch.map((u) => ({ ...u.row, source: "brreg" as const, brregUpdatedAt: sql`now()` })))
    .onConflictDoUpdate({ target: organizations.orgNumber, set: upsert.set, setWhere: upsert.changed })
    // xmax is 0 only on a freshly inserted row version: tells inserts from updates.
    .returning({ id: organizations.id, orgNumber: organizations.orgNumber, inserted: sql<boolean>`(xmax = 0)` });

  // Kommuner served follow the address, for Brreg-owned rows only (a person chose them on manual rows).
  const owned = await db
    .select({ id: organizations.id, orgNumber: organizations.orgNumber })
    .from(organizations)
    .where(and(inArray(organizations.orgNumber, batch.map((u) => u.row.orgNumber)), sql`${organizations.source} = 'brreg'`));
  const wanted = new Map(batch.map((u) => [u.row.orgNumber, u.municipalityNumber]));
  const links = owned.flatMap((org) => {
    const kommune = wanted.get(org.orgNumber!);
    return kommune ? [{ organizationId: org.id, municipalityNumber: kommune }] : [];
  });
  if (owned.length) {
    // One statement per batch: drop every link of these rows that is not the address's kommune.
    const keep = links.length
      ? sql`and not exists (select 1 from (values ${sql.join(
          links.map((l) => sql`(${l.organizationId}::uuid, ${l.municipalityNumber}::char(4))`),
          sql`, `,
        )}) as wanted(organization_id, municipality_number)
          where wanted.organization_id = ${organizationMunicipalities.organizationId}
            and wanted.municipality_number = ${organizationMunicipalities.municipalityNumber})`
      : sql``;
    await db
      .delete(organizationMunicipalities)
      .where(sql`${inArray(organizationMunicipalities.organizationId, owned.map((o) => o.id))} ${keep}`);
  }
  if (links.length) await db.insert(organizationMunicipalities).values(links).onConflictDoNothing();

  const inserted = rows.filter((r) => r.inserted).length;
  return { inserted, updated: rows.length - inserted };
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
 * bytes) and upserts the units the filters keep. Invalid records are counted
 * and skipped; a file that cannot be read to its end throws BrregImportError.
 */
export async function importBrregFile(filePath: string, options: BrregImportOptions = {}): Promise<BrregImportSummary> {
  const started = performance.now();
  const db = getDb();
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
    inactive: 0,
    committedBatches: 0,
    dryRun: !!options.dryRun,
    durationMs: 0,
    recordsPerSecond: 0,
  };
  const finish = () => {
    summary.durationMs = Math.round(performance.now() - started);
    summary.recordsPerSecond = summary.durationMs > 0 ? Math.round((summary.read * 1000) / summary.durationMs) : summary.read;
    return summary;
  };

  const known = new Set((await db.select({ number: municipalities.number }).from(municipalities)).map((m) => m.number));
  const seen = new Set<string>();
  let batch = new Map<string, MappedUnit>();

  const flush = async () => {
    if (batch.size === 0) return;
    const units = [...batch.values()];
    batch = new Map();
    let result: BatchResult = { inserted: 0, updated: 0 };
    try {
      await db.transaction(async (tx) => {
        result = await writeBatch(tx, units);
        if (options.dryRun) throw new DryRunRollback();
      });
    } catch (error) {
      if (!(error instanceof DryRunRollback)) {
        throw new BatchWriteError(`Writing a batch to the database failed (rolled back): ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    summary.inserted += result.inserted;
    summary.updated += result.updated;
    summary.unchanged += units.length - result.inserted - result.updated;
    if (!options.dryRun) summary.committedBatches++;
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

  const handleRecord = async (index: number, value: unknown) => {
    summary.read++;
    const parsed = enhetSchema.safeParse(value);
    if (!parsed.success) {
      reject(index, (value as { organisasjonsnummer?: unknown } | null)?.organisasjonsnummer, rejectionReason(parsed.error, value));
    } else if (!isKept(parsed.data, options)) {
      summary.skipped++;
    } else {
      const unit = mapEnhet(parsed.data, known);
      if (seen.has(unit.row.orgNumber)) summary.duplicatesInFile++;
      else {
        seen.add(unit.row.orgNumber);
        summary.kept++;
        if (!unit.row.active) summary.inactive++;
      }
      batch.set(unit.row.orgNumber, unit);
      if (batch.size >= batchSize) await flush();
    }
  };

  try {
    let bytesRead = 0;
    const source = createReadStream(filePath);
    let chunks: AsyncIterable<Buffer>;
    if (gzip) {
      const gunzip = createGunzip();
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
    // The parser as a generator function rather than a stream: every record
    // before a syntax error is handled before the error surfaces (a stream
    // would drop what it had buffered), so the error falls between records.
    const parse = streamArray.withParser() as unknown as (
      chunk: Buffer | typeof none,
    ) => AsyncIterable<{ key: number; value: unknown }>;
    for await (const chunk of chunks) {
      for await (const item of parse(chunk)) {
        await handleRecord(item.key, item.value);
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
          },
        });
      }
    }
    for await (const item of parse(none)) await handleRecord(item.key, item.value);
    await flush();
  } catch (error) {
    // The batch in hand was never written: nothing of it is half-applied.
    batch = new Map();
    if (error instanceof BrregImportError) throw error;
    const message =
      error instanceof BatchWriteError
        ? error.message
        : `${describeStreamError(error, gzip)} (stopped after record ${summary.read.toLocaleString("en")})`;
    await recordRun(summary, message).catch(() => undefined);
    throw new BrregImportError(message, finish());
  }
  finish();
  await recordRun(summary, null);
  return summary;
}

/** One audit entry per run, by the system (no user, no IP), with the counts. */
async function recordRun(summary: BrregImportSummary, error: string | null): Promise<void> {
  if (summary.dryRun) return;
  const { rejectedExamples: _examples, ...counts } = summary;
  await getDb().transaction(async (tx) => {
    await recordAudit(tx, anonymous(null), {
      action: "brreg.import",
      entityType: "organization",
      after: error ? { ...counts, error } : counts,
    });
  });
}
