/** The files Vitest runs (vitest.config.ts). */
export const TEST_FILES = ["app/**/*.test.ts", "app/**/*.test.tsx", "tests/unit/**/*.test.ts", "tests/unit/**/*.test.tsx", "tests/integration/**/*.test.ts"];

/**
 * Test files that replace a module (vi.mock) and so need a module registry of their own: Vitest runs them in a
 * process per file. Every other file shares its worker process with the files before it (`isolate: false` in
 * vitest.config.ts), where a mock would see the real module already loaded by an earlier file, or leak into a
 * later one. tests/unit/vitest-isolation.test.ts keeps this list complete.
 */
export const ISOLATED_TEST_FILES = ["app/domain/home/start-cost.test.ts"];
