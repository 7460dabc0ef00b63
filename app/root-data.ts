import type { UiLocale } from "./i18n/config.ts";

/** What the root loader gives every page. Kept small: it is serialised into each HTML page. */
export interface RootData {
  /** The page's language. */
  locale: UiLocale;
  /** Whether this page is available in all languages (the language switcher then offers them all). */
  allLocales: boolean;
  /** Only on client-side navigations' data requests: a full page load renders from the server's catalogue (app/lib/page-messages.tsx). */
  messages?: Record<string, string>;
  csrfToken: string;
  user: {
    name: string;
    email: string;
    isDemo: boolean;
    isNationalAdmin: boolean;
    canAdminister: boolean;
  } | null;
  demoMode: boolean;
  devOutbox: boolean;
}
