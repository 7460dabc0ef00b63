import { z } from "zod";
import { AppError, type FieldError, type FieldErrors } from "./errors.ts";

/**
 * Validation schemas live with their domain and use i18n keys as messages
 * (`{ error: "validation.required" }`); issues without one get a generic key
 * chosen by their kind, so every error a user sees is localised.
 */
export function issueToFieldError(issue: z.core.$ZodIssue): FieldError {
  // A schema's own message is an i18n key ("validation.required", "org.form.kindRequired");
  // Zod's built-in messages are sentences, so anything key-shaped is passed through.
  if (/^[a-z][A-Za-z0-9]*(\.[A-Za-z0-9]+)+$/.test(issue.message)) return { key: issue.message };
  switch (issue.code) {
    case "too_big":
      return { key: "validation.tooLong", values: { max: Number(issue.maximum) } };
    case "too_small":
      return Number(issue.minimum) <= 1 ? { key: "validation.required" } : { key: "validation.tooShort", values: { min: Number(issue.minimum) } };
    case "invalid_type":
      // Zod 4 leaves the input out of issues unless asked; its message names what was received.
      return { key: issue.input === undefined && / received undefined$/.test(issue.message) ? "validation.required" : "validation.invalid" };
    case "invalid_format":
      return { key: issue.format === "email" ? "validation.email" : issue.format === "url" ? "validation.url" : "validation.invalid" };
    case "invalid_value":
      return { key: "validation.invalidChoice" };
    default:
      return { key: "validation.invalid" };
  }
}

export function toFieldErrors(error: z.ZodError): FieldErrors {
  const result: FieldErrors = {};
  for (const issue of error.issues) {
    const field = issue.path.map(String).join(".") || "_form";
    result[field] ??= issueToFieldError(issue);
  }
  return result;
}

/** Parses input with a domain schema; throws a validation AppError with localisable field errors. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw new AppError("validation", "common.errorSummary", toFieldErrors(result.error));
  return result.data;
}

/** FormData → plain object; repeated names become arrays, files are dropped, text is trimmed of NULs. */
export function formToObject(formData: FormData): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [key, value] of formData) {
    if (typeof value !== "string" || key === "_csrf") continue;
    const clean = value.replaceAll("\u0000", "");
    const prev = out[key];
    if (prev === undefined) out[key] = clean;
    else out[key] = Array.isArray(prev) ? [...prev, clean] : [prev, clean];
  }
  return out;
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** PostgreSQL throws on a malformed uuid, so ids from URLs and forms are checked first. */
export function isUuid(value: unknown): value is string {
  return typeof value === "string" && uuidPattern.test(value);
}

/**
 * A schema-level `error` would also replace the length messages, so only the
 * wrong-type case gets this key; the rest fall back to issueToFieldError,
 * which keeps the limit in the message ("at most 200 characters").
 */
export function typeError(key: string) {
  return (issue: { code: string }) => (issue.code === "invalid_type" ? key : undefined);
}

/** Optional text fields arrive as "" from forms; store them as null. */
export function optionalText<T extends z.ZodType<string | null>>(inner: T) {
  return z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? null : (v ?? null)), inner.nullable());
}

/** A checkbox ("on"), or `true` from code: whether the user confirmed a destructive step. */
export const confirmationSchema = z.preprocess((v) => v === true || v === "on" || v === "true", z.boolean());

/** An optional http(s) address. */
export const websiteSchema = optionalText(
  z
    .string({ error: typeError("validation.url") })
    .trim()
    .max(500)
    .pipe(z.url({ protocol: /^https?$/, hostname: z.regexes.domain, error: "validation.url" })),
);

/** An optional phone number: digits and spaces, an optional leading +. */
export const contactPhoneSchema = optionalText(
  z
    .string({ error: typeError("validation.phone") })
    .trim()
    .max(30)
    .regex(/^\+?[\d ]{5,}$/, { error: "validation.phone" }),
);
