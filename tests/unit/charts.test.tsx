import { readFileSync } from "node:fs";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { BarChart, labelLines } from "~/components/charts.tsx";

/** Every theme and target-group label the overview charts draw, in the three interface languages. */
function chartLabels(locale: "nb" | "nn" | "en"): string[] {
  const messages = JSON.parse(readFileSync(`app/i18n/${locale}/activities.json`, "utf8")) as Record<string, string>;
  return Object.entries(messages)
    .filter(([key]) => /^activity\.(theme|target)\.[a-z_]+$/.test(key))
    .map(([, label]) => label);
}

describe("bar chart labels", () => {
  it("breaks long labels at spaces into short lines and never drops a word", () => {
    expect(labelLines("Homework help")).toEqual(["Homework help"]);
    const lines = labelLines("Language and Norwegian practice for adults who have recently arrived", 20);
    expect(lines.every((line) => line.length <= 20)).toBe(true);
    expect(lines.join(" ")).toBe("Language and Norwegian practice for adults who have recently arrived");
    expect(labelLines("")).toEqual([""]);
  });

  for (const locale of ["nb", "nn", "en"] as const) {
    it(`draws every ${locale} theme and target-group label whole, left-aligned inside the chart`, () => {
      const labels = chartLabels(locale);
      expect(labels.length).toBeGreaterThan(12);
      const html = renderToStaticMarkup(
        <BarChart
          id="t"
          title="T"
          description="D"
          data={labels.map((label, i) => ({ key: String(i), label, value: i, highlight: i % 2 === 0 }))}
          highlightText="gap"
        />,
      );
      const svg = html.slice(html.indexOf("<svg"), html.lastIndexOf("</svg>"));
      // No label is cut with an ellipsis, and none is right-anchored into negative x (the clipped "anguage and…").
      expect(svg).not.toContain("…");
      expect(svg).not.toContain('text-anchor="end"');
      for (const label of labels) for (const line of labelLines(label)) expect(svg).toContain(`>${line.replace(/&/g, "&amp;")}</tspan>`);
      // Text at its real size: no viewBox that would shrink it on a phone.
      expect(svg).not.toContain("viewBox");
    });
  }
});
