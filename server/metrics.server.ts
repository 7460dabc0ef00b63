import type { RequestHandler } from "express";
import { randomUUID, timingSafeEqual } from "node:crypto";
import cluster from "node:cluster";
import { AggregatorRegistry, Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import { matchRoutes, type RouteObject } from "react-router";
import type { ServerBuild } from "react-router";
import { sql } from "drizzle-orm";
import { getDatabaseHandle } from "~/db/client.server.ts";
import { CLUSTER_METRICS_ANSWER, CLUSTER_METRICS_REQUEST } from "./cluster-messages.ts";

/**
 * Prometheus metrics at /metrics (issue 15), with prom-client: requests and
 * their latency by route (React Router's route id, so the label set is the
 * app's routes, never a raw path), the database pool, the job queue and
 * scheduled reminders' backlog, and Node's own process figures. Read only
 * from this machine (not through a proxy) or with METRICS_TOKEN.
 */

export const registry = new Registry();
collectDefaultMetrics({ register: registry, prefix: "samspill_" });
// In a cluster (WEB_CONCURRENCY > 1) the primary gathers every worker's figures (server.ts): this is what a worker reports.
// (prom-client adds a worker's listener for the primary's requests when an AggregatorRegistry is made.)
if (cluster.isWorker) {
  AggregatorRegistry.setRegistries([registry]);
  new AggregatorRegistry();
}

const requests = new Counter({
  name: "samspill_http_requests_total",
  help: "HTTP requests answered, by method, route and status class",
  labelNames: ["method", "route", "status"] as const,
  registers: [registry],
});

const latency = new Histogram({
  name: "samspill_http_request_duration_seconds",
  help: "Time to answer an HTTP request, by method and route",
  labelNames: ["method", "route"] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.2, 0.5, 1, 2, 5],
  registers: [registry],
});

new Gauge({
  name: "samspill_db_pool_connections",
  help: "PostgreSQL pool connections by state (total, idle, waiting clients); absent on the embedded database",
  labelNames: ["state"] as const,
  registers: [registry],
  collect() {
    const stats = getDatabaseHandle().poolStats?.();
    if (!stats) return;
    this.set({ state: "total" }, stats.total);
    this.set({ state: "idle" }, stats.idle);
    this.set({ state: "waiting" }, stats.waiting);
  },
});

new Gauge({
  name: "samspill_jobs",
  help: "Background jobs (imports) by kind and status",
  labelNames: ["kind", "status"] as const,
  registers: [registry],
  // Read from the database: every worker of a cluster sees the same figure.
  aggregator: "first",
  async collect() {
    this.reset();
    const result = (await getDatabaseHandle().db.execute(sql`select kind, status, count(*)::int as n from jobs group by kind, status`)) as unknown as {
      rows: { kind: string; status: string; n: number }[];
    };
    for (const row of result.rows) this.set({ kind: row.kind, status: row.status }, row.n);
  },
});

new Gauge({
  name: "samspill_db_up",
  help: "1 when the database answers a trivial query",
  registers: [registry],
  aggregator: "min",
  async collect() {
    try {
      await getDatabaseHandle().ping();
      this.set(1);
    } catch {
      this.set(0);
    }
  },
});

/** React Router's route tree as plain route objects, to name a request by its route id. */
function routeTree(build: ServerBuild): RouteObject[] {
  const byParent = new Map<string | undefined, RouteObject[]>();
  for (const route of Object.values(build.routes)) {
    if (!route) continue;
    const node: RouteObject = route.index ? { id: route.id, index: true, path: route.path } : { id: route.id, path: route.path, children: [] };
    const siblings = byParent.get(route.parentId) ?? [];
    siblings.push(node);
    byParent.set(route.parentId, siblings);
  }
  const attach = (nodes: RouteObject[]): RouteObject[] => nodes.map((n) => (n.index ? n : { ...n, children: attach(byParent.get(n.id) ?? []) }) as RouteObject);
  return attach(byParent.get(undefined) ?? []);
}

let tree: RouteObject[] | null = null;
/**
 * Labels by path: matchRoutes flattens and ranks the whole route tree on every call, which was a quarter of the
 * time of a page answered from the page cache (server/page-cache.server.ts).
 */
const labels = new Map<string, string>();

/** The route a path answers to: the app's route id ("routes/needs/detail"), or a fixed name for what is not a page. */
export function routeLabel(pathname: string): string {
  if (pathname.startsWith("/assets/")) return "static";
  if (pathname === "/healthz" || pathname === "/readyz" || pathname === "/metrics") return pathname;
  if (!tree) return "unknown";
  const known = labels.get(pathname);
  if (known !== undefined) return known;
  const path = pathname.endsWith(".data") ? pathname.slice(0, -".data".length) || "/" : pathname;
  const matches = matchRoutes(tree, path);
  const label = matches?.[matches.length - 1]?.route.id ?? "not_found";
  // Bounded: a crawler's endless distinct paths start it afresh rather than grow it.
  if (labels.size >= 5000) labels.clear();
  labels.set(pathname, label);
  return label;
}

/** Counts and times every request, labelled by its route; the build gives the route tree once loaded. */
export function measureRequests(loadBuild: () => Promise<ServerBuild>): RequestHandler {
  void loadBuild().then((build) => {
    tree = routeTree(build);
  });
  return (req, res, next) => {
    const stop = latency.startTimer();
    res.on("finish", () => {
      const route = routeLabel(req.path);
      stop({ method: req.method, route });
      requests.inc({ method: req.method, route, status: `${Math.floor(res.statusCode / 100)}xx` });
    });
    next();
  };
}

const LOOPBACK = new Set(["127.0.0.1", "::1", "::ffff:127.0.0.1"]);

function tokenMatches(header: string | undefined, token: string): boolean {
  const given = Buffer.from(header?.replace(/^Bearer\s+/i, "") ?? "");
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * GET /metrics: from this machine directly (a request that came through a proxy carries X-Forwarded-For and is
 * refused, so a reverse proxy on the same host does not open it to the world), or with the configured token.
 */
export function metricsEndpoint(token: string | undefined): RequestHandler {
  return async (req, res) => {
    const local = LOOPBACK.has(req.socket.remoteAddress ?? "") && req.get("x-forwarded-for") === undefined && req.get("forwarded") === undefined;
    if (!(token && tokenMatches(req.get("authorization"), token)) && !local) {
      res.status(404).type("text/plain").send("Not found");
      return;
    }
    res.setHeader("Cache-Control", "no-store");
    let text: string;
    try {
      text = await (cluster.isWorker ? clusterMetrics() : registry.metrics());
    } catch (error) {
      res
        .status(503)
        .type("text/plain")
        .send(`metrics unavailable: ${error instanceof Error ? error.message : String(error)}\n`);
      return;
    }
    res.type(registry.contentType).send(text);
  };
}

/** A worker's /metrics answers for the whole cluster: it asks the primary, which gathers every worker's figures. */
function clusterMetrics(): Promise<string> {
  return new Promise((resolve, reject) => {
    const id = randomUUID();
    const onMessage = (message: { type?: string; id?: string; text?: string; error?: string }) => {
      if (message?.type !== CLUSTER_METRICS_ANSWER || message.id !== id) return;
      done();
      if (message.error !== undefined) reject(new Error(message.error));
      else resolve(message.text ?? "");
    };
    const timer = setTimeout(() => {
      done();
      reject(new Error("the cluster's primary did not answer with the workers' metrics within 5 s"));
    }, 5_000);
    const done = () => {
      clearTimeout(timer);
      process.off("message", onMessage);
    };
    process.on("message", onMessage);
    process.send?.({ type: CLUSTER_METRICS_REQUEST, id });
  });
}
