import { data } from "react-router";
import type { UiLocale } from "~/i18n/config.ts";
import { translateDynamic } from "~/i18n/translate.ts";
import { refusalShellFor } from "~/lib/refusal-shell.server.ts";

/**
 * Every action takes an HTML form: url-encoded or multipart. The root
 * middleware reads each mutation's body here, once and before any action,
 * so a body that is not a form (JSON, XML, none at all) or cannot be parsed
 * (broken multipart) is refused with a 4xx and a message in one place,
 * rather than failing inside an action's `request.formData()` as a 500.
 */
const FORM_TYPES = new Set(["application/x-www-form-urlencoded", "multipart/form-data"]);

/** Thrown into the request body by the HTTP server (server/body-limit.server.ts) when it passes FORM_MAX_BYTES. */
export const BODY_TOO_LARGE_ERROR = "RequestBodyTooLarge";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * The submitted form of a mutation (null for GET, HEAD, OPTIONS), or a thrown
 * 400/413/415 response. Pages show it through the error boundary (by
 * `messageKey`); action-only routes such as /sprak send the data as it is, so
 * it carries the message itself in the visitor's language too.
 */
export async function readFormBody(request: Request, locale: UiLocale): Promise<FormData | null> {
  if (SAFE_METHODS.has(request.method)) return null;
  const refuse = (status: number, code: string, messageKey: string) =>
    data(
      { code, messageKey, message: translateDynamic(locale, messageKey), shell: refusalShellFor(locale) },
      { status, headers: status === 400 ? {} : { Connection: "close" } },
    );
  const type = (request.headers.get("Content-Type") ?? "").split(";", 1)[0]!.trim().toLowerCase();
  if (!FORM_TYPES.has(type)) {
    // The body is left unread: closing the connection spares reading the rest of it.
    throw refuse(415, "unsupported_media_type", "errors.notAForm");
  }
  try {
    // A clone: the action reads the body again with request.formData().
    return await request.clone().formData();
  } catch (error) {
    if (error instanceof Error && error.name === BODY_TOO_LARGE_ERROR) {
      throw refuse(413, "payload_too_large", "errors.bodyTooLarge");
    }
    throw refuse(400, "validation", "errors.brokenForm");
  }
}
