import type { Locale } from "./i18n/config.ts";

/** What the root loader gives every page. Kept small: it is serialised into each HTML page. */
export interface RootData {
  locale: Locale;
  messages: Record<string, string>;
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
