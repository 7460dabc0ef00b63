import { data } from "react-router";
import type { UiLocale } from "~/i18n/config.ts";
import { getTranslator } from "~/i18n/translate.ts";
import { refusalShellFor } from "~/lib/refusal-shell.server.ts";

/**
 * The database being away (restarted, failing over, refusing connections) is not a bug in the page: visitors get
 * a 503 that says so and when to try again, not a 500. The seconds in Retry-After: PostgreSQL's restart takes a
 * few, and the pool opens a new connection on the next request by itself.
 */
export const RETRY_AFTER_SECONDS = 5;

/**
 * Node's socket errors and PostgreSQL's SQLSTATEs that mean "cannot reach the server now": connection refused or
 * reset, admin_shutdown / crash_shutdown / cannot_connect_now (57P01–57P03), the connection exceptions (class 08),
 * too_many_connections (53300).
 */
const unavailableCodes = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EAI_AGAIN",
  "57P01",
  "57P02",
  "57P03",
  "08000",
  "08001",
  "08003",
  "08004",
  "08006",
  "53300",
]);

/** node-postgres's own messages for a connection that died or never came (they carry no code). */
const unavailableMessages =
  /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Client was closed and is not queryable|Cannot use a pool after calling end|Query read timeout/i;

/** Whether an error (or its cause: Drizzle wraps the driver's error) means the database cannot be reached now. */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (depth > 5 || typeof error !== "object" || error === null) return false;
  const { code, message, cause } = error as { code?: unknown; message?: unknown; cause?: unknown };
  if (typeof code === "string" && unavailableCodes.has(code)) return true;
  if (typeof message === "string" && unavailableMessages.test(message)) return true;
  // A host name with both an IPv4 and an IPv6 address refuses with an AggregateError of both.
  if (error instanceof AggregateError && error.errors.some((e) => isDatabaseUnavailable(e, depth + 1))) return true;
  return isDatabaseUnavailable(cause, depth + 1);
}

/**
 * Requests whose loader or action failed because the database was away. entry.server's handleError sees the
 * error; the root middleware, which only gets the rendered 500, asks here whether to answer 503 instead.
 */
const unavailableRequests = new WeakSet<object>();

export function markDatabaseUnavailable(context: object): void {
  unavailableRequests.add(context);
}

export function wasDatabaseUnavailable(context: object): boolean {
  return unavailableRequests.has(context);
}

const headers = { "Retry-After": String(RETRY_AFTER_SECONDS), "Cache-Control": "no-store" };

/** The open-data API answers in English JSON like its other errors. */
export const databaseUnavailableApiBody = { error: "unavailable", message: "The service is temporarily unavailable. Try again in a few seconds." };

export function databaseUnavailableApiResponse(): Response {
  return Response.json(databaseUnavailableApiBody, { status: 503, headers });
}

/**
 * Thrown from the root middleware: the root error boundary renders it in the visitor's language with the
 * refusal's shell, because the root loader (which needs the database) has not given the page its messages.
 */
export function databaseUnavailableError(locale: UiLocale) {
  const messageKey = "errors.unavailable";
  return data({ code: "unavailable", messageKey, message: getTranslator(locale)(messageKey), shell: refusalShellFor(locale) }, { status: 503, headers });
}
