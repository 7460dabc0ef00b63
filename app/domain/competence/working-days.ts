import Holidays from "date-holidays";

/**
 * Working days in Norway, for the guidance response times (issue 12): Monday
 * to Friday except the public holidays (helligdager and 1 and 17 May) as the
 * date-holidays library has them — its "public" type only, so Christmas Eve
 * and New Year's Eve (half days in many offices, "bank" there) count as
 * working days. Dates are calendar days in Europe/Oslo, whatever time zone
 * the server runs in.
 */

const TIME_ZONE = "Europe/Oslo";
const osloDateFormat = new Intl.DateTimeFormat("en-CA", { timeZone: TIME_ZONE, year: "numeric", month: "2-digit", day: "2-digit" });

/** The calendar date (YYYY-MM-DD) an instant falls on in Norway. */
export function osloDate(instant: Date): string {
  return osloDateFormat.format(instant);
}

const holidayCalendar = new Holidays("NO", { types: ["public"] });
const holidaysByYear = new Map<number, Set<string>>();

function publicHolidays(year: number): Set<string> {
  let days = holidaysByYear.get(year);
  if (!days) {
    days = new Set(
      holidayCalendar
        .getHolidays(year)
        .filter((h) => h.type === "public")
        .map((h) => h.date.slice(0, 10)),
    );
    holidaysByYear.set(year, days);
  }
  return days;
}

const DAY_MS = 86_400_000;

function parseDate(date: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) throw new RangeError(`not a date: ${date}`);
  return Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
}

function formatDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Whether a calendar date (YYYY-MM-DD) is a working day in Norway. */
export function isWorkingDay(date: string): boolean {
  const ms = parseDate(date);
  const weekday = new Date(ms).getUTCDay();
  if (weekday === 0 || weekday === 6) return false;
  return !publicHolidays(new Date(ms).getUTCFullYear()).has(date);
}

/**
 * Per year, the number of working days from 1 January up to and including
 * each day of the year, so a count between two dates is two look-ups rather
 * than a walk over the days (a national figure counts every request).
 */
const cumulativeByYear = new Map<number, Int16Array>();

function cumulative(year: number): Int16Array {
  let counts = cumulativeByYear.get(year);
  if (!counts) {
    const start = Date.UTC(year, 0, 1);
    const days = Math.round((Date.UTC(year + 1, 0, 1) - start) / DAY_MS);
    counts = new Int16Array(days);
    let total = 0;
    for (let i = 0; i < days; i++) {
      if (isWorkingDay(formatDate(start + i * DAY_MS))) total++;
      counts[i] = total;
    }
    cumulativeByYear.set(year, counts);
  }
  return counts;
}

/** Working days from 1 January of `baseYear` up to and including the date. */
function workingDayIndex(ms: number, baseYear: number): number {
  const date = new Date(ms);
  const year = date.getUTCFullYear();
  let index = 0;
  for (let y = baseYear; y < year; y++) index += cumulative(y).at(-1)!;
  const dayOfYear = Math.round((ms - Date.UTC(year, 0, 1)) / DAY_MS);
  return index + cumulative(year)[dayOfYear]!;
}

/**
 * The working days after `from` up to and including `to` (calendar dates,
 * YYYY-MM-DD): 0 for the same day or an earlier `to`, 1 for the next working
 * day. A request sent on Maundy Thursday and answered on the Tuesday after
 * Easter took 1 working day.
 */
export function workingDaysBetweenDates(from: string, to: string): number {
  const fromMs = parseDate(from);
  const toMs = parseDate(to);
  if (toMs <= fromMs) return 0;
  const baseYear = new Date(fromMs).getUTCFullYear();
  return workingDayIndex(toMs, baseYear) - workingDayIndex(fromMs, baseYear);
}

/** The working days between two instants, by their calendar dates in Norway (see workingDaysBetweenDates). */
export function workingDaysBetween(from: Date, to: Date): number {
  return workingDaysBetweenDates(osloDate(from), osloDate(to));
}
