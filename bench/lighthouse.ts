/**
 * Lighthouse (mobile, performance only) for a page, plus the gzip size of the
 * JavaScript the page loads, counted two ways: Lighthouse's network records
 * (transfer size of scripts) and the script/modulepreload tags in the HTML,
 * each file gzipped here.
 */
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { gzipSync } from "node:zlib";
import { BENCH_DIR } from "./lib.ts";

const run = promisify(execFile);
const CHROME_FLAGS =
  "--headless=new --no-sandbox --disable-gpu --disable-quic --disable-background-networking --disable-component-update --disable-sync --no-first-run";

export interface LighthouseResult {
  url: string;
  score: number;
  lcpMs: number;
  tbtMs: number;
  scriptTransferKB: number;
  scriptGzipKB: number;
  scripts: number;
}

export async function jsGzipBytes(url: string): Promise<{ bytes: number; files: number }> {
  const html = await (await fetch(url)).text();
  const srcs = new Set<string>();
  for (const m of html.matchAll(/<script[^>]*\ssrc="([^"]+)"/g)) srcs.add(m[1]!);
  for (const m of html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g)) srcs.add(m[1]!);
  for (const m of html.matchAll(/<link[^>]*href="([^"]+)"[^>]*rel="modulepreload"/g)) srcs.add(m[1]!);
  // Inline module scripts import the entry: count those imports too.
  for (const m of html.matchAll(/import\s*(?:[^"']*from\s*)?["']([^"']+\.js)["']/g)) srcs.add(m[1]!);
  let bytes = 0;
  for (const src of srcs) {
    const body = Buffer.from(await (await fetch(new URL(src, url))).arrayBuffer());
    bytes += gzipSync(body).length;
  }
  return { bytes, files: srcs.size };
}

export async function runLighthouse(url: string, name: string): Promise<LighthouseResult> {
  const out = path.join(BENCH_DIR, `lighthouse-${name}.json`);
  await run("npx", ["lighthouse", url, `--chrome-flags=${CHROME_FLAGS}`, "--only-categories=performance", "--output=json", `--output-path=${out}`, "--quiet"], {
    env: { ...process.env, CHROME_PATH: process.env.CHROME_PATH ?? "/usr/bin/chromium" },
    maxBuffer: 64 * 1024 * 1024,
    timeout: 180_000,
  });
  const report = JSON.parse(readFileSync(out, "utf8")) as {
    categories: { performance: { score: number } };
    audits: Record<string, { numericValue?: number; details?: { items?: { resourceType?: string; transferSize?: number }[] } }>;
  };
  const items = report.audits["network-requests"]?.details?.items ?? [];
  const scripts = items.filter((i) => i.resourceType === "Script");
  const js = await jsGzipBytes(url);
  return {
    url,
    score: Math.round(report.categories.performance.score * 100),
    lcpMs: report.audits["largest-contentful-paint"]?.numericValue ?? NaN,
    tbtMs: report.audits["total-blocking-time"]?.numericValue ?? NaN,
    scriptTransferKB: scripts.reduce((a, i) => a + (i.transferSize ?? 0), 0) / 1024,
    scriptGzipKB: js.bytes / 1024,
    scripts: js.files,
  };
}
