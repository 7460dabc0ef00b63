import { describe, expect, it, vi } from "vitest";
import { isRouteErrorResponse } from "react-router";
import { z } from "zod";
import { formFields, intent, intentOf, noFields, runIntent } from "~/lib/intents.server.ts";
import { AppError } from "~/lib/errors.ts";
import { messages } from "~/i18n/messages.ts";

/** What a thrown react-router `data()` looks like to the error boundary. */
async function thrownBy(promise: Promise<unknown>): Promise<{ status: number; data: Record<string, unknown> }> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, "should have thrown").not.toBeNull();
  const { type, init, data } = error as { type: string; init: { status: number } | null; data: Record<string, unknown> };
  expect(type).toBe("DataWithResponseInit");
  return { status: init?.status ?? 200, data };
}

function table() {
  const grant = vi.fn(async (input: { email: string }) => ({ granted: input.email }));
  const revoke = vi.fn(async () => ({ revoked: true as const }));
  return {
    grant,
    revoke,
    intents: {
      grant: intent(z.object({ email: z.email() }), grant),
      revoke: intent(noFields, revoke),
    },
  };
}

describe("the intent dispatcher", () => {
  it("runs the domain call of the intent the form names, with its parsed input", async () => {
    const { intents, grant, revoke } = table();
    expect(await runIntent({ intent: "grant", email: "a@example.no" }, intents, "nb")).toEqual({ granted: "a@example.no" });
    expect(grant).toHaveBeenCalledWith({ email: "a@example.no" });
    expect(revoke).not.toHaveBeenCalled();
    expect(await runIntent({ intent: "revoke" }, intents, "nb")).toEqual({ revoked: true });
  });

  it("refuses input its schema rejects as a validation error, without the domain call", async () => {
    const { intents, grant } = table();
    const error = await runIntent({ intent: "grant", email: "not an address" }, intents, "nb").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("validation");
    expect((error as AppError).fieldErrors.email).toEqual({ key: "validation.email" });
    expect(grant).not.toHaveBeenCalled();
  });

  it("passes the fields through for a domain call that validates them itself", async () => {
    const run = vi.fn(async (input: Record<string, string | string[]>) => input);
    expect(await runIntent({ intent: "save", name: "x", tags: ["a", "b"] }, { save: intent(formFields, run) }, "nb")).toEqual({
      intent: "save",
      name: "x",
      tags: ["a", "b"],
    });
  });

  const unknown: [string, Record<string, unknown>][] = [
    ["missing", {}],
    ["empty", { intent: "" }],
    ["unknown", { intent: "delete-everything" }],
    ["differently cased", { intent: "Grant" }],
    ["repeated", { intent: ["grant", "revoke"] }],
    ["an Object.prototype name", { intent: "toString" }],
    ["__proto__", { intent: "__proto__" }],
    ["hasOwnProperty", { intent: "hasOwnProperty" }],
  ];
  for (const [label, values] of unknown) {
    it(`answers a ${label} intent with a 400 in the page's language and runs nothing`, async () => {
      const { intents, grant, revoke } = table();
      const { status, data } = await thrownBy(runIntent({ ...values, email: "a@example.no" }, intents, "en"));
      expect(status).toBe(400);
      expect(data.messageKey).toBe("errors.unknownIntent");
      expect(data.message).toBe(messages.en["errors.unknownIntent"]);
      // The error page is shown before the root loader runs: the shell's messages come with it, in English.
      const shell = data.shell as { locale: string; messages: Record<string, string> };
      expect(shell.locale).toBe("en");
      expect(shell.messages["errors.unknownIntent"]).toBe(messages.en["errors.unknownIntent"]);
      expect(grant).not.toHaveBeenCalled();
      expect(revoke).not.toHaveBeenCalled();
    });
  }

  it("names the intent only when the table lists it", () => {
    const { intents } = table();
    expect(intentOf({ intent: "grant" }, intents)).toBe("grant");
    expect(intentOf({ intent: "constructor" }, intents)).toBeNull();
    expect(intentOf({}, intents)).toBeNull();
  });

  it("has the message in every language the pages are shown in", () => {
    for (const [locale, all] of Object.entries(messages)) expect(all["errors.unknownIntent"], locale).toBeTruthy();
  });

  it("is recognised by the error boundary as a response", async () => {
    const { intents } = table();
    const error = await runIntent({}, intents, "nb").catch((e: unknown) => e);
    // React Router turns a thrown data() into an ErrorResponse on the way to the boundary.
    expect(isRouteErrorResponse(error)).toBe(false);
    expect((error as { init: { status: number } }).init.status).toBe(400);
  });
});
