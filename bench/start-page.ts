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
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { openDatabase, setDatabase } from "~/db/client.server.ts";
import { activities, organizationMunicipalities, organizations } from "~/db/schema/index.ts";
import { loadReferenceData } from "~/domain/reference/reference.server.ts";
import { seedDemoData } from "~/domain/demo/seed.server.ts";
import { refreshCoverage } from "~/domain/overview/coverage.server.ts";
import { getStartPage } from "~/domain/home/start.server.ts";
import { getMunicipalityOverview } from "~/domain/overview/overview.server.ts";
import type { UserActor } from "~/domain/auth/actor.ts";

const args = process.argv.slice(2);
const arg = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const N = arg("activities", 5000);
const RUNS = arg("runs", 5);
const HAMAR = "3403";
const kinds = [
  { title: "Leksehjelp", themes: ["homework_help"], groups: ["children", "youth"] },
  { title: "Språkkafé", themes: ["language", "social_network"], groups: ["adults"] },
  { title: "Turgruppe", themes: ["sports_outdoors"], groups: ["everyone"] },
  { title: "Jobbklubb", themes: ["work"], groups: ["job_seekers"] },
  { title: "Norsktrening", themes: ["language"], groups: ["women"] },
];

async function main() {
  const dir = path.resolve("tmp/bench-start/pglite");
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(path.dirname(dir), { recursive: true });
  const handle = await openDatabase({ pgliteDataDir: dir });
  setDatabase(handle);
  const db = handle.db;
  await loadReferenceData(db);
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
  const actor: UserActor = {
    kind: "user",
    userId: randomUUID(),
    email: "bench@example.invalid",
    name: "Bench",
    emailVerified: true,
    isDemo: false,
    locale: null,
    sessionId: "bench",
    roles: [{ role: "municipal_coordinator", municipalityNumber: HAMAR, countyNumber: null }],
    memberships: [],
    ip: null,
  };
  const time = async (label: string, fn: () => Promise<unknown>) => {
    await fn();
    const ms: number[] = [];
    for (let r = 0; r < RUNS; r++) {
      const start = performance.now();
      await fn();
      ms.push(performance.now() - start);
    }
    ms.sort((a, b) => a - b);
    console.log(
      `${label}: median ${ms[Math.floor(ms.length / 2)]!.toFixed(1)} ms (min ${ms[0]!.toFixed(1)}, max ${ms[ms.length - 1]!.toFixed(1)}, ${RUNS} runs)`,
    );
  };
  console.log(`Hamar with ${N + 10} activities (demo + generated), load average ${(await import("node:os")).loadavg()[0]!.toFixed(1)}`);
  await time("start page now (getStartPage, Hamar coordinator)", () => getStartPage(actor));
  await time("before: getMunicipalityOverview per coordinated kommune (runs detectOverlaps)", () => getMunicipalityOverview(actor, HAMAR));
  await handle.close();
}

await main();
