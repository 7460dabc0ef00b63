import type { UiLocale } from "~/i18n/config.ts";
import { fallbackMessages } from "~/i18n/fallback.ts";
import { messages } from "~/i18n/messages.ts";
import type { RefusalShell } from "~/lib/refusal-shell.ts";

/**
 * The shell a page refused by the root middleware needs (the root loader does
 * not run): its language and the messages of the shell and error page, in
 * that language. Server-only, so the client bundle does not carry every
 * language's messages.
 */
export function refusalShellFor(locale: UiLocale): RefusalShell {
  const all = messages[locale];
  return { locale, messages: Object.fromEntries(Object.keys(fallbackMessages).map((key) => [key, all[key] ?? fallbackMessages[key]!])) };
}
