import { describe, expect, it } from "vitest";
import { AppError } from "~/lib/errors.ts";
import { appErrorOf } from "../app-error.ts";

/** The shared AppError matcher (tests/setup/app-error-matcher.ts) must fail every way a refusal can be wrong. */
describe("toBeAppError", () => {
  const forbidden = () => Promise.reject(new AppError("forbidden", "errors.forbidden"));

  it("passes for the code, and for the code with its message key", async () => {
    await expect(forbidden()).rejects.toBeAppError("forbidden");
    await expect(forbidden()).rejects.toBeAppError("forbidden", "errors.forbidden");
    await expect(forbidden()).rejects.not.toBeAppError("not_found");
  });

  it("fails for another code, another message key, a plain Error, or a promise that resolves", async () => {
    await expect(expect(forbidden()).rejects.toBeAppError("not_found")).rejects.toThrow(/expected an AppError "not_found", got AppError "forbidden"/);
    await expect(expect(forbidden()).rejects.toBeAppError("forbidden", "errors.other")).rejects.toThrow(/message key "errors.other"/);
    await expect(expect(Promise.reject(new Error("forbidden: x"))).rejects.toBeAppError("forbidden")).rejects.toThrow(/not an AppError/);
    await expect(expect(Promise.resolve("fine")).rejects.toBeAppError("forbidden")).rejects.toThrow();
  });

  it("appErrorOf returns the error to look inside, and fails when there is none or it has another code", async () => {
    expect((await appErrorOf(forbidden(), "forbidden")).messageKey).toBe("errors.forbidden");
    await expect(appErrorOf(Promise.resolve(1))).rejects.toThrow(/but it resolved/);
    await expect(appErrorOf(Promise.reject(new Error("boom")))).rejects.toThrow();
    await expect(appErrorOf(forbidden(), "validation")).rejects.toThrow(/expected an AppError "validation"/);
  });
});
