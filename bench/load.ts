/**
 * Load: N virtual users for D seconds against the built app on loopback, with the mix of issue 15 — public finder
 * searches 60 %, activity pages 20 %, signed-in edits 10 % (an activity update through the real edit form),
 * workshop voting 10 % (a guest participant of the demo's running workshop votes and takes the vote back).
 * Prints throughput, p50/p95/p99 per kind and the errors (a status outside 2xx/3xx, a timeout, a refused or reset
 * connection) against the aim: 0 errors, p95 < 200 ms.
 *
 *   npx tsx bench/load.ts --vus 200 --duration 600                 # starts PostgreSQL (bench's cluster) + the built app, demo data
 *   npx tsx bench/load.ts --vus 200 --duration 600 --workers 2     # the same with two app processes (WEB_CONCURRENCY=2)
 *   bash scripts/pg-cluster.sh run npx tsx bench/load.ts --vus 50   # the same on a throwaway cluster (DATABASE_URL)
 *   npx tsx bench/load.ts --url http://127.0.0.1:3000 --vus 20      # an app already running (demo data on), loopback only
 *
 * Public searches and activity pages are requested without the session (a visitor), edits and votes with it.
 * The engine (runLoad, formatLoad) is what tests/system/load.test.ts runs for its one-minute CI variant.
 * Every virtual user pauses between requests (--think-ms, uniform 0.5×–1.5×) like a person reading a page; with
 * --think-ms 0 it is a closed loop that measures the most the app can take instead.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import os from "node:os";
import { readdirSync, readFileSync } from "node:fs";
import { mulberry32 } from "./generate.ts";
import { DEMO_PASSWORD, demoAccountEmails, demoOrganizationIds, demoWorkshopRunIds, demoWorkshops } from "../app/domain/demo/ids.ts";

export type LoadKind = "search" | "activity" | "edit" | "vote";
export const loadKinds: readonly LoadKind[] = ["search", "activity", "edit", "vote"];
/** The issue's mix, in per cent. */
export const defaultMix: Record<LoadKind, number> = { search: 60, activity: 20, edit: 10, vote: 10 };

export interface LoadOptions {
  /** The app's base URL; must be loopback. */
  baseUrl: string;
  vus: number;
  durationS: number;
  /** Mean pause between one user's requests. */
  thinkMs?: number;
  /** A request slower than this counts as an error (a timeout). */
  timeoutMs?: number;
  mix?: Record<LoadKind, number>;
  /** Progress lines (default: stderr). */
  log?: (line: string) => void;
}

export interface KindFigures {
  requests: number;
  errors: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  /** Answers served from the page cache (X-Cache: hit). */
  cacheHits: number;
}

export interface LoadResult {
  vus: number;
  durationS: number;
  thinkMs: number;
  /** Signing in, joining the workshop and creating each user's activity, before the measured run. */
  setupS: number;
  requests: number;
  errors: number;
  throughput: number;
  kinds: Record<LoadKind, KindFigures>;
  all: KindFigures;
  /** The first few errors, for a failing test's message. */
  errorSamples: string[];
  loadAverage: number[];
}

/** The aim of issue 15. */
export const LOAD_AIM = { errors: 0, p95Ms: 200 };

const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]", "::1"]);

export function assertLoopback(baseUrl: string): void {
  const url = new URL(baseUrl);
  if (!LOOPBACK.has(url.hostname) && !/^127\.\d+\.\d+\.\d+$/.test(url.hostname)) {
    throw new Error(`bench/load.ts runs against loopback only (127.0.0.1, ::1, localhost), not ${url.hostname}`);
  }
}

// ---------------------------------------------------------------- the mix's inputs

const words = [
  "leksehjelp",
  "språkkafé",
  "sprakkafe",
  "norsk",
  "trening",
  "fotball",
  "bibliotek",
  "kvinner",
  "barn",
  "turgruppe",
  "sykkel",
  "jobb",
  "bolig",
  "frivillig",
  "leksehjlep",
  "samtale",
  "foreldre",
  "",
];
const municipalities = ["", "", "3403", "3905", "4602", "0301", "4601", "5001"];
const themes = ["", "", "", "language", "homework_help", "physical_activity"];

export function searchPath(random: () => number): string {
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const params = new URLSearchParams();
  const q = pick(words);
  if (q) params.set("q", q);
  const municipality = pick(municipalities);
  if (municipality) params.set("municipality", municipality);
  const theme = pick(themes);
  if (theme) params.set("themes", theme);
  if (random() < 0.15) params.set("free", "1");
  if (random() < 0.25) params.set("page", String(2 + Math.floor(random() * 3)));
  const query = params.toString();
  return `/aktiviteter${query ? `?${query}` : ""}`;
}

/** A valid activity form post (Hamar, weekly), as tests/fixtures/activity-form.ts has it. */
function activityForm(title: string): [string, string][] {
  return [
    ["title", title],
    ["description", "Lasttest: frivillige hjelper barn med lekser hver tirsdag på biblioteket."],
    ["themes", "homework_help"],
    ["targetGroups", "children"],
    ["languages", "nb"],
    ["municipality", "3403"],
    ["scheduleKind", "recurring"],
    ["startsAt", "2026-01-06T17:00"],
    ["durationMinutes", "90"],
    ["repeatFrequency", "WEEKLY"],
    ["repeatWeekdays", "TU"],
    ["status", "active"],
    ["visibility", "public"],
    ["isFree", "on"],
    ["confirmNotDuplicate", "on"],
  ];
}

// ---------------------------------------------------------------- one user's HTTP

class RequestError extends Error {}

/** One virtual user: its own cookies (CSRF, session, the workshop's participant cookie) and CSRF token. */
class Client {
  private cookies = new Map<string, string>();
  csrf = "";
  constructor(
    readonly base: string,
    readonly timeoutMs: number,
  ) {}

  async request(
    method: "GET" | "POST",
    pathname: string,
    form?: [string, string][],
  ): Promise<{ status: number; body: string; location: string | null; cacheHit: boolean }> {
    const headers: Record<string, string> = { Accept: "text/html", "Accept-Language": "nb" };
    if (this.cookies.size) headers.Cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    let body: string | undefined;
    if (form) {
      headers["Content-Type"] = "application/x-www-form-urlencoded";
      body = new URLSearchParams([["_csrf", this.csrf], ...form]).toString();
    }
    const response = await fetch(this.base + pathname, { method, headers, body, redirect: "manual", signal: AbortSignal.timeout(this.timeoutMs) });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(";");
      const eq = pair!.indexOf("=");
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      if (value === "" || /max-age=0|expires=thu, 01 jan 1970/i.test(cookie)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const text = await response.text();
    const token = /name="_csrf"[^>]*value="([^"]+)"/.exec(text) ?? /value="([^"]+)"[^>]*name="_csrf"/.exec(text);
    if (token) this.csrf = token[1]!;
    return { status: response.status, body: text, location: response.headers.get("location"), cacheHit: response.headers.get("x-cache") === "hit" };
  }

  /** A request whose answer must be 2xx or 3xx (setup steps). */
  async ok(method: "GET" | "POST", pathname: string, form?: [string, string][]) {
    const result = await this.request(method, pathname, form);
    if (result.status >= 400) throw new RequestError(`${method} ${pathname} → ${result.status}`);
    return result;
  }
}

interface User {
  /** Signed in, and a participant of the workshop: edits and votes. */
  client: Client;
  /** The same person's public browsing, not signed in, as most finder visitors are (and as the page cache serves them). */
  visitor: Client;
  random: () => number;
  activityId: string | null;
  edits: number;
  voted: boolean;
  obstacleId: string;
}

/** The activity ids the finder shows anonymous visitors (so every activity page requested is a public 200). */
async function publicActivityIds(client: Client): Promise<string[]> {
  const ids = new Set<string>();
  for (const pathname of ["/aktiviteter", "/aktiviteter?page=2", "/aktiviteter?municipality=3403", "/aktiviteter?municipality=4602", "/aktiviteter?q=norsk"]) {
    const { body } = await client.ok("GET", pathname);
    for (const match of body.matchAll(/href="\/aktiviteter\/([0-9a-f-]{36})"/g)) ids.add(match[1]!);
  }
  if (ids.size === 0) throw new Error("the finder lists no activities: is the demo data (SEED_DEMO_DATA=true) or the bench data there?");
  return [...ids];
}

/** Virtual users that edit one activity between them (its creator and the next ones), to keep setup short. */
const USERS_PER_ACTIVITY = 10;

/** Signs in through the sign-in form, joins the running demo workshop as a guest, and (one in USERS_PER_ACTIVITY) creates the activity its group edits. */
async function setUpUser(base: string, index: number, timeoutMs: number): Promise<User> {
  const client = new Client(base, timeoutMs);
  await client.ok("GET", "/logg-inn");
  const signIn = await client.ok("POST", "/logg-inn", [
    ["intent", "password"],
    ["email", demoAccountEmails.org_admin],
    ["password", DEMO_PASSWORD],
    ["next", "/min-side"],
  ]);
  if (signIn.status < 300) throw new RequestError(`sign-in of virtual user ${index} did not redirect (status ${signIn.status})`);
  await client.ok("GET", "/min-side");
  let activityId: string | null = null;
  if (index % USERS_PER_ACTIVITY === 0) {
    const created = await client.ok("POST", `/organisasjoner/${demoOrganizationIds.hamarVolunteerCentre}/aktiviteter/ny`, activityForm(`Lasttest ${index}`));
    activityId = /\/aktiviteter\/([0-9a-f-]{36})/.exec(created.location ?? "")?.[1] ?? null;
    if (!activityId) throw new RequestError(`creating virtual user ${index}'s activity did not redirect to it (status ${created.status})`);
  }
  // The workshop's participant cookie sits beside the session: a guest in the room, as from a phone.
  await client.ok("GET", `/verksteder/bli-med?kode=${demoWorkshops.kinn.joinCode}`);
  await client.ok("POST", "/verksteder/bli-med", [
    ["intent", "join"],
    ["code", demoWorkshops.kinn.joinCode],
    ["name", `Lasttest ${index}`],
    ["sector", "voluntary"],
  ]);
  const obstacles = demoWorkshopRunIds.kinnObstacles;
  return {
    client,
    visitor: new Client(base, timeoutMs),
    random: mulberry32(index + 1),
    activityId,
    edits: 0,
    voted: false,
    obstacleId: obstacles[index % obstacles.length]!,
  };
}

async function runOne(user: User, kind: LoadKind, activityIds: string[]): Promise<{ status: number; cacheHit?: boolean }> {
  const { client, visitor, random } = user;
  switch (kind) {
    case "search":
      return visitor.request("GET", searchPath(random));
    case "activity":
      return visitor.request("GET", `/aktiviteter/${activityIds[Math.floor(random() * activityIds.length)]}`);
    case "edit": {
      user.edits += 1;
      const form = activityForm(`Lasttest ${user.activityId!.slice(-4)} endring ${user.edits}`);
      return client.request("POST", `/aktiviteter/${user.activityId}/rediger`, [["intent", "update"], ...form]);
    }
    case "vote": {
      // Vote, then take it back: a participant's votes stay within the workshop's limit however long the run.
      const status = (
        await client.request("POST", `/verksteder/${demoWorkshops.kinn.id}/hindringer`, [
          ["intent", user.voted ? "withdraw" : "vote"],
          ["obstacleId", user.obstacleId],
        ])
      ).status;
      if (status < 400) user.voted = !user.voted;
      return { status };
    }
  }
}

function figures(ms: number[], errors: number, cacheHits: number): KindFigures {
  const sorted = [...ms].sort((a, b) => a - b);
  const at = (p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! : 0);
  return { requests: ms.length, errors, p50: at(50), p95: at(95), p99: at(99), max: sorted.at(-1) ?? 0, cacheHits };
}

/** Sets up the users, runs the mix for the duration, and measures. Throws only when setup fails. */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  assertLoopback(options.baseUrl);
  const base = options.baseUrl.replace(/\/$/, "");
  const vus = Math.max(1, Math.min(2000, Math.floor(options.vus)));
  const durationS = Math.max(1, Math.min(3600, options.durationS));
  const thinkMs = options.thinkMs ?? 2000;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const mix = options.mix ?? defaultMix;
  const log = options.log ?? ((line: string) => process.stderr.write(`[load] ${line}\n`));
  const weightTotal = loadKinds.reduce((sum, k) => sum + mix[k], 0);

  const setupStarted = performance.now();
  const activityIds = await publicActivityIds(new Client(base, timeoutMs));
  // A few at a time: sign-in hashes the password (argon2), and 200 at once would only queue on the 2 cores.
  const users: User[] = [];
  for (let i = 0; i < vus; i += 8) {
    users.push(...(await Promise.all(Array.from({ length: Math.min(8, vus - i) }, (_, j) => setUpUser(base, i + j, 30_000)))));
  }
  for (const [i, user] of users.entries()) user.activityId ??= users[i - (i % USERS_PER_ACTIVITY)]!.activityId;
  const setupS = (performance.now() - setupStarted) / 1000;
  log(
    `${vus} virtual users signed in, joined the workshop and created activities to edit in ${setupS.toFixed(1)} s; ${activityIds.length} public activities; running ${durationS} s`,
  );

  const times: Record<LoadKind, number[]> = { search: [], activity: [], edit: [], vote: [] };
  const errors: Record<LoadKind, number> = { search: 0, activity: 0, edit: 0, vote: 0 };
  const cacheHits: Record<LoadKind, number> = { search: 0, activity: 0, edit: 0, vote: 0 };
  const errorSamples: string[] = [];
  const started = performance.now();
  const end = started + durationS * 1000;
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  const loop = async (user: User) => {
    // Users arrive spread over the first think time, not all in the same millisecond.
    await sleep(user.random() * thinkMs);
    while (performance.now() < end) {
      let roll = user.random() * weightTotal;
      const kind = loadKinds.find((k) => (roll -= mix[k]) < 0) ?? "search";
      const t0 = performance.now();
      let problem: string | null = null;
      try {
        const { status, cacheHit } = await runOne(user, kind, activityIds);
        if (status >= 400) problem = `${kind}: HTTP ${status}`;
        if (cacheHit) cacheHits[kind] += 1;
      } catch (error) {
        const cause = (error as { cause?: { code?: string } }).cause?.code;
        problem = `${kind}: ${error instanceof Error ? (error.name === "TimeoutError" ? `timeout after ${timeoutMs} ms` : error.message) : String(error)}${cause ? ` (${cause})` : ""}`;
      }
      const ms = performance.now() - t0;
      times[kind].push(ms);
      // Counted here too: an answer that took longer than the limit is a timeout even if the abort came late.
      if (!problem && ms >= timeoutMs) problem = `${kind}: timeout (${Math.round(ms)} ms)`;
      if (problem) {
        errors[kind] += 1;
        if (errorSamples.length < 20) errorSamples.push(problem);
      }
      if (thinkMs > 0) await sleep(thinkMs * (0.5 + user.random()));
    }
  };
  let lastReport = started;
  const reporter = setInterval(() => {
    const now = performance.now();
    if (now - lastReport < 29_000) return;
    lastReport = now;
    const n = loadKinds.reduce((sum, k) => sum + times[k].length, 0);
    const e = loadKinds.reduce((sum, k) => sum + errors[k], 0);
    log(`${Math.round((now - started) / 1000)} s: ${n} requests, ${e} errors, load average ${os.loadavg()[0]!.toFixed(2)}`);
  }, 1000);
  try {
    await Promise.all(users.map(loop));
  } finally {
    clearInterval(reporter);
  }
  const elapsedS = (performance.now() - started) / 1000;
  const kinds = Object.fromEntries(loadKinds.map((k) => [k, figures(times[k], errors[k], cacheHits[k])])) as Record<LoadKind, KindFigures>;
  const allTimes = loadKinds.flatMap((k) => times[k]);
  const errorCount = loadKinds.reduce((sum, k) => sum + errors[k], 0);
  return {
    vus,
    durationS: elapsedS,
    thinkMs,
    setupS,
    requests: allTimes.length,
    errors: errorCount,
    throughput: allTimes.length / elapsedS,
    kinds,
    all: figures(
      allTimes,
      errorCount,
      loadKinds.reduce((sum, k) => sum + cacheHits[k], 0),
    ),
    errorSamples,
    loadAverage: os.loadavg(),
  };
}

export function formatLoad(result: LoadResult): string {
  const row = (name: string, f: KindFigures) =>
    `${name.padEnd(9)} ${String(f.requests).padStart(8)} ${String(f.errors).padStart(7)} ${f.p50.toFixed(1).padStart(8)} ${f.p95.toFixed(1).padStart(8)} ${f.p99.toFixed(1).padStart(8)} ${f.max.toFixed(0).padStart(8)} ${(f.requests ? `${Math.round((100 * f.cacheHits) / f.requests)} %` : "–").padStart(7)}`;
  const meets = result.errors === LOAD_AIM.errors && result.all.p95 < LOAD_AIM.p95Ms;
  return [
    `${result.vus} virtual users, ${result.durationS.toFixed(0)} s, think time ${result.thinkMs} ms (0.5×–1.5×); setup ${result.setupS.toFixed(1)} s`,
    `throughput ${result.throughput.toFixed(1)} requests/s; load average ${result.loadAverage.map((l) => l.toFixed(2)).join(" ")} (${os.cpus().length} cores)`,
    `kind      requests  errors  p50 ms   p95 ms   p99 ms   max ms  cached`,
    ...loadKinds.map((k) => row(k, result.kinds[k])),
    row("all", result.all),
    `aim: ${LOAD_AIM.errors} errors, p95 < ${LOAD_AIM.p95Ms} ms → ${meets ? "met" : "NOT met"}`,
    ...(result.errorSamples.length ? ["first errors:", ...result.errorSamples.map((e) => `  ${e}`)] : []),
  ].join("\n");
}

// ---------------------------------------------------------------- standalone

/** CPU seconds used so far by the app (with its workers), all PostgreSQL processes, and this process (Linux /proc). */
function cpuSeconds(appPid: number | undefined): { app: number; postgres: number; generator: number } {
  const ticks = 100; // USER_HZ on Linux
  // utime + stime, and with `withEnded` also cutime + cstime: the postmaster's backends that have ended (a closed
  // connection) would otherwise take their CPU with them.
  const ofStat = (stat: string, withEnded = false) => {
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const own = Number(fields[11]) + Number(fields[12]);
    return (withEnded ? own + Number(fields[13]) + Number(fields[14]) : own) / ticks;
  };
  let app = 0;
  let postgres = 0;
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const parent = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      // The app, and its worker processes when it runs as a cluster (--workers).
      if (Number(entry) === appPid || parent === appPid) app += ofStat(stat);
      else if (stat.includes("(postgres)")) postgres += ofStat(stat, true);
    } catch {
      /* the process ended meanwhile */
    }
  }
  const own = process.cpuUsage();
  return { app, postgres, generator: (own.user + own.system) / 1e6 };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      vus: { type: "string", default: "200" },
      duration: { type: "string", default: "600" },
      "think-ms": { type: "string", default: "2000" },
      workers: { type: "string", default: "1" },
      url: { type: "string" },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    console.log("Usage: npx tsx bench/load.ts [--vus 200] [--duration 600] [--think-ms 2000] [--workers 1] [--url http://127.0.0.1:PORT]");
    return;
  }
  const vus = Number(values.vus);
  const durationS = Number(values.duration);
  const thinkMs = Number(values["think-ms"]);
  if (!(vus >= 1 && vus <= 2000) || !(durationS >= 1 && durationS <= 3600) || !(thinkMs >= 0))
    throw new Error("--vus 1–2000, --duration 1–3600 s, --think-ms ≥ 0");
  if (values.url) {
    console.log(formatLoad(await runLoad({ baseUrl: values.url, vus, durationS, thinkMs })));
    return;
  }
  // The bench's own app and PostgreSQL (bench/lib.ts), with the demo data the mix needs.
  process.env.LOG_LEVEL ??= "warn";
  const lib = await import("./lib.ts");
  const { mkdirSync } = await import("node:fs");
  mkdirSync(lib.BENCH_DIR, { recursive: true });
  lib.ensureBuild(false);
  let databaseUrl = process.env.DATABASE_URL?.startsWith("postgres") ? process.env.DATABASE_URL : undefined;
  let postgres: { stop: () => void } | undefined;
  if (!databaseUrl) {
    const pg = await lib.startPostgres();
    postgres = pg;
    await lib.ensurePgDatabase(pg.url("postgres"), "samspill_load", true);
    databaseUrl = pg.url("samspill_load");
  }
  const workers = Number(values.workers);
  if (!(Number.isInteger(workers) && workers >= 1 && workers <= 64)) throw new Error("--workers 1–64");
  const app = await lib.startApp({ databaseUrl, demo: true, workers }, "load-app");
  try {
    const cpuBefore = cpuSeconds(app.child.pid);
    const result = await runLoad({ baseUrl: app.base, vus, durationS, thinkMs });
    const cpuAfter = cpuSeconds(app.child.pid);
    console.log(`${workers} app process${workers > 1 ? "es (WEB_CONCURRENCY)" : ""} on PostgreSQL`);
    console.log(formatLoad(result));
    // Where the 2 cores went (setup included: sign-ins hash passwords): the app, PostgreSQL, this generator.
    const perRequest = (k: keyof typeof cpuBefore) => ((1000 * (cpuAfter[k] - cpuBefore[k])) / result.requests).toFixed(1);
    console.log(
      `CPU per request (setup included): app ${perRequest("app")} ms, PostgreSQL ${perRequest("postgres")} ms, load generator ${perRequest("generator")} ms`,
    );
  } finally {
    await app.stop();
    postgres?.stop();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
