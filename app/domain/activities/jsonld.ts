import { ACTIVITY_TIME_ZONE } from "./activities.constants.ts";
import { scheduleSummary } from "./schedule-text.ts";
import type { ScheduleKind } from "./activities.constants.ts";

/**
 * schema.org data for an activity page, so search engines and calendar tools
 * can read it: an Event (with an eventSchedule when it repeats), or a Service
 * for activities without fixed times.
 */
export interface JsonLdActivity {
  title: string;
  description: string;
  lang: string;
  scheduleKind: ScheduleKind;
  startsAt: Date | null;
  durationMinutes: number | null;
  rrule: string | null;
  address: string | null;
  postalCode: string | null;
  postalPlace: string | null;
  latitude: number | null;
  longitude: number | null;
  isFree: boolean;
  costDescription: string | null;
  capacity: number | null;
}

export interface JsonLdInput {
  url: string;
  activity: JsonLdActivity;
  organization: { name: string; url: string; website?: string | null };
  municipalityName: string;
  /** The next occurrences (already computed by getActivity). */
  occurrences: { start: Date; end: Date | null }[];
}

const schemaDays = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
const repeatFrequency = { daily: "P1D", weekly: "P1W", monthly: "P1M", yearly: "P1Y" } as const;

function place(a: JsonLdActivity, municipalityName: string) {
  return {
    "@type": "Place",
    name: a.address ?? municipalityName,
    address: {
      "@type": "PostalAddress",
      ...(a.address ? { streetAddress: a.address } : {}),
      ...(a.postalCode ? { postalCode: a.postalCode } : {}),
      addressLocality: a.postalPlace ?? municipalityName,
      addressRegion: municipalityName,
      addressCountry: "NO",
    },
    ...(a.latitude != null && a.longitude != null ? { geo: { "@type": "GeoCoordinates", latitude: a.latitude, longitude: a.longitude } } : {}),
  };
}

export function activityJsonLd({ url, activity: a, organization, municipalityName, occurrences }: JsonLdInput): Record<string, unknown> {
  const organizer = {
    "@type": "Organization",
    name: organization.name,
    url: organization.url,
    ...(organization.website ? { sameAs: organization.website } : {}),
  };
  const common = {
    "@context": "https://schema.org",
    name: a.title,
    description: a.description,
    url,
    inLanguage: a.lang,
    isAccessibleForFree: a.isFree,
  };
  if (a.scheduleKind === "ongoing") {
    return {
      ...common,
      "@type": "Service",
      provider: organizer,
      areaServed: { "@type": "AdministrativeArea", name: municipalityName },
      ...(a.address || a.latitude != null ? { location: place(a, municipalityName) } : {}),
    };
  }
  const next = occurrences[0];
  const event: Record<string, unknown> = {
    ...common,
    "@type": "Event",
    eventAttendanceMode: "https://schema.org/OfflineEventAttendanceMode",
    eventStatus: "https://schema.org/EventScheduled",
    location: place(a, municipalityName),
    organizer,
    ...(a.capacity ? { maximumAttendeeCapacity: a.capacity } : {}),
    ...(!a.isFree && a.costDescription ? { offers: { "@type": "Offer", description: a.costDescription, url } } : {}),
  };
  const first = next?.start ?? a.startsAt;
  if (first) event.startDate = first.toISOString();
  const end = next ? next.end : a.startsAt && a.durationMinutes ? new Date(a.startsAt.getTime() + a.durationMinutes * 60_000) : null;
  if (end) event.endDate = end.toISOString();
  if (a.scheduleKind === "recurring") {
    const s = scheduleSummary(a);
    if (s.freq) {
      event.eventSchedule = {
        "@type": "Schedule",
        repeatFrequency: s.interval > 1 ? repeatFrequency[s.freq].replace("1", String(s.interval)) : repeatFrequency[s.freq],
        ...(s.weekdays.length ? { byDay: s.weekdays.map((d) => `https://schema.org/${schemaDays[d - 1]}`) } : {}),
        ...(a.startsAt ? { startDate: a.startsAt.toISOString().slice(0, 10) } : {}),
        ...(s.until ? { endDate: s.until.toISOString().slice(0, 10) } : {}),
        ...(s.startTime ? { startTime: s.startTime } : {}),
        ...(s.endTime ? { endTime: s.endTime } : {}),
        ...(a.durationMinutes ? { duration: `PT${a.durationMinutes}M` } : {}),
        scheduleTimezone: ACTIVITY_TIME_ZONE,
      };
    }
  }
  return event;
}

/**
 * JSON for inside a <script> element: "<", ">", "&" and the two JavaScript
 * line separators are escaped so text like "</script>" cannot end the element.
 */
export function serializeJsonLd(data: unknown): string {
  return JSON.stringify(data)
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/&/g, "\\u0026")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}
