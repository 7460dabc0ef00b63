/** A story's review state: waiting for the kommune's coordinator, sent back with a comment, or public. */
export const storyStatuses = ["pending", "returned", "approved"] as const;
export type StoryStatus = (typeof storyStatuses)[number];
