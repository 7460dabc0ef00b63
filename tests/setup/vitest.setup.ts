import { afterAll, beforeAll, vi } from "vitest";
import { setEnvForTests } from "~/env.server.ts";
import { setDatabase, type DatabaseHandle } from "~/db/client.server.ts";
import { testEnv } from "./test-env.ts";
import { useTestDatabase } from "./db.ts";

setEnvForTests(testEnv());

// A console.error during a test is a bug the test should have caught.
const consoleError = vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
  throw new Error(`console.error called: ${args.map(String).join(" ")}`);
});

let handle: DatabaseHandle | undefined;

// Every test file gets its own migrated database (PGlite in memory, or a new
// database on the PostgreSQL server named by DATABASE_URL).
beforeAll(async () => {
  handle = await useTestDatabase();
});

afterAll(async () => {
  await handle?.close();
  setDatabase(undefined);
  consoleError.mockRestore();
});
