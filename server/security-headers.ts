import type { RequestHandler } from "express";
import { randomBytes } from "node:crypto";

/**
 * Security headers for every response: pages, static files, 404s and the
 * operations endpoints. server.ts mounts it first on the outermost app, so
 * nothing is answered without them; createApp mounts it too, for the app on
 * its own (the second pass keeps the first's headers and nonce). Imported by server.ts
 * directly (Node's own TypeScript support), so it has no imports of the app
 * and uses erasable syntax only.
 *
 * Scripts run only from our own origin or inline with this response's nonce
 * (React Router's hydration data and module loader, React's streaming
 * chunks): an injected inline script has no nonce and does not run. Styles
 * keep 'unsafe-inline' (Designsystemet and React set style attributes; a style
 * cannot run code).
 */
export function contentSecurityPolicy(nonce: string, options: { dev?: boolean } = {}): string {
  // Vite's dev server injects its own inline scripts (HMR client, React refresh) without our nonce.
  const scripts = options.dev ? "'self' 'unsafe-inline'" : `'self' 'nonce-${nonce}'`;
  return [
    "default-src 'self'",
    `script-src ${scripts}`,
    "script-src-attr 'none'",
    "style-src 'self' 'unsafe-inline'",
    // Everything the pages load comes from our own origin (fonts are self-hosted); map tiles from Kartverket.
    "img-src 'self' data: https://cache.kartverket.no",
    "font-src 'self'",
    "connect-src 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "object-src 'none'",
  ].join("; ");
}

/** One year, sub-domains included: the service is HTTPS-only in production (browsers ignore the header over plain HTTP). */
export const STRICT_TRANSPORT_SECURITY = "max-age=31536000; includeSubDomains";

/** A fresh, unguessable nonce per response (128 bits), kept in res.locals.cspNonce for the page renderer. */
function nonceOf(locals: Record<string, unknown>): string {
  if (typeof locals.cspNonce !== "string") locals.cspNonce = randomBytes(16).toString("base64");
  return locals.cspNonce as string;
}

export function createSecurityHeaders(options: { dev?: boolean } = {}): RequestHandler {
  return (_req, res, next) => {
    // Mounted twice in one process (server.ts and createApp): the outer pass decides, dev or not.
    if (res.locals.securityHeadersSet) return next();
    res.locals.securityHeadersSet = true;
    res.setHeader("Content-Security-Policy", contentSecurityPolicy(nonceOf(res.locals), options));
    res.setHeader("Strict-Transport-Security", STRICT_TRANSPORT_SECURITY);
    res.setHeader("X-Content-Type-Options", "nosniff");
    res.setHeader("Referrer-Policy", "strict-origin-when-cross-origin");
    res.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=()");
    res.setHeader("Cross-Origin-Opener-Policy", "same-origin");
    next();
  };
}

/** The production headers (`npm start`); `npm run dev` uses createSecurityHeaders({ dev: true }). */
export const securityHeaders: RequestHandler = createSecurityHeaders();
