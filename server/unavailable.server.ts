import type { NextFunction, Request, Response } from "express";
import { htmlLang, localeDir, resolveLocale } from "~/i18n/config.ts";
import { getTranslator } from "~/i18n/translate.ts";
import { databaseUnavailableApiBody, isDatabaseUnavailable, RETRY_AFTER_SECONDS } from "~/lib/db-unavailable.server.ts";
import { localeCookie } from "~/middleware/request.server.ts";

/**
 * Every 503 says when to try again. The database-unavailable page is thrown from React Router's root middleware
 * (app/middleware/request.server.ts), and React Router renders such an error without the headers it was thrown
 * with, so they are added here, as the status line is written.
 */
export function retryAfterOn503(_req: Request, res: Response, next: NextFunction): void {
  const writeHead = res.writeHead;
  res.writeHead = function (this: Response, ...args: Parameters<Response["writeHead"]>) {
    if (args[0] === 503 && !this.headersSent) {
      if (!this.hasHeader("Retry-After")) this.setHeader("Retry-After", String(RETRY_AFTER_SECONDS));
      this.setHeader("Cache-Control", "no-store");
    }
    return writeHead.apply(this, args);
  } as Response["writeHead"];
  next();
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * Express's last error handler: the database away while Express's own middleware (the page cache's lookup) asked
 * it gets a minimal 503 page in the visitor's language instead of Express's bare 500. Pages React Router renders
 * get the site's shell from the root middleware instead.
 */
export async function databaseUnavailablePage(error: unknown, req: Request, res: Response, next: NextFunction): Promise<void> {
  if (!isDatabaseUnavailable(error) || res.headersSent) return next(error);
  res.status(503).set("Retry-After", String(RETRY_AFTER_SECONDS)).set("Cache-Control", "no-store");
  if (req.path.startsWith("/api/")) {
    res.json(databaseUnavailableApiBody);
    return;
  }
  const saved: unknown = await localeCookie.parse(req.headers.cookie ?? null).catch(() => null);
  const locale = resolveLocale(typeof saved === "string" ? saved : null, req.get("accept-language"));
  const t = getTranslator(locale);
  const title = escapeHtml(t("errors.title.503"));
  res
    .type("text/html; charset=utf-8")
    .send(
      `<!DOCTYPE html><html lang="${htmlLang[locale]}" dir="${localeDir[locale]}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
        `<title>${title} – ${escapeHtml(t("app.name"))}</title></head><body><main><h1>${title}</h1><p>${escapeHtml(t("errors.unavailable"))}</p></main></body></html>`,
    );
}
