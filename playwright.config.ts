import { defineConfig, type PlaywrightTestConfig } from "@playwright/test";
import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { APP_PORT, BASE_URL, DEFAULT_BUILD_DIR, MAIL_SINK_HTTP_PORT, MAIL_SINK_SMTP_PORT, OIDC_ISSUER, OIDC_PORT, runDir } from "./tests/e2e/support/paths.ts";

/**
 * Browser tests: the built app on port 3210 with a fresh embedded database
 * and demo data, a local OpenID Connect provider on 3901, a mail sink on
 * 3902/3903 (SMTP in, the tests read what arrived; the app runs as in
 * production, so there is no dev outbox page), and Debian's Chromium.
 * `npm test` (scripts/test.ts) builds the app first; run alone,
 * `npx playwright test` builds it when the test build is missing.
 */
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

const dir = runDir();
const buildDir = process.env.E2E_BUILD_DIR ?? DEFAULT_BUILD_DIR;
const pgliteDir = path.join(dir, "pglite");
mkdirSync(dir, { recursive: true });

const appEnv: Record<string, string> = {
  BUILD_DIR: buildDir,
  PORT: String(APP_PORT),
  HOST: "127.0.0.1",
  PUBLIC_URL: BASE_URL,
  PGLITE_DATA_DIR: pgliteDir,
  DATABASE_URL: "",
  NODE_ENV: "production",
  SEED_DEMO_DATA: "true",
  SESSION_SECRET: "e2e-test-session-secret-0123456789abcdef",
  LOG_LEVEL: "warn",
  SMTP_URL: `smtp://127.0.0.1:${MAIL_SINK_SMTP_PORT}`,
  TRUST_PROXY: "false",
  OIDC_PROVIDERS: "testidp",
  OIDC_TESTIDP_ISSUER: OIDC_ISSUER,
  OIDC_TESTIDP_CLIENT_ID: "samspill-test",
  OIDC_TESTIDP_CLIENT_SECRET: "samspill-test-secret",
  OIDC_TESTIDP_ACR_VALUES: "idporten-loa-substantial",
  OIDC_TESTIDP_LABEL: "Test-ID",
  OIDC_TESTIDP_ALLOW_INSECURE: "true",
};

const oidcProviderScript = "tests/support/oidc-provider-server.ts";
const webServer: NonNullable<PlaywrightTestConfig["webServer"]> = [];
// The provider comes from another part of the work; without it the OIDC routes fail, the rest still runs.
if (existsSync(oidcProviderScript)) {
  webServer.push({
    name: "oidc",
    command: `node ${oidcProviderScript}`,
    url: `${OIDC_ISSUER}/.well-known/openid-configuration`,
    // The app's callback on whatever port this run uses (the provider knows only the default one).
    env: { OIDC_TEST_PORT: String(OIDC_PORT), OIDC_TEST_REDIRECT_URIS: `${BASE_URL}/auth/oidc/testidp/callback` },
    reuseExistingServer: false,
    timeout: 30_000,
    stdout: "ignore",
    stderr: "pipe",
  });
}
webServer.push({
  name: "mail",
  command: "node tests/support/mail-sink-server.ts",
  url: `http://127.0.0.1:${MAIL_SINK_HTTP_PORT}/messages`,
  env: { MAIL_SINK_SMTP_PORT: String(MAIL_SINK_SMTP_PORT), MAIL_SINK_HTTP_PORT: String(MAIL_SINK_HTTP_PORT) },
  reuseExistingServer: false,
  timeout: 30_000,
  stdout: "ignore",
  stderr: "pipe",
});
webServer.push({
  name: "app",
  // A missing test build is made here so `npx playwright test` works on its own.
  command: existsSync(path.join(buildDir, "server/index.js")) ? "node server.ts" : "npx react-router build && node server.ts",
  url: `${BASE_URL}/readyz`,
  env: appEnv,
  reuseExistingServer: false,
  timeout: 120_000,
  stdout: "ignore",
  stderr: "pipe",
  gracefulShutdown: { signal: "SIGTERM", timeout: 5_000 },
});

const jsonReport = process.env.PLAYWRIGHT_JSON_OUTPUT_FILE;

/** Specs that change the demo data other specs read, for a moment: run when the others are done. */
const SHARED_DATA_CHANGERS = "**/network-members.spec.ts";

export default defineConfig({
  testDir: "./tests/e2e",
  testMatch: "**/*.spec.ts",
  outputDir: path.join(dir, "test-results"),
  globalSetup: "./tests/e2e/support/global-setup.ts",
  fullyParallel: true,
  // Three workers on CI's two cores. The app server is one process (PGlite runs in it), so while two workers run
  // the HTTP-only specs (authz, loader data, bad input) it is the bottleneck on one core and the other core
  // idles; a third worker's browser tests use it (the suite: 14.9 → 12.9 min). The limits below are twice
  // Playwright's defaults for the same reason: a step waits longer on a busy machine, not forever.
  workers: 3,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: jsonReport ? [["list"], ["json", { outputFile: jsonReport }]] : [["list"]],
  use: {
    baseURL: BASE_URL,
    // Bokmål is the default language; Chromium would otherwise send en-US.
    locale: "nb-NO",
    trace: "off",
    screenshot: "off",
    video: "off",
    launchOptions: { executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS },
  },
  // network-members.spec.ts takes an organisation out of the demo network and puts it back; while it is out, the
  // specs that read every role's pages (loader data, authz, the crawl) would get a 403. It runs after them.
  projects: [
    { name: "chromium", use: { browserName: "chromium" }, testIgnore: SHARED_DATA_CHANGERS },
    { name: "chromium-after", use: { browserName: "chromium" }, testMatch: SHARED_DATA_CHANGERS, dependencies: ["chromium"] },
  ],
  webServer,
});
