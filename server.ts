/**
 * Samspill's HTTP server. `npm start` runs it in production mode on the
 * build; `npm run dev` runs it with Vite's dev middleware.
 * Runs on Node's own TypeScript support: keep this file to erasable syntax.
 */
import express from "express";
import type { Server } from "node:http";
import { existsSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createSecurityHeaders } from "./server/security-headers.ts";

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

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
