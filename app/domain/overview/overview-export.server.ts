import { stringify } from "csv-stringify/sync";
import ExcelJS from "exceljs";
import { AppError } from "~/lib/errors.ts";
import { foldText } from "~/lib/text.ts";
import type { Actor } from "~/domain/auth/actor.ts";
import { neutralizeFormula, type ExportCell } from "~/domain/opendata/export.server.ts";
import { formatOsloLocal } from "~/domain/activities/schedule.ts";
import { getTranslator } from "~/i18n/translate.ts";
import { labelOf } from "~/i18n/labels.ts";
import type { Locale } from "~/i18n/config.ts";
import { getMunicipalityOverview, type MunicipalityOverview } from "./overview.server.ts";

/**
 * CSV/XLSX downloads of the overview's tables
 * (/kommuner/:number/oversikt/eksport.csv|xlsx?tabell=tema|malgruppe|hull|utdatert).
 * Same data and authorization as the page: non-coordinators get the public
 * scope, and the stale table only exists for coordinators. CSV as the finder
 * export: UTF-8 with BOM, ";" and the formula-injection guard.
 */

export const overviewTables = ["tema", "malgruppe", "hull", "utdatert"] as const;
export type OverviewTable = (typeof overviewTables)[number];

export interface OverviewTableData {
  table: OverviewTable;
  header: string[];
  rows: ExportCell[][];
}

/** "Not reported" stays a word, never an empty cell that could read as zero. */
function perHundredCell(value: number | null, notReported: string): ExportCell {
  return value === null ? notReported : value;
}

export function overviewTableRows(overview: MunicipalityOverview, table: OverviewTable, locale: Locale = "nb"): OverviewTableData {
  const t = getTranslator(locale);
  const notReported = t("overview.notReported");
  const figureHeader = [
    t("overview.col.activities"),
    t("overview.col.organizations"),
    t("overview.col.capacity"),
    t("overview.col.volunteers"),
    t("overview.col.perHundred"),
  ];
  switch (table) {
    case "tema":
    case "malgruppe": {
      const rows = table === "tema" ? overview.themes : overview.targetGroups;
      const label = (key: string) => labelOf(t, table === "tema" ? "theme" : "targetGroup", key);
      return {
        table,
        header: [t(table === "tema" ? "overview.col.theme" : "overview.col.targetGroup"), ...figureHeader],
        rows: rows.map((r) => [
          label(r.key),
          r.activityCount,
          r.organizationCount,
          r.capacity,
          r.seekingVolunteers,
          perHundredCell(r.perHundredSettled, notReported),
        ]),
      };
    }
    case "hull":
      return {
        table,
        header: [t("overview.col.dimension"), t("overview.col.name"), t("overview.col.activities"), t("overview.col.threshold")],
        rows: overview.gaps.map((g) => [
          t(g.dimension === "theme" ? "overview.col.theme" : "overview.col.targetGroup"),
          labelOf(t, g.dimension === "theme" ? "theme" : "targetGroup", g.key),
          g.activityCount,
          overview.gapThreshold,
        ]),
      };
    case "utdatert": {
      if (!overview.stale) throw new AppError("not_found", "errors.notFound");
      const date = (d: Date | null) => (d ? formatOsloLocal(d).slice(0, 10) : t("overview.stale.never"));
      return {
        table,
        header: [
          t("overview.col.kind"),
          t("overview.col.name"),
          t("overview.col.organization"),
          t("overview.col.lastConfirmed"),
          t("overview.col.reminderSent"),
        ],
        rows: [
          ...overview.stale.activities.map((a) => [
            t("overview.stale.kindActivity"),
            a.title,
            a.organizationName,
            date(a.lastConfirmedAt),
            a.reminderSentAt ? date(a.reminderSentAt) : "",
          ]),
          ...overview.stale.organizations.map((o) => [
            t("overview.stale.kindOrganization"),
            o.name,
            o.name,
            date(o.lastConfirmedAt),
            o.lastReminderAt ? date(o.lastReminderAt) : "",
          ]),
        ],
      };
    }
  }
}

/** Reads the overview as the actor and returns the asked table; unknown table names are a 400. */
export async function getOverviewTable(actor: Actor, number: string, options: { table?: unknown; year?: unknown; locale?: Locale; now?: Date }) {
  const table = overviewTables.find((x) => x === options.table);
  if (!table) throw new AppError("validation", "overview.error.table", { tabell: { key: "overview.error.table" } });
  const overview = await getMunicipalityOverview(actor, number, { year: options.year, now: options.now });
  return { overview, data: overviewTableRows(overview, table, options.locale) };
}

export function overviewCsv(data: OverviewTableData): string {
  const body = stringify([data.header, ...data.rows.map((r) => r.map(neutralizeFormula))], {
    delimiter: ";",
    record_delimiter: "windows",
    cast: { number: (n) => String(n).replace(".", ",") },
  });
  return `\uFEFF${body}`;
}

export async function overviewXlsx(data: OverviewTableData, sheetName: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Samspill";
  const sheet = workbook.addWorksheet(sheetName.slice(0, 31).replace(/[\\/?*[\]:]/g, " "), { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.addRow(data.header).font = { bold: true };
  for (const row of data.rows) sheet.addRow(row);
  sheet.columns.forEach((column, i) => {
    column.width = i === 0 || i === 1 ? 34 : 16;
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** "samspill-oversikt-hamar-tema-2026.csv" */
export function overviewFilename(overview: MunicipalityOverview, table: OverviewTable, extension: "csv" | "xlsx"): string {
  const slug = foldText(overview.municipality.name)
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
  return `samspill-oversikt-${slug || overview.municipality.number}-${table}-${overview.year}.${extension}`;
}
