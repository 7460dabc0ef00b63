/**
 * Shared pieces of the standalone in-process benchmarks (start-page.ts, response-times.ts): their flags, a fresh
 * PGlite with reference data, a staff actor, and the median-of-R-runs timer whose line both print.
 */
import { mkdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { openDatabase, setDatabase } from "~/db/client.server.ts";
import { loadReferenceData } from "~/domain/reference/reference.server.ts";
import type { UserActor } from "~/domain/auth/actor.ts";

const args = process.argv.slice(2);

/** `--name N` from the command line, or the fallback. */
export function numberArg(name: string, fallback: number): number {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
}

/** A new PGlite in `dir` (emptied first) with the real migrations and reference data, set as the app's database. */
export async function freshPglite(dir: string) {
  const full = path.resolve(dir);
  rmSync(full, { recursive: true, force: true });
  mkdirSync(path.dirname(full), { recursive: true });
  const handle = await openDatabase({ pgliteDataDir: full });
  setDatabase(handle);
  await loadReferenceData(handle.db);
  return handle;
}

/** A signed-in actor with the given roles and no memberships. */
export function benchActor(roles: UserActor["roles"]): UserActor {
  return {
    kind: "user",
    userId: randomUUID(),
    email: "bench@example.invalid",
    name: "Bench",
    emailVerified: true,
    isDemo: false,
    locale: null,
    sessionId: "bench",
    roles,
    memberships: [],
    ip: null,
  };
}

export const loadAverage = () => os.loadavg()[0]!.toFixed(1);

/** One warm-up call, then `runs` timed calls; prints the median, min and max. */
export async function timeMedian(label: string, runs: number, fn: () => Promise<unknown>): Promise<void> {
  await fn();
  const ms: number[] = [];
  for (let r = 0; r < runs; r++) {
    const start = performance.now();
    await fn();
    ms.push(performance.now() - start);
  }
  ms.sort((a, b) => a - b);
  console.log(`${label}: median ${ms[Math.floor(ms.length / 2)]!.toFixed(1)} ms (min ${ms[0]!.toFixed(1)}, max ${ms.at(-1)!.toFixed(1)}, ${runs} runs)`);
}
