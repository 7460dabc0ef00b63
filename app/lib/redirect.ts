/**
 * Redirect targets taken from input (`?neste=`, a form's `next` or
 * `redirectTo`) must stay on this site, so a crafted link cannot send a user
 * elsewhere after signing in.
 *
 * Checking the input alone is not enough: browsers and the URL parser
 * normalise what they are given (`/.//evil.example` becomes `//evil.example`,
 * a tab inside a path vanishes, `\` counts as `/`), so the check runs on the
 * final string that goes into `Location`, after any rebuilding. Every
 * redirect built from input goes through safeRedirectPath.
 */

/** Any origin would do: paths are resolved against it only to see where they lead. */
const BASE = "http://samspill.invalid";
const MAX_LENGTH = 2000;

/**
 * A same-site path to redirect to, normalised (non-ASCII percent-encoded,
 * `.` and `..` segments resolved), or `fallback` when the value is not a safe
 * path. `editSearch` changes the query (e.g. add a notice parameter) before
 * the final check, so the rebuilt string is what gets checked.
 */
export function safeRedirectPath(value: unknown, fallback = "/", editSearch?: (params: URLSearchParams) => void): string {
  return localPath(value, editSearch) ?? fallback;
}

function localPath(value: unknown, editSearch?: (params: URLSearchParams) => void): string | null {
  // Only absolute paths; the URL parser would also accept `https:host`, `\\host` or ` //host`.
  if (typeof value !== "string" || value.length > MAX_LENGTH || !value.startsWith("/") || value.startsWith("//")) return null;
  if (/[\u0000-\u001f\u007f\\]/.test(value)) return null;
  let url: URL;
  try {
    url = new URL(value, BASE);
  } catch {
    return null;
  }
  if (editSearch) {
    const params = new URLSearchParams(url.search);
    const before = params.toString();
    editSearch(params);
    const after = params.toString();
    // Re-serialised only when changed, so an untouched query keeps its exact form.
    if (after !== before) url.search = after ? `?${after}` : "";
  }
  const final = url.pathname + url.search + url.hash;
  return isSafeLocation(final) ? final : null;
}

/**
 * Whether a Location value is a path on this site however a browser reads
 * it: printable ASCII only (no header injection, nothing the parser strips),
 * one leading slash (`//host` and `/\host` are other hosts), no backslash,
 * no encoded slash, backslash or control character in the path (a later
 * decoding step could turn them into one of the above), and unchanged when
 * resolved again.
 */
export function isSafeLocation(location: string): boolean {
  if (location.length > MAX_LENGTH || !/^\/(?![/\\])[\x21-\x7e]*$/.test(location)) return false;
  const pathname = location.split(/[?#]/, 1)[0]!;
  if (/%(2f|5c|[01][0-9a-f]|7f)/i.test(pathname)) return false;
  // Resolving a normalised path again must change nothing and stay on the same origin.
  const again = new URL(location, BASE);
  return again.origin === BASE && again.pathname + again.search + again.hash === location;
}
