import type { MiddlewareFunction } from "react-router";
import { createCookie, data } from "react-router";
import { actorContext, csrfTokenContext, localeContext, pageLocaleContext, requestInfoContext } from "~/context.ts";
import { loadActor } from "~/domain/auth/session.server.ts";
import { ensureCsrf, verifyCsrf } from "~/domain/auth/csrf.server.ts";
import { fullLocaleOf, isLocale, isUiLocale, langQueryParam, localeCookieName, pageLocaleOf, patternHasAllLocales, resolveLocale } from "~/i18n/config.ts";
import { toRouteError } from "~/lib/route.server.ts";
import { AppError } from "~/lib/errors.ts";
import { malformDefault } from "~/i18n/malform.server.ts";
import { readFormBody } from "~/lib/request-body.server.ts";
import { MAX_QUERY_LENGTH, MAX_QUERY_PARAMETERS, MAX_QUERY_VALUE_LENGTH, urlInputProblem, type UrlInputProblem } from "~/lib/url-input.ts";
import { apiErrorResponse } from "~/routes/api/respond.server.ts";
import { ApiError } from "~/domain/opendata/hsds.server.ts";
import { getTranslator } from "~/i18n/translate.ts";
import { refusalShellFor } from "~/lib/refusal-shell.server.ts";
import { databaseUnavailableApiResponse, databaseUnavailableError, isDatabaseUnavailable, wasDatabaseUnavailable } from "~/lib/db-unavailable.server.ts";

/** The open-data API's answers are English, like its other error messages. */
const urlProblemMessages: Record<UrlInputProblem, string> = {
  malformed: "The URL has malformed percent-encoding or is not UTF-8.",
  control: "The URL contains a control character.",
  too_long: `The query is too long: at most ${MAX_QUERY_VALUE_LENGTH} characters per parameter, ${MAX_QUERY_PARAMETERS} parameters and ${MAX_QUERY_LENGTH} characters in all.`,
};

export const localeCookie = createCookie(localeCookieName, { path: "/", sameSite: "lax", maxAge: 365 * 24 * 60 * 60 });

/**
 * Runs before every loader and action: who is asking (session → actor), in
 * which language, whether the URL is usable input at all, and, for every
 * mutation, the CSRF check — in one place so no route can forget them.
 */
export const requestMiddleware: MiddlewareFunction<Response> = async (args, next) => {
  // The database away (a restart, a failover): a 503 with Retry-After in the visitor's language, not a 500,
  // whether the session lookup here or a loader or action further in could not reach it.
  const unavailable = async () => {
    if (new URL(args.request.url).pathname.startsWith("/api/")) return databaseUnavailableApiResponse();
    const cookie = await localeCookie.parse(args.request.headers.get("Cookie")).catch(() => null);
    const chosen = resolveLocale(isUiLocale(cookie) ? cookie : null, args.request.headers.get("Accept-Language"));
    throw databaseUnavailableError(pageLocaleOf(chosen, patternHasAllLocales(args.pattern)));
  };
  let response: Response | void;
  try {
    response = await handleRequest(args, next);
  } catch (error) {
    if (isDatabaseUnavailable(error)) return unavailable();
    throw error;
  }
  return wasDatabaseUnavailable(args.context) ? unavailable() : response;
};

const handleRequest: MiddlewareFunction<Response> = async ({ request, context, pattern }, next) => {
  const { ip } = context.get(requestInfoContext);
  const actor = await loadActor(request, ip);
  context.set(actorContext, actor);

  // Language: ?lang= (allLocales pages only, for shareable links), then the cookie, the profile, Accept-Language;
  // where that leaves only the default (bokmål), the kommune's målform.
  const allLocalesPage = patternHasAllLocales(pattern);
  const fromQuery = allLocalesPage ? new URL(request.url).searchParams.get(langQueryParam) : null;
  const cookie = await localeCookie.parse(request.headers.get("Cookie"));
  const saved = actor.kind === "user" && isLocale(actor.locale) ? actor.locale : null;
  const explicit = isUiLocale(fromQuery) ? fromQuery : isUiLocale(cookie) ? cookie : saved;
  const fromBrowser = resolveLocale(explicit, request.headers.get("Accept-Language"));
  // A nynorsk kommune's coordinators and its own pages then get nynorsk (app/i18n/malform.server.ts).
  const chosen = explicit === null && fromBrowser === "nb" ? (malformDefault(actor, new URL(request.url).pathname) ?? "nb") : fromBrowser;
  context.set(localeContext, fullLocaleOf(chosen));
  context.set(pageLocaleContext, pageLocaleOf(chosen, allLocalesPage));

  // Control characters, broken percent-encoding and overlong values in the path or query (app/lib/url-input.ts)
  // are refused before any route reads them: 400 in the visitor's language, JSON on the open-data API.
  const urlProblem = urlInputProblem(request.url);
  if (urlProblem) {
    if (new URL(request.url).pathname.startsWith("/api/")) return apiErrorResponse(new ApiError(400, urlProblemMessages[urlProblem]));
    // Pages show it on the error page (messageKey, in the page's language: `shell`); downloads and other
    // resource routes answer this JSON as it is.
    const locale = context.get(pageLocaleContext);
    const messageKey = "errors.badUrl";
    throw Response.json(
      { code: "validation", messageKey, message: getTranslator(locale)(messageKey), shell: refusalShellFor(locale) },
      { status: 400, headers: { "Cache-Control": "no-store" } },
    );
  }

  const csrf = await ensureCsrf(request);
  context.set(csrfTokenContext, csrf.token);
  try {
    // A mutation's body must be a form (415 otherwise, 400 if broken, 413 past FORM_MAX_BYTES); read once, here.
    await verifyCsrf(request, csrf.token, await readFormBody(request, context.get(pageLocaleContext)));
  } catch (error) {
    // Refused before the root loader runs: the error page takes its language from the refusal's shell.
    if (error instanceof AppError && error.code !== "unauthenticated") {
      throw data({ code: error.code, messageKey: error.messageKey, shell: refusalShellFor(context.get(pageLocaleContext)) }, { status: error.status });
    }
    throw toRouteError(error, request);
  }

  const response = await next();
  // API, calendar and file answers carry no forms, and a cookie would make them uncacheable for shared
  // caches. Pages and React Router's data requests (which deliver the token to forms) keep it.
  const isFile = /^(application\/json|text\/calendar|text\/csv|application\/vnd\.openxmlformats)/.test(response.headers.get("Content-Type") ?? "");
  if (csrf.setCookie && !isFile) response.headers.append("Set-Cookie", csrf.setCookie);
  // What a signed-in user sees is theirs: no browser history cache or shared cache may keep it.
  if (actor.kind === "user") response.headers.set("Cache-Control", "private, no-store");
  return response;
};
