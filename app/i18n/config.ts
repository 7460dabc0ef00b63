/**
 * Languages. Two sets (see docs/decisions/finder-languages.md):
 * - full locales (nb, nn, en): the whole app, e-mails, profiles;
 * - finder locales (uk, ar, ti, so, prs): in addition, only on pages whose
 *   route module exports `handle.allLocales === true` (the public activity
 *   finder). Elsewhere a visitor who chose one of them gets English
 *   (`finderFallbackLocale`), and `<html lang>` says so.
 */
export const locales = ["nb", "nn", "en"] as const;
/** A full locale: the whole app is available in it. */
export type Locale = (typeof locales)[number];
export const finderLocales = ["uk", "ar", "ti", "so", "prs"] as const;
export type FinderLocale = (typeof finderLocales)[number];
/** Every language some page can be shown in. */
export const allLocales = [...locales, ...finderLocales] as const;
export type UiLocale = Locale | FinderLocale;

export const defaultLocale: Locale = "nb";
/** The full locale a finder-locale visitor gets on pages that are not translated into their language. */
export const finderFallbackLocale: Locale = "en";
export const localeCookieName = "samspill_lang";

/** Query parameter that picks a language on an allLocales page without a cookie (shareable links): `/aktiviteter?lang=ar`. */
export const langQueryParam = "lang";

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (locales as readonly string[]).includes(value);
}

export function isUiLocale(value: unknown): value is UiLocale {
  return typeof value === "string" && (allLocales as readonly string[]).includes(value);
}

export function isFinderLocale(value: unknown): value is FinderLocale {
  return typeof value === "string" && (finderLocales as readonly string[]).includes(value);
}

/** BCP 47 tags for <html lang> and lang attributes. */
export const htmlLang: Record<UiLocale, string> = { nb: "nb", nn: "nn", en: "en", uk: "uk", ar: "ar", ti: "ti", so: "so", prs: "prs" };

/**
 * Tags for Intl (numbers, dates, plural rules). ICU has no data under "prs"
 * (Dari); Node maps it to "fa-AF" itself, but to be the same everywhere we say
 * so: Afghan Persian, which is Dari. Its default calendar is the solar hijri
 * one; activities in Norway follow the Gregorian calendar (and the finder's
 * month grid is Gregorian), so we ask for that, with Dari month names.
 */
export const intlLocale: Record<UiLocale, string> = { nb: "nb", nn: "nn", en: "en", uk: "uk", ar: "ar", ti: "ti", so: "so", prs: "fa-AF-u-ca-gregory" };

/** Writing direction. */
export const localeDir: Record<UiLocale, "ltr" | "rtl"> = { nb: "ltr", nn: "ltr", en: "ltr", uk: "ltr", ar: "rtl", ti: "ltr", so: "ltr", prs: "rtl" };

/** Each language's own name, for the language switcher. */
export const localeNames: Record<UiLocale, string> = {
  nb: "Norsk bokmål",
  nn: "Norsk nynorsk",
  en: "English",
  uk: "Українська",
  ar: "العربية",
  ti: "ትግርኛ",
  so: "Soomaali",
  prs: "دری",
};

/**
 * The language a visitor asked for: their explicit choice (cookie or saved
 * profile) wins; then the browser's Accept-Language; then bokmål. "no" and
 * "nb-NO" both mean bokmål; Persian ("fa", "fa-AF", "fa-IR") gets Dari.
 */
export function resolveLocale(cookieValue: string | null | undefined, acceptLanguage: string | null | undefined): UiLocale {
  if (isUiLocale(cookieValue)) return cookieValue;
  for (const tag of parseAcceptLanguage(acceptLanguage ?? "")) {
    const primary = tag.split("-")[0]!;
    // Dari is the Persian of Afghanistan: a browser set to Persian (fa, fa-AF, fa-IR) reads it.
    if (primary === "fa" || primary === "prs") return "prs";
    if (primary === "no") return "nb";
    if (isUiLocale(primary)) return primary;
  }
  return defaultLocale;
}

/** The full locale for everything outside the finder (e-mails, other pages): finder locales map to English. */
export function fullLocaleOf(locale: UiLocale): Locale {
  return isLocale(locale) ? locale : finderFallbackLocale;
}

/** The language a page is shown in: the chosen one if the page has it, else the full-locale fallback. */
export function pageLocaleOf(chosen: UiLocale, pageHasAllLocales: boolean): UiLocale {
  return pageHasAllLocales ? chosen : fullLocaleOf(chosen);
}

/**
 * Route patterns (as in app/routes.ts) of the pages available in every
 * language. The route modules say the same with `handle.allLocales = true`
 * (that is what the browser side reads); tests/unit/i18n.test.ts checks that
 * the two agree. The server needs the list because middleware runs before any
 * route module is consulted.
 */
export const allLocalesRoutePatterns: readonly string[] = ["/", "/aktiviteter", "/aktiviteter/:id"];

export function patternHasAllLocales(pattern: string | undefined): boolean {
  if (pattern === undefined) return false;
  const normalized = "/" + pattern.replace(/^\/+/, "").replace(/\/+$/, "");
  return allLocalesRoutePatterns.includes(normalized);
}

function parseAcceptLanguage(header: string): string[] {
  return header
    .split(",")
    .map((part) => {
      const [tag, ...params] = part.trim().toLowerCase().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      return { tag: tag ?? "", q: q ? Number(q.slice(2)) || 0 : 1 };
    })
    .filter((x) => x.tag && x.q > 0)
    .sort((a, b) => b.q - a.q)
    .map((x) => x.tag);
}
