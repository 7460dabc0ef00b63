const WEIGHTS = [3, 2, 7, 6, 5, 4, 3, 2] as const;

/**
 * Norwegian organisation number: 9 digits, the last a MOD11 check digit over
 * the first eight with weights 3 2 7 6 5 4 3 2 (remainder 0 → 0; 1 → invalid).
 */
export function isValidOrgNumber(value: string): boolean {
  if (!/^\d{9}$/.test(value)) return false;
  const sum = WEIGHTS.reduce((acc, w, i) => acc + w * Number(value[i]), 0);
  const rest = sum % 11;
  const check = rest === 0 ? 0 : 11 - rest;
  return check !== 10 && check === Number(value[8]);
}

/** Accepts "987 654 321" as typed by people; returns the 9 digits. */
export function normalizeOrgNumber(value: string): string {
  return value.replace(/[\s.]/g, "");
}
