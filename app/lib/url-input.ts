/**
 * The one check every request's URL passes before any loader or action sees
 * it (app/middleware/request.server.ts): path segments, query parameter names
 * and values must decode to well-formed text without control characters, and
 * stay within a sensible length. What fails is refused with a 400 (a
 * localised page, or JSON on the open-data API) instead of reaching a
 * database that cannot store a NUL byte, or code that trusts
 * decodeURIComponent not to throw.
 *
 * Refused rather than cleaned up: no form of ours sends such input, so it
 * comes from a hand-made or damaged link, and silently changing a search
 * would show results for something the person did not ask for.
 */

/** Longest decoded value (or name) of one query parameter, in characters; the longest field a GET form sends (the similar-activity check's title) is 200. */
export const MAX_QUERY_VALUE_LENGTH = 2000;
/** Longest query string as sent (percent-encoded), in characters. Node refuses request heads over 16 KiB anyway (431). */
export const MAX_QUERY_LENGTH = 8192;
/** Most query parameters in one request (the finder's repeated filters stay far below). */
export const MAX_QUERY_PARAMETERS = 200;

export type UrlInputProblem =
  /** `%` not followed by two hex digits, or bytes that are not UTF-8 (invalid, overlong, surrogates). */
  | "malformed"
  /** NUL or another C0 control character (tab, line feed and carriage return excepted), or DEL. */
  | "control"
  /** A value, the query string or the number of parameters over the limits above. */
  | "too_long";

/**
 * C0 controls and DEL. Tab, line feed and carriage return stay allowed: a
 * pasted search may hold a tab, and a textarea sent by GET holds line breaks.
 */
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/** Decodes one percent-encoded component; null when it is not well-formed UTF-8. */
function decode(component: string, plusIsSpace: boolean): string | null {
  try {
    const text = decodeURIComponent(plusIsSpace ? component.replace(/\+/g, " ") : component);
    // decodeURIComponent already refuses encoded surrogates; a raw lone one could still come through.
    return text.isWellFormed() ? text : null;
  } catch {
    return null;
  }
}

/** What is wrong with a request URL's path and query, or null when nothing is. */
export function urlInputProblem(href: string): UrlInputProblem | null {
  const url = new URL(href);
  for (const segment of url.pathname.split("/")) {
    const text = decode(segment, false);
    if (text === null) return "malformed";
    if (CONTROL_CHARACTERS.test(text)) return "control";
  }
  const query = url.search.slice(1);
  if (!query) return null;
  if (query.length > MAX_QUERY_LENGTH) return "too_long";
  const pairs = query.split("&");
  if (pairs.length > MAX_QUERY_PARAMETERS) return "too_long";
  let problem: UrlInputProblem | null = null;
  for (const pair of pairs) {
    const equals = pair.indexOf("=");
    for (const part of equals === -1 ? [pair] : [pair.slice(0, equals), pair.slice(equals + 1)]) {
      const text = decode(part, true);
      if (text === null) return "malformed";
      if (CONTROL_CHARACTERS.test(text)) return "control";
      if (text.length > MAX_QUERY_VALUE_LENGTH) problem = "too_long";
    }
  }
  return problem;
}
