import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { clampPage, MAX_PAGE, pageBounds, pageCount, pageOf, pageWindow, parsePage } from "~/lib/paging.ts";

describe("page numbers from the address bar", () => {
  it("reads a positive integer and takes anything else for page 1", () => {
    expect(parsePage("3")).toBe(3);
    expect(parsePage(7)).toBe(7);
    for (const nonsense of [undefined, null, "", "abc", "-4", "0", "2.5", "<script>", "NaN", "Infinity", String(MAX_PAGE + 1), ["2", "3"], {}]) {
      expect(parsePage(nonsense), JSON.stringify(nonsense)).toBe(1);
    }
    expect(parsePage(String(MAX_PAGE))).toBe(MAX_PAGE);
    expect(parsePage("11", 10)).toBe(1);
  });

  it("never gives anything but a whole page number within bounds", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.integer(), fc.double(), fc.constant(undefined)), (value) => {
        const page = parsePage(value);
        expect(Number.isInteger(page) && page >= 1 && page <= MAX_PAGE).toBe(true);
      }),
    );
  });
});

describe("page arithmetic", () => {
  it("counts pages, at least one", () => {
    expect(pageCount(0, 20)).toBe(1);
    expect(pageCount(20, 20)).toBe(1);
    expect(pageCount(21, 20)).toBe(2);
    expect(pageCount(1000, 20)).toBe(50);
  });

  it("turns a page into LIMIT/OFFSET", () => {
    expect(pageBounds(1, 25)).toEqual({ limit: 25, offset: 0 });
    expect(pageBounds(3, 25)).toEqual({ limit: 25, offset: 50 });
  });

  it("shows the last page for a page past the end, the first for one before it", () => {
    expect(clampPage(9, 4)).toBe(4);
    expect(clampPage(0, 4)).toBe(1);
    expect(clampPage(2, 0)).toBe(1);
  });

  it("pages a list in memory", () => {
    const items = Array.from({ length: 45 }, (_, i) => i);
    expect(pageOf(items, 1, 20)).toEqual({ page: 1, pageCount: 3, rows: items.slice(0, 20) });
    expect(pageOf(items, 3, 20).rows).toEqual([40, 41, 42, 43, 44]);
    expect(pageOf(items, 99, 20).page).toBe(3);
    expect(pageOf([], 5, 20)).toEqual({ page: 1, pageCount: 1, rows: [] });
  });

  it("covers every row exactly once across the pages", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 300 }), fc.integer({ min: 1, max: 40 }), (total, size) => {
        const items = Array.from({ length: total }, (_, i) => i);
        const pages = pageCount(total, size);
        const seen = Array.from({ length: pages }, (_, i) => pageOf(items, i + 1, size).rows).flat();
        expect(seen).toEqual(items);
      }),
    );
  });
});

describe("the pager's page numbers", () => {
  it("shows the first, the last and two either side of the current page, with gaps", () => {
    expect(pageWindow(1, 1)).toEqual([1]);
    expect(pageWindow(1, 5)).toEqual([1, 2, 3, "gap", 5]);
    expect(pageWindow(5, 10)).toEqual([1, "gap", 3, 4, 5, 6, 7, "gap", 10]);
    expect(pageWindow(10, 10)).toEqual([1, "gap", 8, 9, 10]);
    expect(pageWindow(4, 7)).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });
});
