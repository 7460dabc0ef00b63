import { and, asc, desc, eq, inArray, isNotNull, max, type SQL } from "drizzle-orm";
import { getDb, type Queryable } from "~/db/client.server.ts";
import { municipalities, settlementFigures } from "~/db/schema/index.ts";
import { AppError } from "~/lib/errors.ts";
import { parseInput } from "~/lib/validation.ts";
import { anonymous, canCoordinateMunicipality, isNationalAdmin, type Actor } from "~/domain/auth/actor.ts";
import { recordAudit } from "~/domain/audit/audit.server.ts";
import { getMunicipality } from "~/domain/reference/reference.server.ts";
import {
  parseFigure,
  parseYear,
  settlementFigureFields,
  settlementInputSchema,
  SETTLEMENT_IMPORT_MAX_BYTES,
  SETTLEMENT_IMPORT_MAX_LINES,
  type ImportRejectReason,
} from "./settlement.schema.ts";

/**
 * Settlement figures per kommune and year (IMDi's anmodning, the kommune's
 * vedtak, bosatte, and optionally how many are in the introduction programme).
 *
 * Reading: the figures are settlement statistics IMDi publishes anyway, so the
 * plain read helpers (for overview pages and roll-ups) take no actor; the
 * entry page checks who may see it. Writing: only the kommune's own
 * coordinator and national admins (a county advisor reads but does not enter).
 * A null figure — or no row — means "not reported", never 0.
 */

export interface SettlementFigures {
  requested: number | null;
  decided: number | null;
  settled: number | null;
  inIntroductionProgramme: number | null;
}

export interface SettlementYear extends SettlementFigures {
  municipalityNumber: string;
  year: number;
}

const notReported: SettlementFigures = { requested: null, decided: null, settled: null, inIntroductionProgramme: null };

const yearColumns = {
  municipalityNumber: settlementFigures.municipalityNumber,
  year: settlementFigures.year,
  requested: settlementFigures.requested,
  decided: settlementFigures.decided,
  settled: settlementFigures.settled,
  inIntroductionProgramme: settlementFigures.inIntroductionProgramme,
};

/** May enter figures for this kommune: its own coordinators and national admins (not county advisors). */
export function canEnterSettlement(actor: Actor, municipalityNumber: string): boolean {
  if (actor.kind !== "user") return false;
  return actor.roles.some((r) => r.role === "national_admin" || (r.role === "municipal_coordinator" && r.municipalityNumber === municipalityNumber));
}

/** Every reported year for one kommune, newest first. No rows → []. */
export async function readSettlementForMunicipality(municipalityNumber: string, db: Queryable = getDb()): Promise<SettlementYear[]> {
  return db
    .select(yearColumns)
    .from(settlementFigures)
    .where(eq(settlementFigures.municipalityNumber, municipalityNumber))
    .orderBy(desc(settlementFigures.year));
}

/**
 * One year's figures for many kommuner (null = every kommune): a map with an
 * entry for each kommune asked for, all-null figures where nothing is reported.
 */
export async function readSettlementForYear(year: number, municipalityNumbers: string[] | null = null): Promise<Map<string, SettlementFigures>> {
  const conditions: SQL[] = [eq(settlementFigures.year, year)];
  if (municipalityNumbers) {
    if (municipalityNumbers.length === 0) return new Map();
    conditions.push(inArray(settlementFigures.municipalityNumber, municipalityNumbers));
  }
  const rows = await getDb()
    .select(yearColumns)
    .from(settlementFigures)
    .where(and(...conditions));
  const numbers =
    municipalityNumbers ??
    (await getDb().select({ number: municipalities.number }).from(municipalities).orderBy(asc(municipalities.number))).map((m) => m.number);
  const result = new Map<string, SettlementFigures>(numbers.map((n) => [n, { ...notReported }]));
  for (const { municipalityNumber, year: _year, ...figures } of rows) result.set(municipalityNumber, figures);
  return result;
}

/** Every reported year for many kommuner (null = all), oldest first per kommune. */
export async function readSettlementForMunicipalities(municipalityNumbers: string[] | null): Promise<SettlementYear[]> {
  if (municipalityNumbers && municipalityNumbers.length === 0) return [];
  return getDb()
    .select(yearColumns)
    .from(settlementFigures)
    .where(municipalityNumbers ? inArray(settlementFigures.municipalityNumber, municipalityNumbers) : undefined)
    .orderBy(asc(settlementFigures.municipalityNumber), asc(settlementFigures.year));
}

/**
 * The latest year with a reported "bosatt" figure, for one or many kommuner
 * (null = anywhere), or null when nothing is reported.
 */
export async function latestSettlementYear(municipalityNumbers: string[] | null = null): Promise<number | null> {
  if (municipalityNumbers && municipalityNumbers.length === 0) return null;
  const conditions: SQL[] = [isNotNull(settlementFigures.settled)];
  if (municipalityNumbers) conditions.push(inArray(settlementFigures.municipalityNumber, municipalityNumbers));
  const [row] = await getDb()
    .select({ year: max(settlementFigures.year) })
    .from(settlementFigures)
    .where(and(...conditions));
  return row?.year ?? null;
}

async function requireMunicipality(number: string) {
  const row = await getMunicipality(number);
  if (!row) throw new AppError("not_found", "errors.notFound");
  return row;
}

/** The entry page: a kommune's years, for those who coordinate it (incl. its county advisor); mayEdit for those who may enter. */
export async function getSettlementPage(actor: Actor, municipalityNumber: string) {
  if (actor.kind !== "user") throw new AppError("unauthenticated", "errors.unauthenticated");
  const row = await requireMunicipality(municipalityNumber);
  if (!canCoordinateMunicipality(actor, municipalityNumber)) throw new AppError("forbidden", "errors.forbidden");
  return {
    municipality: { number: row.municipality.number, name: row.municipality.name, countyName: row.county.name },
    years: await readSettlementForMunicipality(municipalityNumber),
    mayEdit: canEnterSettlement(actor, municipalityNumber),
  };
}

async function upsertYear(db: Queryable, actor: Actor, row: SettlementYear): Promise<"inserted" | "updated" | "unchanged"> {
  const [before] = await db
    .select(yearColumns)
    .from(settlementFigures)
    .where(and(eq(settlementFigures.municipalityNumber, row.municipalityNumber), eq(settlementFigures.year, row.year)));
  if (before && settlementFigureFields.every((f) => before[f] === row[f])) return "unchanged";
  const values = {
    ...row,
    updatedBy: actor.kind === "user" ? actor.userId : null,
    updatedAt: new Date(),
  };
  await db
    .insert(settlementFigures)
    .values(values)
    .onConflictDoUpdate({
      target: [settlementFigures.municipalityNumber, settlementFigures.year],
      set: {
        requested: values.requested,
        decided: values.decided,
        settled: values.settled,
        inIntroductionProgramme: values.inIntroductionProgramme,
        updatedBy: values.updatedBy,
        updatedAt: values.updatedAt,
      },
    });
  return before ? "updated" : "inserted";
}

/**
 * Adds or changes one year's figures for a kommune (empty field = not
 * reported). Its coordinator or a national admin; audited.
 */
export async function upsertSettlementFigures(actor: Actor, municipalityNumber: string, input: unknown, now: Date = new Date()): Promise<SettlementYear> {
  if (actor.kind !== "user") throw new AppError("unauthenticated", "errors.unauthenticated");
  await requireMunicipality(municipalityNumber);
  if (!canEnterSettlement(actor, municipalityNumber)) throw new AppError("forbidden", "errors.forbidden");
  const figures = parseInput(settlementInputSchema(now), input);
  const row: SettlementYear = { municipalityNumber, ...figures };
  await getDb().transaction(async (tx) => {
    const [before] = await tx
      .select(yearColumns)
      .from(settlementFigures)
      .where(and(eq(settlementFigures.municipalityNumber, municipalityNumber), eq(settlementFigures.year, row.year)));
    const outcome = await upsertYear(tx, actor, row);
    if (outcome !== "unchanged") {
      await recordAudit(tx, actor, {
        action: "settlement.upsert",
        entityType: "settlement_figures",
        entityId: `${municipalityNumber}:${row.year}`,
        before: before ?? null,
        after: row,
      });
    }
  });
  return row;
}

// ---------------------------------------------------------------- CSV import

export interface ImportRejection {
  /** 1-based line number in the file (the header is line 1). */
  line: number;
  reason: ImportRejectReason;
  /** The line as it was, cut to 200 characters, for the report. */
  text: string;
}

export interface ParsedSettlementCsv {
  separator: ";" | ",";
  hasIntroductionColumn: boolean;
  rows: (SettlementYear & { line: number })[];
  rejected: ImportRejection[];
  /** Data lines read (blank lines not counted). */
  dataLines: number;
}

export interface SettlementImportReport extends ParsedSettlementCsv {
  dryRun: boolean;
  inserted: number;
  updated: number;
  unchanged: number;
}

const expectedHeader = ["kommunenummer", "år", "anmodning", "vedtak", "bosatt"];

function fileError(key: string): AppError {
  return new AppError("validation", "common.errorSummary", { file: { key } });
}

/** Splits one line into cells; double-quoted cells may contain the separator ("" is a quote). */
function splitCells(line: string, separator: string): string[] | null {
  const cells: string[] = [];
  let i = 0;
  for (;;) {
    if (line[i] === '"') {
      let value = "";
      i++;
      for (;;) {
        if (i >= line.length) return null; // unterminated quote
        if (line[i] === '"') {
          if (line[i + 1] === '"') {
            value += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        value += line[i++];
      }
      cells.push(value);
      if (i >= line.length) return cells;
      if (line[i] !== separator) return null;
      i++;
    } else {
      const next = line.indexOf(separator, i);
      if (next === -1) {
        cells.push(line.slice(i));
        return cells;
      }
      cells.push(line.slice(i, next));
      i = next + 1;
    }
  }
}

function normaliseHeaderCell(cell: string): string {
  return cell.trim().toLowerCase().replace(/^aar$/, "år").replace(/^ar$/, "år");
}

/**
 * Reads `kommunenummer;år;anmodning;vedtak;bosatt[;introduksjonsprogram]`
 * (header row required; `;` or `,` detected from the header; UTF-8 with or
 * without BOM; an empty cell = not reported). Each bad line is rejected with
 * its reason; the rest are returned. A file that is not such a CSV at all
 * (bad encoding, no header, too big) is refused as a whole.
 */
export function parseSettlementCsv(input: Uint8Array | string, knownMunicipalities: ReadonlySet<string>, now: Date = new Date()): ParsedSettlementCsv {
  let text: string;
  if (typeof input === "string") text = input;
  else {
    if (input.byteLength > SETTLEMENT_IMPORT_MAX_BYTES) throw fileError("settlement.import.error.tooBig");
    try {
      text = new TextDecoder("utf-8", { fatal: true }).decode(input);
    } catch {
      throw fileError("settlement.import.error.encoding");
    }
  }
  if (text.length > SETTLEMENT_IMPORT_MAX_BYTES) throw fileError("settlement.import.error.tooBig");
  text = text.replace(/^\uFEFF/, "");
  if (text.includes("\u0000")) throw fileError("settlement.import.error.encoding");
  const lines = text.split(/\r\n|\n|\r/);
  const headerIndex = lines.findIndex((l) => l.trim() !== "");
  if (headerIndex === -1) throw fileError("settlement.import.error.empty");
  const headerLine = lines[headerIndex]!;
  const separator = (headerLine.split(";").length >= headerLine.split(",").length ? ";" : ",") as ";" | ",";
  const header = (splitCells(headerLine, separator) ?? []).map(normaliseHeaderCell);
  const headerOk = (header.length === 5 || (header.length === 6 && /^intro/.test(header[5]!))) && expectedHeader.every((name, i) => header[i] === name);
  if (!headerOk) throw fileError("settlement.import.error.header");
  const columns = header.length;
  if (lines.length - headerIndex - 1 > SETTLEMENT_IMPORT_MAX_LINES) throw fileError("settlement.import.error.tooManyLines");

  const rows: ParsedSettlementCsv["rows"] = [];
  const rejected: ImportRejection[] = [];
  const seen = new Set<string>();
  let dataLines = 0;
  for (let index = headerIndex + 1; index < lines.length; index++) {
    const raw = lines[index]!;
    if (raw.trim() === "") continue;
    dataLines++;
    const line = index + 1;
    const reject = (reason: ImportRejectReason) => rejected.push({ line, reason, text: raw.slice(0, 200) });
    let cells = splitCells(raw, separator);
    // A spreadsheet may pad rows with trailing empty cells: ignore those beyond the header's columns.
    while (cells && cells.length > columns && cells[cells.length - 1]!.trim() === "") cells = cells.slice(0, -1);
    if (!cells || cells.length !== columns) {
      reject("columns");
      continue;
    }
    // Spreadsheets drop leading zeros: 301 is Oslo's 0301.
    const numberText = cells[0]!.trim();
    const municipalityNumber = /^\d{3}$/.test(numberText) ? `0${numberText}` : numberText;
    if (!/^\d{4}$/.test(municipalityNumber) || !knownMunicipalities.has(municipalityNumber)) {
      reject("municipality");
      continue;
    }
    const year = parseYear(cells[1]!, now);
    if (year === null) {
      reject("year");
      continue;
    }
    const figures: Partial<SettlementFigures> = {};
    let problem: ImportRejectReason | null = null;
    const fieldCells = cells.slice(2);
    for (let f = 0; f < settlementFigureFields.length; f++) {
      const field = settlementFigureFields[f]!;
      const parsed = parseFigure(fieldCells[f] ?? "");
      if (!parsed.ok) {
        problem = parsed.problem;
        break;
      }
      figures[field] = parsed.value;
    }
    if (problem) {
      reject(problem);
      continue;
    }
    const key = `${municipalityNumber}:${year}`;
    if (seen.has(key)) {
      reject("duplicate");
      continue;
    }
    seen.add(key);
    rows.push({ line, municipalityNumber, year, ...(figures as SettlementFigures) });
  }
  return { separator, hasIntroductionColumn: columns === 6, rows, rejected, dataLines };
}

async function knownMunicipalityNumbers(): Promise<Set<string>> {
  return new Set((await getDb().select({ number: municipalities.number }).from(municipalities)).map((m) => m.number));
}

async function runImport(
  auditActor: Actor,
  input: Uint8Array | string,
  options: { dryRun: boolean; now?: Date; source: string },
): Promise<SettlementImportReport> {
  const parsed = parseSettlementCsv(input, await knownMunicipalityNumbers(), options.now);
  const report: SettlementImportReport = { ...parsed, dryRun: options.dryRun, inserted: 0, updated: 0, unchanged: 0 };
  if (options.dryRun) return report;
  await getDb().transaction(async (tx) => {
    for (const { line: _line, ...row } of parsed.rows) report[await upsertYear(tx, auditActor, row)]++;
    await recordAudit(tx, auditActor, {
      action: "settlement.import",
      entityType: "settlement_figures",
      after: {
        source: options.source,
        inserted: report.inserted,
        updated: report.updated,
        unchanged: report.unchanged,
        rejected: report.rejected.length,
        years: parsed.rows.map((r) => `${r.municipalityNumber}:${r.year}`).slice(0, 1000),
      },
    });
  });
  return report;
}

/**
 * The CSV import for national admins. Valid lines are applied (upsert per
 * kommune and year; an empty cell clears that figure to "not reported"),
 * rejected lines are listed with their reason; `dryRun` writes nothing.
 */
export async function importSettlementCsv(actor: Actor, input: Uint8Array | string, options: { dryRun: boolean; now?: Date }): Promise<SettlementImportReport> {
  if (actor.kind !== "user") throw new AppError("unauthenticated", "errors.unauthenticated");
  if (!isNationalAdmin(actor)) throw new AppError("forbidden", "errors.forbidden");
  return runImport(actor, input, { ...options, source: "web" });
}

/** The same import for an operator on the command line (`npm run samspill -- import bosetting`); audited without a user. */
export async function importSettlementCsvAsOperator(input: Uint8Array | string, options: { dryRun: boolean; now?: Date }): Promise<SettlementImportReport> {
  return runImport(anonymous(null), input, { ...options, source: "cli" });
}

/** Whether the actor may use the import page (national admins). */
export function requireSettlementImporter(actor: Actor): void {
  if (actor.kind !== "user") throw new AppError("unauthenticated", "errors.unauthenticated");
  if (!isNationalAdmin(actor)) throw new AppError("forbidden", "errors.forbidden");
}
