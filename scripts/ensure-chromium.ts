/**
 * The browser tests use Debian's Chromium (never a downloaded browser).
 * Installs it when it is missing and we are root with apt-get, as on a fresh
 * CI machine; anywhere else it stops and says what to install.
 * Usage: node scripts/ensure-chromium.ts
 */
import { existsSync } from "node:fs";
import { spawnSync } from "node:child_process";

export const CHROMIUM_PATH = "/usr/bin/chromium";

function hasAptGet(): boolean {
  return spawnSync("sh", ["-c", "command -v apt-get"], { stdio: "ignore" }).status === 0;
}

function run(command: string, args: string[]): void {
  const result = spawnSync(command, args, { stdio: "inherit", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
  if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} failed with exit code ${result.status ?? result.signal}`);
}

/** Returns normally when Chromium is there (afterwards); throws with instructions otherwise. */
export function ensureChromium(): void {
  if (existsSync(CHROMIUM_PATH)) return;
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  if (!isRoot || !hasAptGet()) {
    throw new Error(
      `The browser tests need Chromium at ${CHROMIUM_PATH}, which is missing.\n` +
        `Install it with your package manager (Debian/Ubuntu: \`sudo apt-get install -y chromium\`), then run the tests again.\n` +
        `Do not use \`npx playwright install\`: the tests are set up for the system browser.`,
    );
  }
  console.log(`Chromium is missing: installing Debian's chromium package (about 40 s)…`);
  run("apt-get", ["update"]);
  run("apt-get", ["install", "-y", "--no-install-recommends", "chromium"]);
  if (!existsSync(CHROMIUM_PATH)) throw new Error(`apt-get installed chromium, but ${CHROMIUM_PATH} still does not exist.`);
}

if (import.meta.main) {
  try {
    ensureChromium();
    console.log(`Chromium: ${CHROMIUM_PATH}`);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
