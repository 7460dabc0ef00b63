import { createCookie } from "react-router";
import { getEnv } from "~/env.server.ts";
import { hmac, randomToken, safeEqual } from "~/lib/crypto.server.ts";
import { AppError } from "~/lib/errors.ts";

/**
 * CSRF protection for every mutation: a random secret in an httpOnly cookie,
 * and a form field (or X-CSRF-Token header) carrying its HMAC. A cross-site
 * page can neither read the cookie nor compute the HMAC. The Origin header,
 * when the browser sends one, must also be our own, and a request the
 * browser marks `Sec-Fetch-Site: cross-site` is refused whatever it carries.
 */
export const CSRF_FIELD = "_csrf";

function csrfCookie() {
  const env = getEnv();
  return createCookie(env.cookieSecure ? "__Host-samspill_csrf" : "samspill_csrf", {
    httpOnly: true,
    secure: env.cookieSecure,
    sameSite: "lax",
    path: "/",
    maxAge: 365 * 24 * 60 * 60,
  });
}

export interface CsrfState {
  token: string;
  /** A Set-Cookie header when the browser had no CSRF cookie yet. */
  setCookie: string | null;
}

export async function ensureCsrf(request: Request): Promise<CsrfState> {
  return csrfStateOf(request.headers.get("Cookie"));
}

/** The cookie's name (it depends on whether cookies are Secure), for the page cache's check of a request's cookies. */
export function csrfCookieName(): string {
  return csrfCookie().name;
}

/** ensureCsrf for a Cookie header alone: the page cache (server/page-cache.server.ts) answers without a Request. */
export async function csrfStateOf(cookieHeader: string | null): Promise<CsrfState> {
  const existing = await csrfCookie().parse(cookieHeader);
  if (typeof existing === "string" && existing.length >= 32) {
    return { token: hmac(getEnv().SESSION_SECRET, existing), setCookie: null };
  }
  const secret = randomToken();
  return { token: hmac(getEnv().SESSION_SECRET, secret), setCookie: await csrfCookie().serialize(secret) };
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** `form`: the body when the caller has parsed it already (the request middleware), so it is not parsed twice. */
export async function verifyCsrf(request: Request, expectedToken: string, form?: FormData | null): Promise<void> {
  if (SAFE_METHODS.has(request.method)) return;
  // A browser marks a request another site started; no form of ours is ever posted from another site.
  if (request.headers.get("Sec-Fetch-Site") === "cross-site") throw new AppError("csrf", "errors.csrf");
  const origin = request.headers.get("Origin");
  if (origin && origin !== "null" && origin !== new URL(request.url).origin && origin !== new URL(getEnv().PUBLIC_URL).origin) {
    throw new AppError("csrf", "errors.csrf");
  }
  let sent = request.headers.get("X-CSRF-Token");
  if (!sent && form) {
    const value = form.get(CSRF_FIELD);
    sent = typeof value === "string" ? value : null;
  } else if (!sent) {
    const type = request.headers.get("Content-Type") ?? "";
    if (type.includes("application/x-www-form-urlencoded") || type.includes("multipart/form-data")) {
      try {
        const value = (await request.clone().formData()).get(CSRF_FIELD);
        sent = typeof value === "string" ? value : null;
      } catch {
        sent = null;
      }
    }
  }
  if (!sent || !safeEqual(sent, expectedToken)) throw new AppError("csrf", "errors.csrf");
}
