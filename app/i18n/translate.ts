import { createIntl, createIntlCache, type IntlShape } from "react-intl";
import { intlLocale, type UiLocale } from "./config.ts";
import { messages, type MessageKey } from "./messages.ts";
import { onIntlError } from "./intl-errors.ts";

export { onIntlError };

export type TranslateValues = Record<string, string | number | Date | null | undefined>;
export type Translate = (key: MessageKey, values?: TranslateValues) => string;

const cache = createIntlCache();
const intls = new Map<UiLocale, IntlShape>();

export function getIntl(locale: UiLocale): IntlShape {
  let intl = intls.get(locale);
  if (!intl) {
    intl = createIntl({ locale: intlLocale[locale], messages: messages[locale], defaultLocale: "nb", onError: onIntlError }, cache);
    intls.set(locale, intl);
  }
  return intl;
}

/** Server-side translation (e-mails, CLI, error messages). */
export function getTranslator(locale: UiLocale): Translate {
  const intl = getIntl(locale);
  return (key, values) => intl.formatMessage({ id: key }, values as Record<string, string>);
}

/** Translates a key that comes from data (e.g. an AppError's messageKey). */
export function translateDynamic(locale: UiLocale, key: string, values?: TranslateValues): string {
  return getTranslator(locale)(key as MessageKey, values);
}
