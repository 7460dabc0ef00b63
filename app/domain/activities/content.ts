import type { ActivityTranslations } from "~/db/schema/activities.ts";
import { contentLanguages, type ContentLanguage } from "./activities.constants.ts";

export interface LocalizedContent {
  title: string;
  description: string;
  howToJoin: string;
  /** The language the text is in ("nb" when it fell back to bokmål). */
  lang: string;
  /** True when the visitor's language was asked for but the organisation did not write it. */
  isFallback: boolean;
}

function isContentLanguage(locale: string): locale is ContentLanguage {
  return (contentLanguages as readonly string[]).includes(locale);
}

/**
 * An activity's text in the visitor's language where the organisation wrote
 * it, field by field; otherwise bokmål, flagged so the page can say so.
 */
export function localizeActivity(
  activity: { title: string; description: string; howToJoin: string; translations: ActivityTranslations },
  locale: string,
): LocalizedContent {
  const base = { title: activity.title, description: activity.description, howToJoin: activity.howToJoin, lang: "nb", isFallback: false };
  if (locale === "nb" || !isContentLanguage(locale)) return base;
  const t = activity.translations[locale];
  if (!t?.title && !t?.description) return { ...base, isFallback: true };
  return {
    title: t.title || activity.title,
    description: t.description || activity.description,
    howToJoin: t.howToJoin || activity.howToJoin,
    lang: locale,
    isFallback: !t.title || !t.description,
  };
}

interface Localizable {
  title: string;
  description: string;
  howToJoin: string;
  translations: Partial<Record<string, { title?: string; description?: string; howToJoin?: string } | undefined>>;
}

/**
 * The language each text field is shown in, given localizeActivity's choice:
 * a field the organisation did not translate is bokmål and must say so.
 */
export function fieldLanguages(activity: Localizable, locale: string, contentLang: string) {
  const tr = activity.translations[locale];
  const langOf = (field: "title" | "description" | "howToJoin") => (locale !== "nb" && contentLang !== "nb" && tr?.[field] ? locale : "nb");
  const title = langOf("title");
  const description = langOf("description");
  const howToJoin = langOf("howToJoin");
  return { title, description, howToJoin, titleIsFallback: locale !== "nb" && title === "nb" };
}
