import { expect } from "vitest";
import { AppError, type AppErrorCode } from "~/lib/errors.ts";

/**
 * The AppError the promise fails with, for tests that look inside it (field
 * errors); fails the test when the promise resolves or fails otherwise, or
 * (given `code`) with another code. To check only the code, use
 * `await expect(promise).rejects.toBeAppError(code)` (tests/setup/app-error-matcher.ts).
 */
export async function appErrorOf(promise: Promise<unknown>, code?: AppErrorCode, messageKey?: string): Promise<AppError> {
  const outcome = await promise.then(
    () => ({ resolved: true as const }),
    (error: unknown) => ({ resolved: false as const, error }),
  );
  if (outcome.resolved) throw new Error(`expected the promise to fail with an AppError${code ? ` "${code}"` : ""}, but it resolved`);
  expect(outcome.error).toBeInstanceOf(AppError);
  if (code) expect(outcome.error).toBeAppError(code, messageKey);
  return outcome.error as AppError;
}
