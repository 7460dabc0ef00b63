/** Value lists for obstacles handed up above the kommune (issue 13). Free of Drizzle so pages can import them. */

/** Where an obstacle goes: the fylkeskommune of the workshop's kommune(r), or IMDi nationally. */
export const escalationLevels = ["county", "national"] as const;
export type EscalationLevel = (typeof escalationLevels)[number];

/** open until the receiving body answers: taken up, not in our power, or changed. */
export const escalationStatuses = ["open", "taken_up", "not_in_our_power", "changed"] as const;
export type EscalationStatus = (typeof escalationStatuses)[number];
export const escalationAnswers = ["taken_up", "not_in_our_power", "changed"] as const satisfies readonly EscalationStatus[];
export type EscalationAnswer = (typeof escalationAnswers)[number];

export const ESCALATION_TEXT_MAX = 2000;
