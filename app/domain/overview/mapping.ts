/**
 * "Not registered" is not "not offered" (the 2016 report: kommuner lack an overview of voluntary activity).
 * A kommune where fewer than this many current activities are registered in Samspill is *not mapped yet*:
 * its empty themes say that nobody has registered anything, not that nothing is offered, so they are not
 * counted as gaps anywhere (kommune, county or national overview), and it is listed apart.
 */
export const MAPPED_MIN_ACTIVITIES = 3;

export function isMapped(currentActivities: number): boolean {
  return currentActivities >= MAPPED_MIN_ACTIVITIES;
}
