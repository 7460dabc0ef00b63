import type { Request as ExpressRequest, RequestHandler, Response } from "express";
import { localeCookie } from "~/middleware/request.server.ts";
import { fullLocaleOf, isUiLocale, resolveLocale } from "~/i18n/config.ts";
import { getTranslator } from "~/i18n/translate.ts";
import { BODY_TOO_LARGE_ERROR } from "~/lib/request-body.server.ts";

/**
 * A cap on request bodies before anything buffers them. React Router hands
 * an action the whole body (and the CSRF check reads a copy of it), so
 * without a cap one anonymous post of any size would sit in memory.
 *
 * - With a Content-Length above the limit the request is refused at once
 *   (413), its body never read.
 * - Without one (chunked), the bytes are counted as React Router reads them;
 *   past the limit the answer is 413, reading stops, and the body stream
 *   fails, so no action ever runs on a cut-off body that looks complete.
 *
 * Either way the connection is closed after the answer, and the rest of the
 * body is read and dropped for a short while (a "lingering close", as nginx
 * and Apache do) rather than refused: closing a socket that still receives
 * data answers the sender with a reset, and a reset can make the sender's
 * TCP stack drop the 413 before the browser has read it, so the user would
 * see "connection reset" instead of the page saying the file was too large.
 */
export function limitRequestBody(limitFor: (path: string) => number): RequestHandler {
  return (req, res, next) => {
    if (req.method === "GET" || req.method === "HEAD") return next();
    const limit = limitFor(req.path);
    const declared = req.headers["content-length"];
    if (declared !== undefined) {
      // Node's parser delivers exactly Content-Length bytes, so checking the header is enough.
      if (Number(declared) > limit) return void refuse(req, res);
      return next();
    }
    if (req.headers["transfer-encoding"] === undefined) return next();
    let seen = 0;
    const count = (chunk: Buffer) => {
      seen += chunk.length;
      if (seen <= limit) return;
      req.off("data", count);
      req.pause();
      void refuse(req, res);
      // Emitted, not req.destroy(error): destroying would reset the socket before the 413 reaches the browser.
      if (req.listenerCount("error") > 0) req.emit("error", Object.assign(new Error(`request body over ${limit} bytes`), { name: BODY_TOO_LARGE_ERROR }));
    };
    req.on("data", count);
    // Adding a "data" listener starts the flow; React Router's reader starts it again when it reads.
    req.pause();
    next();
  };
}

/** How long a refused upload's connection stays open after the 413, and how much of the rest is read and dropped. */
const LINGER_AFTER_REFUSAL = { ms: 3_000, bytes: 4 * 1024 * 1024 };

async function refuse(req: ExpressRequest, res: Response): Promise<void> {
  if (res.headersSent) return;
  res.setHeader("Connection", "close");
  lingerBeforeClosing(req, res);
  let chosen: unknown = null;
  try {
    chosen = await localeCookie.parse(req.get("cookie") ?? null);
  } catch {
    // A cookie we cannot read: the language comes from Accept-Language.
  }
  if (res.headersSent) return;
  const locale = fullLocaleOf(resolveLocale(isUiLocale(chosen) ? chosen : null, req.get("accept-language") ?? null));
  const t = getTranslator(locale);
  res
    .status(413)
    .type("html")
    .send(
      `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(t("errors.title.413"))} – Samspill</title></head>` +
        `<body><main><h1>${escapeHtml(t("errors.title.413"))}</h1><p>${escapeHtml(t("errors.bodyTooLarge"))}</p><p><a href="/">${escapeHtml(t("errors.goHome"))}</a></p></main></body></html>`,
    );
}

/**
 * Node's server ends a `Connection: close` socket with `destroySoon()` once
 * the answer is written, which closes it at once. Here the socket instead
 * sends its end (the client reads the 413 and a clean end of stream), reads
 * and drops up to {@link LINGER_AFTER_REFUSAL}.bytes of what is still on its
 * way (then stops reading, so the client's writes wait instead of failing),
 * and closes when the client ends too or after {@link LINGER_AFTER_REFUSAL}.ms.
 */
function lingerBeforeClosing(req: ExpressRequest, res: Response): void {
  const socket = req.socket;
  socket.destroySoon = function lingeringClose(this: typeof socket) {
    if (this.writable) this.end();
    const timer = setTimeout(() => this.destroy(), LINGER_AFTER_REFUSAL.ms);
    timer.unref();
    this.once("close", () => clearTimeout(timer));
    this.once("end", () => this.destroy());
  };
  // The body stream has failed (chunked) or was never handed on (Content-Length): nothing else reads it now.
  res.once("finish", () => {
    let dropped = 0;
    req.on("data", (chunk: Buffer) => {
      dropped += chunk.length;
      if (dropped > LINGER_AFTER_REFUSAL.bytes) req.pause();
    });
    req.resume();
  });
}

function escapeHtml(text: string) {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
