import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/db/client.server.ts";
import { activities } from "~/db/schema/index.ts";
import { seedDemoData } from "~/domain/demo/seed.server.ts";
import { demoActivityIds, demoOrganizationIds } from "~/domain/demo/ids.ts";
import { anonymous } from "~/domain/auth/actor.ts";
import { parseOsloLocal } from "~/domain/activities/schedule.ts";
import { createActor } from "../../../tests/factories.ts";
import { activityCalendar, municipalityCalendar, organizationCalendar, osloIcalTime } from "./ical.server.ts";

const now = new Date();

beforeAll(async () => {
  await seedDemoData();
});

/** Unfolds RFC 5545 lines and splits the file into its VEVENT blocks. */
function parseIcs(body: string) {
  expect(body.startsWith("BEGIN:VCALENDAR\r\n")).toBe(true);
  expect(body.trimEnd().endsWith("END:VCALENDAR")).toBe(true);
  const lines = body
    .replace(/\r\n[ \t]/g, "")
    .split("\r\n")
    .filter(Boolean);
  for (const line of body.split("\r\n")) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75 + 2);
  const events: string[][] = [];
  let current: string[] | null = null;
  for (const line of lines) {
    if (line === "BEGIN:VEVENT") current = [];
    else if (line === "END:VEVENT") {
      events.push(current!);
      current = null;
    } else if (current) current.push(line);
  }
  const prop = (event: string[], name: string) => event.filter((l) => l.startsWith(`${name}:`) || l.startsWith(`${name};`));
  return { lines, events, prop, uids: events.map((e) => prop(e, "UID")[0]!.slice(4)) };
}

describe("calendar files", () => {
  it("gives a recurring activity one VEVENT with RRULE and DTSTART in Europe/Oslo, and a VTIMEZONE", async () => {
    const { file } = await activityCalendar(anonymous(), demoActivityIds.hamarLanguageCafe, { now });
    const ics = parseIcs(file!.body);
    expect(ics.events).toHaveLength(1);
    const [event] = ics.events;
    const [dtstart] = ics.prop(event!, "DTSTART");
    expect(dtstart).toMatch(/^DTSTART;TZID=Europe\/Oslo:\d{8}T\d{6}$/);
    expect(ics.prop(event!, "RRULE")[0]).toMatch(/^RRULE:FREQ=WEEKLY/);
    expect(ics.prop(event!, "SUMMARY")[0]).toBe("SUMMARY:Språkkafé på Hamar bibliotek");
    expect(ics.lines).toContain("BEGIN:VTIMEZONE");
    expect(ics.lines).toContain("TZID:Europe/Oslo");
    expect(ics.prop(event!, "DTSTAMP")[0]).toMatch(/^DTSTAMP:\d{8}T\d{6}Z$/);
    expect(ics.uids[0]).toBe(`${demoActivityIds.hamarLanguageCafe}@samspill`);
  });

  it("writes cancelled dates as EXDATE and extra dates as RDATE, in Norwegian wall-clock time across DST", async () => {
    const db = getDb();
    const summer = parseOsloLocal("2026-06-16T18:00")!; // CEST, UTC+2
    const winter = parseOsloLocal("2026-12-01T18:00")!; // CET, UTC+1
    await db
      .update(activities)
      .set({ exceptionDates: [summer], extraDates: [winter] })
      .where(eq(activities.id, demoActivityIds.hamarLanguageCafe));
    try {
      const { file } = await activityCalendar(anonymous(), demoActivityIds.hamarLanguageCafe, { now });
      const ics = parseIcs(file!.body);
      const [event] = ics.events;
      expect(ics.prop(event!, "EXDATE")).toEqual(["EXDATE;TZID=Europe/Oslo:20260616T180000"]);
      expect(ics.prop(event!, "RDATE")).toEqual(["RDATE;TZID=Europe/Oslo:20261201T180000"]);
      expect(osloIcalTime(summer)).toBe("20260616T180000");
    } finally {
      await db.update(activities).set({ exceptionDates: [], extraDates: [] }).where(eq(activities.id, demoActivityIds.hamarLanguageCafe));
    }
  });

  it("gives an activity on dates one VEVENT per date, with an end when it has a duration", async () => {
    const db = getDb();
    const dates = ["2026-12-02T10:00", "2026-12-09T10:00", "2026-12-16T10:00"].map((d) => parseOsloLocal(d)!);
    await db
      .update(activities)
      .set({ scheduleKind: "dates", startsAt: dates[0], extraDates: dates.slice(1), exceptionDates: [dates[2]!], durationMinutes: 90, rrule: null })
      .where(eq(activities.id, demoActivityIds.tonsbergParents));
    const { file } = await activityCalendar(anonymous(), demoActivityIds.tonsbergParents, { now });
    const ics = parseIcs(file!.body);
    expect(ics.events).toHaveLength(2);
    expect(ics.events.map((e) => ics.prop(e, "DTSTART")[0])).toEqual(["DTSTART;TZID=Europe/Oslo:20261202T100000", "DTSTART;TZID=Europe/Oslo:20261209T100000"]);
    expect(ics.events.map((e) => ics.prop(e, "DTEND")[0])).toEqual(["DTEND;TZID=Europe/Oslo:20261202T113000", "DTEND;TZID=Europe/Oslo:20261209T113000"]);
    expect(new Set(ics.uids).size).toBe(2);
    expect(ics.events.every((e) => ics.prop(e, "RRULE").length === 0)).toBe(true);
  });

  it("leaves ongoing activities out of feeds and explains instead of a file for one", async () => {
    const db = getDb();
    await db.update(activities).set({ scheduleKind: "ongoing", rrule: null, startsAt: null }).where(eq(activities.id, demoActivityIds.hamarHousing));
    const single = await activityCalendar(anonymous(), demoActivityIds.hamarHousing, { now });
    expect(single.file).toBeNull();
    expect(single.explanation).toMatch(/ingen faste tidspunkt/);
    const feed = await municipalityCalendar("3403", { now });
    expect(parseIcs(feed.body).uids.some((u) => u.startsWith(demoActivityIds.hamarHousing))).toBe(false);
  });

  it("puts only public activities in the kommune and organisation feeds", async () => {
    const feed = await municipalityCalendar("3403", { now });
    const ics = parseIcs(feed.body);
    expect(feed.events).toBe(ics.events.length);
    const uids = ics.uids.join(" ");
    expect(uids).toContain(demoActivityIds.hamarLanguageCafe);
    expect(uids).not.toContain(demoActivityIds.hamarInternal);
    expect(uids).not.toContain(demoActivityIds.hamarPartners);
    expect(uids).not.toContain(demoActivityIds.tonsbergHomework);
    expect(ics.lines.find((l) => l.startsWith("X-WR-CALNAME:"))).toBe("X-WR-CALNAME:Samspill: aktiviteter i Hamar");

    const orgFeed = await organizationCalendar(demoOrganizationIds.hamarVolunteerCentre, { now, locale: "en" });
    const orgIcs = parseIcs(orgFeed.body);
    expect(orgIcs.uids.join(" ")).not.toContain(demoActivityIds.hamarInternal);
    expect(orgIcs.lines.find((l) => l.startsWith("X-WR-CALNAME:"))).toMatch(/^X-WR-CALNAME:Samspill: activities by /);
  });

  it("answers 404 for unknown or malformed kommuner and organisations", async () => {
    for (const n of ["9999", "abc", "3403' or 1=1", "x".repeat(10_000)]) await expect(municipalityCalendar(n)).rejects.toBeAppError("not_found");
    for (const id of ["00000000-0000-4000-8000-000000000999", "not-a-uuid", "<script>"])
      await expect(organizationCalendar(id)).rejects.toBeAppError("not_found");
  });

  it("follows the activity page's access rules for a single activity", async () => {
    const hamar = await createActor({ roles: [{ role: "municipal_coordinator", municipalityNumber: "3403" }] });
    const tonsberg = await createActor({ roles: [{ role: "municipal_coordinator", municipalityNumber: "3905" }] });
    const internal = demoActivityIds.hamarInternal;
    await expect(activityCalendar(anonymous(), internal, { now })).rejects.toBeAppError("not_found");
    await expect(activityCalendar(tonsberg, internal, { now })).rejects.toBeAppError("not_found");
    const forHamar = await activityCalendar(hamar, internal, { now });
    expect(forHamar.visibility).toBe("internal");
    // The internal demo activity is on dates, so there is a file to check (an ongoing one would have none).
    expect(forHamar.file, "a calendar file for the internal activity").not.toBeNull();
    expect(parseIcs(forHamar.file!.body).uids[0]).toContain(internal);
    for (const id of ["not-a-uuid", "00000000-0000-4000-8000-00000000a999"]) await expect(activityCalendar(anonymous(), id)).rejects.toBeAppError("not_found");
  });
});
