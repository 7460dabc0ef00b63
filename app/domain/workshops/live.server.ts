import { createHash } from "node:crypto";
import { listObstacles } from "./obstacles.server.ts";
import { prioritisedCount, type RunAccess } from "./run.server.ts";
import type { ObstacleTheme, WorkshopStatus } from "./workshops.constants.ts";

/**
 * The live ranked view (issue 13): the projector and phones poll this small
 * state every second or so. It comes from the database on every request, so
 * two app instances on one PostgreSQL show the same thing; the version is a
 * hash of the ranking, so a client redraws only when something changed.
 */
export interface LiveState {
  version: string;
  status: WorkshopStatus;
  top: number;
  items: { id: string; theme: ObstacleTheme; text: string; votes: number }[];
}

export async function liveState(access: RunAccess): Promise<LiveState> {
  const [obstacles, top] = await Promise.all([listObstacles(access), prioritisedCount(access.workshop.id)]);
  const items = obstacles.map((o) => ({ id: o.id, theme: o.theme, text: o.text, votes: o.votes }));
  const version = createHash("sha256")
    .update(JSON.stringify([access.workshop.status, top, items]))
    .digest("base64url")
    .slice(0, 16);
  return { version, status: access.workshop.status, top, items };
}
