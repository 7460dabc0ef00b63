import { and, asc, eq, gte, sql } from "drizzle-orm";
import { getDb } from "~/db/client.server.ts";
import { needs } from "~/db/schema/index.ts";
import type { ActivityTheme, TargetGroup } from "~/domain/activities/activities.constants.ts";
import type { NeedUnit } from "./needs.constants.ts";

/**
 * The kommune overview's needs part (issue 14). Open needs are public, so this is the same for everyone who sees the
 * overview; the activity counts come from the overview's own coverage rows (its scope: internal activities only for
 * those who coordinate the kommune).
 * - gaps: target groups named in the kommune's OPEN needs with no matching activity;
 * - demand against supply per theme and unit: asked (open needs' quantities), committed (accepted commitments),
 *   and the theme's activities;
 * - upcoming needs by settlement month (from this month on), next to the kommune's settlement figures.
 */
export async function needsOverviewFor(
  municipalityNumber: string,
  coverage: { themes: { key: string; activityCount: number }[]; targetGroups: { key: string; activityCount: number }[] },
  today: string,
) {
  const db = getDb();
  const accepted = sql<number>`coalesce((select sum(nc.quantity) from need_commitments nc where nc.need_id = "needs"."id" and nc.status = 'accepted'), 0)::int`;
  const open = await db
    .select({
      id: needs.id,
      title: needs.title,
      theme: needs.theme,
      targetGroups: needs.targetGroups,
      unit: needs.unit,
      quantity: needs.quantity,
      settlementMonth: needs.settlementMonth,
      accepted,
    })
    .from(needs)
    .where(and(eq(needs.municipalityNumber, municipalityNumber), eq(needs.status, "open")))
    .orderBy(asc(needs.settlementMonth), asc(needs.deadline), asc(needs.id))
    .limit(500);

  const groupCount = new Map(coverage.targetGroups.map((g) => [g.key, g.activityCount]));
  const named = new Map<TargetGroup, number>();
  for (const n of open) for (const g of n.targetGroups) named.set(g, (named.get(g) ?? 0) + 1);
  const gaps = [...named.entries()]
    .filter(([g]) => (groupCount.get(g) ?? 0) === 0)
    .map(([key, needCount]) => ({ key, needCount }))
    .sort((a, b) => a.key.localeCompare(b.key));

  const themeCount = new Map(coverage.themes.map((t) => [t.key, t.activityCount]));
  const demand = new Map<string, { theme: ActivityTheme; unit: NeedUnit; needCount: number; asked: number; committed: number; activityCount: number }>();
  for (const n of open) {
    const key = `${n.theme}/${n.unit}`;
    const row = demand.get(key) ?? { theme: n.theme, unit: n.unit, needCount: 0, asked: 0, committed: 0, activityCount: themeCount.get(n.theme) ?? 0 };
    row.needCount += 1;
    row.asked += n.quantity;
    row.committed += Math.min(n.accepted, n.quantity);
    demand.set(key, row);
  }

  const thisMonth = `${today.slice(0, 7)}-01`;
  const bySettlementMonth = new Map<string, { id: string; title: string; unit: NeedUnit; quantity: number; accepted: number }[]>();
  for (const n of open) {
    if (!n.settlementMonth || n.settlementMonth < thisMonth) continue;
    const list = bySettlementMonth.get(n.settlementMonth) ?? [];
    list.push({ id: n.id, title: n.title, unit: n.unit, quantity: n.quantity, accepted: n.accepted });
    bySettlementMonth.set(n.settlementMonth, list);
  }

  return {
    openCount: open.length,
    gaps,
    demand: [...demand.values()].sort((a, b) => b.asked - b.committed - (a.asked - a.committed) || a.theme.localeCompare(b.theme)),
    settlementMonths: [...bySettlementMonth.entries()].map(([month, list]) => ({ month, needs: list })),
  };
}

export type NeedsOverview = Awaited<ReturnType<typeof needsOverviewFor>>;

/** The kommune's open needs tied to a settlement month from this month on, by month: shown next to its settlement figures. */
export async function upcomingNeedsBySettlementMonth(municipalityNumber: string, today: string) {
  const thisMonth = `${today.slice(0, 7)}-01`;
  const rows = await getDb()
    .select({
      id: needs.id,
      title: needs.title,
      unit: needs.unit,
      quantity: needs.quantity,
      settlementMonth: needs.settlementMonth,
      accepted: sql<number>`coalesce((select sum(nc.quantity) from need_commitments nc where nc.need_id = "needs"."id" and nc.status = 'accepted'), 0)::int`,
    })
    .from(needs)
    .where(and(eq(needs.municipalityNumber, municipalityNumber), eq(needs.status, "open"), gte(needs.settlementMonth, thisMonth)))
    .orderBy(asc(needs.settlementMonth), asc(needs.deadline), asc(needs.id))
    .limit(200);
  const byMonth = new Map<string, { id: string; title: string; unit: NeedUnit; quantity: number; accepted: number }[]>();
  for (const n of rows) {
    const list = byMonth.get(n.settlementMonth!) ?? [];
    list.push({ id: n.id, title: n.title, unit: n.unit, quantity: n.quantity, accepted: n.accepted });
    byMonth.set(n.settlementMonth!, list);
  }
  return [...byMonth.entries()].map(([month, list]) => ({ month, needs: list }));
}
