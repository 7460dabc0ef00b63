import pino from "pino";
import { getEnv } from "./env.server.ts";

let instance: pino.Logger | undefined;

/** Structured JSON logs (pino); one line per event, to stdout. */
export function getLogger(): pino.Logger {
  instance ??= pino({
    level: getEnv().LOG_LEVEL,
    base: { service: "samspill" },
    redact: { paths: ["password", "*.password", "token", "*.token", "req.headers.cookie"], censor: "[redacted]" },
  });
  return instance;
}
