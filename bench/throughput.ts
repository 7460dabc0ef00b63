/**
 * Throughput: autocannon against a dynamic page of the running app vs the
 * same HTML saved and served as a static file by express.static, same run,
 * loopback, same connections and duration. The app is measured twice: as an
 * anonymous visitor gets the page (from the shared page cache once warm,
 * server/page-cache.server.ts) and rendered every time (a cookie the cache
 * does not know makes it step aside, as a session cookie does).
 */
import { spawn } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import autocannon from "autocannon";
import { BENCH_DIR, STATIC_PORT, sleep, statusOf } from "./lib.ts";

export interface ThroughputResult {
  url: string;
  /** Anonymous requests: answered from the warm page cache. */
  app: { rps: number; p50: number; p99: number; non2xx: number; hits: number };
  /** The same page rendered on every request (the cache bypassed). */
  uncached: { rps: number; p50: number; p99: number; non2xx: number };
  static: { rps: number; p50: number; p99: number; non2xx: number };
  ratio: number;
  uncachedRatio: number;
}

/** A cookie the page cache does not know: it then neither answers nor stores, and the app renders. */
export const BYPASS_CACHE_COOKIE = "bench_uncached=1";

export async function runThroughput(url: string, options: { duration: number; connections: number }): Promise<ThroughputResult> {
  const res = await fetch(url);
  const html = await res.text();
  if (res.status !== 200) throw new Error(`HTTP ${res.status} for ${url}`);
  const dir = path.join(BENCH_DIR, "static");
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, "page.html"), html);
  const child = spawn(process.execPath, ["bench/static-server.ts", dir, String(STATIC_PORT)], { stdio: "ignore" });
  try {
    const staticUrl = `http://127.0.0.1:${STATIC_PORT}/page.html`;
    for (let i = 0; i < 50 && (await statusOf(staticUrl)) !== 200; i++) await sleep(100);
    const run = async (target: string, headers: Record<string, string> = {}) => {
      await autocannon({ url: target, connections: options.connections, duration: 2, headers }); // warm-up
      const r = await autocannon({ url: target, connections: options.connections, duration: options.duration, headers });
      return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, non2xx: r.non2xx + r.errors + r.timeouts };
    };
    const hitsBefore = await cacheHits(url);
    const app = { ...(await run(url)), hits: 0 };
    app.hits = (await cacheHits(url)) - hitsBefore;
    const uncached = await run(url, { cookie: BYPASS_CACHE_COOKIE });
    const stat = await run(staticUrl);
    return { url, app, uncached, static: stat, ratio: app.rps / stat.rps, uncachedRatio: uncached.rps / stat.rps };
  } finally {
    child.kill("SIGTERM");
  }
}

/** The page cache's hit counter in the app's /metrics (loopback), to show the measured run was answered from it. */
async function cacheHits(pageUrl: string): Promise<number> {
  const res = await fetch(new URL("/metrics", pageUrl));
  if (!res.ok) return Number.NaN;
  const line = (await res.text()).split("\n").find((l) => l.startsWith("samspill_page_cache_hits_total "));
  return line ? Number(line.split(" ")[1]) : Number.NaN;
}
