/**
 * Value lists for employers' placements (issue 14): practice placements, jobs,
 * apprenticeships, mentoring and language practice at work — their own kind of
 * thing, not activities (no price, no calendar) — with the public follow-up
 * contact, check-ins and outcomes. Shared by the schema, the validation
 * schemas and the pages; free of Drizzle.
 */

export const placementKinds = ["practice_placement", "job", "apprenticeship", "mentoring", "language_practice"] as const;
export type PlacementKind = (typeof placementKinds)[number];

/** Occupation areas, broad enough for a kommune's figures (the occupation itself is free text). */
export const placementSectors = [
  "construction",
  "industry",
  "retail",
  "hospitality",
  "health_care",
  "cleaning",
  "transport_logistics",
  "agriculture_fishing",
  "education_childcare",
  "office_it",
  "public_sector",
  "other",
] as const;
export type PlacementSector = (typeof placementSectors)[number];

/** Norwegian needed at the start, by the CEFR levels the introduction programme uses. */
export const languageRequirements = ["none", "a2", "b1", "b2"] as const;
export type LanguageRequirement = (typeof languageRequirements)[number];

/** What the employer needs from the public side to make the placement work. */
export const employerSupportNeeds = ["follow_up_visits", "mentor", "wage_subsidy_info", "language_training", "workplace_adaptation"] as const;
export type EmployerSupportNeed = (typeof employerSupportNeeds)[number];

/** Public incentives an employer may ask the kommune or NAV about through a placement (information, not a decision). */
export const incentiveKinds = ["wage_subsidy", "mentor_grant", "introduction_work_practice"] as const;
export type IncentiveKind = (typeof incentiveKinds)[number];

/** The follow-up contact's answer: requested → confirmed (they will follow up) or declined (the employer picks another). */
export const followUpStatuses = ["requested", "confirmed", "declined"] as const;
export type FollowUpStatus = (typeof followUpStatuses)[number];

/** open (seeking people) → ongoing (places in use) → ended; or withdrawn by the employer. */
export const placementStatuses = ["open", "ongoing", "ended", "withdrawn"] as const;
export type PlacementStatus = (typeof placementStatuses)[number];

/** What became of a place, counted per period (never per named person). */
export const placementOutcomes = ["completed", "extended", "lasting_work", "ended_early"] as const;
export type PlacementOutcome = (typeof placementOutcomes)[number];

/** Why a place ended early (only with the ended_early outcome). */
export const earlyEndReasons = ["other_work", "education", "health", "language", "mismatch", "attendance", "employer_ended", "other"] as const;
export type EarlyEndReason = (typeof earlyEndReasons)[number];

/** Scheduled check-ins (after two weeks, at the end) and extra ones the follow-up contact adds. */
export const checkinKinds = ["two_weeks", "midway", "end", "extra"] as const;
export type CheckinKind = (typeof checkinKinds)[number];

/** The check-in form's short structured answers. */
export const checkinAttendance = ["good", "some_absence", "concerning"] as const;
export type CheckinAttendance = (typeof checkinAttendance)[number];
export const checkinNextSteps = ["continue", "extend", "offer_work", "end"] as const;
export type CheckinNextStep = (typeof checkinNextSteps)[number];

/** An employer with at least this many ended short placements and no transition to lasting work is flagged in the overviews. */
export const SHORT_PLACEMENT_FLAG_MIN = 3;
/** A placement shorter than this many days counts as short. */
export const SHORT_PLACEMENT_DAYS = 92;
