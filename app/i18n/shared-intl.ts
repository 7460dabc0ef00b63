import { createIntl, createIntlCache, type IntlShape } from "react-intl";
import { onIntlError } from "./intl-errors.ts";

/**
 * One react-intl instance per catalogue and language, kept between renders. `<IntlProvider>` makes a new
 * formatter cache on every render, which on the server means every message a page shows is parsed again
 * and every `Intl.*` formatter built again on every request (≈ 5 % of the app's CPU under load, bench/load.ts).
 * Keyed by the catalogue object: the server's catalogue lives as long as the process; a catalogue from a
 * loader or a refused request's shell is dropped with its object.
 */
const cache = createIntlCache();
const byCatalogue = new WeakMap<Record<string, string>, Map<string, IntlShape>>();

export function sharedIntl(intlLocale: string, messages: Record<string, string>): IntlShape {
  let byLocale = byCatalogue.get(messages);
  if (!byLocale) byCatalogue.set(messages, (byLocale = new Map()));
  let intl = byLocale.get(intlLocale);
  if (!intl) byLocale.set(intlLocale, (intl = createIntl({ locale: intlLocale, messages, defaultLocale: "nb", onError: onIntlError }, cache)));
  return intl;
}
