import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import path from "node:path";

/**
 * The built app (`node server.ts`, production) as a child process, for the system tests. The build comes from
 * SYSTEM_BUILD_DIR (scripts/test.ts --system sets it); the database from DATABASE_URL unless `env` says otherwise.
 */
export interface AppProcess {
  url: string;
  port: number;
  child: ChildProcess;
  /** Everything the process wrote to stdout and stderr so far (for a failing test's message). */
  output(): string;
  /** SIGTERM, then SIGKILL after 5 s; resolves when the process has exited. */
  stop(): Promise<void>;
}

const root = path.resolve(import.meta.dirname, "../../..");

export function systemBuildDir(): string {
  const dir = process.env.SYSTEM_BUILD_DIR;
  if (!dir) throw new Error("SYSTEM_BUILD_DIR is not set: run the system tests with `npm run test:system`.");
  return dir;
}

export function databaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url?.startsWith("postgres")) throw new Error("DATABASE_URL must point at PostgreSQL: run the system tests with `npm run test:system`.");
  return url;
}

/** A free TCP port on loopback (the OS picks it; closed again before it is handed out). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export async function startApp(options: { env?: Record<string, string>; port?: number; readyTimeoutMs?: number } = {}): Promise<AppProcess> {
  const port = options.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  let output = "";
  const child = spawn(process.execPath, ["server.ts"], {
    cwd: root,
    env: {
      ...process.env,
      BUILD_DIR: systemBuildDir(),
      NODE_ENV: "production",
      HOST: "127.0.0.1",
      PORT: String(port),
      PUBLIC_URL: url,
      DATABASE_URL: databaseUrl(),
      SEED_DEMO_DATA: "true",
      SESSION_SECRET: "system-test-session-secret-0123456789abcdef",
      LOG_LEVEL: "warn",
      TRUST_PROXY: "false",
      ...options.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const app: AppProcess = {
    url,
    port,
    child,
    output: () => output,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
  const deadline = Date.now() + (options.readyTimeoutMs ?? 120_000);
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the app exited (${child.exitCode}) before it was ready:\n${output}`);
    try {
      const response = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(2000) });
      if (response.ok) return app;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  await app.stop();
  throw new Error(`the app was not ready within ${options.readyTimeoutMs ?? 120_000} ms:\n${output}`);
}
