import { z } from "zod";

/**
 * Settlement figures (bosetting) as people type them or a CSV file gives
 * them. One rule set for both: a figure is a whole number 0..100 000, or
 * empty = "not reported" (null, never 0). A year is 2000..next year.
 *
 * Plausibility is not judged: vedtak may exceed anmodning and bosatt may
 * exceed vedtak (kommuner do settle more than asked, and family reunification
 * counts as settled); only impossible values are refused.
 */
export const SETTLEMENT_MIN_YEAR = 2000;
export const SETTLEMENT_MAX_FIGURE = 100_000;
/** Largest CSV file the import accepts (357 kommuner × many years fits easily). */
export const SETTLEMENT_IMPORT_MAX_BYTES = 1_000_000;
/** Most data lines one CSV file may hold. */
export const SETTLEMENT_IMPORT_MAX_LINES = 20_000;

export const settlementFigureFields = ["requested", "decided", "settled", "inIntroductionProgramme"] as const;
export type SettlementFigureField = (typeof settlementFigureFields)[number];

export function settlementMaxYear(now: Date = new Date()): number {
  return now.getUTCFullYear() + 1;
}

/** Why a figure or year was refused; also the CSV report's reason codes. */
export type FigureProblem = "notANumber" | "negative" | "tooLarge";

/**
 * One figure as typed: "" → null (not reported); digits (spaces and
 * non-breaking spaces as thousands separators allowed, "1 200") → a number.
 */
export function parseFigure(raw: string): { ok: true; value: number | null } | { ok: false; problem: FigureProblem } {
  const text = raw.replace(/[\s\u00a0\u202f]/g, "");
  if (text === "") return { ok: true, value: null };
  if (/^[-−–]\s*\d+([.,]\d+)?$/.test(text)) return { ok: false, problem: "negative" };
  if (!/^\+?\d+$/.test(text)) return { ok: false, problem: "notANumber" };
  const value = Number(text.replace("+", ""));
  if (!Number.isSafeInteger(value) || value > SETTLEMENT_MAX_FIGURE) return { ok: false, problem: "tooLarge" };
  return { ok: true, value };
}

export function parseYear(raw: string, now: Date = new Date()): number | null {
  const text = raw.trim();
  if (!/^\d{4}$/.test(text)) return null;
  const year = Number(text);
  return year >= SETTLEMENT_MIN_YEAR && year <= settlementMaxYear(now) ? year : null;
}

const figureMessages: Record<FigureProblem, string> = {
  notANumber: "settlement.error.notANumber",
  negative: "settlement.error.negative",
  tooLarge: "settlement.error.tooLarge",
};

const figure = z
  .unknown()
  .optional()
  .transform((raw, ctx) => {
    if (raw === undefined || raw === null) return null;
    if (typeof raw !== "string" || raw.length > 50) {
      ctx.addIssue({ code: "custom", message: "settlement.error.notANumber" });
      return z.NEVER;
    }
    const parsed = parseFigure(raw);
    if (!parsed.ok) {
      ctx.addIssue({ code: "custom", message: figureMessages[parsed.problem] });
      return z.NEVER;
    }
    return parsed.value;
  });

/** The add/edit form on /kommuner/:number/bosetting. */
export function settlementInputSchema(now: Date = new Date()) {
  return z.object({
    year: z
      .unknown()
      .optional()
      .transform((raw, ctx) => {
        const year = typeof raw === "string" && raw.length <= 50 ? parseYear(raw, now) : null;
        if (year === null) {
          ctx.addIssue({ code: "custom", message: "settlement.error.year" });
          return z.NEVER;
        }
        return year;
      }),
    requested: figure,
    decided: figure,
    settled: figure,
    inIntroductionProgramme: figure,
  });
}
export type SettlementInput = z.output<ReturnType<typeof settlementInputSchema>>;

export const GAP_THRESHOLD_MAX = 100;
export const DEFAULT_GAP_THRESHOLD = 2;

/** The overview's gap threshold: a whole number 0..100. */
export const gapThresholdSchema = z.object({
  gapThreshold: z
    .unknown()
    .optional()
    .transform((raw, ctx) => {
      const text = typeof raw === "string" ? raw.trim() : "";
      const value = /^\d{1,3}$/.test(text) ? Number(text) : NaN;
      if (!(value >= 0 && value <= GAP_THRESHOLD_MAX)) {
        ctx.addIssue({ code: "custom", message: "settlement.error.threshold" });
        return z.NEVER;
      }
      return value;
    }),
});

/** Reasons a CSV line is rejected (shown per line in the import report). */
export const importRejectReasons = ["columns", "municipality", "year", "notANumber", "negative", "tooLarge", "duplicate"] as const;
export type ImportRejectReason = (typeof importRejectReasons)[number];
