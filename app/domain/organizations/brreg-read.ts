import { open } from "node:fs/promises";
import { createReadStream } from "node:fs";
import { randomBytes } from "node:crypto";
import { createGunzip } from "node:zlib";
import { z } from "zod";
import { isValidOrgNumber } from "./org-number.ts";
import type { OrganizationKind } from "./organizations.constants.ts";

/**
 * Reading Enhetsregisteret's bulk file (Brønnøysund) into batches of rows, with no database: a JSON
 * array of `enhet` objects, usually gzipped, streamed (a real one is ≈ 1 GB unzipped), each record
 * validated, filtered and mapped. `brreg-import.server.ts` writes the batches.
 */

/** Which units an import keeps (see `samspill import brreg --help`). */
export interface BrregFilters {
  /** Keep only units in these kommuner (forretningsadresse's kommunenummer, else postadresse's). */
  municipalities?: string[];
  /** Also keep units of these organisasjonsform codes (FLI, STI …), even when not in Frivillighetsregisteret. */
  forms?: string[];
  /** Keep every unit, whatever the filters. */
  all?: boolean;
}

export interface RejectedExample {
  /** Position of the record in the array, from 0. */
  index: number;
  orgNumber: string | null;
  reason: string;
}

/** What reading has counted so far (the writing side adds inserted, updated and the rest). */
export interface ReadCounts {
  read: number;
  kept: number;
  /** Valid records left out by the filters. */
  skipped: number;
  /** Records whose org number appeared earlier in the file; the later one wins. */
  duplicatesInFile: number;
  rejected: number;
  rejectedByReason: Record<string, number>;
  rejectedExamples: RejectedExample[];
  /** Kept units that are deleted, bankrupt or being wound up, stored as inactive. */
  inactive: number;
}

export function emptyReadCounts(): ReadCounts {
  return { read: 0, kept: 0, skipped: 0, duplicatesInFile: 0, rejected: 0, rejectedByReason: {}, rejectedExamples: [], inactive: 0 };
}

export const MAX_REJECTED_EXAMPLES = 20;

export interface ReadOptions extends BrregFilters {
  batchSize: number;
  /** How many rejected records to keep as examples (default 20). */
  maxRejectedExamples?: number;
  /** The kommune numbers the register knows (others are stored without a kommune). */
  knownMunicipalities: ReadonlySet<string>;
  /** Batches as JSON in org-number order (a national import) or in the file's order (a scoped one). */
  sorted: boolean;
}

/** A batch ready to write: the rows as the import statement's JSON, and how many. */
export interface ReadBatch {
  json: string;
  size: number;
}

/** Where reading has got to: bytes of the file as stored (compressed for a gzip file). */
export interface ReadProgress {
  bytesRead: number;
}

/** The file could not be read to its end: the message says why, for the person running the import. */
export class BrregReadError extends Error {}

/**
 * Reads the file at `filePath` (gzip or plain, detected by its first two bytes) and yields full
 * batches, the last one possibly smaller; `counts` and `progress` are kept up to date as it goes.
 * A file that cannot be read to its end throws BrregReadError after every whole batch before the
 * fault has been yielded: the batch in hand is dropped, so nothing of it is ever half-written.
 * Reading pauses while the consumer handles a batch (the next chunk is pulled only then), so
 * memory stays at one chunk plus the batches in hand, whatever the file's size.
 */
export async function* readBatches(
  filePath: string,
  options: ReadOptions,
  counts: ReadCounts,
  progress: ReadProgress,
  /** Called after each chunk of the file (≈ 256 kB), so progress moves also while no batch fills up. */
  onChunk: () => void = () => undefined,
): AsyncGenerator<ReadBatch> {
  const gzip = await isGzip(filePath).catch((error: unknown) => {
    throw new BrregReadError(describeStreamError(error, false));
  });
  // Per record only counts are kept: the org numbers seen (compactly, for duplicates) and the batch in hand.
  const seen = new OrgNumberSet();
  let batch = new Map<string, MappedUnit>();
  const maxExamples = options.maxRejectedExamples ?? MAX_REJECTED_EXAMPLES;
  const reject = (index: number, orgNumber: unknown, reason: string) => {
    counts.rejected++;
    counts.rejectedByReason[reason] = (counts.rejectedByReason[reason] ?? 0) + 1;
    if (counts.rejectedExamples.length < maxExamples) {
      counts.rejectedExamples.push({ index, orgNumber: typeof orgNumber === "string" ? orgNumber.slice(0, 20) : null, reason });
    }
  };
  /** Handles one record; true when the batch is full. */
  const handleRecord = (index: number, value: unknown): boolean => {
    counts.read++;
    const parsed = enhetSchema.safeParse(value);
    if (!parsed.success) {
      reject(index, (value as { organisasjonsnummer?: unknown } | null)?.organisasjonsnummer, rejectionReason(parsed.error, value));
      return false;
    }
    if (!isKept(parsed.data, options)) {
      counts.skipped++;
      return false;
    }
    const unit = mapEnhet(parsed.data, options.knownMunicipalities);
    if (!seen.add(unit.row.orgNumber)) counts.duplicatesInFile++;
    else {
      counts.kept++;
      if (!unit.row.active) counts.inactive++;
    }
    // Within a batch the later record replaces the earlier (one row can be upserted once per statement).
    batch.set(unit.row.orgNumber, unit);
    return batch.size >= options.batchSize;
  };
  const take = (): ReadBatch => {
    const full = batch;
    batch = new Map();
    return { json: batchJson(full.values(), options.sorted), size: full.size };
  };

  try {
    const source = createReadStream(filePath, { highWaterMark: 256 * 1024 });
    let chunks: AsyncIterable<Buffer>;
    if (gzip) {
      const gunzip = createGunzip({ chunkSize: 256 * 1024 });
      source.on("error", (error) => gunzip.destroy(error));
      source.pipe(gunzip);
      // Compressed bytes, against the file size; attached after pipe() so no chunk is missed.
      source.on("data", (chunk: Buffer | string) => (progress.bytesRead += chunk.length));
      chunks = gunzip;
    } else {
      chunks = (async function* () {
        for await (const chunk of source as AsyncIterable<Buffer>) {
          progress.bytesRead += chunk.length;
          yield chunk;
        }
      })();
    }
    // The elements of the array are cut out of the bytes and parsed one by one, so every record
    // before a syntax error is handled before the error surfaces.
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
        if (handleRecord(first + k, value)) yield take();
      }
      texts.length = 0;
      onChunk();
      if (broken) throw broken;
    }
    splitter.end();
  } catch (error) {
    throw new BrregReadError(describeStreamError(error, gzip));
  }
  if (batch.size > 0) yield take();
}

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

const EMPLOYER_FORMS = new Set(["AS", "ASA", "ENK", "ANS", "DA", "NUF", "SA", "SE", "KS", "BA", "PRE", "IKS", "KF", "SF", "AAFY", "BEDR"]);

export type OrganizationRow = {
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

export interface MappedUnit {
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
export function isKept(enhet: Enhet, options: BrregFilters): boolean {
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
export function batchJson(batch: Iterable<MappedUnit>, sorted: boolean): string {
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

export function describeStreamError(error: unknown, gzip: boolean): string {
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
