import { describe, expect, it } from "vitest";
import { activityJsonLd, serializeJsonLd, type JsonLdActivity } from "./jsonld.ts";
import { scheduleSummary } from "./schedule-text.ts";
import { parseOsloLocal } from "./schedule.ts";

const base: JsonLdActivity = {
  title: "Leksehjelp for barn og unge",
  description: "Frivillige hjelper med lekser.",
  lang: "nb",
  scheduleKind: "recurring",
  startsAt: parseOsloLocal("2026-09-01T16:30"),
  durationMinutes: 90,
  rrule: "FREQ=WEEKLY;BYDAY=TU,TH",
  address: "Torggata 40",
  postalCode: "2317",
  postalPlace: "Hamar",
  latitude: 60.7961,
  longitude: 11.0734,
  isFree: true,
  costDescription: null,
  capacity: 20,
};
const input = {
  url: "https://samspill.example/aktiviteter/x",
  organization: { name: "Hamar frivilligsentral", url: "https://samspill.example/organisasjoner/y" },
  municipalityName: "Hamar",
  occurrences: [{ start: parseOsloLocal("2026-12-01T16:30")!, end: parseOsloLocal("2026-12-01T18:00")! }],
};

describe("scheduleSummary", () => {
  it("gives the weekdays and the Norwegian wall-clock times of a weekly activity", () => {
    expect(scheduleSummary(base)).toMatchObject({ freq: "weekly", weekdays: [2, 4], startTime: "16:30", endTime: "18:00", interval: 1 });
  });
  it("keeps the wall-clock time in summer (daylight saving)", () => {
    expect(scheduleSummary({ ...base, startsAt: parseOsloLocal("2026-06-02T09:00") }).startTime).toBe("09:00");
  });
  it("has no times for ongoing activities and survives a broken rule", () => {
    expect(scheduleSummary({ ...base, scheduleKind: "ongoing" })).toMatchObject({ startTime: null, freq: null });
    expect(scheduleSummary({ ...base, rrule: "NOT A RULE" })).toMatchObject({ freq: null, weekdays: [] });
  });
});

describe("activityJsonLd", () => {
  it("describes a recurring activity as an Event with an eventSchedule, place and organizer", () => {
    const ld = activityJsonLd({ ...input, activity: base }) as Record<string, any>;
    expect(ld["@context"]).toBe("https://schema.org");
    expect(ld["@type"]).toBe("Event");
    expect(ld.startDate).toBe(input.occurrences[0]!.start.toISOString());
    expect(ld.eventSchedule).toMatchObject({
      "@type": "Schedule",
      repeatFrequency: "P1W",
      byDay: ["https://schema.org/Tuesday", "https://schema.org/Thursday"],
      startTime: "16:30",
      endTime: "18:00",
      scheduleTimezone: "Europe/Oslo",
    });
    expect(ld.location).toMatchObject({ "@type": "Place", address: { postalCode: "2317", addressCountry: "NO" }, geo: { latitude: 60.7961 } });
    expect(ld.organizer).toMatchObject({ "@type": "Organization", name: "Hamar frivilligsentral" });
    expect(ld.isAccessibleForFree).toBe(true);
  });
  it("gives a dated activity a startDate and no schedule", () => {
    const ld = activityJsonLd({ ...input, activity: { ...base, scheduleKind: "dates", rrule: null }, occurrences: [] });
    expect(ld["@type"]).toBe("Event");
    expect(ld.startDate).toBe(base.startsAt!.toISOString());
    expect(ld.eventSchedule).toBeUndefined();
  });
  it("describes an ongoing activity as a Service", () => {
    const ld = activityJsonLd({ ...input, activity: { ...base, scheduleKind: "ongoing" }, occurrences: [] }) as Record<string, any>;
    expect(ld["@type"]).toBe("Service");
    expect(ld.provider.name).toBe("Hamar frivilligsentral");
  });
  it("adds an offer for activities that cost money", () => {
    const ld = activityJsonLd({ ...input, activity: { ...base, isFree: false, costDescription: "50 kr" } }) as Record<string, any>;
    expect(ld.offers).toMatchObject({ "@type": "Offer", description: "50 kr" });
  });
});

describe("serializeJsonLd", () => {
  it("cannot be broken out of a script element, and parses back to the same data", () => {
    const evil = { name: '</script><script>alert("x")</script> & \u2028' };
    const text = serializeJsonLd(evil);
    expect(text).not.toMatch(/<|>/);
    expect(text.toLowerCase()).not.toContain("</script");
    expect(JSON.parse(text)).toEqual(evil);
  });
});
