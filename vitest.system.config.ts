import { defineConfig } from "vitest/config";
import { fileURLToPath } from "node:url";

/**
 * System tests: the built app as separate processes against a real PostgreSQL server (load, faults, several
 * instances behind nginx). They need DATABASE_URL (run them with `npm run test:system`, which starts a throwaway
 * cluster) and a production build in SYSTEM_BUILD_DIR (scripts/test.ts --system builds one or reuses the browser
 * tests' build). One file at a time: each starts servers and measures, and two would disturb each other's figures.
 */
export default defineConfig({
  resolve: { alias: { "~": fileURLToPath(new URL("./app", import.meta.url)) } },
  test: {
    include: ["tests/system/**/*.test.ts"],
    testTimeout: 300_000,
    hookTimeout: 300_000,
    pool: "forks",
    fileParallelism: false,
  },
});
