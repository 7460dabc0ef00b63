import type { MessageKey } from "~/i18n/messages.ts";

/**
 * Value lists of the events module, free of Drizzle so pages can import them.
 * A meeting place (møteplass) is a place where the kommune, volunteers and
 * employers meet (DESIGN.md §3), not a drop-in for refugees.
 */
export const eventTypes = ["course", "webinar", "network_meeting", "conference", "meeting_place"] as const;
export type EventType = (typeof eventTypes)[number];

export const eventLevels = ["local", "regional", "national"] as const;
export type EventLevel = (typeof eventLevels)[number];

export const registrationStatuses = ["pending", "confirmed", "waitlisted", "cancelled"] as const;
export type RegistrationStatus = (typeof registrationStatuses)[number];

export const EVENTS_PAGE_SIZE = 20;
export const TITLE_MAX = 200;
export const DESCRIPTION_MAX = 5000;
export const PLACE_MAX = 300;
export const CAPACITY_MAX = 10_000;
export const DURATION_MAX_MINUTES = 7 * 24 * 60;
/** How long a confirmation link in an e-mail registration works. */
export const CONFIRM_LINK_DAYS = 7;

/** Typed labels (a key per value, checked by the compiler). */
export const eventTypeLabels: Record<EventType, MessageKey> = {
  course: "events.type.course",
  webinar: "events.type.webinar",
  network_meeting: "events.type.network_meeting",
  conference: "events.type.conference",
  meeting_place: "events.type.meeting_place",
};

export const eventLevelLabels: Record<EventLevel, MessageKey> = {
  local: "events.level.local",
  regional: "events.level.regional",
  national: "events.level.national",
};

export const registrationStatusLabels: Record<RegistrationStatus, MessageKey> = {
  pending: "events.registration.status.pending",
  confirmed: "events.registration.status.confirmed",
  waitlisted: "events.registration.status.waitlisted",
  cancelled: "events.registration.status.cancelled",
};
