/**
 * The coordinator's start page against the kommune overview it used to call (issue 11: the start page ran the
 * parallel-initiative scan on every visit). Runs alone:
 *
 *   npx tsx bench/start-page.ts [--activities N] [--runs R]
 *
 * A fresh PGlite under tmp/bench-start/ with reference and demo data, plus N generated activities (default 5,000:
 * bench/overlap.ts's "one kommune" size) in Hamar from 600 organisations. Times `getStartPage` for a Hamar
 * coordinator (what `/` loads now) and `getMunicipalityOverview` (what it loaded per coordinated kommune before),
 * R runs each after a warm-up; prints the medians.
 */
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { activities, organizationMunicipalities, organizations } from "~/db/schema/index.ts";
import { seedDemoData } from "~/domain/demo/seed.server.ts";
import { refreshCoverage } from "~/domain/overview/coverage.server.ts";
import { getStartPage } from "~/domain/home/start.server.ts";
import { getMunicipalityOverview } from "~/domain/overview/overview.server.ts";
import { benchActor, freshPglite, loadAverage, numberArg, timeMedian } from "./standalone.ts";

const N = numberArg("activities", 5000);
const RUNS = numberArg("runs", 5);
const HAMAR = "3403";
const kinds = [
  { title: "Leksehjelp", themes: ["homework_help"], groups: ["children", "youth"] },
  { title: "Språkkafé", themes: ["language", "social_network"], groups: ["adults"] },
  { title: "Turgruppe", themes: ["sports_outdoors"], groups: ["everyone"] },
  { title: "Jobbklubb", themes: ["work"], groups: ["job_seekers"] },
  { title: "Norsktrening", themes: ["language"], groups: ["women"] },
];

async function main() {
  const handle = await freshPglite("tmp/bench-start/pglite");
  const db = handle.db;
  await seedDemoData();
  const orgIds = Array.from({ length: 600 }, () => randomUUID());
  await db.insert(organizations).values(orgIds.map((id, i) => ({ id, name: `Bench-organisasjon ${i}`, kind: "voluntary" as const })));
  await db.insert(organizationMunicipalities).values(orgIds.map((id) => ({ organizationId: id, municipalityNumber: HAMAR })));
  for (let i = 0; i < N; i += 1000) {
    await db.insert(activities).values(
      Array.from({ length: Math.min(1000, N - i) }, (_, k) => {
        const n = i + k;
        const kind = kinds[n % kinds.length]!;
        return {
          organizationId: orgIds[n % orgIds.length]!,
          municipalityNumber: HAMAR,
          title: `${kind.title} ${n}`,
          description: `${kind.title} for alle i Hamar, gruppe ${n % 37}.`,
          themes: kind.themes,
          targetGroups: kind.groups,
          latitude: 60.79 + (n % 100) / 5000,
          longitude: 11.06 + (n % 70) / 5000,
          scheduleKind: "recurring" as const,
          weekdays: [1 + (n % 5)],
          startsAt: new Date(Date.UTC(2026, 0, 5 + (n % 5), 16, 0)),
          durationMinutes: 90,
          nextOccurrenceAt: new Date(Date.now() + 7 * 86_400_000),
        };
      }),
    );
  }
  await refreshCoverage(db, [HAMAR]);
  await db.execute(sql`analyze`);
  const actor = benchActor([{ role: "municipal_coordinator", municipalityNumber: HAMAR, countyNumber: null }]);
  const time = (label: string, fn: () => Promise<unknown>) => timeMedian(label, RUNS, fn);
  console.log(`Hamar with ${N + 10} activities (demo + generated), load average ${loadAverage()}`);
  await time("start page now (getStartPage, Hamar coordinator)", () => getStartPage(actor));
  await time("before: getMunicipalityOverview per coordinated kommune (runs detectOverlaps)", () => getMunicipalityOverview(actor, HAMAR));
  await handle.close();
}

await main();
