import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger } from "~/logger.server.ts";

/**
 * Personal data never in logs (issue 15): whatever a module hands the logger —
 * an e-mail address, a link's token in a path, a failed query's parameters, a
 * database error's detail — the line written carries none of it.
 */

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString("utf8"));
      done();
    },
  });
  return { log: createLogger("info", stream), output: () => lines.join("") };
}

const token = "Zq0u3xk1dJ7aYc5TQmR8pL2vWn6sE9hGfB4oNiKyMtA";

describe("the log's redaction", () => {
  it("keeps e-mail addresses, tokens and typed values out of every line, and the rest readable", () => {
    const { log, output } = capture();
    log.info({ to: "kari.nordmann@example.no", path: `/frivillig/mine/${token}`, requestId: "00000000-0000-4000-8000-000000000101" }, "request");
    log.info(`sent to ola@example.org with /invitasjon/${token}`);
    const queryError = new Error(
      `Failed query: insert into volunteer_interests (name, email, phone) values ($1, $2, $3)\nparams: Kari Nordmann,kari@example.no,98765432`,
    );
    (queryError as Error & { cause?: unknown }).cause = Object.assign(new Error("duplicate key value"), {
      detail: "Key (email)=(kari@example.no) already exists.",
    });
    log.error({ err: queryError, params: ["Kari Nordmann"], body: "name=Kari+Nordmann" }, "unhandled error");
    const written = output();
    for (const secret of ["kari.nordmann@example.no", "ola@example.org", "kari@example.no", token, "Kari Nordmann", "Kari+Nordmann", "98765432"]) {
      expect(written).not.toContain(secret);
    }
    expect(written).toContain("/frivillig/mine/[redacted]");
    expect(written).toContain("[e-mail]");
    expect(written).toContain("00000000-0000-4000-8000-000000000101");
    expect(written).toContain("Failed query: insert into volunteer_interests");
    expect(written.trim().split("\n")).toHaveLength(3);
  });
});
