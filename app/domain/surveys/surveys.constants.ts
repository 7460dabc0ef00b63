/** In what form an organisation wants help (the needs survey's second question). */
export const helpForms = ["guidance", "course", "written_guide", "contact"] as const;
export type HelpForm = (typeof helpForms)[number];

/** How urgently an organisation needs it. */
export const urgencies = ["urgent", "this_year", "not_urgent"] as const;
export type Urgency = (typeof urgencies)[number];

/** Who sent a survey: a fylkeskommune or IMDi (a kommune does not survey organisations). */
export const surveySenderLevels = ["county", "national"] as const;
export type SurveySenderLevel = (typeof surveySenderLevels)[number];

/** Groups with fewer answers than this are never shown apart (and never derivable from the others). */
export const MIN_GROUP_SIZE = 5;
