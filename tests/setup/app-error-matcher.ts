import { expect } from "vitest";
import { AppError, type AppErrorCode } from "~/lib/errors.ts";

/**
 * `await expect(promise).rejects.toBeAppError("forbidden")`: the promise
 * failed with the AppError a user can cause, with this code (and, when
 * given, this message key) — not with a bug's plain Error, and not by
 * resolving. For the error itself (its field errors), use appErrorOf in
 * tests/app-error.ts.
 */
expect.extend({
  toBeAppError(received: unknown, code: AppErrorCode, messageKey?: string) {
    const wanted = messageKey === undefined ? `an AppError "${code}"` : `an AppError "${code}" with the message key "${messageKey}"`;
    const got =
      received instanceof AppError
        ? `AppError "${received.code}" with the message key "${received.messageKey}"`
        : `${this.utils.stringify(received)} (not an AppError)`;
    const pass = received instanceof AppError && received.code === code && (messageKey === undefined || received.messageKey === messageKey);
    return {
      pass,
      message: () => (this.isNot ? `expected something other than ${wanted}, got it` : `expected ${wanted}, got ${got}`),
    };
  },
});

declare module "vitest" {
  // The type parameters must repeat Vitest's own for the declarations to merge.
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  interface Matchers<R extends void | Promise<void> = void | Promise<void>, T = unknown> {
    toBeAppError(code: AppErrorCode, messageKey?: string): R;
  }
}
