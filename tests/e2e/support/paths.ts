/**
 * Where one browser-test run keeps its files, shared by playwright.config.ts,
 * the global setup and the specs. The folder is chosen once per run (by
 * scripts/test.ts or the config) and passed to Playwright's workers through
 * SAMSPILL_E2E_DIR.
 */
import { mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Role } from "../route-manifest.ts";

export const APP_PORT = 3210;
export const BASE_URL = `http://127.0.0.1:${APP_PORT}`;
export const OIDC_PORT = Number(process.env.OIDC_TEST_PORT ?? 3901);
export const OIDC_ISSUER = `http://127.0.0.1:${OIDC_PORT}`;

/** Test build of the app: inside the repository (its server bundle imports from node_modules) and git-ignored. */
export const DEFAULT_BUILD_DIR = "tmp/e2e-build";

/** This run's folder (storage states, database); created on first use. */
export function runDir(): string {
  if (!process.env.SAMSPILL_E2E_DIR) {
    process.env.SAMSPILL_E2E_DIR = mkdtempSync(path.join(tmpdir(), "samspill-e2e-"));
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
