import { readdirSync, readFileSync } from "node:fs";
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type AppProcess } from "./support/app-process.ts";

/**
 * WEB_CONCURRENCY: one `node server.ts` as the primary of a cluster of app processes on one PostgreSQL
 * (server.ts). Both answer, /metrics counts for all of them whichever answers it, a process that dies is
 * replaced, SIGTERM stops them all, and a configuration that cannot work stops with its reason.
 */

/** A request on a connection of its own: the cluster hands out connections in turn, not requests. */
function getFresh(url: string): Promise<{ status: number; instance: string | undefined; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { agent: false, headers: { "accept-language": "nb" } }, (response) => {
      let body = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => (body += chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, instance: response.headers["x-samspill-instance"] as string | undefined, body }));
    });
    request.setTimeout(10_000, () => request.destroy(new Error(`no answer from ${url} in 10 s`)));
    request.on("error", reject);
  });
}

/** The pids of the primary's worker processes (Linux /proc). */
function workerPids(primaryPid: number): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      if (Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]) === primaryPid) pids.push(Number(entry));
    } catch {
      // ended meanwhile
    }
  }
  return pids;
}

async function waitFor(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** The finder's 2xx count in a Prometheus text answer. */
function finderRequests(metrics: string): number {
  return metrics
    .split("\n")
    .filter((line) => line.startsWith("samspill_http_requests_total{") && line.includes('route="routes/activities/finder"') && line.includes('status="2xx"'))
    .reduce((sum, line) => sum + Number(line.split(" ").at(-1)), 0);
}

describe("several app processes on one machine (WEB_CONCURRENCY)", () => {
  let app: AppProcess;

  beforeAll(async () => {
    app = await startApp({ env: { WEB_CONCURRENCY: "2", INSTANCE_NAME: "cluster" } });
    await waitFor("both app processes to listen", () => app.output().includes("2 app processes listening"), 120_000);
  }, 180_000);

  afterAll(async () => {
    await app?.stop();
  });

  it("both processes answer, and /metrics counts the requests of both whichever answers it", async () => {
    const instances = new Set<string>();
    for (let i = 0; i < 20; i++) {
      const response = await getFresh(`${app.url}/aktiviteter`);
      expect(response.status).toBe(200);
      if (response.instance) instances.add(response.instance);
    }
    expect([...instances].sort()).toEqual(["cluster-1", "cluster-2"]);
    for (let i = 0; i < 4; i++) {
      const metrics = await getFresh(`${app.url}/metrics`);
      expect(metrics.status, metrics.body).toBe(200);
      expect(finderRequests(metrics.body)).toBe(20);
    }
  }, 60_000);

  it("a process that dies is replaced, and the app keeps answering meanwhile", async () => {
    const before = workerPids(app.child.pid!);
    expect(before).toHaveLength(2);
    process.kill(before[0]!, "SIGKILL");
    // Connections handed to the process as it died are lost, as in any crash; once the primary has seen it go,
    // the other process answers while the new one starts.
    await waitFor("the primary to see the process go", () => /app process \d stopped \(exit code/.test(app.output()));
    for (let i = 0; i < 6; i++) expect((await getFresh(`${app.url}/healthz`)).status).toBe(200);
    await waitFor("a new app process", () => {
      const now = workerPids(app.child.pid!);
      return now.length === 2 && !now.includes(before[0]!);
    });
    await waitFor("the new process to listen", () => app.output().includes("starting a new one"));
    const instances = new Set<string>();
    await waitFor("both processes to answer again", async () => {
      const response = await getFresh(`${app.url}/aktiviteter`);
      expect(response.status).toBe(200);
      if (response.instance) instances.add(response.instance);
      return instances.size === 2;
    });
  }, 90_000);

  it("SIGTERM stops every process, and the primary exits with 0", async () => {
    const workers = workerPids(app.child.pid!);
    const exited = new Promise<number | null>((resolve) => app.child.once("exit", (code) => resolve(code)));
    app.child.kill("SIGTERM");
    expect(await exited).toBe(0);
    for (const pid of workers) expect(() => process.kill(pid, 0)).toThrow();
  }, 30_000);
});

describe("WEB_CONCURRENCY that cannot work", () => {
  it.each([
    [{ WEB_CONCURRENCY: "2", DATABASE_URL: "" }, "need PostgreSQL (DATABASE_URL)"],
    [{ WEB_CONCURRENCY: "many" }, 'must be a whole number from 1 to 64 (got "many")'],
    [{ WEB_CONCURRENCY: "0" }, "must be a whole number from 1 to 64"],
  ])(
    "%o stops at start with its reason, not a stack trace",
    async (env, message) => {
      const error = await startApp({ env: { ...env, PGLITE_DATA_DIR: "/nonexistent-samspill-cluster-test" }, readyTimeoutMs: 30_000 }).then(
        (started) => {
          void started.stop();
          return null;
        },
        (thrown: unknown) => String(thrown),
      );
      expect(error).toContain("exited (1)");
      expect(error).toContain(message);
      expect(error).not.toMatch(/\n\s+at /);
    },
    60_000,
  );
});
