/**
 * Samspill's HTTP server. `npm start` runs it in production mode on the
 * build; `npm run dev` runs it with Vite's dev middleware.
 * Runs on Node's own TypeScript support: keep this file to erasable syntax.
 */
import express from "express";
import cluster, { type Worker } from "node:cluster";
import type { Server } from "node:http";
import { existsSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createSecurityHeaders } from "./server/security-headers.ts";
import { CLUSTER_METRICS_ANSWER, CLUSTER_METRICS_REQUEST } from "./server/cluster-messages.ts";

const isDev = process.argv.includes("--dev");

// Configuration: real environment variables win; then .env; without a .env the
// demo settings in .env.example, so `npm install && npm start` works as it is.
// `npm run dev` is development whatever the file says (so it has the dev outbox).
if (isDev) process.env.NODE_ENV ??= "development";
if (existsSync(".env")) process.loadEnvFile(".env");
else if (existsSync(".env.example")) {
  process.loadEnvFile(".env.example");
  console.log(JSON.stringify({ level: 30, msg: "No .env file: using the demo settings in .env.example" }));
}

type AppModule = typeof import("./server/app.ts");

async function main(): Promise<void> {
  const root = express();
  // Static files and everything else answer with the security headers and without X-Powered-By.
  root.disable("x-powered-by");
  root.use(createSecurityHeaders({ dev: isDev }));
  let mod: AppModule;
  if (isDev) {
    const vite = await import("vite");
    const devServer = await vite.createServer({ server: { middlewareMode: true } });
    root.use(devServer.middlewares);
    mod = (await devServer.ssrLoadModule("./server/app.ts")) as AppModule;
    await start(root, mod);
  } else {
    const buildDir = process.env.BUILD_DIR ?? "build";
    mod = (await import(pathToFileURL(path.resolve(buildDir, "server/index.js")).href)) as AppModule;
    root.use(mod.createStaticMiddleware(path.join(buildDir, "client")));
    await start(root, mod);
  }
}

async function start(root: express.Express, mod: AppModule): Promise<void> {
  let env;
  try {
    env = mod.getEnv();
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
  try {
    await mod.startup();
  } catch (error) {
    // A problem the operator fixes (the data folder, the database server): its message, not a stack trace.
    if (error instanceof Error && error.name === "DatabaseStartError") {
      console.error(JSON.stringify({ level: 60, msg: error.message }));
      process.exit(1);
    }
    throw error;
  }
  root.use(mod.createApp());
  const server: Server = root.listen(env.PORT, env.HOST ?? "::", () => {
    console.log(JSON.stringify({ level: 30, msg: `Samspill listening on ${env.PUBLIC_URL}`, port: env.PORT }));
  });
  // Longer than the idle timeout of the clients in front (nginx keeps upstream connections 60 s), so the client, not
  // the app, closes an idle keep-alive connection: with Node's 5 s a request sent just as the app closed it was reset.
  server.keepAliveTimeout = 65_000;
  let closing = false;
  const stop = (signal: string) => {
    if (closing) return;
    closing = true;
    console.log(JSON.stringify({ level: 30, msg: `${signal}: shutting down` }));
    // Stop accepting connections, let requests in flight finish, then close the database.
    server.close(async () => {
      await mod.shutdown();
      process.exit(0);
    });
    server.closeIdleConnections();
    setTimeout(() => process.exit(1), 10_000).unref();
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
}

const logLine = (level: number, msg: string) => console.log(JSON.stringify({ level, msg }));

/** WEB_CONCURRENCY: app processes (1 unless set); checked here, since the primary of a cluster loads no app code. */
function processCount(): number {
  const raw = process.env.WEB_CONCURRENCY?.trim() || "1";
  const count = Number(raw);
  if (!/^\d+$/.test(raw) || count < 1 || count > 64) {
    console.error(`Invalid configuration:\n  WEB_CONCURRENCY: must be a whole number from 1 to 64 (got "${raw}")`);
    process.exit(1);
  }
  if (count > 1 && !/^postgres(ql)?:\/\//.test(process.env.DATABASE_URL ?? "")) {
    console.error(
      `Invalid configuration:\n  WEB_CONCURRENCY: ${count} app processes need PostgreSQL (DATABASE_URL); the embedded database belongs to one process. Set WEB_CONCURRENCY=1 or DATABASE_URL.`,
    );
    process.exit(1);
  }
  return count;
}

/**
 * The primary of a cluster (WEB_CONCURRENCY > 1): forks the app processes one after another (the first applies
 * migrations and seeds; the next start when it listens), replaces one that dies, gathers their metrics for
 * /metrics, and passes SIGTERM/SIGINT on. Each worker is a full instance: everything shared lives in PostgreSQL
 * (sessions, page cache, rate limits, jobs, the scheduler's claims, live workshop updates), as with instances on
 * several machines.
 */
async function runPrimary(count: number): Promise<void> {
  const { AggregatorRegistry } = await import("prom-client");
  const aggregator = new AggregatorRegistry();
  const RESTARTS_PER_MINUTE = 5;
  const restarts: number[] = [];
  let stopping = false;

  const fork = (slot: number): Promise<void> =>
    new Promise((resolve) => {
      const name = process.env.INSTANCE_NAME ? `${process.env.INSTANCE_NAME.slice(0, 60)}-${slot}` : undefined;
      const worker: Worker = cluster.fork(name ? { INSTANCE_NAME: name } : {});
      let listened = false;
      worker.on("listening", () => {
        listened = true;
        resolve();
      });
      worker.on("message", (message: { type?: string; id?: string }) => {
        if (message?.type !== CLUSTER_METRICS_REQUEST) return;
        aggregator.clusterMetrics().then(
          (text) => worker.send({ type: CLUSTER_METRICS_ANSWER, id: message.id, text }),
          (error: unknown) => worker.send({ type: CLUSTER_METRICS_ANSWER, id: message.id, error: String(error) }),
        );
      });
      worker.on("exit", (code, signal) => {
        if (stopping) return;
        if (!listened) {
          // It failed to start (its own message says why): the others would fail the same way.
          logLine(60, `app process ${slot} stopped during start-up (exit code ${code ?? signal}): stopping`);
          void stopAll(code || 1);
          return;
        }
        const now = Date.now();
        restarts.push(now);
        while (restarts[0]! < now - 60_000) restarts.shift();
        if (restarts.length > RESTARTS_PER_MINUTE) {
          logLine(60, `app processes stopped ${restarts.length} times within a minute: stopping`);
          void stopAll(1);
          return;
        }
        logLine(50, `app process ${slot} stopped (exit code ${code ?? signal}): starting a new one`);
        void fork(slot);
      });
    });

  const stopAll = async (exitCode: number) => {
    if (stopping) return;
    stopping = true;
    const workers = Object.values(cluster.workers ?? {}).filter((w): w is Worker => w !== undefined);
    await Promise.race([
      Promise.all(
        workers.map(
          (worker) =>
            new Promise<void>((resolve) => {
              if (worker.isDead()) return resolve();
              worker.once("exit", () => resolve());
              worker.process.kill("SIGTERM");
            }),
        ),
      ),
      new Promise((resolve) => setTimeout(resolve, 15_000).unref()),
    ]);
    process.exit(exitCode);
  };
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.on(signal, () => {
      logLine(30, `${signal}: shutting down the app processes`);
      void stopAll(0);
    });
  }

  logLine(30, `starting ${count} app processes (WEB_CONCURRENCY)`);
  for (let slot = 1; slot <= count && !stopping; slot++) await fork(slot);
  if (!stopping) logLine(30, `${count} app processes listening`);
}

const processes = isDev ? 1 : cluster.isPrimary ? processCount() : 1;
(processes > 1 ? runPrimary(processes) : main()).catch((error) => {
  console.error(error);
  process.exit(1);
});
