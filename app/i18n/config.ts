export const locales = ["nb", "nn", "en"] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = "nb";
export const localeCookieName = "samspill_lang";

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (locales as readonly string[]).includes(value);
}

/** BCP 47 tags for Intl and <html lang>. */
export const htmlLang: Record<Locale, string> = { nb: "nb", nn: "nn", en: "en" };

/** Each language's own name, for the language switcher. */
export const localeNames: Record<Locale, string> = { nb: "Bokmål", nn: "Nynorsk", en: "English" };

/**
 * The user's explicit choice (cookie) wins; then the browser's Accept-Language;
 * then bokmål. "no" and "nb-NO" both mean bokmål.
 */
export function resolveLocale(cookieValue: string | null | undefined, acceptLanguage: string | null | undefined): Locale {
  if (isLocale(cookieValue)) return cookieValue;
  for (const tag of parseAcceptLanguage(acceptLanguage ?? "")) {
    const primary = tag.split("-")[0]!;
    if (primary === "no") return "nb";
    if (isLocale(primary)) return primary;
  }
  return defaultLocale;
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
