import type { needsOnStartPage } from "~/domain/needs/needs-start.server.ts";

/** The needs part of the start page (issue 14); renders nothing when there is nothing for this person. */
export function NeedsStart({ data }: { data: Awaited<ReturnType<typeof needsOnStartPage>> }) {
  if (!data) return null;
  return null;
}
