import express, { type RequestHandler } from "express";
import compression from "compression";
import { precompressedAssets } from "./precompress.ts";
import { randomUUID } from "node:crypto";
import { RouterContextProvider, type ServerBuild } from "react-router";
import { createRequestHandler } from "@react-router/express";
import { dataRequestContext, requestInfoContext } from "~/context.ts";
import { getEnv } from "~/env.server.ts";
import { getLogger } from "~/logger.server.ts";
import { getDatabaseHandle, openDatabase, setDatabase } from "~/db/client.server.ts";
import { loadReferenceData } from "~/domain/reference/reference.server.ts";
import { seedDemoData } from "~/domain/demo/seed.server.ts";
import { purgeExpiredSessions } from "~/domain/auth/session.server.ts";
import { refreshPastOccurrences } from "~/domain/activities/activities.server.ts";
import { ensureCoverage } from "~/domain/overview/coverage.server.ts";
import { startJobWorker, type JobWorker } from "~/domain/jobs/worker.server.ts";
import { startScheduler, type Scheduler } from "~/domain/jobs/scheduler.server.ts";
import { hostname } from "node:os";
import { BRREG_UPLOAD_PATH, brregUploadHandler } from "./upload.server.ts";
import { limitRequestBody } from "./body-limit.server.ts";
import { securityHeaders } from "./security-headers.ts";
import { measureRequests, metricsEndpoint } from "./metrics.server.ts";
import { securityTxt } from "./security-txt.ts";
import { RETRY_AFTER_SECONDS } from "~/lib/db-unavailable.server.ts";
import { databaseUnavailablePage, retryAfterOn503 } from "./unavailable.server.ts";
import { createPageCache } from "./page-cache.server.ts";
import { FILE_FORM_MAX_BYTES, isFileUploadPath } from "~/domain/files/files.constants.ts";
import { SETTLEMENT_IMPORT_MAX_BYTES } from "~/domain/settlement/settlement.schema.ts";

/** The settlement CSV import's form (and its data request), whose file may be 1 MB. */
function isSettlementImportPath(path: string): boolean {
  return /^\/admin\/bosetting\/import(\.data)?\/?$/i.test(path);
}

let jobWorker: JobWorker | null = null;
let scheduler: Scheduler | null = null;
let occurrenceRefresh: Promise<unknown> = Promise.resolve();
let stopping = new AbortController();
let occurrenceTimer: NodeJS.Timeout | undefined;

/**
 * Opens the database, applies migrations, loads reference data and (when
 * SEED_DEMO_DATA is on) the demo accounts — all idempotent, so every start
 * can run them.
 */
export async function startup(): Promise<void> {
  const env = getEnv();
  const log = getLogger();
  const started = performance.now();
  const handle = await openDatabase({ databaseUrl: env.DATABASE_URL, pgliteDataDir: env.PGLITE_DATA_DIR });
  setDatabase(handle);
  const reference = await loadReferenceData();
  if (env.SEED_DEMO_DATA) await seedDemoData();
  await purgeExpiredSessions();
  await ensureCoverage();
  // "Next occurrence" drifts into the past as time goes by; any instance may refresh it, the work is idempotent.
  // After a long stop that is tens of thousands of rows (half a minute on PGlite at national scale), so it runs
  // beside serving, not before: until it is done a finder may show an activity's last date instead of its next.
  stopping = new AbortController();
  const refreshOccurrences = () =>
    refreshPastOccurrences(new Date(), undefined, stopping.signal)
      .then((refreshed) => refreshed > 0 && log.info({ refreshedOccurrences: refreshed }, "next occurrences refreshed"))
      .catch((error: unknown) => log.error({ err: error }, "refreshing next occurrences failed"));
  occurrenceRefresh = refreshOccurrences();
  occurrenceTimer = setInterval(() => (occurrenceRefresh = refreshOccurrences()), 60 * 60_000);
  occurrenceTimer.unref();
  // Background jobs (the Brreg import): one at a time per instance; tests start their own worker.
  if (!process.env.VITEST) jobWorker = startJobWorker();
  // Reminders on their cadence; with several instances each period is claimed in the database by one of them.
  if (env.SCHEDULER && !process.env.VITEST) {
    const periodMs = env.SCHEDULER_PERIOD_SECONDS ? env.SCHEDULER_PERIOD_SECONDS * 1000 : undefined;
    scheduler = startScheduler({
      instance: env.INSTANCE_NAME ?? `${hostname()}:${process.pid}`,
      periodMs,
      tickMs: periodMs ? Math.max(250, periodMs / 4) : 60_000,
    });
  }
  log.info({ driver: handle.driver, ...reference, demo: env.SEED_DEMO_DATA, ms: Math.round(performance.now() - started) }, "database ready");
  if (env.usesDevOutbox && !env.devOutboxVisible) {
    log.warn(
      "SMTP_URL is not set: e-mails (sign-in links, password resets, invitations) are NOT sent. They are recorded in the " +
        "database (outbound_emails), and the log names each one without its text; in production there is no outbox page. Set SMTP_URL " +
        "to send them, or run with NODE_ENV=development on your own machine to read them at /dev/utboks.",
    );
  }
}

export async function shutdown(): Promise<void> {
  await jobWorker?.stop();
  jobWorker = null;
  await scheduler?.stop();
  scheduler = null;
  // It stops after its current batch; the database is closed under it otherwise.
  clearInterval(occurrenceTimer);
  stopping.abort();
  await occurrenceRefresh;
  await getDatabaseHandle().close();
}

/** The Express app: operations endpoints, request logging, and React Router for everything else. */
export function createApp() {
  const env = getEnv();
  const log = getLogger();
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", env.TRUST_PROXY);

  app.use(securityHeaders);
  // Opt-in (INSTANCE_NAME): which instance behind the proxy answered.
  const instanceName = env.INSTANCE_NAME;
  if (instanceName) {
    app.use((_req, res, next) => {
      res.setHeader("X-Samspill-Instance", instanceName);
      next();
    });
  }

  // React Router asks for the build on every request; in production it never changes, so it is imported once
  // (development re-imports it, so Vite's reloads are seen).
  let built: Promise<ServerBuild> | undefined;
  const loadBuild = (): Promise<ServerBuild> =>
    env.NODE_ENV === "production"
      ? (built ??= import("virtual:react-router/server-build") as Promise<ServerBuild>)
      : (import("virtual:react-router/server-build") as Promise<ServerBuild>);

  app.use(measureRequests(loadBuild));
  app.get("/metrics", metricsEndpoint(env.METRICS_TOKEN));
  app.get("/.well-known/security.txt", (_req, res) => {
    res.type("text/plain; charset=utf-8").setHeader("Cache-Control", "public, max-age=86400");
    res.send(securityTxt(env.SECURITY_CONTACT, env.PUBLIC_URL, new Date()));
  });

  app.get("/healthz", (_req, res) => {
    res.json({ status: "ok" });
  });
  app.get("/readyz", async (_req, res) => {
    try {
      await getDatabaseHandle().ping();
      res.json({ status: "ready" });
    } catch (error) {
      log.warn({ err: error }, "readiness check failed");
      res.status(503).set("Retry-After", String(RETRY_AFTER_SECONDS)).json({ status: "unavailable" });
    }
  });

  app.use((req, res, next) => {
    const requestId = req.get("x-request-id")?.slice(0, 100) || randomUUID();
    res.locals.requestId = requestId;
    const start = performance.now();
    res.on("finish", () => {
      const entry = { requestId, method: req.method, path: req.path, status: res.statusCode, ms: Math.round(performance.now() - start) };
      if (res.statusCode >= 500) log.error(entry, "request failed");
      else log.info(entry, "request");
    });
    next();
  });

  // Anonymous visitors' public pages (finder, activity, organisation, kommune) from the shared cache in the database.
  app.use(createPageCache());

  // Streams the (large) upload to disk; React Router's actions would buffer it in memory.
  app.post(BRREG_UPLOAD_PATH, brregUploadHandler());
  // Every other body is capped before React Router reads it (the settlement CSV import needs up to 2 MB).
  // Forms that upload files (guidance attachments, knowledge templates) need room for FILES_PER_FORM files of FILE_MAX_BYTES.
  app.use(
    limitRequestBody((path) =>
      Math.max(env.FORM_MAX_BYTES, isSettlementImportPath(path) ? 2 * SETTLEMENT_IMPORT_MAX_BYTES : isFileUploadPath(path) ? FILE_FORM_MAX_BYTES : 0),
    ),
  );

  app.use(retryAfterOn503);
  // `use`, not a route with a path parameter: Express would decode it and answer a malformed one (`/%E0%A4%A`)
  // with its own English error page; React Router's root middleware refuses it in the visitor's language.
  const reactRouterHandler = (build: ServerBuild | (() => Promise<ServerBuild>)) =>
    createRequestHandler({
      build,
      mode: env.NODE_ENV === "production" ? "production" : "development",
      getLoadContext(req, res) {
        const context = new RouterContextProvider();
        context.set(requestInfoContext, { ip: req.ip ?? null, requestId: String(res.locals.requestId), cspNonce: String(res.locals.cspNonce ?? "") });
        context.set(dataRequestContext, req.path.endsWith(".data"));
        return context;
      },
    });
  if (env.NODE_ENV === "production") {
    // Given the build itself, not a function returning it: with a function React Router derives its route table
    // (flattening and ranking every route) again on every request, ≈ 5 % of the app's CPU under load.
    let handler: Promise<RequestHandler> | undefined;
    app.use((req, res, next) => {
      (handler ??= loadBuild().then(reactRouterHandler)).then((handle) => handle(req, res, next), next);
    });
  } else {
    app.use(reactRouterHandler(loadBuild));
  }
  app.use(databaseUnavailablePage);
  return app;
}

export function createStaticMiddleware(root: string) {
  const router = express.Router();
  // Scripts and styles the build compressed already; compression() leaves a response with an encoding alone.
  router.use("/assets", precompressedAssets(`${root}/assets`));
  router.use(compression());
  // Vite fingerprints everything under /assets, so it can be cached for a year.
  router.use("/assets", express.static(`${root}/assets`, { immutable: true, maxAge: "1y" }));
  router.use(express.static(root, { maxAge: "1h" }));
  return router;
}

/** In production, server.ts imports the built React Router app through this module. */
export { getEnv };
