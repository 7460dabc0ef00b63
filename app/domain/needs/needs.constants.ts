/**
 * Value lists for needs (behov, issue 14): what a kommune or an organisation
 * needs from others, and the commitments organisations answer with. Shared by
 * the schema, the validation schemas and the pages; free of Drizzle.
 */

/** What a need's quantity counts: people (volunteers), hours, or places (e.g. seats in a homework group). */
export const needUnits = ["people", "hours", "places"] as const;
export type NeedUnit = (typeof needUnits)[number];

/**
 * open → fulfilled (accepted commitments cover the quantity, or the owner says so) or closed (withdrawn by its
 * owner). "Expired" is not stored: an open need whose deadline has passed asks its owner to close or extend it.
 */
export const needStatuses = ["open", "fulfilled", "closed"] as const;
export type NeedStatus = (typeof needStatuses)[number];

/** An organisation's answer to a need: the poster accepts or declines it; the organisation may withdraw it while pending. */
export const commitmentStatuses = ["pending", "accepted", "declined", "withdrawn"] as const;
export type CommitmentStatus = (typeof commitmentStatuses)[number];

/** Largest quantity a need may ask for (a typo guard, not a policy). */
export const MAX_NEED_QUANTITY = 10_000;
