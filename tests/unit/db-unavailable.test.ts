import { describe, expect, it } from "vitest";
import { isDatabaseUnavailable } from "~/lib/db-unavailable.server.ts";
import { AppError } from "~/lib/errors.ts";

/** Which errors become a 503 "try again" page (app/lib/db-unavailable.server.ts) and which stay a 500 or a 4xx. */
describe("isDatabaseUnavailable", () => {
  const pgError = (code: string, message = "x") => Object.assign(new Error(message), { code });
  /** Drizzle wraps the driver's error: "Failed query: …" with the driver's error as its cause. */
  const wrapped = (cause: unknown) => new Error("Failed query: select 1", { cause });

  it.each([
    ["connection refused", Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" })],
    ["admin_shutdown (57P01)", pgError("57P01", "terminating connection due to administrator command")],
    ["cannot_connect_now (57P03)", pgError("57P03", "the database system is starting up")],
    ["connection failure (08006)", pgError("08006")],
    ["too many connections (53300)", pgError("53300")],
    ["pg's ended connection", new Error("Connection terminated unexpectedly")],
    ["the pool's connect timeout", new Error("timeout exceeded when trying to connect")],
    ["a client whose connection broke", new Error("Client has encountered a connection error and is not queryable")],
    ["one wrapped by Drizzle", wrapped(pgError("57P01"))],
    ["IPv4 and IPv6 both refusing", new AggregateError([pgError("ECONNREFUSED"), pgError("ECONNREFUSED")], "")],
  ])("%s → unavailable", (_label, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each([
    ["a unique violation (23505)", wrapped(pgError("23505", "duplicate key value violates unique constraint"))],
    ["a syntax error (42601)", pgError("42601")],
    ["a statement cancelled (57014)", pgError("57014")],
    ["an AppError", new AppError("not_found", "errors.notFound")],
    ["a plain bug", new TypeError("Cannot read properties of undefined")],
    ["a thrown string", "ECONNREFUSED"],
    ["nothing", null],
  ])("%s → not unavailable", (_label, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });

  it("does not loop on an error that is its own cause", () => {
    const error = new Error("odd") as Error & { cause?: unknown };
    error.cause = error;
    expect(isDatabaseUnavailable(error)).toBe(false);
  });
});
