import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { isValidOrgNumber, normalizeOrgNumber } from "./org-number.ts";

const WEIGHTS = [3, 2, 7, 6, 5, 4, 3, 2];

/** The MOD11 check digit as Brønnøysundregistrene computes it; 10 means "no valid number". */
function checkDigit(first8: string): number {
  const rest = WEIGHTS.reduce((sum, w, i) => sum + w * Number(first8[i]), 0) % 11;
  return rest === 0 ? 0 : 11 - rest;
}

const eightDigits = fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 8, maxLength: 8 }).map((d) => d.join(""));

describe("organisation number (MOD11)", () => {
  it("accepts real registered numbers", () => {
    expect(isValidOrgNumber("974760673")).toBe(true); // Brønnøysundregistrene
    expect(isValidOrgNumber("923609016")).toBe(true); // Equinor
    expect(isValidOrgNumber("971526157")).toBe(true); // IMDi
  });

  it("refuses a wrong check digit, wrong length and non-digits", () => {
    expect(isValidOrgNumber("974760674")).toBe(false);
    expect(isValidOrgNumber("97476067")).toBe(false);
    expect(isValidOrgNumber("9747606730")).toBe(false);
    expect(isValidOrgNumber("97476067a")).toBe(false);
    expect(isValidOrgNumber("974 760 673")).toBe(false);
    expect(isValidOrgNumber("")).toBe(false);
  });

  it("refuses every number whose check digit would be 10", () => {
    // 4·3 = 12, remainder 1, so the check digit would be 10: no ninth digit makes it valid.
    expect(checkDigit("40000000")).toBe(10);
    for (let last = 0; last <= 9; last++) expect(isValidOrgNumber(`40000000${last}`)).toBe(false);
  });

  it("normalises numbers as people type them", () => {
    expect(normalizeOrgNumber("974 760 673")).toBe("974760673");
    expect(normalizeOrgNumber("974.760.673")).toBe("974760673");
  });

  it("any 8 digits plus their computed check digit is valid, unless the check digit is 10", () => {
    fc.assert(
      fc.property(eightDigits, (first8) => {
        const check = checkDigit(first8);
        if (check === 10) {
          for (let last = 0; last <= 9; last++) expect(isValidOrgNumber(`${first8}${last}`)).toBe(false);
        } else {
          expect(isValidOrgNumber(`${first8}${check}`)).toBe(true);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it("changing any one digit of a valid number makes it invalid", () => {
    const validNumber = eightDigits.filter((d) => checkDigit(d) !== 10).map((d) => `${d}${checkDigit(d)}`);
    fc.assert(
      fc.property(validNumber, fc.integer({ min: 0, max: 8 }), fc.integer({ min: 1, max: 9 }), (number, position, shift) => {
        const digit = (Number(number[position]) + shift) % 10;
        const changed = `${number.slice(0, position)}${digit}${number.slice(position + 1)}`;
        expect(isValidOrgNumber(changed)).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });
});
