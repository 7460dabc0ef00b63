/**
 * Where one browser-test run keeps its files, shared by playwright.config.ts,
 * the global setup and the specs.
 */
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import type { Role } from "../route-manifest.ts";

/** Overridable so several runs (e.g. parallel work on one machine) do not collide. */
export const APP_PORT = Number(process.env.E2E_APP_PORT ?? 3210);
export const BASE_URL = `http://127.0.0.1:${APP_PORT}`;
export const OIDC_PORT = Number(process.env.OIDC_TEST_PORT ?? 3901);
export const OIDC_ISSUER = `http://127.0.0.1:${OIDC_PORT}`;
/** The test mail sink (tests/support/mail-sink.ts): the app sends to its SMTP port, the tests read its HTTP port. */
export const MAIL_SINK_SMTP_PORT = Number(process.env.MAIL_SINK_SMTP_PORT ?? OIDC_PORT + 1);
export const MAIL_SINK_HTTP_PORT = Number(process.env.MAIL_SINK_HTTP_PORT ?? OIDC_PORT + 2);

/** Test build of the app: inside the repository (its server bundle imports from node_modules) and git-ignored. */
export const DEFAULT_BUILD_DIR = "tmp/e2e-build";

/** Run folder for `npx playwright test` on its own: git-ignored, emptied at the start of each run, so runs leave no litter. */
export const DEFAULT_RUN_DIR = "tmp/e2e-run";

/**
 * This run's folder (storage states, database). scripts/test.ts passes a
 * fresh temporary folder in SAMSPILL_E2E_DIR and removes it afterwards;
 * otherwise the main Playwright process empties DEFAULT_RUN_DIR once, and its
 * workers inherit the variable, so they never empty it again.
 */
export function runDir(): string {
  if (!process.env.SAMSPILL_E2E_DIR) {
    const dir = path.resolve(DEFAULT_RUN_DIR);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    process.env.SAMSPILL_E2E_DIR = dir;
  }
  return process.env.SAMSPILL_E2E_DIR;
}

export function storageStatePath(role: Role): string {
  const dir = path.join(runDir(), "auth");
  mkdirSync(dir, { recursive: true });
  return path.join(dir, `${role}.json`);
}

/** Written by the global setup when a role could not sign in, so that role's tests fail with the reason. */
export function signInErrorPath(role: Role): string {
  return path.join(runDir(), "auth", `${role}.error.txt`);
}
