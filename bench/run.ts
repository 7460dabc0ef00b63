/**
 * `npm run bench [-- options]`: generates (or reuses) national-scale data and
 * prints figures for search latency (HTTP vs SQL, PGlite and PostgreSQL),
 * page throughput (app vs static file), the Brreg import, the national
 * roll-up and coverage refresh (bench/rollup.ts), overlap detection
 * (bench/overlap.ts, as a child process) and Lighthouse. See bench/README.md.
 */
import { spawn } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import {
  BENCH_DIR,
  PGLITE_SHARED_BUFFERS,
  SESSION_SECRET,
  ensureBuild,
  ensurePgDatabase,
  fmt,
  log,
  startApp,
  startPostgres,
  statusOf,
  table,
  type AppTarget,
} from "./lib.ts";

const { values } = parseArgs({
  options: {
    only: { type: "string", default: "search,throughput,brreg,rollup,overlap,lighthouse" },
    scale: { type: "string", default: "1" },
    seed: { type: "string", default: "20240101" },
    drivers: { type: "string", default: "pglite,postgres" },
    duration: { type: "string", default: "10" },
    connections: { type: "string", default: "10" },
    "rollup-runs": { type: "string", default: "40" },
    "load-vus": { type: "string", default: "200" },
    "load-duration": { type: "string", default: "600" },
    rebuild: { type: "boolean", default: false },
    "build-from-head": { type: "boolean", default: false },
    help: { type: "boolean", short: "h", default: false },
  },
});
if (values.help) {
  console.log(`Usage: npm run bench -- [--only search,throughput,brreg,rollup,overlap,lighthouse,load|generate] [--scale 0.1] [--seed N]
       [--drivers pglite,postgres] [--duration 10] [--connections 10] [--rollup-runs 40] [--load-vus 200] [--load-duration 600] [--rebuild] [--build-from-head]`);
  process.exit(0);
}
const only = new Set(values.only.split(",").map((s) => s.trim()));
// "load" (bench/load.ts: virtual users on PostgreSQL with demo data) runs only when named.
const known = ["search", "throughput", "brreg", "rollup", "overlap", "lighthouse", "generate", "load"];
const unknown = [...only].filter((o) => !known.includes(o));
if (unknown.length) throw new Error(`--only: unknown ${unknown.join(", ")} (choose from ${known.join(", ")})`);
const scale = Number(values.scale);
const seed = Number(values.seed);
const drivers = values.drivers.split(",").map((s) => s.trim()) as ("pglite" | "postgres")[];
if (!(scale > 0 && scale <= 1) || !Number.isInteger(seed)) throw new Error("--scale must be in (0, 1], --seed an integer");

// The in-process parts use the app's own modules, which read the environment.
process.env.SESSION_SECRET = SESSION_SECRET;
process.env.NODE_ENV = "production";
process.env.SEED_DEMO_DATA = "false";
process.env.LOG_LEVEL = "warn";
mkdirSync(BENCH_DIR, { recursive: true });

const { openDatabase, setDatabase } = await import("~/db/client.server.ts");
const { generate, freshenReusedData, loadKommuner } = await import("./generate.ts");
const { buildQueries, compareHttpWithSql, detectHttpTarget, timeHttp, timeInProcess } = await import("./search.ts");
const { runThroughput } = await import("./throughput.ts");
const { brregFile, runBrregImport, NATIONAL_BRREG_RECORDS } = await import("./brreg.ts");
const { runLighthouse } = await import("./lighthouse.ts");
const { runRollup, summaryRows: rollupSummaryRows } = await import("./rollup.ts");
const { sql } = await import("drizzle-orm");

const scaleTag = String(scale).replace(".", "_");
const summary: string[][] = [];
const results: Record<string, unknown> = {
  date: new Date().toISOString(),
  scale,
  seed,
  machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, ${Math.round(os.totalmem() / 2 ** 30)} GB, Node ${process.version}`,
};
const loadAverage = () =>
  os
    .loadavg()
    .map((n) => n.toFixed(1))
    .join(" ");
results.loadAverageAtStart = loadAverage();
const started = performance.now();
console.log(`Samspill benchmarks — scale ${scale} (${scale === 1 ? "national" : "reduced"}), seed ${seed}, ${results.machine}`);

let pg: Awaited<ReturnType<typeof startPostgres>> | undefined;
try {
  if (only.has("search") || only.has("throughput") || only.has("lighthouse")) ensureBuild(values.rebuild, values["build-from-head"]);

  if (only.has("search") || only.has("throughput") || only.has("generate")) {
    const kommuner = loadKommuner();
    const queries = buildQueries(seed, kommuner);
    for (const driver of drivers) {
      const label = driver === "pglite" ? `PGlite (shared_buffers ${PGLITE_SHARED_BUFFERS})` : "PostgreSQL 15 (shared_buffers 1GB)";
      let target: AppTarget;
      if (driver === "postgres") {
        pg ??= await startPostgres();
        const name = `bench_s${scaleTag}`;
        await ensurePgDatabase(pg.url("postgres"), name);
        target = { databaseUrl: pg.url(name) };
      } else target = { pgliteDataDir: path.join(BENCH_DIR, `pglite-s${scaleTag}`) };
      const open = () => openDatabase({ databaseUrl: target.databaseUrl, pgliteDataDir: target.pgliteDataDir, pgliteSharedBuffers: PGLITE_SHARED_BUFFERS });

      // 1. Data ---------------------------------------------------------------
      log(`${label}: generating or reusing data …`);
      let handle = await open();
      const gen = await generate(handle.db, { seed, scale, log });
      if (gen.reused) log(`  reused (${gen.activities} activities), ${await freshenReusedData(handle.db)} weekly dates moved forward`);
      else
        console.log(
          `Generated ${gen.organizations} organisations, ${gen.activities} activities, ${gen.words} search words into ${label} in ${fmt(gen.seconds)} s`,
        );
      const sample = (
        (await handle.db.execute(
          sql`select a.id, a.organization_id from activities a where a.visibility = 'public' and a.status = 'active' and a.last_confirmed_at > now() - interval '11 months' order by a.id limit 1`,
        )) as unknown as { rows: { id: string; organization_id: string }[] }
      ).rows[0]!;
      await handle.close();
      results[`generate_${driver}`] = gen;
      if (!only.has("search") && !only.has("throughput")) continue; // --only generate: data only

      // 2. HTTP (the app holds a PGlite folder: in-process SQL runs after it stops) ------
      const app = await startApp(target, `app-${driver}`);
      let http = null;
      let httpKind = "none";
      try {
        const httpTarget = await detectHttpTarget(app.base);
        httpKind = httpTarget.kind;
        if (only.has("search")) {
          log(`${label}: ${queries.length} queries over HTTP (${httpKind}), warm-up pass then measured pass …`);
          http = await timeHttp(httpTarget, queries);
        }
        if (only.has("throughput")) {
          let page = `${app.base}/aktiviteter/${sample.id}`;
          if ((await statusOf(page)) !== 200) page = `${app.base}/organisasjoner/${sample.organization_id}`;
          log(`${label}: autocannon ${page} vs static copy, ${values.duration} s × ${values.connections} connections …`);
          const tp = await runThroughput(page, { duration: Number(values.duration), connections: Number(values.connections) });
          results[`throughput_${driver}`] = tp;
          const pathOnly = new URL(tp.url).pathname.replace(/[0-9a-f-]{36}/, ":id");
          summary.push([
            `Throughput ${pathOnly}`,
            label,
            `app ${fmt(tp.app.rps, 0)} req/s (uncached ${fmt(tp.uncached.rps, 0)}) vs static ${fmt(tp.static.rps, 0)} req/s`,
            `ratio ${fmt(tp.ratio, 2)}`,
            "≥ 0.4",
            tp.ratio >= 0.4 ? "met" : "NOT met",
          ]);
          console.log(
            `Throughput ${label}: ${tp.url}\n` +
              table(
                ["server", "req/s", "p50 ms", "p99 ms", "errors/non-2xx"],
                [
                  [`app, anonymous (page cache: ${tp.app.hits} hits)`, fmt(tp.app.rps, 0), tp.app.p50, tp.app.p99, tp.app.non2xx],
                  ["app, rendered every time (cache bypassed)", fmt(tp.uncached.rps, 0), tp.uncached.p50, tp.uncached.p99, tp.uncached.non2xx],
                  ["static (express.static)", fmt(tp.static.rps, 0), tp.static.p50, tp.static.p99, tp.static.non2xx],
                ],
              ) +
              `\nratio app/static ${fmt(tp.ratio, 2)} (aim ≥ 0.4); rendered every time ${fmt(tp.uncachedRatio, 2)}\n`,
          );
        }
      } finally {
        await app.stop();
      }

      // 3. In-process SQL and domain function on the same database ----------
      if (only.has("search")) {
        log(`${label}: the same queries in-process (SQL, then searchActivities) …`);
        handle = await open();
        setDatabase(handle);
        const inproc = await timeInProcess(queries);
        setDatabase(undefined);
        await handle.close();
        results[`search_${driver}`] = { httpKind, http, ...inproc };
        const rows: (string | number)[][] = [];
        if (http) rows.push([`HTTP (${httpKind} page)`, fmt(http.p50), fmt(http.p95), fmt(http.p99)]);
        rows.push(["searchActivities (in-process)", fmt(inproc.domain.p50), fmt(inproc.domain.p95), fmt(inproc.domain.p99)]);
        rows.push(["SQL: findActivityIds (ids, count, typo correction)", fmt(inproc.sql.p50), fmt(inproc.sql.p95), fmt(inproc.sql.p99)]);
        if (http) rows.push(["ratio HTTP / SQL", fmt(http.p50 / inproc.sql.p50, 2), fmt(http.p95 / inproc.sql.p95, 2), fmt(http.p99 / inproc.sql.p99, 2)]);
        console.log(
          `Search, ${queries.length} queries, ${label}${http ? "" : " — no finder page or API in this build: in-process only"}\n${table(["", "p50 ms", "p95 ms", "p99 ms"], rows)}`,
        );
        console.log(`  ${inproc.zeroHits} queries found nothing, ${inproc.corrected} typo-corrected. searchActivities p50/p95 by kind:`);
        console.log(
          table(
            ["kind", "n", "p50 ms", "p95 ms"],
            inproc.byKind.map((k) => [k.kind, k.n, fmt(k.p50), fmt(k.p95)]),
          ) + "\n",
        );
        if (http) {
          const compared = compareHttpWithSql(queries, http.perQuery, inproc.domainPerQuery, inproc.sqlPerQuery);
          console.log(
            `  HTTP − SQL per query: p50 ${fmt(compared.gap.p50)}, p95 ${fmt(compared.gap.p95)}, max ${fmt(compared.maxGap)} ms. By kind (ms):\n` +
              table(
                ["kind", "n", "HTTP p50 / p95", "searchActivities p50 / p95", "SQL p50 / p95", "HTTP − SQL p50 / p95"],
                compared.byKind.map((k) => [
                  k.kind,
                  k.n,
                  `${fmt(k.http.p50)} / ${fmt(k.http.p95)}`,
                  `${fmt(k.domain.p50)} / ${fmt(k.domain.p95)}`,
                  `${fmt(k.sql.p50)} / ${fmt(k.sql.p95)}`,
                  `${fmt(k.gap.p50)} / ${fmt(k.gap.p95)}`,
                ]),
              ) +
              `\n  Widest gaps (HTTP, searchActivities, SQL ms):\n` +
              compared.widestGaps.map((g) => `    ${fmt(g.http)}, ${fmt(g.domain)}, ${fmt(g.sql)}  ${g.kind}: ${g.params}`).join("\n") +
              "\n",
          );
          summary.push([
            `Search HTTP p50/p95/p99 ms`,
            label,
            `${fmt(http.p50)} / ${fmt(http.p95)} / ${fmt(http.p99)}`,
            `ratio p50 ${fmt(http.p50 / inproc.sql.p50, 2)}, p95 ${fmt(http.p95 / inproc.sql.p95, 2)}`,
            "ratio ≤ 1.3",
            http.p95 / inproc.sql.p95 <= 1.3 ? "met" : "NOT met",
          ]);
        }
        summary.push([
          `Search SQL p50/p95/p99 ms`,
          label,
          `${fmt(inproc.sql.p50)} / ${fmt(inproc.sql.p95)} / ${fmt(inproc.sql.p99)}`,
          "",
          driver === "postgres" ? "p95 ≤ 50" : "",
          driver === "postgres" ? (inproc.sql.p95 <= 50 ? "met" : "NOT met") : "",
        ]);
        summary.push([`Search in-process p50/p95 ms`, label, `${fmt(inproc.domain.p50)} / ${fmt(inproc.domain.p95)}`, "", "", ""]);
      }
    }
  }

  if (only.has("brreg")) {
    const count = Math.round(NATIONAL_BRREG_RECORDS * scale);
    // Both orders: by org number (as Brreg's download comes) and shuffled (the org-number index then fills at random).
    for (const order of ["sorted", "random"] as const) {
      log(`Brreg: generating or reusing a ${count}-record file (${order} order) …`);
      const file = await brregFile(seed, count, order);
      if (!file.reused) console.log(`Generated ${file.file} (${count} records, ${order} order, ${fmt(file.mb)} MB gzip) in ${fmt(file.seconds)} s`);
      for (const driver of drivers) {
        let databaseUrl: string | undefined;
        if (driver === "postgres") {
          pg ??= await startPostgres();
          await ensurePgDatabase(pg.url("postgres"), "bench_brreg", true);
          databaseUrl = pg.url("bench_brreg");
        }
        const label = `${driver === "pglite" ? "PGlite" : "PostgreSQL 15"} (npm run samspill), ${order} order`;
        log(`Brreg: importing with the CLI into a fresh ${label} database …`);
        const r = await runBrregImport(file.file, count, databaseUrl);
        results[`brreg_${driver}${order === "sorted" ? "" : "_random"}`] = r;
        console.log(
          `Brreg import into ${label} (${count} records, ${fmt(file.mb)} MB gzip), exit ${r.exitCode}: ${fmt(r.seconds)} s, ${fmt(r.recordsPerSecond, 0)} records/s, peak RSS of the import process ${fmt(r.peakRssMB, 0)} MB` +
            ` (before it, a separate process created the empty database — ${driver === "pglite" ? "initdb, " : ""}migrations, kommuner — in ${fmt(r.prepare.seconds)} s, peak RSS ${fmt(r.prepare.peakRssMB, 0)} MB)\n${r.summary}\n`,
        );
        // The aims are for the national file: at a smaller scale, compare the time scaled up linearly.
        const nationalSeconds = r.seconds / scale;
        summary.push([
          `Brreg import ${count} records`,
          label,
          `${fmt(r.seconds)} s, ${fmt(r.recordsPerSecond, 0)} rec/s, ${fmt(r.peakRssMB, 0)} MB RSS`,
          `${r.exitCode === 0 ? "exit 0" : `exit ${r.exitCode}`}${scale < 1 ? `; ≈ ${fmt(nationalSeconds, 0)} s for 1.1 M` : ""}`,
          "1.1 M: < 120 s, < 300 MB",
          nationalSeconds < 120 && r.peakRssMB < 300 ? "met" : "NOT met",
        ]);
      }
    }
  }

  if (only.has("rollup")) {
    // In-process, on the same databases as search (bench_s<scale>, pglite-s<scale>), after the app has let go of them.
    if (drivers.includes("postgres")) pg ??= await startPostgres();
    log(`Roll-up: national overview loader vs raw SQL, coverage refresh (${drivers.join(", ")}) …`);
    const rollup = await runRollup({ scale, seed, runs: Number(values["rollup-runs"]), drivers, pgUrl: pg?.url });
    results.rollup = rollup;
    for (const r of rollup) summary.push(...rollupSummaryRows(r));
  }

  if (only.has("overlap")) {
    // A child process (bench/overlap.ts runs alone); its report is passed through to our stdout as it comes.
    log(`Overlap detection: npx tsx bench/overlap.ts --scale ${scale} --seed ${seed} …`);
    const t0 = performance.now();
    let report = "";
    const exitCode = await new Promise<number>((resolve, reject) => {
      const child = spawn("npx", ["tsx", "bench/overlap.ts", "--scale", String(scale), "--seed", String(seed)], { stdio: ["ignore", "pipe", "inherit"] });
      child.stdout.on("data", (chunk: Buffer) => {
        process.stdout.write(chunk);
        report += chunk.toString();
      });
      child.on("error", reject);
      child.on("close", (code, signal) => resolve(code ?? (signal ? 128 : 1)));
    });
    const seconds = (performance.now() - t0) / 1000;
    results.overlap = { exitCode, seconds, report };
    // Its lines that state an aim ("Overlap, one kommune (…): … Aim < 1000 ms: met") become summary rows.
    const aims = report.split("\n").filter((line) => /Aim /.test(line));
    for (const line of aims) {
      const what = line.split(/[:(]/)[0]!.trim();
      const aim = /Aim ([^:]+): (met|NOT met)/.exec(line);
      summary.push([what, "PGlite / in-memory", `exit ${exitCode}`, "figures in its report above", aim?.[1] ?? "", aim?.[2] ?? ""]);
    }
    if (!aims.length)
      summary.push([
        "Overlap detection",
        "PGlite / in-memory",
        `exit ${exitCode}, ${fmt(seconds, 0)} s`,
        "no aim line in its report",
        "",
        exitCode === 0 ? "" : "FAILED",
      ]);
  }

  if (only.has("load")) {
    // A child process: bench/load.ts starts its own PostgreSQL database and app with the demo data its mix needs.
    log(`Load: npx tsx bench/load.ts --vus ${values["load-vus"]} --duration ${values["load-duration"]} …`);
    const exitCode = await new Promise<number>((resolve, reject) => {
      const child = spawn("npx", ["tsx", "bench/load.ts", "--vus", values["load-vus"], "--duration", values["load-duration"]], { stdio: "inherit" });
      child.on("error", reject);
      child.on("close", (code, signal) => resolve(code ?? (signal ? 128 : 1)));
    });
    results.load = { exitCode };
    summary.push(["Load (bench/load.ts)", "PostgreSQL", `exit ${exitCode}`, "figures in its report above", "0 errors, p95 < 200 ms", ""]);
  }

  if (only.has("lighthouse")) {
    const app = await startApp({ pgliteDataDir: path.join(BENCH_DIR, "pglite-demo"), demo: true }, "app-demo");
    try {
      const finder = `${app.base}/aktiviteter?q=leksehjelp`;
      let activity = `${app.base}/aktiviteter/00000000-0000-4000-8000-00000000a101`;
      if ((await statusOf(activity)) !== 200) activity = `${app.base}/organisasjoner`;
      const pages: [string, string][] = [["activity", activity]];
      if ((await statusOf(finder)) === 200) pages.unshift(["finder", finder]);
      else pages.unshift(["home", `${app.base}/`]);
      for (const [name, url] of pages) {
        log(`Lighthouse (mobile) ${url} …`);
        const r = await runLighthouse(url, name);
        results[`lighthouse_${name}`] = r;
        const p = new URL(url);
        console.log(
          `Lighthouse ${p.pathname}${p.search}: performance ${r.score}, LCP ${fmt(r.lcpMs, 0)} ms, TBT ${fmt(r.tbtMs, 0)} ms, JS ${fmt(r.scriptGzipKB)} KB gzip (${r.scripts} files; Lighthouse transfer ${fmt(r.scriptTransferKB)} KB)`,
        );
        summary.push([`Lighthouse ${p.pathname}${p.search}`, "demo data, mobile", `score ${r.score}`, `JS ${fmt(r.scriptGzipKB)} KB gzip`, "", ""]);
      }
    } finally {
      await app.stop();
    }
  }
} finally {
  pg?.stop();
}

const total = (performance.now() - started) / 1000;
results.loadAverageAtEnd = loadAverage();
console.log(
  `\nSummary — scale ${scale}${scale === 1 ? " (national)" : ""}, seed ${seed}, ${new Date().toISOString().slice(0, 16)}Z, ${results.machine}, ${fmt(total, 0)} s in all; load average ${results.loadAverageAtStart} at start, ${results.loadAverageAtEnd} at end (other work on the machine skews figures)`,
);
console.log(table(["bench", "database", "figure", "detail", "aim", ""], summary));
const out = path.join(BENCH_DIR, `results-s${scaleTag}-${new Date().toISOString().replace(/[:.]/g, "-")}.json`);
writeFileSync(out, JSON.stringify(results, null, 2));
console.log(`Raw figures: ${path.relative(process.cwd(), out)}`);
process.exit(0);
