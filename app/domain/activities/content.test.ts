import { describe, expect, it } from "vitest";
import { fieldLanguages, localizeActivity } from "./content.ts";

const activity = {
  title: "Språkkafé",
  description: "Øv på norsk.",
  howToJoin: "Bare møt opp.",
  translations: { en: { title: "Language café", description: "Practise Norwegian." }, ar: { title: "مقهى اللغة" } },
};

function langs(locale: string) {
  return fieldLanguages(activity, locale, localizeActivity(activity, locale).lang);
}

describe("fieldLanguages", () => {
  it("marks each field with the language it is shown in", () => {
    expect(langs("en")).toEqual({ title: "en", description: "en", howToJoin: "nb", titleIsFallback: false });
  });
  it("says bokmål, and flags the fallback, where the organisation wrote nothing in the visitor's language", () => {
    expect(langs("so")).toEqual({ title: "nb", description: "nb", howToJoin: "nb", titleIsFallback: true });
    expect(langs("nn").titleIsFallback).toBe(true);
  });
  it("keeps a translated title even when the description fell back", () => {
    expect(langs("ar")).toMatchObject({ title: "ar", description: "nb", titleIsFallback: false });
  });
  it("is never a fallback in bokmål", () => {
    expect(langs("nb")).toEqual({ title: "nb", description: "nb", howToJoin: "nb", titleIsFallback: false });
  });
});
