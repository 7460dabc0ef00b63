import { describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { getDb } from "~/db/client.server.ts";
import { auditLog, settlementFigures } from "~/db/schema/index.ts";
import { AppError } from "~/lib/errors.ts";
import { createActor } from "../../../tests/factories.ts";
import {
  getSettlementPage,
  importSettlementCsv,
  importSettlementCsvAsOperator,
  latestSettlementYear,
  parseSettlementCsv,
  readSettlementForMunicipalities,
  readSettlementForMunicipality,
  readSettlementForYear,
  upsertSettlementFigures,
} from "./settlement.server.ts";
import { getOverviewSettings, updateGapThreshold } from "~/domain/overview/settings.server.ts";
import { anonymous } from "~/domain/auth/actor.ts";
import { appErrorOf } from "../../../tests/app-error.ts";

const now = new Date("2026-11-23T12:00:00Z");
const hamar = "3403";
const tonsberg = "3905";
const kinn = "4602";

async function rowsFor(number: string) {
  return getDb().select().from(settlementFigures).where(eq(settlementFigures.municipalityNumber, number));
}

describe("settlement figures: entry by form", () => {
  it("the kommune's coordinator adds a year, empty fields stay 'not reported' (null, not 0), and a second save updates it; audited", async () => {
    const coordinator = await createActor({ roles: [{ role: "municipal_coordinator", municipalityNumber: hamar }] });
    await upsertSettlementFigures(coordinator, hamar, { year: "2024", requested: "60", decided: "60", settled: "58", inIntroductionProgramme: "" }, now);
    expect(await readSettlementForMunicipality(hamar)).toEqual([
      { municipalityNumber: hamar, year: 2024, requested: 60, decided: 60, settled: 58, inIntroductionProgramme: null },
    ]);
    await upsertSettlementFigures(coordinator, hamar, { year: "2024", requested: "60", decided: "65", settled: "1 02", inIntroductionProgramme: "40" }, now);
    const [row] = await rowsFor(hamar);
    expect([row!.decided, row!.settled, row!.inIntroductionProgramme, row!.updatedBy]).toEqual([65, 102, 40, coordinator.userId]);
    const audits = await getDb()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "settlement.upsert"), eq(auditLog.entityId, `${hamar}:2024`)));
    expect(audits).toHaveLength(2);
    expect(audits.map((a) => a.actorUserId)).toEqual([coordinator.userId, coordinator.userId]);
  });

  it("refuses bad input with a field error per field and writes nothing", async () => {
    const coordinator = await createActor({ roles: [{ role: "municipal_coordinator", municipalityNumber: kinn }] });
    const cases: [Record<string, unknown>, Record<string, string>][] = [
      [{ year: "1999" }, { year: "settlement.error.year" }],
      [{ year: "2028" }, { year: "settlement.error.year" }],
      [{ year: "" }, { year: "settlement.error.year" }],
      [{ year: ["2024", "2025"] }, { year: "settlement.error.year" }],
      [{ year: "2024", requested: "-5" }, { requested: "settlement.error.negative" }],
      [{ year: "2024", decided: "12.5" }, { decided: "settlement.error.notANumber" }],
      [{ year: "2024", settled: "<script>alert(1)</script>" }, { settled: "settlement.error.notANumber" }],
      [{ year: "2024", settled: "1; DROP TABLE settlement_figures" }, { settled: "settlement.error.notANumber" }],
      [{ year: "2024", settled: "100001" }, { settled: "settlement.error.tooLarge" }],
      [{ year: "2024", inIntroductionProgramme: "9".repeat(10_000) }, { inIntroductionProgramme: "settlement.error.notANumber" }],
      [{ year: "2024", requested: ["1", "2"] }, { requested: "settlement.error.notANumber" }],
    ];
    for (const [input, expected] of cases) {
      const error = await appErrorOf(upsertSettlementFigures(coordinator, kinn, input, now));
      expect(error.code).toBe("validation");
      expect(Object.fromEntries(Object.entries(error.fieldErrors).map(([k, v]) => [k, v.key]))).toEqual(expected);
    }
    expect(await rowsFor(kinn)).toEqual([]);
  });

  it("only the kommune's own coordinator and national admins may enter; the county advisor reads; other kommuner's coordinators get 403", async () => {
    const tonsbergCoordinator = await createActor({ roles: [{ role: "municipal_coordinator", municipalityNumber: tonsberg }] });
    const innlandet = await createActor({ roles: [{ role: "county_advisor", countyNumber: "34" }] });
    const admin = await createActor({ roles: [{ role: "national_admin" }] });
    const member = await createActor();
    const input = { year: "2023", requested: "10", decided: "10", settled: "9" };
    await expect(upsertSettlementFigures(tonsbergCoordinator, "3405", input, now)).rejects.toBeAppError("forbidden");
    await expect(upsertSettlementFigures(innlandet, "3405", input, now)).rejects.toBeAppError("forbidden");
    await expect(upsertSettlementFigures(member, "3405", input, now)).rejects.toBeAppError("forbidden");
    await expect(upsertSettlementFigures(anonymous(), "3405", input, now)).rejects.toBeAppError("unauthenticated");
    await expect(upsertSettlementFigures(admin, "9999", input, now)).rejects.toBeAppError("not_found");
    expect(await rowsFor("3405")).toEqual([]);
    await upsertSettlementFigures(admin, "3405", input, now);

    const page = await getSettlementPage(innlandet, "3405");
    expect(page.mayEdit).toBe(false);
    expect(page.years.map((y) => y.settled)).toEqual([9]);
    expect((await getSettlementPage(admin, "3405")).mayEdit).toBe(true);
    await expect(getSettlementPage(innlandet, tonsberg)).rejects.toBeAppError("forbidden");
    await expect(getSettlementPage(tonsbergCoordinator, "3405")).rejects.toBeAppError("forbidden");
    await expect(getSettlementPage(member, "3405")).rejects.toBeAppError("forbidden");
    await expect(getSettlementPage(admin, "abc")).rejects.toBeAppError("not_found");
  });

  it("read helpers: a year for many kommuner gives null for those not reported, and the latest year with a settled figure", async () => {
    const admin = await createActor({ roles: [{ role: "national_admin" }] });
    await upsertSettlementFigures(admin, "3407", { year: "2025", requested: "30", decided: "", settled: "" }, now);
    await upsertSettlementFigures(admin, "3407", { year: "2024", requested: "30", decided: "28", settled: "0" }, now);
    const year2024 = await readSettlementForYear(2024, ["3407", "3411"]);
    expect(year2024.get("3407")).toEqual({ requested: 30, decided: 28, settled: 0, inIntroductionProgramme: null });
    expect(year2024.get("3411")).toEqual({ requested: null, decided: null, settled: null, inIntroductionProgramme: null });
    const all = await readSettlementForYear(2024);
    expect(all.size).toBeGreaterThanOrEqual(357);
    expect(await latestSettlementYear(["3407"])).toBe(2024);
    expect(await latestSettlementYear(["3411"])).toBeNull();
    expect((await readSettlementForMunicipalities(["3407"])).map((r) => r.year)).toEqual([2024, 2025]);
  });
});

describe("settlement figures: CSV import", () => {
  const known = new Set([hamar, tonsberg, kinn, "0301"]);

  it("parses ; or , with or without BOM, pads 3-digit numbers, and reports each bad line with its line number and reason", () => {
    const csv = [
      "\uFEFFkommunenummer;år;anmodning;vedtak;bosatt",
      "3403;2024;60;60;58",
      "3905;2024;;;",
      "",
      "301;2024;1 200;1200;1100",
      "9999;2024;1;1;1",
      "3403;1999;1;1;1",
      "3403;2025;-1;1;1",
      "3403;2025;abc;1;1",
      "3403;2025;1;1",
      "3403;2024;1;1;1",
      "4602;2025;1;1;100001",
    ].join("\r\n");
    const parsed = parseSettlementCsv(csv, known, now);
    expect(parsed.separator).toBe(";");
    expect(parsed.rows.map((r) => [r.line, r.municipalityNumber, r.year, r.requested, r.decided, r.settled])).toEqual([
      [2, hamar, 2024, 60, 60, 58],
      [3, tonsberg, 2024, null, null, null],
      [5, "0301", 2024, 1200, 1200, 1100],
    ]);
    expect(parsed.rejected.map((r) => [r.line, r.reason])).toEqual([
      [6, "municipality"],
      [7, "year"],
      [8, "negative"],
      [9, "notANumber"],
      [10, "columns"],
      [11, "duplicate"],
      [12, "tooLarge"],
    ]);

    const comma = parseSettlementCsv('Kommunenummer,År,Anmodning,Vedtak,Bosatt,Introduksjonsprogram\n3403,2023,"50",50,49,30\n', known, now);
    expect(comma.separator).toBe(",");
    expect(comma.hasIntroductionColumn).toBe(true);
    expect(comma.rows[0]).toMatchObject({ municipalityNumber: hamar, year: 2023, settled: 49, inIntroductionProgramme: 30 });
  });

  it("hostile lines (HTML, SQL, 10,000 characters, quotes) are rejected line by line, cut to 200 characters in the report", () => {
    const csv = [
      "kommunenummer;år;anmodning;vedtak;bosatt",
      "<script>alert(1)</script>;2024;1;1;1",
      "3403;2024;1;1;1); DROP TABLE settlement_figures; --",
      `3403;2024;${"9".repeat(10_000)};1;1`,
      `3403;2025;"1;2";1;1`,
      `3403;2025;"unterminated;1;1;1`,
      "3403;2025;1e3;1;1",
      "3403;2025;0x10;1;1",
    ].join("\n");
    const parsed = parseSettlementCsv(csv, known, now);
    expect(parsed.rows).toEqual([]);
    expect(parsed.rejected.map((r) => r.reason)).toEqual(["municipality", "columns", "tooLarge", "notANumber", "columns", "notANumber", "notANumber"]);
    expect(Math.max(...parsed.rejected.map((r) => r.text.length))).toBeLessThanOrEqual(200);
  });

  it("refuses a whole file without the header, in another encoding, empty or too big", () => {
    const key = (fn: () => unknown) => {
      try {
        fn();
      } catch (error) {
        return (error as AppError).fieldErrors.file?.key;
      }
      return null;
    };
    expect(key(() => parseSettlementCsv("3403;2024;60;60;58\n", known, now))).toBe("settlement.import.error.header");
    expect(key(() => parseSettlementCsv("", known, now))).toBe("settlement.import.error.empty");
    expect(key(() => parseSettlementCsv(new Uint8Array([0x6b, 0xe5, 0x72]), known, now))).toBe("settlement.import.error.encoding");
    expect(key(() => parseSettlementCsv(new Uint8Array(1_000_001), known, now))).toBe("settlement.import.error.tooBig");
    expect(key(() => parseSettlementCsv("<html><body>not csv</body></html>", known, now))).toBe("settlement.import.error.header");
  });

  it("national admins only; a dry run writes nothing; applying writes the valid lines, lists the rejected ones and is audited; running it again changes nothing", async () => {
    const admin = await createActor({ roles: [{ role: "national_admin" }] });
    const coordinator = await createActor({ roles: [{ role: "municipal_coordinator", municipalityNumber: "3901" }] });
    const csv = "kommunenummer;år;anmodning;vedtak;bosatt\n3901;2024;20;20;19\n3901;2023;15;;\n3901;20x4;1;1;1\n";
    await expect(importSettlementCsv(coordinator, csv, { dryRun: true, now })).rejects.toBeAppError("forbidden");

    const dry = await importSettlementCsv(admin, csv, { dryRun: true, now });
    expect([dry.rows.length, dry.rejected.length, dry.inserted]).toEqual([2, 1, 0]);
    expect(await rowsFor("3901")).toEqual([]);

    const applied = await importSettlementCsv(admin, csv, { dryRun: false, now });
    expect([applied.inserted, applied.updated, applied.unchanged, applied.rejected.map((r) => r.line)]).toEqual([2, 0, 0, [4]]);
    expect((await readSettlementForMunicipality("3901")).map((r) => [r.year, r.requested, r.decided, r.settled])).toEqual([
      [2024, 20, 20, 19],
      [2023, 15, null, null],
    ]);
    const again = await importSettlementCsvAsOperator(csv, { dryRun: false, now });
    expect([again.inserted, again.updated, again.unchanged]).toEqual([0, 0, 2]);
    const audits = await getDb().select().from(auditLog).where(eq(auditLog.action, "settlement.import"));
    expect(audits.map((a) => a.actorUserId)).toEqual([admin.userId, null]);
  });
});

describe("overview settings: gap threshold", () => {
  it("defaults to 2; the coordinator or a national admin sets 0..100 (audited); others are refused; bad input writes nothing", async () => {
    const coordinator = await createActor({ roles: [{ role: "municipal_coordinator", municipalityNumber: "3420" }] });
    const innlandet = await createActor({ roles: [{ role: "county_advisor", countyNumber: "34" }] });
    const other = await createActor({ roles: [{ role: "municipal_coordinator", municipalityNumber: tonsberg }] });
    expect(await getOverviewSettings("3420")).toEqual({ gapThreshold: 2, isSet: false });
    for (const bad of ["-1", "101", "2.5", "", "abc", "<b>3</b>", "9".repeat(10_000), ["1", "2"]]) {
      expect((await appErrorOf(updateGapThreshold(coordinator, "3420", { gapThreshold: bad }))).fieldErrors.gapThreshold?.key).toBe(
        "settlement.error.threshold",
      );
    }
    expect(await getOverviewSettings("3420")).toEqual({ gapThreshold: 2, isSet: false });
    await expect(updateGapThreshold(innlandet, "3420", { gapThreshold: "3" })).rejects.toBeAppError("forbidden");
    await expect(updateGapThreshold(other, "3420", { gapThreshold: "3" })).rejects.toBeAppError("forbidden");
    await updateGapThreshold(coordinator, "3420", { gapThreshold: "0" });
    expect(await getOverviewSettings("3420")).toEqual({ gapThreshold: 0, isSet: true });
    await updateGapThreshold(coordinator, "3420", { gapThreshold: " 5 " });
    expect((await getOverviewSettings("3420")).gapThreshold).toBe(5);
    const audits = await getDb()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "overview.gap_threshold"), eq(auditLog.entityId, "3420")));
    expect(audits).toHaveLength(2);
  });
});

describe("demo settlement figures", () => {
  it("seed the three pilot kommuner for 2023–2026 idempotently, leave the rest unreported", async () => {
    const { seedDemoSettlement } = await import("~/domain/demo/settlement.seed.ts");
    await seedDemoSettlement(getDb());
    await seedDemoSettlement(getDb());
    expect((await readSettlementForMunicipality(tonsberg)).map((r) => r.year)).toEqual([2026, 2025, 2024, 2023]);
    expect((await readSettlementForMunicipality(kinn)).map((r) => r.year)).toEqual([2026, 2025, 2024, 2023]);
    expect((await readSettlementForMunicipality(tonsberg))[0]!.settled).toBeNull();
    expect(await readSettlementForMunicipality("3401")).toEqual([]);
    expect((await readSettlementForYear(2025, [kinn, "3401"])).get("3401")!.settled).toBeNull();
  });
});
