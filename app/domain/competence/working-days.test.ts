import { describe, expect, it } from "vitest";
import { isWorkingDay, osloDate, workingDaysBetween, workingDaysBetweenDates } from "./working-days.ts";

describe("working days in Norway", () => {
  it("knows the public holidays from the library, not only weekends", () => {
    // Easter 2024: Maundy Thursday 28 March, Good Friday 29 March, Easter Monday 1 April.
    expect(isWorkingDay("2024-03-27")).toBe(true);
    expect(isWorkingDay("2024-03-28")).toBe(false);
    expect(isWorkingDay("2024-03-29")).toBe(false);
    expect(isWorkingDay("2024-04-01")).toBe(false);
    expect(isWorkingDay("2024-04-02")).toBe(true);
    // 1 May, Ascension Day (9 May), Constitution Day (17 May, a Friday in 2024), Whit Monday (20 May).
    expect(["2024-05-01", "2024-05-09", "2024-05-17", "2024-05-20"].filter(isWorkingDay)).toEqual([]);
    expect(isWorkingDay("2024-05-16")).toBe(true);
    expect(isWorkingDay("2024-05-18")).toBe(false); // a Saturday
    expect(isWorkingDay("2024-12-24")).toBe(true); // Christmas Eve is not a public holiday
    expect(isWorkingDay("2024-12-25")).toBe(false);
    expect(isWorkingDay("2024-12-26")).toBe(false);
  });

  it("a request on Maundy Thursday answered the Tuesday after Easter took 1 working day", () => {
    expect(workingDaysBetweenDates("2024-03-28", "2024-04-02")).toBe(1);
    expect(workingDaysBetween(new Date("2024-03-28T09:00:00+01:00"), new Date("2024-04-02T15:00:00+02:00"))).toBe(1);
    // In 2025 too (17 April → 22 April): the holidays move with Easter.
    expect(workingDaysBetweenDates("2025-04-17", "2025-04-22")).toBe(1);
  });

  it("the week of 17 May and Whitsun", () => {
    // Thursday 16 May → Tuesday 21 May 2024: 17 May, the weekend and Whit Monday in between.
    expect(workingDaysBetweenDates("2024-05-16", "2024-05-21")).toBe(1);
    // Wednesday 8 May → Wednesday 15 May 2024: Ascension Day (9 May) and the weekend off; 10, 13, 14, 15 May.
    expect(workingDaysBetweenDates("2024-05-08", "2024-05-15")).toBe(4);
  });

  it("counts plain weeks, the same day and backwards as expected", () => {
    expect(workingDaysBetweenDates("2024-09-02", "2024-09-09")).toBe(5);
    expect(workingDaysBetweenDates("2024-09-06", "2024-09-09")).toBe(1); // Friday → Monday
    expect(workingDaysBetweenDates("2024-09-02", "2024-09-02")).toBe(0);
    expect(workingDaysBetweenDates("2024-09-09", "2024-09-02")).toBe(0);
  });

  it("across New Year and over several years", () => {
    // Friday 29 Dec 2023 → Tuesday 2 Jan 2024: 1 January off, so only 2 January.
    expect(workingDaysBetweenDates("2023-12-29", "2024-01-02")).toBe(1);
    const walked = (from: string, to: string) => {
      let n = 0;
      for (let ms = Date.parse(from) + 86_400_000; ms <= Date.parse(to); ms += 86_400_000) if (isWorkingDay(new Date(ms).toISOString().slice(0, 10))) n++;
      return n;
    };
    expect(workingDaysBetweenDates("2022-06-15", "2025-02-03")).toBe(walked("2022-06-15", "2025-02-03"));
  });

  it("dates are Norwegian calendar days whatever the server's time zone", () => {
    expect(osloDate(new Date("2024-05-16T22:30:00Z"))).toBe("2024-05-17"); // 00:30 on 17 May in Oslo
    expect(osloDate(new Date("2024-01-15T23:30:00Z"))).toBe("2024-01-16");
    // Sent 23:30 UTC on Thursday 16 May (already 17 May in Norway), answered Tuesday 21 May: 1 working day.
    expect(workingDaysBetween(new Date("2024-05-16T22:30:00Z"), new Date("2024-05-21T08:00:00Z"))).toBe(1);
  });
});
