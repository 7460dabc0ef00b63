import type { RequestHandler } from "express";

/**
 * Security headers for every response: pages, static files, 404s and the
 * operations endpoints. server.ts mounts it first on the outermost app, so
 * nothing is answered without them; createApp mounts it too, for the app on
 * its own. Imported by server.ts directly (Node's own TypeScript support), so
 * it has no imports of the app and uses erasable syntax only.
 */
export const CONTENT_SECURITY_POLICY =
  // Everything the pages load comes from our own origin (fonts are self-hosted).
  "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data: https://cache.kartverket.no; font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'self'; object-src 'none'";

export const securityHeaders: RequestHandler = (_req, res, next) => {
  res.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
  res.setHeader("X-Content-Type-Options", "nosniff");
  res.setHeader("Referrer-Policy", "strict-origin-when-cross-origin");
  res.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
  next();
};
