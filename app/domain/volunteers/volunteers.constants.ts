/**
 * Value lists for volunteer recruitment (issue 14): the volunteer roles an
 * activity or a need seeks, and the interests members of the public express.
 * Shared by the schema, the validation schemas and the pages; free of Drizzle.
 */

/** Roles an activity or need seeks volunteers for; "other" is named by the role's own title. */
export const volunteerRoleKinds = [
  "homework_helper",
  "housing_guide",
  "language_cafe_host",
  "activity_leader",
  "mentor",
  "driver",
  "interpreter",
  "other",
] as const;
export type VolunteerRoleKind = (typeof volunteerRoleKinds)[number];

/**
 * unconfirmed (the volunteer has not yet confirmed their e-mail address; nothing is sent to the organisation) →
 * new → contacted → started | not_suitable. A withdrawal deletes the interest (and its personal data) outright.
 */
export const interestStatuses = ["unconfirmed", "new", "contacted", "started", "not_suitable"] as const;
export type InterestStatus = (typeof interestStatuses)[number];

/** The statuses an organisation moves an interest through (unconfirmed is the volunteer's step). */
export const trackedInterestStatuses = ["new", "contacted", "started", "not_suitable"] as const satisfies readonly InterestStatus[];

/** When a volunteer is free, as a light profile records it. */
export const volunteerAvailability = ["weekday_daytime", "weekday_evening", "weekend", "holidays"] as const;
export type VolunteerAvailability = (typeof volunteerAvailability)[number];

/** An interest nobody has answered this many days after it was confirmed: the organisation is reminded and the volunteer told who to contact. */
export const INTEREST_UNANSWERED_DAYS = 14;
/** Default retention: interests not followed up (new / not_suitable) are deleted this many months after their last change. Configurable (VOLUNTEER_RETENTION_MONTHS). */
export const DEFAULT_VOLUNTEER_RETENTION_MONTHS = 12;
/** An unconfirmed interest (e-mail never confirmed) is deleted after this many days. */
export const UNCONFIRMED_INTEREST_DAYS = 7;
/** The version of the consent text the volunteer agreed to, stored with each interest (bump when the text changes). */
export const VOLUNTEER_CONSENT_VERSION = "2026-12";
