import { parseEnv, type Env } from "~/env.server.ts";

/** The configuration integration tests run with: dev outbox, demo data off. */
export function testEnv(overrides: Record<string, string> = {}): Env {
  return parseEnv({
    NODE_ENV: "test",
    SESSION_SECRET: "test-secret-test-secret-test-secret-0123",
    SEED_DEMO_DATA: "false",
    LOG_LEVEL: "silent",
    PUBLIC_URL: "http://localhost:3000",
    ...overrides,
  });
}
