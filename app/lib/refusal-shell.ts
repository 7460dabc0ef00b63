import { isRouteErrorResponse } from "react-router";
import { isUiLocale, type UiLocale } from "~/i18n/config.ts";

/**
 * A request the root middleware refuses never reaches the root loader, so
 * the error page would lack the page's language and messages (and fall back
 * to bokmål). The refusal carries them instead: the language the page would
 * have had and the few messages the shell and error page need (common and
 * errors, app/i18n/fallback.ts has the same for bokmål).
 */
export interface RefusalShell {
  locale: UiLocale;
  messages: Record<string, string>;
}

/** The refusal's shell, if the error is such a refusal. */
export function refusalShellOf(error: unknown): RefusalShell | null {
  if (!isRouteErrorResponse(error) || typeof error.data !== "object" || error.data === null) return null;
  const shell = (error.data as { shell?: Partial<RefusalShell> }).shell;
  if (!shell || !isUiLocale(shell.locale) || typeof shell.messages !== "object" || shell.messages === null) return null;
  return { locale: shell.locale, messages: shell.messages };
}
