import { configDefaults, defineConfig } from "vitest/config";
import { fileURLToPath } from "node:url";
import { ISOLATED_TEST_FILES, TEST_FILES } from "./tests/setup/test-files.ts";

/**
 * Unit and integration tests (domain modules, libraries). Integration tests
 * get a fresh database per test file: in-memory PGlite, or a new database on
 * the PostgreSQL server in DATABASE_URL, each a copy of one migrated for the
 * whole run. Browser tests live in tests/e2e and
 * run under Playwright, not here.
 *
 * Test files share their worker process (`isolate: false`, the "shared" project): a process per file paid for
 * its start, its imports and PGlite's compiling again, and took 218 s for the files that take 114 s this way
 * (PostgreSQL: 170 s → 70 s). Files stay independent: each gets its own database, and no module keeps state
 * from one file to the next. The few that mock a module run isolated (tests/setup/test-files.ts).
 */
export default defineConfig({
  resolve: { alias: { "~": fileURLToPath(new URL("./app", import.meta.url)) } },
  test: {
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
    projects: [
      { extends: true, test: { name: "shared", include: TEST_FILES, exclude: [...configDefaults.exclude, ...ISOLATED_TEST_FILES], isolate: false } },
      { extends: true, test: { name: "isolated", include: ISOLATED_TEST_FILES, isolate: true } },
    ],
  },
});
