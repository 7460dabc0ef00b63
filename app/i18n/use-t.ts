import { useIntl } from "react-intl";
import type { MessageKey } from "./messages.ts";
import type { Translate, TranslateValues } from "./translate.ts";
import type { Locale } from "./config.ts";

/** `const t = useT(); t("nav.home")` — the one way components get text. */
export function useT(): Translate {
  const intl = useIntl();
  return (key: MessageKey, values?: TranslateValues) => intl.formatMessage({ id: key }, values as Record<string, string>);
}

export function useLocale(): Locale {
  return useIntl().locale as Locale;
}

/** Dates and numbers always go through Intl in the user's locale. */
export function useFormat() {
  const intl = useIntl();
  return {
    date: (value: Date | string | number) => intl.formatDate(value, { dateStyle: "medium" }),
    dateTime: (value: Date | string | number) => intl.formatDate(value, { dateStyle: "medium", timeStyle: "short" }),
    number: (value: number) => intl.formatNumber(value),
  };
}
