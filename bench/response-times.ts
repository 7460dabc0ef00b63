/**
 * Guidance response times (issue 12) at national scale. Runs alone:
 *
 *   npx tsx bench/response-times.ts [--requests N] [--runs R]
 *
 * A fresh PGlite under tmp/bench-response-times/ with reference data and N guidance requests (default 50,000) spread
 * over every kommune and the last 365 days: 80 % answered after 0–14 days, 10 % open, 10 % closed unanswered. Times
 * the national, one county's (Innlandet, 46 kommuner) and one kommune's figures, against the physical limit measured
 * in the same run: the grouped query alone (raw SQL, no working-day arithmetic) and a plain count over the window.
 */
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { guidanceRequests, municipalities, organizations } from "~/db/schema/index.ts";
import { getCountyResponseTimes, getMunicipalityResponseTimes, getNationalResponseTimes } from "~/domain/guidance/response-times.server.ts";
import { benchActor, freshPglite, loadAverage, numberArg, timeMedian } from "./standalone.ts";

const N = numberArg("requests", 50_000);
const RUNS = numberArg("runs", 5);
const DAY = 86_400_000;

async function main() {
  const handle = await freshPglite("tmp/bench-response-times/pglite");
  const db = handle.db;
  const kommuner = (await db.select({ number: municipalities.number }).from(municipalities)).map((m) => m.number);
  const orgIds = kommuner.map(() => randomUUID());
  await db.insert(organizations).values(orgIds.map((id, i) => ({ id, name: `Bench-organisasjon ${i}`, kind: "voluntary" as const })));
  const now = Date.now();
  // A fixed pseudo-random sequence, so runs compare.
  let seed = 42;
  const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  for (let i = 0; i < N; i += 1000) {
    await db.insert(guidanceRequests).values(
      Array.from({ length: Math.min(1000, N - i) }, () => {
        const k = Math.floor(random() * kommuner.length);
        const submitted = now - Math.floor(random() * 365 * DAY);
        const fate = random();
        const answered = fate < 0.8 ? Math.min(now, submitted + Math.floor(random() * 14 * DAY)) : null;
        const closed = fate >= 0.9 ? Math.min(now, submitted + Math.floor(random() * 20 * DAY)) : null;
        return {
          organizationId: orgIds[k]!,
          municipalityNumber: kommuner[k]!,
          topic: "grants_funding" as const,
          title: "Benchmark",
          description: "Benchmark",
          holderLevel: "municipality" as const,
          holderMunicipalityNumber: kommuner[k]!,
          status: answered ? ("answered" as const) : closed ? ("closed" as const) : ("new" as const),
          submittedAt: new Date(submitted),
          firstAnsweredAt: answered ? new Date(answered) : null,
          closedAt: closed ? new Date(closed) : null,
        };
      }),
    );
  }
  await db.execute(sql`analyze`);
  const actor = benchActor([{ role: "national_admin", municipalityNumber: null, countyNumber: null }]);
  const time = (label: string, fn: () => Promise<unknown>) => timeMedian(label, RUNS, fn);
  const since = new Date(now - 365 * DAY).toISOString();
  console.log(`${N} guidance requests over ${kommuner.length} kommuner, load average ${loadAverage()}`);
  await time("national (getNationalResponseTimes: 15 fylker)", () => getNationalResponseTimes(actor));
  await time("county (getCountyResponseTimes: Innlandet, 46 kommuner)", () => getCountyResponseTimes(actor, "34"));
  await time("kommune (getMunicipalityResponseTimes: Hamar)", () => getMunicipalityResponseTimes(actor, "3403"));
  await time("limit: the national grouped query alone (raw SQL)", () =>
    db.execute(
      sql`select municipality_number, (submitted_at at time zone 'Europe/Oslo')::date s, (first_answered_at at time zone 'Europe/Oslo')::date a,
        case when first_answered_at is null then (closed_at at time zone 'Europe/Oslo')::date end c, count(*)
        from guidance_requests where submitted_at >= ${since} group by 1, 2, 3, 4`,
    ),
  );
  await time("limit: count(*) over the window (raw SQL)", () => db.execute(sql`select count(*) from guidance_requests where submitted_at >= ${since}`));
  await handle.close();
}

await main();
