/**
 * The whole test suite, as CI runs it: typecheck, lint (ESLint, with the
 * layer rule, and Prettier's format check), Vitest (unit and integration), then the browser tests (Debian
 * Chromium, a fresh test build of the app, Playwright). Ends with one line
 * `N passed, N failed, N skipped` summing Vitest and Playwright (a failed
 * typecheck or lint counts as one failure), and exits non-zero if anything
 * failed.
 *
 *   node scripts/test.ts                 everything (npm test)
 *   node scripts/test.ts --unit          Vitest only (npm run test:unit)
 *   node scripts/test.ts --e2e           browser tests only (npm run test:e2e)
 *   node scripts/test.ts --lint          lint only
 *   node scripts/test.ts --system        system tests (tests/system) against DATABASE_URL (npm run test:system)
 *   node scripts/test.ts --combine A B   add up summary files written by earlier runs
 *   --label NAME          names this run in the output (e.g. "postgres")
 *   --summary-file PATH   where to write this run's counts as JSON
 *
 * Plain Node 24 (erasable TypeScript); works without a TTY and with CI=true.
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { ensureChromium } from "./ensure-chromium.ts";

const root = path.resolve(import.meta.dirname, "..");
const resultsDir = path.join(root, "tmp/test-results");
const E2E_BUILD_DIR = "tmp/e2e-build";
const SYSTEM_BUILD_DIR = "tmp/system-build";

interface Counts {
  passed: number;
  failed: number;
  skipped: number;
}

interface Options {
  mode: "all" | "unit" | "e2e" | "lint" | "system" | "combine";
  label: string;
  summaryFile: string;
  combine: string[];
}

function parseArgs(argv: string[]): Options {
  const options: Options = { mode: "all", label: "", summaryFile: "", combine: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--unit") options.mode = "unit";
    else if (arg === "--e2e") options.mode = "e2e";
    else if (arg === "--lint") options.mode = "lint";
    else if (arg === "--system") options.mode = "system";
    else if (arg === "--combine") {
      options.mode = "combine";
      options.combine = argv.slice(i + 1);
      break;
    } else if (arg === "--label") options.label = argv[++i] ?? "";
    else if (arg === "--summary-file") options.summaryFile = argv[++i] ?? "";
    else {
      console.error(`Unknown argument: ${arg}`);
      process.exit(2);
    }
  }
  const suffix = options.label ? `-${options.label}` : "";
  options.summaryFile ||= path.join(resultsDir, `summary${suffix}.json`);
  return options;
}

/** Child processes find the project's tools and this Node (24), whatever the caller's PATH says. */
function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const pathParts = [path.dirname(process.execPath), path.join(root, "node_modules/.bin"), process.env.PATH ?? ""];
  // Plain output for CI logs unless the caller asks for colour.
  const wantsColour = Boolean(process.env.FORCE_COLOR) && process.env.FORCE_COLOR !== "0";
  const colour: Record<string, string> = wantsColour ? {} : { NO_COLOR: "1" };
  const env: NodeJS.ProcessEnv = { ...process.env, PATH: pathParts.join(path.delimiter), ...colour, ...extra };
  if (!wantsColour) delete env.FORCE_COLOR;
  return env;
}

function run(title: string, command: string, args: string[], env: Record<string, string> = {}): boolean {
  const started = Date.now();
  console.log(`\n▶ ${title}: ${command} ${args.join(" ")}`);
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit", env: childEnv(env) });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const ok = result.status === 0;
  if (result.error) console.error(`${title}: could not start ${command}: ${result.error.message}`);
  console.log(`${ok ? "✔" : "✘"} ${title} (${seconds} s${ok ? "" : `, exit ${result.status ?? result.signal}`})`);
  return ok;
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch {
    return undefined;
  }
}

interface VitestReport {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  testResults: { name: string; status: string; message?: string; assertionResults: unknown[] }[];
}

function vitestCounts(file: string): Counts | undefined {
  const report = readJson(file) as VitestReport | undefined;
  if (!report || typeof report.numPassedTests !== "number") return undefined;
  // A test file that fails to load has no test results: count it as one failure.
  const brokenFiles = report.testResults.filter((r) => r.status === "failed" && r.assertionResults.length === 0);
  for (const broken of brokenFiles)
    console.log(`  (counted as a failure: ${path.relative(root, broken.name)} did not run: ${(broken.message ?? "").split("\n")[0]})`);
  return {
    passed: report.numPassedTests,
    failed: report.numFailedTests + brokenFiles.length,
    skipped: report.numPendingTests + report.numTodoTests,
  };
}

interface PlaywrightReport {
  stats: { expected: number; unexpected: number; flaky: number; skipped: number };
  errors: { message?: string }[];
}

function playwrightCounts(file: string): Counts | undefined {
  const report = readJson(file) as PlaywrightReport | undefined;
  if (!report?.stats) return undefined;
  if (report.stats.flaky > 0) console.log(`  (${report.stats.flaky} flaky test(s) passed on retry)`);
  // Errors outside tests (a server that did not start, a broken spec file) count as failures too.
  return {
    passed: report.stats.expected + report.stats.flaky,
    failed: report.stats.unexpected + report.errors.length,
    skipped: report.stats.skipped,
  };
}

function add(a: Counts, b: Counts): Counts {
  return { passed: a.passed + b.passed, failed: a.failed + b.failed, skipped: a.skipped + b.skipped };
}

function summaryLine(c: Counts): string {
  return `${c.passed} passed, ${c.failed} failed${c.skipped ? `, ${c.skipped} skipped` : ""}`;
}

const noCounts: Counts = { passed: 0, failed: 0, skipped: 0 };
/** A step that is not a test runner (typecheck, build, browser) failing counts as one failed test. */
const oneFailure: Counts = { passed: 0, failed: 1, skipped: 0 };

interface Step {
  title: string;
  command: string;
  args: string[];
}

/**
 * Runs the steps at the same time, each one's output held back and printed whole when it ends, so the log reads
 * as if they had run one after the other. For the checks that read the tree and write nothing (tsc, ESLint,
 * Prettier): one after the other they took ≈ 50 s, mostly one core each.
 */
function runTogether(steps: Step[]): Promise<boolean[]> {
  return Promise.all(
    steps.map(
      (step) =>
        new Promise<boolean>((resolve) => {
          const started = Date.now();
          const output: Buffer[] = [];
          let settled = false;
          const end = (ok: boolean, detail: string) => {
            if (settled) return;
            settled = true;
            const seconds = ((Date.now() - started) / 1000).toFixed(1);
            console.log(`\n▶ ${step.title}: ${step.command} ${step.args.join(" ")}`);
            process.stdout.write(Buffer.concat(output));
            console.log(`${ok ? "✔" : "✘"} ${step.title} (${seconds} s${detail})`);
            resolve(ok);
          };
          const child = spawn(step.command, step.args, { cwd: root, env: childEnv(), stdio: ["ignore", "pipe", "pipe"] });
          child.stdout.on("data", (chunk: Buffer) => output.push(chunk));
          child.stderr.on("data", (chunk: Buffer) => output.push(chunk));
          child.on("error", (error) => end(false, `, could not start ${step.command}: ${error.message}`));
          child.on("close", (code, signal) => end(code === 0, code === 0 ? "" : `, exit ${code ?? signal}`));
        }),
    ),
  );
}

/**
 * The typecheck (with `typecheck`), ESLint and Prettier's format check, the three at once. Each failure counts as
 * one failed test. typegen goes first: it writes the route types tsc reads.
 */
async function staticChecks(typecheck: boolean): Promise<Counts> {
  const typegenOk = typecheck ? run("typegen", "react-router", ["typegen"]) : true;
  const eslint: Step = { title: "lint", command: "eslint", args: [".", "--max-warnings=0", "--cache", "--cache-location", "tmp/eslintcache"] };
  // The tree was formatted once with Prettier; a file that drifts from it fails here (`npm run format` fixes it).
  const prettier: Step = { title: "format check", command: "prettier", args: ["--check", ".", "--log-level", "warn"] };
  const tsc: Step[] = typecheck && typegenOk ? [{ title: "typecheck", command: "tsc", args: [] }] : [];
  const results = await runTogether([...tsc, eslint, prettier]);
  const [lintOk, formatted] = results.slice(tsc.length);
  const typesOk = typegenOk && (tsc.length === 0 || results[0] === true);
  let counts = noCounts;
  if (!typesOk) {
    console.log("  (typecheck failed: counted as 1 failure)");
    counts = add(counts, oneFailure);
  }
  if (!lintOk) {
    console.log("  (lint failed: counted as 1 failure; the errors are listed above, `npm run lint` shows them again)");
    counts = add(counts, oneFailure);
  }
  if (!formatted) {
    console.log("  (format check failed: counted as 1 failure; `npm run format` rewrites the files listed above)");
    counts = add(counts, oneFailure);
  }
  return counts;
}

function vitest(label: string): Counts {
  const reportFile = path.join(resultsDir, `vitest${label ? `-${label}` : ""}.json`);
  rmSync(reportFile, { force: true });
  run(`Vitest${label ? ` (${label})` : ""}`, "vitest", ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${reportFile}`]);
  const counts = vitestCounts(reportFile);
  if (!counts) {
    console.log(`  (Vitest wrote no report to ${path.relative(root, reportFile)}: counted as 1 failure)`);
    return oneFailure;
  }
  console.log(`  Vitest${label ? ` (${label})` : ""}: ${summaryLine(counts)}`);
  return counts;
}

/**
 * The system tests (tests/system: load, faults, several instances) against the PostgreSQL server in DATABASE_URL,
 * on a production build: the browser tests' build when this run made one, else a build of its own.
 */
function systemTests(label: string): Counts {
  if (!process.env.DATABASE_URL?.startsWith("postgres")) {
    console.log("  System tests need a PostgreSQL server in DATABASE_URL (`npm run test:system` starts one): counted as 1 failure");
    return oneFailure;
  }
  const buildDir = existsSync(path.join(root, E2E_BUILD_DIR, "server/index.js")) ? E2E_BUILD_DIR : SYSTEM_BUILD_DIR;
  if (buildDir === SYSTEM_BUILD_DIR) {
    rmSync(path.join(root, SYSTEM_BUILD_DIR), { recursive: true, force: true });
    if (!run("build (system tests)", "react-router", ["build"], { BUILD_DIR: SYSTEM_BUILD_DIR, NODE_ENV: "production" })) {
      console.log("  (build failed, system tests not run: counted as 1 failure)");
      return oneFailure;
    }
  }
  const reportFile = path.join(resultsDir, `vitest${label ? `-${label}` : ""}.json`);
  rmSync(reportFile, { force: true });
  run(
    `System tests${label ? ` (${label})` : ""}`,
    "vitest",
    ["run", "--config", "vitest.system.config.ts", "--reporter=default", "--reporter=json", `--outputFile.json=${reportFile}`],
    { SYSTEM_BUILD_DIR: path.join(root, buildDir) },
  );
  const counts = vitestCounts(reportFile);
  if (!counts) {
    console.log(`  (the system tests wrote no report to ${path.relative(root, reportFile)}: counted as 1 failure)`);
    return oneFailure;
  }
  console.log(`  System tests: ${summaryLine(counts)}`);
  return counts;
}

function browserTests(): Counts {
  try {
    ensureChromium();
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    console.log("  (browser tests not run: counted as 1 failure)");
    return oneFailure;
  }
  rmSync(path.join(root, E2E_BUILD_DIR), { recursive: true, force: true });
  if (!run("build (test build)", "react-router", ["build"], { BUILD_DIR: E2E_BUILD_DIR, NODE_ENV: "production" })) {
    console.log("  (build failed, browser tests not run: counted as 1 failure)");
    return oneFailure;
  }
  const runDir = mkdtempSync(path.join(tmpdir(), "samspill-e2e-"));
  const reportFile = path.join(resultsDir, "playwright.json");
  rmSync(reportFile, { force: true });
  try {
    run("Playwright", "playwright", ["test"], {
      SAMSPILL_E2E_DIR: runDir,
      E2E_BUILD_DIR,
      PLAYWRIGHT_JSON_OUTPUT_FILE: reportFile,
    });
  } finally {
    if (!process.env.KEEP_E2E_DIR) rmSync(runDir, { recursive: true, force: true });
  }
  const counts = playwrightCounts(reportFile);
  if (!counts) {
    console.log(`  (Playwright wrote no report to ${path.relative(root, reportFile)}: counted as 1 failure)`);
    return oneFailure;
  }
  console.log(`  Playwright: ${summaryLine(counts)}`);
  return counts;
}

function finish(counts: Counts, options: Options, note = ""): never {
  mkdirSync(path.dirname(options.summaryFile), { recursive: true });
  writeFileSync(options.summaryFile, JSON.stringify(counts));
  if (note) console.log(note);
  // The closing line CI reads: nothing may be printed after it.
  console.log(summaryLine(counts));
  process.exit(counts.failed > 0 ? 1 : 0);
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  mkdirSync(resultsDir, { recursive: true });
  if (options.mode === "combine") {
    let total = noCounts;
    for (const file of options.combine) {
      const counts = readJson(file) as Counts | undefined;
      if (!counts || typeof counts.passed !== "number") {
        console.log(`No summary in ${file}: counted as 1 failure`);
        total = add(total, oneFailure);
      } else {
        console.log(`${path.basename(file, ".json")}: ${summaryLine(counts)}`);
        total = add(total, counts);
      }
    }
    finish(total, { ...options, summaryFile: path.join(resultsDir, "summary-combined.json") }, "\nAll runs together:");
  }

  const started = Date.now();
  let total = noCounts;
  if (options.mode === "all" || options.mode === "lint") total = add(total, await staticChecks(options.mode === "all"));
  if (options.mode === "all" || options.mode === "unit") total = add(total, vitest(options.label));
  if (options.mode === "all" || options.mode === "e2e") total = add(total, browserTests());
  if (options.mode === "system") total = add(total, systemTests(options.label));
  const minutes = ((Date.now() - started) / 60_000).toFixed(1);
  finish(total, options, `\nTests${options.label ? ` (${options.label})` : ""} finished in ${minutes} min.`);
}

await main();
