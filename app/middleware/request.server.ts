import type { MiddlewareFunction } from "react-router";
import { createCookie } from "react-router";
import { actorContext, csrfTokenContext, localeContext, pageLocaleContext, requestInfoContext } from "~/context.ts";
import { loadActor } from "~/domain/auth/session.server.ts";
import { ensureCsrf, verifyCsrf } from "~/domain/auth/csrf.server.ts";
import { fullLocaleOf, isLocale, isUiLocale, langQueryParam, localeCookieName, pageLocaleOf, patternHasAllLocales, resolveLocale } from "~/i18n/config.ts";
import { toRouteError } from "~/lib/route.server.ts";
import { readFormBody } from "~/lib/request-body.server.ts";

export const localeCookie = createCookie(localeCookieName, { path: "/", sameSite: "lax", maxAge: 365 * 24 * 60 * 60 });

/**
 * Runs before every loader and action: who is asking (session → actor), in
 * which language, and, for every mutation, the CSRF check — in one place so
 * no action can forget it.
 */
export const requestMiddleware: MiddlewareFunction<Response> = async ({ request, context, pattern }, next) => {
  const { ip } = context.get(requestInfoContext);
  const actor = await loadActor(request, ip);
  context.set(actorContext, actor);

  // Language: ?lang= (allLocales pages only, for shareable links), then the cookie, the profile, Accept-Language.
  const allLocalesPage = patternHasAllLocales(pattern);
  const fromQuery = allLocalesPage ? new URL(request.url).searchParams.get(langQueryParam) : null;
  const cookie = await localeCookie.parse(request.headers.get("Cookie"));
  const saved = actor.kind === "user" && isLocale(actor.locale) ? actor.locale : null;
  const chosen = resolveLocale(isUiLocale(fromQuery) ? fromQuery : isUiLocale(cookie) ? cookie : saved, request.headers.get("Accept-Language"));
  context.set(localeContext, fullLocaleOf(chosen));
  context.set(pageLocaleContext, pageLocaleOf(chosen, allLocalesPage));

  const csrf = await ensureCsrf(request);
  context.set(csrfTokenContext, csrf.token);
  try {
    // A mutation's body must be a form (415 otherwise, 400 if broken, 413 past FORM_MAX_BYTES); read once, here.
    await verifyCsrf(request, csrf.token, await readFormBody(request, context.get(pageLocaleContext)));
  } catch (error) {
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
