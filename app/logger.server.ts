import pino from "pino";
import { getEnv } from "./env.server.ts";

let instance: pino.Logger | undefined;

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
/** randomToken() is 43 URL-safe characters; ids (36, with hyphens) and hashes in hex stay readable. */
const TOKEN = /[A-Za-z0-9_-]{40,}/g;
/** Drizzle's failed-query message ends with the query's parameters: the values a user typed. */
const QUERY_PARAMS = /(\bparams: )[^\n]*/g;

/** A log line's strings without e-mail addresses, sign-in tokens or query parameters (personal data never in logs). */
export function redactPersonalData(value: unknown, depth = 0): unknown {
  if (typeof value === "string") return value.replace(QUERY_PARAMS, "$1[redacted]").replace(EMAIL, "[e-mail]").replace(TOKEN, "[redacted]");
  if (depth > 6 || value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map((v) => redactPersonalData(v, depth + 1));
  if (value instanceof Error) {
    // The log formatter sees errors before pino serialises them: keep what pino would write, redacted.
    const error = value as Error & { cause?: unknown };
    const plain: Record<string, unknown> = { ...error, name: error.name, message: error.message, stack: error.stack };
    if (error.cause !== undefined) plain.cause = error.cause;
    return redactPersonalData(plain, depth);
  }
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    // A database error's parameters and a request's body are what people typed.
    out[key] = key === "params" || key === "parameters" || key === "body" ? "[redacted]" : redactPersonalData(v, depth + 1);
  }
  return out;
}

/** The logger, writing to `destination` (tests) or stdout. */
export function createLogger(level: string, destination?: pino.DestinationStream): pino.Logger {
  return pino(
    {
      level,
      base: { service: "samspill" },
      redact: { paths: ["password", "*.password", "token", "*.token", "req.headers.cookie"], censor: "[redacted]" },
      formatters: { log: (object) => redactPersonalData(object) as Record<string, unknown> },
      hooks: {
        // The message string itself (log.info(obj, "message")) goes through the same redaction.
        logMethod(args, method) {
          method.apply(this, args.map((a) => (typeof a === "string" ? (redactPersonalData(a) as string) : a)) as Parameters<typeof method>);
        },
      },
    },
    destination,
  );
}

/** Structured JSON logs (pino); one line per event, to stdout; no personal data (redactPersonalData). */
export function getLogger(): pino.Logger {
  instance ??= createLogger(getEnv().LOG_LEVEL);
  return instance;
}
