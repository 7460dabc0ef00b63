import { defineConfig } from "vitest/config";
import { fileURLToPath } from "node:url";

/**
 * Unit and integration tests (domain modules, libraries). Integration tests
 * get a fresh database per test file: in-memory PGlite, or a new database on
 * the PostgreSQL server in DATABASE_URL, each a copy of one migrated for the
 * whole run. Browser tests live in tests/e2e and
 * run under Playwright, not here.
 */
export default defineConfig({
  resolve: { alias: { "~": fileURLToPath(new URL("./app", import.meta.url)) } },
  test: {
    include: ["app/**/*.test.ts", "app/**/*.test.tsx", "tests/unit/**/*.test.ts", "tests/unit/**/*.test.tsx", "tests/integration/**/*.test.ts"],
    // Migrates one database per run; each file's database is a copy of it (tests/setup/db.ts).
    globalSetup: ["./tests/setup/db-template.ts"],
    setupFiles: ["./tests/setup/vitest.setup.ts", "./tests/setup/app-error-matcher.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    // One test file per core. Vitest's default leaves one core free (cores − 1), which on
    // CI's 2 cores runs the files one at a time while the second core idles; each file's
    // fresh database (open + migrate, 1.5–3.5 s) is CPU-bound, so both cores help.
    maxWorkers: "100%",
  },
});
