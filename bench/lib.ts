/** Shared helpers for the benchmarks: processes, PostgreSQL, the app, statistics. */
import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import os from "node:os";
import path from "node:path";

export const BENCH_DIR = path.resolve("tmp/bench");
export const BUILD_DIR = process.env.BENCH_BUILD_DIR ?? "tmp/bench/build";
export const APP_PORT = Number(process.env.BENCH_APP_PORT ?? 3316);
export const STATIC_PORT = Number(process.env.BENCH_STATIC_PORT ?? 3317);
export const PG_PORT = Number(process.env.BENCH_PG_PORT ?? 55440);
export const SESSION_SECRET = "bench-only-secret-0123456789abcdef0123456789";
/** PGlite buffers for the national data set (STACK-NOTES: 128 MB is 3–5× slower on large scans). */
export const PGLITE_SHARED_BUFFERS = process.env.BENCH_PGLITE_SHARED_BUFFERS ?? "1GB";

export const log = (msg: string) => process.stderr.write(`[bench] ${msg}\n`);
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}
export function stats(ms: number[]) {
  const s = [...ms].sort((a, b) => a - b);
  return { p50: percentile(s, 50), p95: percentile(s, 95), p99: percentile(s, 99), mean: s.reduce((a, b) => a + b, 0) / s.length, n: s.length };
}
export const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : "–");

export function table(headers: string[], rows: (string | number)[][]): string {
  const cells = [headers, ...rows.map((r) => r.map(String))];
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? "").length)));
  const line = (r: string[]) => "| " + r.map((c, i) => c.padEnd(widths[i]!)).join(" | ") + " |";
  return [line(cells[0]!), "|" + widths.map((w) => "-".repeat(w + 2)).join("|") + "|", ...cells.slice(1).map(line)].join("\n");
}

// ---------------------------------------------------------------- PostgreSQL

const PG_BIN = process.env.PG_BIN ?? "/usr/lib/postgresql/15/bin";
const PG_DIR = path.join(BENCH_DIR, "pg");
const asOwner = (cmd: string, args: string[]) =>
  process.getuid?.() === 0 ? execFileSync("runuser", ["-u", "postgres", "--", cmd, ...args], { stdio: "pipe" }) : execFileSync(cmd, args, { stdio: "pipe" });

/**
 * A PostgreSQL 15 cluster kept in tmp/bench/pg between runs (so generated data
 * is reused), started with 1 GB shared_buffers like STACK-NOTES' measurements.
 * Same approach as scripts/pg-cluster.sh (runuser as root).
 */
export async function startPostgres(): Promise<{ url: (db: string) => string; stop: () => void }> {
  if (!existsSync(path.join(PG_BIN, "initdb"))) throw new Error(`PostgreSQL 15 binaries not found in ${PG_BIN}`);
  if (!existsSync(path.join(PG_DIR, "data", "PG_VERSION"))) {
    mkdirSync(path.join(PG_DIR, "data"), { recursive: true });
    mkdirSync(path.join(PG_DIR, "sock"), { recursive: true });
    if (process.getuid?.() === 0) execFileSync("chown", ["-R", "postgres:postgres", PG_DIR]);
    asOwner(path.join(PG_BIN, "initdb"), ["-D", path.join(PG_DIR, "data"), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"]);
  }
  if (process.getuid?.() === 0) execFileSync("chown", ["-R", "postgres:postgres", PG_DIR]);
  const ctl = path.join(PG_BIN, "pg_ctl");
  try {
    asOwner(ctl, ["-D", path.join(PG_DIR, "data"), "status"]);
    // Already running (another bench run started it): use it, leave stopping to that run.
    log(`PostgreSQL already running on port ${PG_PORT}: reusing it`);
    return { url: (db) => `postgres://postgres@127.0.0.1:${PG_PORT}/${db}`, stop: () => {} };
  } catch {
    /* not running: start it */
  }
  const opts = `-p ${PG_PORT} -k ${path.join(PG_DIR, "sock")} -c listen_addresses=127.0.0.1 -c shared_buffers=1GB -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=100`;
  try {
    asOwner(path.join(PG_BIN, "pg_ctl"), ["-D", path.join(PG_DIR, "data"), "-l", path.join(PG_DIR, "server.log"), "-w", "-t", "60", "-o", opts, "start"]);
  } catch (error) {
    throw new Error(`pg_ctl start failed on port ${PG_PORT} (see ${PG_DIR}/server.log): ${String(error)}`, { cause: error });
  }
  const stop = () => {
    try {
      asOwner(path.join(PG_BIN, "pg_ctl"), ["-D", path.join(PG_DIR, "data"), "-m", "fast", "-w", "stop"]);
    } catch {
      /* already stopped */
    }
  };
  return { url: (db) => `postgres://postgres@127.0.0.1:${PG_PORT}/${db}`, stop };
}

export async function ensurePgDatabase(adminUrl: string, name: string, fresh = false): Promise<void> {
  const pg = (await import("pg")).default;
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  if (fresh) await client.query(`drop database if exists "${name}"`);
  const exists = await client.query("select 1 from pg_database where datname = $1", [name]);
  if (!exists.rowCount) await client.query(`create database "${name}"`);
  await client.end();
}

// ---------------------------------------------------------------- the app

export interface AppTarget {
  pgliteDataDir?: string;
  databaseUrl?: string;
  demo?: boolean;
  port?: number;
  /** App processes (WEB_CONCURRENCY; PostgreSQL only). */
  workers?: number;
}

export interface RunningApp {
  base: string;
  child: ChildProcess;
  stop: () => Promise<void>;
}

/**
 * Builds the app into BUILD_DIR when missing (or --rebuild). With --build-from-head
 * it builds the last commit (git archive into a temporary folder outside the
 * project, sharing node_modules), so half-written files in a shared working
 * tree do not break or colour the figures.
 */
export function ensureBuild(rebuild: boolean, fromHead = false): void {
  if (!rebuild && !fromHead && existsSync(path.join(BUILD_DIR, "server", "index.js"))) return;
  const outDir = path.resolve(BUILD_DIR);
  const env = { ...process.env, BUILD_DIR: outDir, NODE_ENV: "production" };
  if (!fromHead) {
    log(`building the app (working tree) into ${BUILD_DIR} …`);
    execFileSync("npx", ["react-router", "build"], { stdio: ["ignore", "ignore", "inherit"], env });
    return;
  }
  const src = mkdtempSync(path.join(os.tmpdir(), "samspill-bench-src-"));
  try {
    const commit = execFileSync("git", ["rev-parse", "--short", "HEAD"]).toString().trim();
    log(`building the app at commit ${commit} into ${BUILD_DIR} …`);
    execFileSync("sh", ["-c", `git archive HEAD | tar -x -C "${src}"`]);
    symlinkSync(path.resolve("node_modules"), path.join(src, "node_modules"));
    execFileSync(path.resolve("node_modules/.bin/react-router"), ["build"], { cwd: src, stdio: ["ignore", "ignore", "inherit"], env });
  } finally {
    rmSync(src, { recursive: true, force: true });
  }
}

/** Starts the built app (node server.ts) and waits for /readyz. */
export async function startApp(target: AppTarget, logName: string): Promise<RunningApp> {
  const port = target.port ?? APP_PORT;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    BUILD_DIR,
    PORT: String(port),
    HOST: "127.0.0.1",
    PUBLIC_URL: `http://localhost:${port}`,
    SESSION_SECRET,
    SEED_DEMO_DATA: target.demo ? "true" : "false",
    LOG_LEVEL: "warn",
    PGLITE_SHARED_BUFFERS: target.pgliteDataDir ? PGLITE_SHARED_BUFFERS : "",
  };
  if (target.workers) env.WEB_CONCURRENCY = String(target.workers);
  if (target.databaseUrl) env.DATABASE_URL = target.databaseUrl;
  else {
    env.DATABASE_URL = "";
    env.PGLITE_DATA_DIR = target.pgliteDataDir!;
  }
  const logFile = path.join(BENCH_DIR, `${logName}.log`);
  const clustered = (target.workers ?? 1) > 1;
  const out = openSync(logFile, "w");
  const child = spawn(process.execPath, ["server.ts"], { env, stdio: ["ignore", out, out] });
  const base = `http://127.0.0.1:${port}`;
  const started = Date.now();
  let exited = false;
  child.on("exit", () => (exited = true));
  for (;;) {
    if (exited) throw new Error(`the app exited during start-up: see tmp/bench/${logName}.log`);
    try {
      const res = await fetch(`${base}/readyz`);
      // A cluster answers when its first process listens; the figures want all of them.
      const all = !clustered || readFileSync(logFile, "utf8").includes("app processes listening");
      if (res.ok && all) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() - started > 180_000) {
      child.kill("SIGKILL");
      throw new Error(`the app did not become ready in 180 s: see tmp/bench/${logName}.log`);
    }
    await sleep(200);
  }
  log(
    `app ready on ${base} in ${((Date.now() - started) / 1000).toFixed(1)} s (${target.databaseUrl ? "PostgreSQL" : "PGlite"}${clustered ? `, ${target.workers} app processes` : ""})`,
  );
  const stop = async () => {
    if (exited) return;
    const done = new Promise((r) => child.once("exit", r));
    child.kill("SIGTERM");
    await Promise.race([done, sleep(15_000)]);
    if (!exited) child.kill("SIGKILL");
  };
  return { base, child, stop };
}

/** First status of a GET (no redirects followed). */
export async function statusOf(url: string): Promise<number> {
  try {
    const res = await fetch(url, { redirect: "manual" });
    await res.arrayBuffer();
    return res.status;
  } catch {
    return 0;
  }
}
