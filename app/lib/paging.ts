import { z } from "zod";

/**
 * Page arithmetic for every paged list, in one place: reading `?side=N` (or
 * `?page=N`) safely, the rows of a page, how many pages there are, and which
 * page numbers a pager shows. No React and no database, so domain modules,
 * routes and components share it.
 */

/** The largest page number a list accepts; anything above reads as page 1 (a link can never make a page fail). */
export const MAX_PAGE = 100_000;

/**
 * A page number from the address bar or a form: a positive integer, 1 when
 * missing or nonsense ("abc", "-4", "2.5", "", above `max`). A function, so
 * importing this module builds no schema (pages that only need pageWindow).
 */
export function pageNumberSchema(max: number = MAX_PAGE) {
  return z.coerce.number().int().min(1).max(max).catch(1);
}

/** `parsePage(params.get("side"))`: the page number, 1 for anything that is not one. */
export function parsePage(value: unknown, max: number = MAX_PAGE): number {
  return pageNumberSchema(max).parse(value ?? 1);
}

/** How many pages `total` rows fill: at least 1, so an empty list is page 1 of 1. */
export function pageCount(total: number, pageSize: number): number {
  return Math.max(1, Math.ceil(total / pageSize));
}

/** A page past the end shows the last one. */
export function clampPage(page: number, pages: number): number {
  return Math.min(Math.max(page, 1), Math.max(pages, 1));
}

/** The rows of `page` as SQL's LIMIT/OFFSET. */
export function pageBounds(page: number, pageSize: number): { limit: number; offset: number } {
  return { limit: pageSize, offset: (page - 1) * pageSize };
}

/** One page of a list already in memory; a page past the end shows the last one. */
export function pageOf<T>(items: readonly T[], requestedPage: number, pageSize: number): { page: number; pageCount: number; rows: T[] } {
  const pages = pageCount(items.length, pageSize);
  const page = clampPage(requestedPage, pages);
  const { offset } = pageBounds(page, pageSize);
  return { page, pageCount: pages, rows: items.slice(offset, offset + pageSize) };
}

/** Page numbers a pager shows: the first, the last, and two either side of the current one, with gaps between. */
export function pageWindow(page: number, pages: number): (number | "gap")[] {
  const shown = new Set([1, pages, page - 2, page - 1, page, page + 1, page + 2].filter((n) => n >= 1 && n <= pages));
  const sorted = [...shown].sort((a, b) => a - b);
  const out: (number | "gap")[] = [];
  sorted.forEach((n, i) => {
    if (i > 0 && n - sorted[i - 1]! > 1) out.push("gap");
    out.push(n);
  });
  return out;
}
