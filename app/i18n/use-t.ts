import { useIntl } from "react-intl";
import { useRouteLoaderData } from "react-router";
import type { MessageKey } from "./messages.ts";
import type { Translate, TranslateValues } from "./translate.ts";
import { defaultLocale, type UiLocale } from "./config.ts";

/** `const t = useT(); t("nav.home")` — the one way components get text. */
export function useT(): Translate {
  const intl = useIntl();
  return (key: MessageKey, values?: TranslateValues) => intl.formatMessage({ id: key }, values as Record<string, string>);
}

/** The language the page is shown in (root loader data; Intl's tag differs for Dari: "fa-AF"). */
export function useLocale(): UiLocale {
  return (useRouteLoaderData("root") as { locale?: UiLocale } | undefined)?.locale ?? defaultLocale;
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
