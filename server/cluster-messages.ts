/**
 * The messages between a cluster's primary (server.ts, which loads no app code) and its workers
 * (server/metrics.server.ts): a worker asks for the whole cluster's metrics, the primary answers.
 * Runs on Node's own TypeScript support too: erasable syntax only.
 */
export const CLUSTER_METRICS_REQUEST = "samspill:metrics-request";
export const CLUSTER_METRICS_ANSWER = "samspill:metrics";
