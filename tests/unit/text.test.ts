import { describe, expect, it } from "vitest";
import { foldText } from "~/lib/text.ts";
import { containsPattern, escapeLike } from "~/db/sql.ts";

describe("foldText", () => {
  it("lower-cases and takes accents off as samspill_unaccent does, with æ → ae and ø → o", () => {
    expect(foldText("Tønsberg")).toBe("tonsberg");
    expect(foldText("ÆRØY Åsnes")).toBe("aeroy asnes");
    expect(foldText("Kárášjohka")).toBe("karasjohka");
    expect(foldText("Café")).toBe("cafe");
  });

  it("keeps letters of other scripts", () => {
    expect(foldText("Сомалі")).toBe("сомалі");
    expect(foldText("الصومالية")).toBe("الصومالية");
  });
});

describe("LIKE patterns", () => {
  it("takes %, _ and \\ typed by a user literally", () => {
    expect(escapeLike("100%_a\\b")).toBe("100\\%\\_a\\\\b");
    expect(containsPattern("50%")).toBe("%50\\%%");
  });
});
