import { stringify } from "csv-stringify/sync";
import ExcelJS from "exceljs";
import type { Actor } from "~/domain/auth/actor.ts";
import { anonymous } from "~/domain/auth/actor.ts";
import { COUNT_CAP, searchActivities, type ActivitySearchItem } from "~/domain/activities/search.server.ts";
import type { ActivitySearchParams } from "~/domain/activities/activities.schema.ts";
import { formatOsloLocal } from "~/domain/activities/schedule.ts";
import { getEnv } from "~/env.server.ts";
import { getTranslator } from "~/i18n/translate.ts";
import type { MessageKey } from "~/i18n/messages.ts";
import { labelOf } from "~/i18n/labels.ts";
import type { Locale } from "~/i18n/config.ts";

/**
 * CSV and Excel downloads of a finder search (/aktiviteter/eksport.csv|xlsx
 * with the finder's own query string). The same search as the page, run with
 * the visitor's actor, paged through 100 at a time up to the finder's cap.
 */
export const EXPORT_PAGE_SIZE = 100;
export const EXPORT_MAX_ROWS = COUNT_CAP;

const columnKeys = [
  "opendata.export.title",
  "opendata.export.organization",
  "opendata.export.municipality",
  "opendata.export.themes",
  "opendata.export.targetGroups",
  "opendata.export.languages",
  "opendata.export.nextOccurrence",
  "opendata.export.address",
  "opendata.export.postalCode",
  "opendata.export.postalPlace",
  "opendata.export.latitude",
  "opendata.export.longitude",
  "opendata.export.free",
  "opendata.export.cost",
  "opendata.export.seeksVolunteers",
  "opendata.export.url",
] as const satisfies readonly MessageKey[];

/** The header row in the visitor's language. */
export function exportColumns(locale: Locale = "nb"): string[] {
  const t = getTranslator(locale);
  return columnKeys.map((k) => t(k));
}

export type ExportCell = string | number | null;

/** All matching activities the actor may read, at most EXPORT_MAX_ROWS, in the finder's order. */
export async function collectSearchResults(rawParams: ActivitySearchParams, options: { actor?: Actor; now?: Date } = {}) {
  const actor = options.actor ?? anonymous();
  const items: ActivitySearchItem[] = [];
  for (let page = 1; items.length < EXPORT_MAX_ROWS; page++) {
    const result = await searchActivities({ ...rawParams, page, pageSize: EXPORT_PAGE_SIZE }, { actor, now: options.now });
    items.push(...result.items);
    if (page >= result.pageCount || result.items.length < EXPORT_PAGE_SIZE) break;
  }
  return items.slice(0, EXPORT_MAX_ROWS);
}

/** One row per activity, values as people read them (labels in the visitor's language, not codes); the activity text as written. */
export function exportRows(items: ActivitySearchItem[], locale: Locale = "nb"): ExportCell[][] {
  const t = getTranslator(locale);
  const yesNo = (b: boolean) => t(b ? "opendata.export.yes" : "opendata.export.no");
  const languageNames = new Intl.DisplayNames([locale === "en" ? "en" : "nb"], { type: "language", fallback: "code" });
  const base = getEnv().PUBLIC_URL;
  return items.map((a) => [
    a.title,
    a.organizationName,
    a.municipalityName,
    a.themes.map((x) => labelOf(t, "theme", x)).join(", "),
    a.targetGroups.map((x) => labelOf(t, "targetGroup", x)).join(", "),
    a.languages.map((x) => languageNames.of(x) ?? x).join(", "),
    a.nextOccurrenceAt ? formatOsloLocal(a.nextOccurrenceAt).replace("T", " ") : "",
    a.address ?? "",
    a.postalCode ?? "",
    a.postalPlace ?? "",
    a.latitude,
    a.longitude,
    yesNo(a.isFree),
    a.costDescription ?? "",
    yesNo(a.seeksVolunteers),
    new URL(`/aktiviteter/${a.id}`, base).toString(),
  ]);
}

/**
 * A cell a spreadsheet could take for a formula (=, +, -, @, or a tab or
 * carriage return that some programs strip first) gets a leading apostrophe,
 * so a title like "=HYPERLINK(...)" stays text (OWASP "CSV injection").
 */
export function neutralizeFormula(value: ExportCell): ExportCell {
  if (typeof value !== "string") return value;
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** UTF-8 with BOM and ";" between fields: what Excel with Norwegian settings opens correctly by double-click. */
export function toCsv(rows: ExportCell[][], locale: Locale = "nb"): string {
  const body = stringify([exportColumns(locale), ...rows.map((r) => r.map(neutralizeFormula))], {
    delimiter: ";",
    record_delimiter: "windows",
    cast: { number: (n) => String(n).replace(".", ",") },
  });
  return `\uFEFF${body}`;
}

/** Excel never evaluates a string cell, so text is written as it is (no apostrophe). */
export async function toXlsx(rows: ExportCell[][], locale: Locale = "nb"): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Samspill";
  const sheet = workbook.addWorksheet(getTranslator(locale)("opendata.export.sheet"), { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.addRow(exportColumns(locale)).font = { bold: true };
  for (const row of rows) sheet.addRow(row);
  sheet.columns.forEach((column, i) => {
    column.width = [40, 30, 16, 30, 24, 20, 17, 26, 11, 16, 12, 12, 8, 24, 15, 50][i] ?? 16;
  });
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columnKeys.length } };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** "samspill-aktiviteter-2026-11-23.csv", the date in Norway. */
export function exportFilename(extension: "csv" | "xlsx", now = new Date(), locale: Locale = "nb") {
  return `${getTranslator(locale)("opendata.export.filename", { date: formatOsloLocal(now).slice(0, 10) })}.${extension}`;
}
