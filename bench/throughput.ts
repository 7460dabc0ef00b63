/**
 * Throughput: autocannon against a dynamic page of the running app vs the
 * same HTML saved and served as a static file by express.static, same run,
 * loopback, same connections and duration.
 */
import { spawn } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import autocannon from "autocannon";
import { BENCH_DIR, STATIC_PORT, sleep, statusOf } from "./lib.ts";

export interface ThroughputResult {
  url: string;
  app: { rps: number; p50: number; p99: number; non2xx: number };
  static: { rps: number; p50: number; p99: number; non2xx: number };
  ratio: number;
}

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
    const run = async (target: string) => {
      await autocannon({ url: target, connections: options.connections, duration: 2 }); // warm-up
      const r = await autocannon({ url: target, connections: options.connections, duration: options.duration });
      return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, non2xx: r.non2xx + r.errors + r.timeouts };
    };
    const app = await run(url);
    const stat = await run(staticUrl);
    return { url, app, static: stat, ratio: app.rps / stat.rps };
  } finally {
    child.kill("SIGTERM");
  }
}
