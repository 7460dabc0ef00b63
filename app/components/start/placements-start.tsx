import type { placementsOnStartPage } from "~/domain/placements/placements-start.server.ts";

/** The placements part of the start page (issue 14); renders nothing when there is nothing for this person. */
export function PlacementsStart({ data }: { data: Awaited<ReturnType<typeof placementsOnStartPage>> }) {
  if (!data) return null;
  return null;
}
