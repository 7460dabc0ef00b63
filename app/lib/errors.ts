/**
 * The one error type domain functions throw for anything a user can cause.
 * Routes turn it into an HTTP status and a localised message; anything else
 * thrown is a bug and becomes a 500.
 */
export type AppErrorCode =
  /** Not signed in; routes redirect to sign-in. */
  | "unauthenticated"
  /** Signed in, but this actor may not do this. */
  | "forbidden"
  /** The thing does not exist (or the actor may not know it exists). */
  | "not_found"
  /** Input failed validation; `fieldErrors` holds message keys per field. */
  | "validation"
  /** The request conflicts with current state (e.g. e-mail already registered). */
  | "conflict"
  /** Too many attempts; try again later. */
  | "rate_limited"
  /** Missing or wrong CSRF token, or a cross-site form post. */
  | "csrf"
  /** A link (magic link, reset, invitation) that is expired, used or unknown. */
  | "invalid_token";

const statusByCode: Record<AppErrorCode, number> = {
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  validation: 400,
  conflict: 409,
  rate_limited: 429,
  csrf: 403,
  invalid_token: 400,
};

/** A field's error: an i18n message key and the values it interpolates. */
export interface FieldError {
  key: string;
  values?: Record<string, string | number>;
}
export type FieldErrors = Record<string, FieldError>;

export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly status: number;
  /** An i18n message key shown to the user. */
  readonly messageKey: string;
  readonly fieldErrors: FieldErrors;

  constructor(code: AppErrorCode, messageKey: string, fieldErrors: FieldErrors = {}) {
    super(`${code}: ${messageKey}`);
    this.code = code;
    this.status = statusByCode[code];
    this.messageKey = messageKey;
    this.fieldErrors = fieldErrors;
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
