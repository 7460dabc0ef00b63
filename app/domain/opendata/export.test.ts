import ExcelJS from "exceljs";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/db/client.server.ts";
import { activities } from "~/db/schema/index.ts";
import { seedDemoData } from "~/domain/demo/seed.server.ts";
import { demoActivityIds, demoOrganizationIds } from "~/domain/demo/ids.ts";
import { createActor } from "../../../tests/factories.ts";
import { collectSearchResults, exportColumns, exportFilename, exportRows, neutralizeFormula, toCsv, toXlsx, EXPORT_MAX_ROWS } from "./export.server.ts";

const now = new Date();

beforeAll(async () => {
  await seedDemoData();
});

/** A small RFC 4180 reader for our own output (";" separated, CRLF, "" inside quotes). */
function parseCsv(csv: string): string[][] {
  expect(csv.startsWith("\uFEFF")).toBe(true);
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  const text = csv.slice(1);
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ";") {
      row.push(field);
      field = "";
    } else if (c === "\r" && text[i + 1] === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      i++;
    } else field += c;
  }
  if (field || row.length) {
    row.push(field);
    rows.push(row);
  }
  for (const r of rows) expect(r).toHaveLength(exportColumns().length);
  return rows;
}

describe("CSV and Excel export of a finder search", () => {
  it("exports what an anonymous visitor finds, with a header row, BOM and semicolons", async () => {
    const items = await collectSearchResults({ municipality: "3403" }, { now });
    const ids = items.map((i) => i.id);
    expect(ids).toContain(demoActivityIds.hamarLanguageCafe);
    expect(ids).not.toContain(demoActivityIds.hamarInternal);
    expect(ids).not.toContain(demoActivityIds.hamarPartners);
    const rows = parseCsv(toCsv(exportRows(items)));
    expect(rows[0]).toEqual(exportColumns());
    expect(rows).toHaveLength(items.length + 1);
    const cafe = rows.find((r) => r[0] === "Språkkafé på Hamar bibliotek")!;
    expect(cafe[1]).toBe("Språkvenner Hamar");
    expect(cafe[2]).toBe("Hamar");
    expect(cafe[3]).toContain("Språk og norsktrening");
    expect(cafe[7]).toBe("Grønnegata 12");
    expect(cafe[10]).toBe("60,7945");
    expect(cafe[15]).toMatch(/\/aktiviteter\/00000000-0000-4000-8000-00000000a101$/);
  });

  it("uses the finder's filters and search", async () => {
    const items = await collectSearchResults({ q: "leksehjelp" }, { now });
    expect(items.map((i) => i.id).sort()).toEqual(
      [demoActivityIds.hamarHomework, demoActivityIds.hamarLibraryHomework, demoActivityIds.tonsbergHomework].sort(),
    );
    expect(await collectSearchResults({ q: "'; drop table activities; --", themes: "<script>", page: "-5" }, { now })).toEqual(expect.any(Array));
  });

  it("includes what a signed-in user may read: Hamar's coordinator gets the internal activity, Tønsberg's does not", async () => {
    const hamar = await createActor({ roles: [{ role: "municipal_coordinator", municipalityNumber: "3403" }] });
    const tonsberg = await createActor({ roles: [{ role: "municipal_coordinator", municipalityNumber: "3905" }] });
    const member = await createActor({ memberships: [{ organizationId: demoOrganizationIds.hamarLanguageCafe, role: "member" }] });
    expect((await collectSearchResults({ municipality: "3403" }, { actor: hamar, now })).map((i) => i.id)).toContain(demoActivityIds.hamarInternal);
    expect((await collectSearchResults({ municipality: "3403" }, { actor: tonsberg, now })).map((i) => i.id)).not.toContain(demoActivityIds.hamarInternal);
    // The partners-only activity's partner is Språkvenner Hamar (…102).
    expect((await collectSearchResults({ municipality: "3403" }, { actor: member, now })).map((i) => i.id)).toContain(demoActivityIds.hamarPartners);
  });

  it("neutralises spreadsheet formulas in CSV cells", async () => {
    expect(neutralizeFormula('=HYPERLINK("http://evil.example")')).toBe('\'=HYPERLINK("http://evil.example")');
    for (const start of ["=", "+", "-", "@", "\t", "\r"]) expect(neutralizeFormula(`${start}1+1`)).toBe(`'${start}1+1`);
    expect(neutralizeFormula("Leksehjelp")).toBe("Leksehjelp");
    expect(neutralizeFormula(12.5)).toBe(12.5);
    const db = getDb();
    await db.update(activities).set({ title: "=cmd|'/C calc'!A0", costDescription: "@SUM(1+1)" }).where(eq(activities.id, demoActivityIds.kinnEvening));
    const items = await collectSearchResults({ municipality: "4602" }, { now });
    const rows = parseCsv(toCsv(exportRows(items)));
    const evil = rows.find((r) => r[0]!.includes("cmd"))!;
    expect(evil[0]).toBe("'=cmd|'/C calc'!A0");
    expect(evil[13]).toBe("'@SUM(1+1)");
    // Excel files keep text as text cells, never formulas.
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await toXlsx(exportRows(items))) as never);
    const sheet = workbook.getWorksheet("Aktiviteter")!;
    const cells = sheet.getColumn(1).values.filter(Boolean) as unknown[];
    expect(cells[0]).toBe("Tittel");
    expect(cells).toContain("=cmd|'/C calc'!A0");
    sheet.eachRow((row) => row.eachCell((cell) => expect(cell.type).not.toBe(ExcelJS.ValueType.Formula)));
    await db
      .update(activities)
      .set({ title: "Fleirkulturell kveld", costDescription: "50 kroner for mat, gratis for barn." })
      .where(eq(activities.id, demoActivityIds.kinnEvening));
  });

  it("writes an Excel sheet with the same rows and a dated file name", async () => {
    const items = await collectSearchResults({}, { now });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await toXlsx(exportRows(items))) as never);
    const sheet = workbook.getWorksheet("Aktiviteter")!;
    expect(sheet.rowCount).toBe(items.length + 1);
    expect(sheet.getRow(1).values).toEqual([undefined, ...exportColumns()]);
    expect(exportFilename("csv", new Date("2026-11-23T23:30:00Z"))).toBe("samspill-aktiviteter-2026-11-24.csv");
    expect(exportFilename("xlsx", new Date("2026-06-01T10:00:00Z"))).toBe("samspill-aktiviteter-2026-06-01.xlsx");
  });

  it("stops at the finder's cap, paging 100 at a time", async () => {
    const org = demoOrganizationIds.kinnSportsClub;
    const rows = Array.from({ length: EXPORT_MAX_ROWS + 20 }, (_, i) => ({
      organizationId: org,
      municipalityNumber: "4602",
      title: `Massetest ${i}`,
      status: "active" as const,
      visibility: "public" as const,
      lastConfirmedAt: now,
    }));
    const db = getDb();
    for (let i = 0; i < rows.length; i += 500) await db.insert(activities).values(rows.slice(i, i + 500));
    const items = await collectSearchResults({ q: "massetest" }, { now });
    expect(items).toHaveLength(EXPORT_MAX_ROWS);
    expect(new Set(items.map((i) => i.id)).size).toBe(EXPORT_MAX_ROWS);
    await db.delete(activities).where(eq(activities.organizationId, org));
  });
});
