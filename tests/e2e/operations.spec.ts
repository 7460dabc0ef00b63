import { expect, test } from "@playwright/test";
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { APP_PORT, DEFAULT_BUILD_DIR } from "./support/paths.ts";

/**
 * What an operator relies on: health and readiness endpoints, a clear stop on
 * bad configuration, security headers, and a clean exit on SIGTERM. Runs its
 * own server process (the shared one must stay up for the other tests).
 */
// Next to the shared app's port, so parallel runs on other ports do not collide.
const PORT = APP_PORT + 7;
const buildDir = process.env.E2E_BUILD_DIR ?? DEFAULT_BUILD_DIR;

function startServer(extraEnv: Record<string, string>, dataDir: string): { child: ChildProcess; output: () => string } {
  let output = "";
  const child = spawn(process.execPath, ["server.ts"], {
    env: {
      PATH: process.env.PATH ?? "",
      BUILD_DIR: buildDir,
      PORT: String(PORT),
      HOST: "127.0.0.1",
      PUBLIC_URL: `http://127.0.0.1:${PORT}`,
      PGLITE_DATA_DIR: dataDir,
      NODE_ENV: "production",
      SEED_DEMO_DATA: "false",
      SESSION_SECRET: "operations-test-secret-0123456789abcdef",
      LOG_LEVEL: "info",
      ...extraEnv,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.on("data", (d) => (output += String(d)));
  child.stderr!.on("data", (d) => (output += String(d)));
  return { child, output: () => output };
}

function exitOf(child: ChildProcess, timeoutMs: number): Promise<number | null> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("process did not exit in time")), timeoutMs);
    child.once("exit", (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
}

async function waitForReady(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} not ready`);
}

test.describe("operations", () => {
  test.describe.configure({ mode: "serial" });
  let dataDir: string;

  test.beforeAll(() => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), "samspill-ops-"));
  });
  test.afterAll(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  test("health, readiness, metrics, security.txt and security headers; SIGTERM ends the process cleanly", async () => {
    test.setTimeout(90_000);
    const { child, output } = startServer({}, path.join(dataDir, "pglite"));
    try {
      await waitForReady(`http://127.0.0.1:${PORT}/readyz`, 60_000);
      const health = await fetch(`http://127.0.0.1:${PORT}/healthz`);
      expect(health.status).toBe(200);
      expect(await health.json()).toEqual({ status: "ok" });
      const ready = await fetch(`http://127.0.0.1:${PORT}/readyz`);
      expect(await ready.json()).toEqual({ status: "ready" });

      const page = await fetch(`http://127.0.0.1:${PORT}/`);
      expect(page.status).toBe(200);
      expect(page.headers.get("content-security-policy")).toContain("default-src 'self'");
      expect(page.headers.get("x-content-type-options")).toBe("nosniff");
      // Request logs are structured JSON lines.
      await expect.poll(() => output()).toContain('"path":"/"');

      // Prometheus metrics from this machine: requests by route id, the database, the process; not through a proxy.
      const metrics = await fetch(`http://127.0.0.1:${PORT}/metrics`);
      expect(metrics.status).toBe(200);
      const text = await metrics.text();
      expect(text).toMatch(/samspill_http_requests_total\{method="GET",route="routes\/home",status="2xx"\} [1-9]/);
      expect(text).toContain("samspill_http_request_duration_seconds_bucket");
      expect(text).toContain("samspill_db_up 1");
      expect(text).toContain("samspill_process_resident_memory_bytes");
      const proxied = await fetch(`http://127.0.0.1:${PORT}/metrics`, { headers: { "x-forwarded-for": "203.0.113.9" } });
      expect(proxied.status).toBe(404);

      const securityTxt = await fetch(`http://127.0.0.1:${PORT}/.well-known/security.txt`);
      expect(securityTxt.status).toBe(200);
      const fields = await securityTxt.text();
      expect(fields).toMatch(/^Contact: mailto:/m);
      const expires = Date.parse(/^Expires: (\S+)$/m.exec(fields)?.[1] ?? "");
      expect(expires).toBeGreaterThan(Date.now() + 30 * 86_400_000);
      expect(expires).toBeLessThan(Date.now() + 366 * 86_400_000);
    } finally {
      child.kill("SIGTERM");
    }
    expect(await exitOf(child, 15_000)).toBe(0);
    expect(output()).toContain("SIGTERM: shutting down");
  });

  test("production without SMTP: a warning at start, no dev outbox, and neither a working link nor the address in the log", async () => {
    test.setTimeout(180_000);
    const base = `http://127.0.0.1:${PORT}`;
    const { child, output } = startServer({ SMTP_URL: "" }, path.join(dataDir, "no-smtp"));
    try {
      // A fresh database: slow to start on a busy machine.
      await waitForReady(`${base}/readyz`, 120_000);
      expect.soft(output()).toContain("SMTP_URL is not set");

      // The outbox would show everyone's sign-in links: in production it does not exist, nor does the footer link to it.
      expect.soft((await fetch(`${base}/dev/utboks`)).status).toBe(404);
      const home = await fetch(`${base}/`);
      expect.soft(await home.text()).not.toContain("/dev/utboks");

      // Register: an e-mail with a one-time link is "sent" to the log only, without its token.
      const form = await fetch(`${base}/registrer`);
      const cookie = form.headers
        .getSetCookie()
        .map((c) => c.split(";")[0])
        .join("; ");
      const token = /name="_csrf"\s+value="([^"]+)"/.exec(await form.text())?.[1] ?? "";
      const email = `ops-${Date.now().toString(36)}@example.no`;
      const posted = await fetch(`${base}/registrer`, {
        method: "POST",
        redirect: "manual",
        headers: { cookie, origin: base, "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ _csrf: token, name: "Drift Test", email, password: "et langt nok passord 1" }),
      });
      expect(posted.status).toBeLessThan(400);
      // The log names the stored e-mail, not its address or text (personal data never in logs).
      await expect.poll(() => output()).toContain("stored in outbound_emails");
      expect(output()).not.toContain(email);
      expect(output()).not.toContain("Drift Test");
      expect(output()).not.toMatch(/token=(?!\[redacted\])/);
      expect(output()).not.toMatch(/[A-Za-z0-9_-]{40,}/);
    } finally {
      child.kill("SIGTERM");
    }
    expect(await exitOf(child, 15_000)).toBe(0);
  });

  test("a bad setting stops the start with a message naming the variable", async () => {
    const { child, output } = startServer({ PORT: "not-a-port", SESSION_SECRET: "short" }, path.join(dataDir, "bad"));
    expect(await exitOf(child, 30_000)).toBe(1);
    expect(output()).toContain("PORT");
    expect(output()).toContain("SESSION_SECRET");
  });

  test("a data folder that cannot be written, or a database server that does not answer, stops the start with a message and no stack trace", async () => {
    test.setTimeout(90_000);
    // A path through a file (portable), and a folder on a file system nobody may write (sysfs; root included).
    const aFile = path.join(dataDir, "a-file");
    writeFileSync(aFile, "not a folder");
    for (const [dir, reason] of [
      [path.join(aFile, "pglite"), "part of the path is a file"],
      ["/sys/samspill-data", "cannot be written"],
    ] as const) {
      const { child, output } = startServer({}, dir);
      expect(await exitOf(child, 30_000), dir).toBe(1);
      expect(output(), dir).toContain("The database folder");
      expect(output(), dir).toContain(reason);
      expect(output(), dir).not.toMatch(/^\s+at /m);
    }
    const { child, output } = startServer({ DATABASE_URL: "postgres://samspill@127.0.0.1:9/samspill" }, path.join(dataDir, "unused"));
    expect(await exitOf(child, 30_000)).toBe(1);
    expect(output()).toContain("The PostgreSQL server in DATABASE_URL (127.0.0.1:9, database samspill) does not answer");
    expect(output()).not.toMatch(/^\s+at /m);
  });
});
