import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatLoad, loadKinds, runLoad } from "../../bench/load.ts";
import { startApp, type AppProcess } from "./support/app-process.ts";

/**
 * Issue 15's load run, short: 50 virtual users (LOAD_VUS) for 60 s (LOAD_DURATION_S) with the issue's mix
 * against the built app on PostgreSQL. The ten-minute run with 200 is `npx tsx bench/load.ts` (bench/README.md).
 * 50, not 200, in CI: each virtual user signs in through the form (an argon2 hash), and 200 of them took about
 * three minutes of setup on the shared 2-core machine — more than the CI budget for both system tests.
 * Asserts no errors and that every kind of request ran; the latencies are printed, not asserted, because CI's
 * machine is shared and a p95 there says more about the neighbours than about the app.
 */
describe("load: the issue's mix against the built app on PostgreSQL", () => {
  let app: AppProcess;
  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(async () => {
    await app?.stop();
  });

  it("answers every request of the virtual users without an error", async () => {
    const result = await runLoad({
      baseUrl: app.url,
      vus: Number(process.env.LOAD_VUS ?? 50),
      durationS: Number(process.env.LOAD_DURATION_S ?? 60),
      log: (line) => console.log(`[load] ${line}`),
    }).catch((error: unknown) => {
      throw new Error(`${error instanceof Error ? error.message : String(error)}\n--- the app's output:\n${app.output().slice(-4000)}`);
    });
    console.log(formatLoad(result));
    expect(result.errorSamples, formatLoad(result)).toEqual([]);
    expect(result.errors).toBe(0);
    for (const kind of loadKinds) expect(result.kinds[kind].requests, kind).toBeGreaterThan(0);
    expect(app.child.exitCode).toBeNull();
  });
});
