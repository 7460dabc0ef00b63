import { data, redirect } from "react-router";
import { actorContext, csrfTokenContext, localeContext, pageLocaleContext, requestInfoContext } from "~/context.ts";
import type { Actor, UserActor } from "~/domain/auth/actor.ts";
import { AppError } from "./errors.ts";
import type { FieldErrors } from "./errors.ts";

type Ctx = { get<T>(key: import("react-router").RouterContext<T>): T };

export function getActor(context: Ctx): Actor {
  return context.get(actorContext);
}

/** The full locale (nb/nn/en): for e-mails, saved data and every page that is not available in all languages. */
export function getLocale(context: Ctx) {
  return context.get(localeContext);
}

/**
 * The language the current page is shown in. Differs from getLocale only on
 * pages whose route is available in all languages (handle.allLocales, e.g.
 * the finder): there it may be uk/ar/ti/so/prs. Use it for page text there.
 */
export function getPageLocale(context: Ctx) {
  return context.get(pageLocaleContext);
}

export function getRequestInfo(context: Ctx) {
  return context.get(requestInfoContext);
}

export function getCsrfToken(context: Ctx) {
  return context.get(csrfTokenContext);
}

/** Where to send an anonymous visitor so they come back here after signing in. */
export function signInRedirect(request: Request) {
  const url = new URL(request.url);
  return redirect(`/logg-inn?neste=${encodeURIComponent(url.pathname + url.search)}`);
}

/** The signed-in user, or a redirect to sign-in. */
export function requireUser(context: Ctx, request: Request): UserActor {
  const actor = getActor(context);
  if (actor.kind !== "user") throw signInRedirect(request);
  return actor;
}

/** Turns an AppError into the HTTP answer a browser expects; anything else is rethrown as a real fault. */
export function toRouteError(error: unknown, request: Request): unknown {
  if (error instanceof AppError) {
    if (error.code === "unauthenticated") return signInRedirect(request);
    return data({ code: error.code, messageKey: error.messageKey }, { status: error.status });
  }
  return error;
}

/** For loaders: run domain code, mapping its AppErrors to 4xx responses. */
export async function guard<T>(request: Request, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    throw toRouteError(error, request);
  }
}

export interface FormFailure {
  ok: false;
  formError: string;
  fieldErrors: FieldErrors;
  values: Record<string, unknown>;
}

/**
 * For actions: run domain code; errors a user can fix (validation, conflicts,
 * rate limits, stale links) come back as data with their status so the form
 * re-renders with the message and the user's input; the rest become 4xx pages.
 */
export async function formAction<T>(
  request: Request,
  values: Record<string, unknown>,
  fn: () => Promise<T>,
): Promise<T | ReturnType<typeof data<FormFailure>>> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof AppError && ["validation", "conflict", "rate_limited", "invalid_token", "csrf"].includes(error.code)) {
      const safeValues = Object.fromEntries(Object.entries(values).filter(([k]) => !/password/i.test(k)));
      return data<FormFailure>({ ok: false, formError: error.messageKey, fieldErrors: error.fieldErrors, values: safeValues }, { status: error.status });
    }
    throw toRouteError(error, request);
  }
}

/** What auth domain functions need to know about the request. */
export function requestMeta(request: Request, context: Ctx) {
  return {
    ip: getRequestInfo(context).ip,
    userAgent: request.headers.get("User-Agent"),
    locale: getLocale(context),
  };
}
