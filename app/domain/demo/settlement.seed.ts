import type { Queryable } from "~/db/client.server.ts";
import { settlementFigures } from "~/db/schema/index.ts";

/**
 * Demo settlement figures for the three pilot kommuner, 2023–2026 (made up
 * but plausible: IMDi's request, the kommune's decision, those settled, and
 * how many are in the introduction programme). 2026 is the year in progress,
 * so "bosatt" and the programme figure are not reported yet. Every other
 * kommune has no rows: "not reported", never 0.
 */
export const demoSettlementFigures: {
  municipalityNumber: string;
  year: number;
  requested: number | null;
  decided: number | null;
  settled: number | null;
  inIntroductionProgramme: number | null;
}[] = [
  { municipalityNumber: "3403", year: 2023, requested: 70, decided: 70, settled: 74, inIntroductionProgramme: 61 },
  { municipalityNumber: "3403", year: 2024, requested: 60, decided: 60, settled: 58, inIntroductionProgramme: 55 },
  { municipalityNumber: "3403", year: 2025, requested: 45, decided: 40, settled: 41, inIntroductionProgramme: 38 },
  { municipalityNumber: "3403", year: 2026, requested: 35, decided: 35, settled: null, inIntroductionProgramme: null },
  { municipalityNumber: "3905", year: 2023, requested: 90, decided: 85, settled: 88, inIntroductionProgramme: 70 },
  { municipalityNumber: "3905", year: 2024, requested: 75, decided: 75, settled: 71, inIntroductionProgramme: 64 },
  { municipalityNumber: "3905", year: 2025, requested: 55, decided: 50, settled: 49, inIntroductionProgramme: null },
  { municipalityNumber: "3905", year: 2026, requested: 45, decided: null, settled: null, inIntroductionProgramme: null },
  { municipalityNumber: "4602", year: 2023, requested: 40, decided: 40, settled: 37, inIntroductionProgramme: 30 },
  { municipalityNumber: "4602", year: 2024, requested: 30, decided: 30, settled: 31, inIntroductionProgramme: 27 },
  { municipalityNumber: "4602", year: 2025, requested: 25, decided: 20, settled: 22, inIntroductionProgramme: 19 },
  { municipalityNumber: "4602", year: 2026, requested: 20, decided: 20, settled: null, inIntroductionProgramme: null },
];

/** Idempotent: existing rows (perhaps edited in the demo) are left as they are. */
export async function seedDemoSettlement(tx: Queryable): Promise<void> {
  await tx.insert(settlementFigures).values(demoSettlementFigures).onConflictDoNothing();
}
