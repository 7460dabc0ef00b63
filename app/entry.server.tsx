import { PassThrough } from "node:stream";
import type { HandleErrorFunction } from "react-router";
import { getLogger } from "./logger.server.ts";
import { requestInfoContext } from "./context.ts";
import { NonceProvider } from "./lib/nonce.tsx";
import { isDatabaseUnavailable, markDatabaseUnavailable } from "./lib/db-unavailable.server.ts";
import { ServerMessagesContext } from "./lib/page-messages.tsx";
import { serverMessages } from "./i18n/server-messages.server.ts";

import type { EntryContext, RouterContextProvider } from "react-router";
import { createReadableStreamFromReadable } from "@react-router/node";
import { ServerRouter } from "react-router";
import { isbot } from "isbot";
import type { RenderToPipeableStreamOptions } from "react-dom/server";
import { renderToPipeableStream } from "react-dom/server";

export const streamTimeout = 5_000;

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  routerContext: EntryContext,
  loadContext: RouterContextProvider,
) {
  // https://httpwg.org/specs/rfc9110.html#HEAD
  if (request.method.toUpperCase() === "HEAD") {
    return new Response(null, {
      status: responseStatusCode,
      headers: responseHeaders,
    });
  }

  return new Promise((resolve, reject) => {
    let shellRendered = false;
    const userAgent = request.headers.get("user-agent");

    // Ensure requests from bots and SPA Mode renders wait for all content to load before responding
    // https://react.dev/reference/react-dom/server/renderToPipeableStream#waiting-for-all-content-to-load-for-crawlers-and-static-generation
    const readyOption: keyof RenderToPipeableStreamOptions = (userAgent && isbot(userAgent)) || routerContext.isSpaMode ? "onAllReady" : "onShellReady";

    // Abort the rendering stream after the `streamTimeout` so it has time to
    // flush down the rejected boundaries
    let timeoutId: ReturnType<typeof setTimeout> | undefined = setTimeout(() => abort(), streamTimeout + 1000);

    // The policy's nonce for this response (server/security-headers.ts); every inline script React or the router writes carries it.
    const nonce = loadContext.get(requestInfoContext).cspNonce || undefined;
    const app = (
      <NonceProvider value={nonce ?? ""}>
        <ServerMessagesContext.Provider value={serverMessages}>
          <ServerRouter context={routerContext} url={request.url} nonce={nonce} />
        </ServerMessagesContext.Provider>
      </NonceProvider>
    );
    const { pipe, abort } = renderToPipeableStream(app, {
      nonce,
      [readyOption]() {
        shellRendered = true;
        const body = new PassThrough({
          final(callback) {
            // Clear the timeout to prevent retaining the closure and memory leak
            clearTimeout(timeoutId);
            timeoutId = undefined;
            callback();
          },
        });
        const stream = createReadableStreamFromReadable(body);

        responseHeaders.set("Content-Type", "text/html");

        pipe(body);

        resolve(
          new Response(stream, {
            headers: responseHeaders,
            status: responseStatusCode,
          }),
        );
      },
      onShellError(error: unknown) {
        reject(error);
      },
      onError(error: unknown) {
        responseStatusCode = 500;
        // Log streaming rendering errors from inside the shell.  Don't log
        // errors encountered during initial shell rendering since they'll
        // reject and get logged in handleDocumentRequest.
        if (shellRendered) {
          getLogger().error({ err: error, url: request.url }, "render failed");
        }
      },
    });
  });
}

/** Unexpected errors in loaders, actions and rendering go to the structured log (aborted requests are not errors). */
export const handleError: HandleErrorFunction = (error, { request, context }) => {
  if (request.signal.aborted) return;
  // Not a bug: the root middleware answers 503 (app/lib/db-unavailable.server.ts), and the log says why, once.
  if (isDatabaseUnavailable(error)) {
    markDatabaseUnavailable(context);
    getLogger().warn({ err: error, method: request.method, url: request.url }, "database unavailable");
    return;
  }
  getLogger().error({ err: error, method: request.method, url: request.url }, "unhandled error");
};

/**
 * React Router's data requests (`*.data`, client-side navigation and form
 * posts) carry the root data, CSRF token included, and a signed-in user's
 * data: never for a shared cache or the browser's.
 */
export function handleDataRequest(response: Response): Response {
  response.headers.set("Cache-Control", "private, no-store");
  return response;
}
