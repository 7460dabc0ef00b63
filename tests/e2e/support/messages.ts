import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

/** Full locales, and the finder locales (uk, ar, ti, so, prs: only some namespaces, English under them in the app). */
export type TestLocale = "nb" | "nn" | "en" | "uk" | "ar" | "ti" | "so" | "prs";

/** The app's messages for a language, read from app/i18n/<locale>/*.json (the tests check the text users see). */
export function messagesFor(locale: TestLocale): Record<string, string> {
  const dir = path.resolve("app/i18n", locale);
  const all: Record<string, string> = {};
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .sort()) {
    Object.assign(all, JSON.parse(readFileSync(path.join(dir, file), "utf8")) as Record<string, string>);
  }
  return all;
}

export function message(locale: TestLocale, key: string): string {
  const value = messagesFor(locale)[key];
  if (value === undefined) throw new Error(`no message "${key}" in ${locale}`);
  return value;
}
