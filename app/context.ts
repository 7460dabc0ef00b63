import { createContext } from "react-router";
import type { Actor } from "~/domain/auth/actor.ts";
import type { Locale, UiLocale } from "~/i18n/config.ts";

export interface RequestInfo {
  /** Client address (X-Forwarded-For only when TRUST_PROXY is on). */
  ip: string | null;
  requestId: string;
  /** This response's Content-Security-Policy nonce (server/security-headers.ts): the page's inline scripts carry it. */
  cspNonce: string;
}

/** Set by the HTTP server for every request. */
export const requestInfoContext = createContext<RequestInfo>({ ip: null, requestId: "", cspNonce: "" });
/** Set by the HTTP server: a client-side navigation's data request (`….data`), not a full page load. */
export const dataRequestContext = createContext<boolean>(false);
/** Set by the root middleware: who is asking. */
export const actorContext = createContext<Actor>({ kind: "anonymous", ip: null });
/** Set by the root middleware: the language to answer in. */
export const localeContext = createContext<Locale>("nb");
/** Set by the root middleware: the language this page is shown in (a finder locale only on allLocales pages; see app/i18n/config.ts). */
export const pageLocaleContext = createContext<UiLocale>("nb");
/** Set by the root middleware: the CSRF token forms must echo. */
export const csrfTokenContext = createContext<string>("");
