import { describe, expect, it } from "vitest";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { IntlMessageFormat } from "intl-messageformat";
import { finderNamespaces, messages } from "~/i18n/messages.ts";
import {
  allLocalesRoutePatterns,
  finderLocales,
  fullLocaleOf,
  intlLocale,
  locales,
  pageLocaleOf,
  patternHasAllLocales,
  resolveLocale,
  type FinderLocale,
  type Locale,
} from "~/i18n/config.ts";
import routes from "../../app/routes.ts";

/**
 * The message catalogues: the same keys in all three languages, every
 * message valid ICU, no key defined twice, and every key the code uses
 * defined (a missing key throws at render time, so this finds it first).
 */

const root = path.resolve(import.meta.dirname, "../..");
const i18nDir = path.join(root, "app/i18n");

function namespaceFiles(locale: Locale | FinderLocale): { file: string; keys: Record<string, string> }[] {
  const dir = path.join(i18nDir, locale);
  return readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((file) => ({ file: `${locale}/${file}`, keys: JSON.parse(readFileSync(path.join(dir, file), "utf8")) as Record<string, string> }));
}

describe("message catalogues", () => {
  it("has the same namespace files in every language", () => {
    const names = (l: Locale) => namespaceFiles(l).map((f) => path.basename(f.file));
    for (const locale of locales) expect(names(locale), locale).toEqual(names("nb"));
  });

  it("loads every namespace file (app/i18n/messages.ts imports them all)", () => {
    for (const locale of locales) {
      const fromFiles = new Set(namespaceFiles(locale).flatMap((f) => Object.keys(f.keys)));
      expect(new Set(Object.keys(messages[locale])), locale).toEqual(fromFiles);
    }
  });

  it("defines each key in one namespace file only", () => {
    for (const locale of locales) {
      const seen = new Map<string, string>();
      const duplicates: string[] = [];
      for (const { file, keys } of namespaceFiles(locale)) {
        for (const key of Object.keys(keys)) {
          const first = seen.get(key);
          if (first) duplicates.push(`${key} (${first} and ${file})`);
          else seen.set(key, file);
        }
      }
      expect(duplicates, `${locale}: keys defined twice`).toEqual([]);
    }
  });

  for (const locale of ["nn", "en"] as const) {
    it(`${locale} has exactly bokmål's keys`, () => {
      const nbKeys = Object.keys(messages.nb);
      const otherKeys = Object.keys(messages[locale]);
      expect(
        nbKeys.filter((k) => !(k in messages[locale])),
        `missing in ${locale}`,
      ).toEqual([]);
      expect(
        otherKeys.filter((k) => !(k in messages.nb)),
        `in ${locale} but not in nb`,
      ).toEqual([]);
    });
  }

  for (const locale of locales) {
    it(`every ${locale} message is valid ICU MessageFormat with the same arguments as bokmål`, () => {
      const problems: string[] = [];
      for (const [key, text] of Object.entries(messages[locale])) {
        if (typeof text !== "string" || text.trim() === "") {
          problems.push(`${key}: empty or not a string`);
          continue;
        }
        try {
          new IntlMessageFormat(text, locale);
        } catch (error) {
          problems.push(`${key}: ${error instanceof Error ? error.message : String(error)}`);
          continue;
        }
        const source = messages.nb[key];
        if (locale !== "nb" && source !== undefined) {
          const expected = argumentNames(source);
          const actual = argumentNames(text);
          if (expected.join() !== actual.join()) problems.push(`${key}: arguments {${actual.join(", ")}} differ from bokmål's {${expected.join(", ")}}`);
        }
      }
      expect(problems).toEqual([]);
    });
  }
});

/**
 * Finder locales (uk, ar, ti, so, prs) translate what the public finder pages
 * show. Which keys that is: everything in common, finder and pages' home.*,
 * the activity labels (not validation messages) and the error pages (not
 * form validation). Everything else falls back to English.
 */
function requiredFinderKeys(): string[] {
  const nbFile = (name: string): string[] => {
    const file = path.join(i18nDir, "nb", `${name}.json`);
    try {
      return Object.keys(JSON.parse(readFileSync(file, "utf8")) as Record<string, string>);
    } catch {
      return [];
    }
  };
  return [
    ...nbFile("common"),
    ...nbFile("finder"),
    ...nbFile("activities").filter((k) => !k.startsWith("activity.validation.")),
    ...nbFile("errors").filter((k) => !k.startsWith("validation.")),
    ...nbFile("pages").filter((k) => k.startsWith("home.")),
  ];
}

/**
 * Keys knowingly not yet translated into a finder locale (shown in English).
 * Keep this empty; a key listed here is printed by the test run.
 */
const notYetTranslated: Partial<Record<FinderLocale, string[]>> = {};

describe("finder locales (uk, ar, ti, so, prs)", () => {
  const required = requiredFinderKeys();

  for (const locale of finderLocales) {
    it(`${locale} has exactly the finder namespace files, all loaded, with English under them`, () => {
      const files = namespaceFiles(locale);
      expect(files.map((f) => path.basename(f.file, ".json")).sort()).toEqual([...finderNamespaces].sort());
      const own = new Set(files.flatMap((f) => Object.keys(f.keys)));
      const extra = [...own].filter((k) => !(k in messages.nb));
      expect(extra, `${locale} keys bokmål does not have`).toEqual([]);
      expect(new Set(Object.keys(messages[locale]))).toEqual(new Set([...Object.keys(messages.en), ...own]));
      for (const key of own) expect(messages[locale][key], key).toBe(files.find((f) => key in f.keys)!.keys[key]);
    });

    it(`${locale} translates every key the public finder pages show`, () => {
      const own = new Set(namespaceFiles(locale).flatMap((f) => Object.keys(f.keys)));
      const missing = required.filter((k) => !own.has(k));
      const allowed = new Set(notYetTranslated[locale] ?? []);
      if (allowed.size > 0) console.warn(`${locale}: shown in English for now: ${[...allowed].join(", ")}`);
      expect(
        missing.filter((k) => !allowed.has(k)),
        `${locale}: untranslated keys`,
      ).toEqual([]);
    });

    it(`every ${locale} translation is valid ICU MessageFormat with the same arguments as bokmål`, () => {
      const problems: string[] = [];
      for (const { keys } of namespaceFiles(locale)) {
        for (const [key, text] of Object.entries(keys)) {
          if (typeof text !== "string" || text.trim() === "") {
            problems.push(`${key}: empty or not a string`);
            continue;
          }
          try {
            new IntlMessageFormat(text, intlLocale[locale]).format(sampleValues(text));
          } catch (error) {
            problems.push(`${key}: ${error instanceof Error ? error.message : String(error)}`);
            continue;
          }
          const source = messages.nb[key];
          if (source !== undefined && argumentNames(source).join() !== argumentNames(text).join())
            problems.push(`${key}: arguments {${argumentNames(text).join(", ")}} differ from bokmål's {${argumentNames(source).join(", ")}}`);
        }
      }
      expect(problems).toEqual([]);
    });
  }
});

describe("choosing the language", () => {
  it("takes the cookie first, then Accept-Language, then bokmål", () => {
    expect(resolveLocale("ar", "nb")).toBe("ar");
    expect(resolveLocale("xx", "uk-UA,uk;q=0.9,en;q=0.5")).toBe("uk");
    expect(resolveLocale(null, "fa-AF,fa;q=0.8")).toBe("prs");
    expect(resolveLocale(null, "fa-IR")).toBe("prs");
    expect(resolveLocale(null, "prs")).toBe("prs");
    expect(resolveLocale(null, "so-SO,en;q=0.5")).toBe("so");
    expect(resolveLocale(null, "nb-NO")).toBe("nb");
    expect(resolveLocale(null, "no")).toBe("nb");
    expect(resolveLocale(undefined, "de-DE, fr;q=0.5")).toBe("nb");
    expect(resolveLocale("<script>", "")).toBe("nb");
  });

  it("shows finder locales only on allLocales pages, English elsewhere", () => {
    expect(pageLocaleOf("ar", true)).toBe("ar");
    expect(pageLocaleOf("ar", false)).toBe("en");
    expect(pageLocaleOf("nn", false)).toBe("nn");
    expect(fullLocaleOf("prs")).toBe("en");
    expect(patternHasAllLocales("/aktiviteter/:id")).toBe(true);
    expect(patternHasAllLocales("aktiviteter")).toBe(true);
    expect(patternHasAllLocales("/")).toBe(true);
    expect(patternHasAllLocales("/logg-inn")).toBe(false);
    expect(patternHasAllLocales("/aktiviteter/:id/rediger")).toBe(false);
    expect(patternHasAllLocales(undefined)).toBe(false);
  });

  it("formats numbers and dates for each finder locale (Dari as Afghan Persian, Gregorian calendar)", () => {
    const date = new Date("2026-12-02T17:00:00Z");
    const month = (locale: keyof typeof intlLocale) =>
      new Intl.DateTimeFormat(intlLocale[locale], { month: "long", year: "numeric", timeZone: "Europe/Oslo" }).format(date);
    expect(month("prs"), "Gregorian year in Dari digits, not the solar hijri 1405").toContain("۲۰۲۶");
    expect(month("ar")).toContain("ديسمبر");
    expect(month("uk")).toContain("грудень");
    for (const locale of finderLocales) expect(new Intl.PluralRules(intlLocale[locale]).resolvedOptions().locale, locale).not.toBe("en");
  });

  it("lists exactly the routes whose module exports handle.allLocales = true", () => {
    type Entry = { path?: string; file: string; index?: boolean; children?: Entry[] };
    const flagged: string[] = [];
    const visit = (entries: Entry[], prefix: string) => {
      for (const entry of entries) {
        const pattern = entry.index ? prefix || "/" : `${prefix}/${entry.path ?? ""}`.replace(/\/+/g, "/");
        const source = readFileSync(path.join(root, "app", entry.file), "utf8");
        if (/export const handle\b[^;]*\ballLocales:\s*true/.test(source)) flagged.push(pattern);
        if (entry.children) visit(entry.children, pattern === "/" ? "" : pattern);
      }
    };
    visit(routes as Entry[], "");
    expect(flagged.sort()).toEqual([...allLocalesRoutePatterns].sort());
  });
});

/** Sample values so a message can be formatted (finds errors only formatting shows). */
function sampleValues(text: string): Record<string, string | number> {
  return Object.fromEntries(argumentNames(text).map((name) => [name, 1]));
}

/** The top-level argument names a message uses ({name}, {count, plural, …}). */
function argumentNames(text: string): string[] {
  const names = new Set<string>();
  const parsed = new IntlMessageFormat(text, "nb").getAst();
  const visit = (nodes: unknown[]) => {
    for (const node of nodes as { type: number; value?: string; options?: Record<string, { value: unknown[] }>; children?: unknown[] }[]) {
      // Types 1-6 are argument, number, date, time, select, plural (see @formatjs/icu-messageformat-parser).
      if (node.type >= 1 && node.type <= 6 && typeof node.value === "string") names.add(node.value);
      if (node.options) for (const option of Object.values(node.options)) visit(option.value);
      if (node.children) visit(node.children);
    }
  };
  visit(parsed);
  return [...names].sort();
}

/** Source files under app/ (tests excluded: they may use made-up keys). */
function sourceFiles(dir: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) files.push(...sourceFiles(full));
    else if (/\.(ts|tsx)$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) && !entry.name.endsWith(".d.ts")) files.push(full);
  }
  return files;
}

const KEY = String.raw`[a-z][A-Za-z0-9]*(?:\.[A-Za-z0-9_-]+)+`;
/** Places the code names a message key as a string literal. */
const keyPatterns: RegExp[] = [
  // t("key"), t('key', …), translate("key"), tr("key"): any translate function named t/tr/translate.
  new RegExp(String.raw`\b(?:t|tr|translate)\(\s*["'](${KEY})["']`, "g"),
  // translateDynamic(locale, "key")
  new RegExp(String.raw`translateDynamic\(\s*[^,]+,\s*["'](${KEY})["']`, "g"),
  // new AppError("code", "key")
  new RegExp(String.raw`AppError\(\s*["'][a-z_]+["']\s*,\s*["'](${KEY})["']`, "g"),
  // { error: "validation.required" }, messageKey: "errors.notFound", key: "validation.x", formError: "…", labelKey: "…"
  new RegExp(String.raw`\b(?:error|message|messageKey|key|formError|[a-z]+Key)\s*:\s*["'](${KEY})["']`, "g"),
  // Any literal in the validation and error areas, e.g. helper arguments: optionalCode(/…/, "validation.admin.county").
  new RegExp(String.raw`["']((?:validation|errors)\.[A-Za-z0-9_.-]+)["']`, "g"),
];

/** A string that looks like a key of one of the catalogue's areas (so file names, URLs and the like are not taken for keys). */
function looksLikeMessageKey(candidate: string, prefixes: Set<string>): boolean {
  return prefixes.has(candidate.split(".")[0]!) && !/\.(ts|tsx|js|json|css|svg|png)$/.test(candidate);
}

describe("keys used in the code", () => {
  const files = sourceFiles(path.join(root, "app"));
  const prefixes = new Set(Object.keys(messages.nb).map((k) => k.split(".")[0]!));
  // Keys of a new area whose keys were all forgotten are still caught by the t("…") pattern, which takes any prefix.

  it("finds keys to check (the scanner works)", () => {
    const found = files.flatMap((file) => usedKeys(readFileSync(file, "utf8"), prefixes));
    expect(found.length).toBeGreaterThan(20);
  });

  it("every key used in app/ exists in bokmål", () => {
    const missing: string[] = [];
    for (const file of files) {
      for (const key of usedKeys(readFileSync(file, "utf8"), prefixes)) {
        if (!(key in messages.nb)) missing.push(`${key} (${path.relative(root, file)})`);
      }
    }
    expect([...new Set(missing)]).toEqual([]);
  });

  it("has the error page titles the root error boundary builds from the status", () => {
    for (const status of [400, 401, 403, 404, 405, 409, 429, 500]) expect(messages.nb, `errors.title.${status}`).toHaveProperty([`errors.title.${status}`]);
  });
});

function usedKeys(source: string, prefixes: Set<string>): string[] {
  const keys: string[] = [];
  keyPatterns.forEach((pattern, index) => {
    for (const match of source.matchAll(pattern)) {
      const key = match[1]!;
      // t("…") is always a message key; the looser patterns only count keys of known areas.
      if (index === 0 || looksLikeMessageKey(key, prefixes)) keys.push(key);
    }
  });
  return keys;
}
