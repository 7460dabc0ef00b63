/**
 * `npm audit` of the packages Samspill ships, for CI: fails on any high or
 * critical advisory. When the registry's audit service cannot be reached (a
 * mirror or proxy without it, as on the development machines), it says so
 * plainly and does not fail: the result is unknown, not clean.
 * Usage: npm run audit
 */
import { spawnSync } from "node:child_process";

const result = spawnSync("npm", ["audit", "--omit=dev", "--json"], { encoding: "utf8" });
let report: { message?: string; error?: { summary?: string }; metadata?: { vulnerabilities?: Record<string, number> } } = {};
try {
  report = JSON.parse(result.stdout || "{}") as typeof report;
} catch {
  // npm printed something that is not JSON: treated as unreachable below.
}
const counts = report.metadata?.vulnerabilities;
if (!counts) {
  const reason = report.message || report.error?.summary || result.stderr.trim().split("\n").pop() || "no answer";
  console.log(`npm audit: the registry's audit service did not answer (${reason}); advisories NOT checked in this run.`);
  process.exit(0);
}
const serious = (counts.high ?? 0) + (counts.critical ?? 0);
console.log(
  `npm audit (production dependencies): ${counts.critical ?? 0} critical, ${counts.high ?? 0} high, ${counts.moderate ?? 0} moderate, ${counts.low ?? 0} low`,
);
if (serious > 0) {
  spawnSync("npm", ["audit", "--omit=dev", "--audit-level=high"], { stdio: "inherit" });
  process.exit(1);
}
