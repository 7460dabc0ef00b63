/**
 * Value lists for development workshops (utviklingsverksteder, issue 13),
 * shared by the database schema, the validation schemas and the pages. Free of
 * Drizzle so pages can import them.
 */

/**
 * The 2016 report's obstacle themes. They are about how the kommune, volunteers
 * and employers work together — not what an activity offers refugees (those are
 * activity themes, app/domain/activities/activities.constants.ts).
 */
export const obstacleThemes = [
  "arenas_for_cooperation",
  "division_of_responsibility",
  "employment_social_instruments",
  "reception_centres",
  "settlement_housing_guidance",
  "employer_incentives_follow_up",
  "placements_vs_lasting_work",
  "competence_mapping",
  "volunteers_unused_resource",
  "other",
] as const;
export type ObstacleTheme = (typeof obstacleThemes)[number];

/** The sector a participant comes from; the plan's checklist warns when one of the first three has nobody. */
export const participantSectors = ["municipality", "voluntary", "employer", "nav", "county", "other"] as const;
export type ParticipantSector = (typeof participantSectors)[number];

/** The sectors the 2016 model brings together: a workshop without one of them is missing a side of the table. */
export const requiredSectors = ["municipality", "voluntary", "employer"] as const satisfies readonly ParticipantSector[];

/** planning (invitations out) → running (obstacles, votes, solutions, matrix, actions) → closed (read-only; follow-up of the action plan goes on). */
export const workshopStatuses = ["planning", "running", "closed"] as const;
export type WorkshopStatus = (typeof workshopStatuses)[number];

/** Who organises: a kommune's coordinators, or a fylkeskommune's advisors for one or several kommuner. */
export const workshopOrganiserLevels = ["municipality", "county"] as const;
export type WorkshopOrganiserLevel = (typeof workshopOrganiserLevels)[number];

/** A first session, or a follow-up session that looks at what moved in the action plan since last time. */
export const workshopSessionKinds = ["workshop", "follow_up"] as const;
export type WorkshopSessionKind = (typeof workshopSessionKinds)[number];

/**
 * invited (from the register or by e-mail, not yet answered) → registered, or
 * waitlisted when the workshop is full; declined / cancelled by the person;
 * joined: came in through the join code in the room, without an invitation.
 */
export const participantStatuses = ["invited", "registered", "waitlisted", "declined", "cancelled", "joined"] as const;
export type ParticipantStatus = (typeof participantStatuses)[number];

/** Participants who take part (may add obstacles and vote). */
export const activeParticipantStatuses = ["registered", "joined"] as const satisfies readonly ParticipantStatus[];

export const DEFAULT_OBSTACLE_VOTES = 5;
export const DEFAULT_SOLUTION_VOTES = 3;
export const MAX_VOTES_PER_PARTICIPANT = 20;

/** Join codes: six characters without the easily confused 0/O, 1/I/L. */
export const JOIN_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
export const JOIN_CODE_LENGTH = 6;
