import type { MiddlewareFunction } from "react-router";
import { createCookie } from "react-router";
import { actorContext, csrfTokenContext, localeContext, requestInfoContext } from "~/context.ts";
import { loadActor } from "~/domain/auth/session.server.ts";
import { ensureCsrf, verifyCsrf } from "~/domain/auth/csrf.server.ts";
import { isLocale, localeCookieName, resolveLocale } from "~/i18n/config.ts";
import { toRouteError } from "~/lib/route.server.ts";

export const localeCookie = createCookie(localeCookieName, { path: "/", sameSite: "lax", maxAge: 365 * 24 * 60 * 60 });

/**
 * Runs before every loader and action: who is asking (session → actor), in
 * which language, and, for every mutation, the CSRF check — in one place so
 * no action can forget it.
 */
export const requestMiddleware: MiddlewareFunction<Response> = async ({ request, context }, next) => {
  const { ip } = context.get(requestInfoContext);
  const actor = await loadActor(request, ip);
  context.set(actorContext, actor);

  const chosen = await localeCookie.parse(request.headers.get("Cookie"));
  const saved = actor.kind === "user" && isLocale(actor.locale) ? actor.locale : null;
  context.set(localeContext, resolveLocale(isLocale(chosen) ? chosen : saved, request.headers.get("Accept-Language")));

  const csrf = await ensureCsrf(request);
  context.set(csrfTokenContext, csrf.token);
  try {
    await verifyCsrf(request, csrf.token);
  } catch (error) {
    throw toRouteError(error, request);
  }

  const response = await next();
  if (csrf.setCookie) response.headers.append("Set-Cookie", csrf.setCookie);
  return response;
};
