import { describe, expect, it } from "vitest";
import { calendarDays, calendarMonth } from "./finder-calendar.ts";
import { parseOsloLocal } from "./schedule.ts";

describe("calendarMonth", () => {
  it("reads YYYY-MM and links the months around it, across a new year", () => {
    const m = calendarMonth("2026-12");
    expect(m).toMatchObject({ month: "2026-12", previous: "2026-11", next: "2027-01" });
    expect(m.from.toISOString()).toBe("2026-11-30T23:00:00.000Z");
    expect(m.to.toISOString()).toBe("2026-12-31T23:00:00.000Z");
  });
  it("falls back to the current month in Norway for anything else", () => {
    const now = new Date("2026-11-30T23:30:00Z"); // already 1 December in Oslo
    for (const bad of ["2026-13", "<script>", "99999-01", "1500-01", undefined, ["2026-12"]]) {
      expect(calendarMonth(bad, now).month).toBe("2026-12");
    }
  });
});

describe("calendarDays", () => {
  const weekly = {
    id: "a",
    scheduleKind: "recurring" as const,
    startsAt: parseOsloLocal("2026-09-01T16:30"),
    durationMinutes: 90,
    rrule: "FREQ=WEEKLY;BYDAY=TU,TH",
    extraDates: [],
    exceptionDates: [parseOsloLocal("2026-12-03T16:30")!],
  };
  const once = { ...weekly, id: "b", scheduleKind: "dates" as const, rrule: null, startsAt: parseOsloLocal("2026-12-01T12:00"), exceptionDates: [] };
  const ongoing = { ...weekly, id: "c", scheduleKind: "ongoing" as const };

  it("groups the month's occurrences by Norwegian day, in time order, without exception dates", () => {
    const days = calendarDays([weekly, once, ongoing], calendarMonth("2026-12"));
    expect(days[0]).toMatchObject({ day: "2026-12-01" });
    expect(days[0]!.entries.map((e) => e.activity.id)).toEqual(["b", "a"]);
    expect(days.map((d) => d.day)).not.toContain("2026-12-03");
    expect(days.map((d) => d.day)).toContain("2026-12-08");
    // Tuesdays and Thursdays in December 2026, less one exception, plus the one-off on a Tuesday.
    expect(days.flatMap((d) => d.entries).length).toBe(10 - 1 + 1);
  });
});
