import { Link } from "react-router";
import { pageWindow } from "~/lib/paging.ts";
import { useT } from "~/i18n/use-t.ts";

/**
 * The one pager every paged list uses: plain links (so it works without
 * JavaScript and each page has its own address), the current page marked
 * with aria-current, previous/next with rel. Renders nothing for one page.
 */
export function Pagination({
  label,
  page,
  pageCount,
  href,
}: {
  /** The landmark's name: a page can have several lists, each with its pager. */
  label: string;
  page: number;
  pageCount: number;
  /** The address of a page, keeping the list's filters. */
  href: (page: number) => string;
}) {
  const t = useT();
  if (pageCount <= 1) return null;
  return (
    <nav aria-label={label} className="pagination">
      <ul>
        {page > 1 ? (
          <li>
            <Link to={href(Math.min(page - 1, pageCount))} rel="prev">
              {t("common.previous")}
            </Link>
          </li>
        ) : null}
        {pageWindow(page, pageCount).map((n, i) =>
          n === "gap" ? (
            <li key={`gap-${i}`} aria-hidden="true">
              …
            </li>
          ) : (
            <li key={n}>
              <Link to={href(n)} aria-current={n === page ? "page" : undefined} aria-label={t("common.pageNumber", { page: n })}>
                {n}
              </Link>
            </li>
          ),
        )}
        {page < pageCount ? (
          <li>
            <Link to={href(page + 1)} rel="next">
              {t("common.next")}
            </Link>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}

/**
 * The pager of a list paged by a cursor (the audit logs: "older than this
 * entry"), where page numbers do not exist: back to the newest, and on.
 */
export function CursorPagination({
  label,
  first,
  next,
}: {
  label: string;
  first?: { href: string; label: string } | null;
  next?: { href: string; label: string } | null;
}) {
  if (!first && !next) return null;
  return (
    <nav aria-label={label} className="pagination">
      <ul>
        {first ? (
          <li>
            <Link to={first.href}>{first.label}</Link>
          </li>
        ) : null}
        {next ? (
          <li>
            <Link to={next.href} rel="next">
              {next.label}
            </Link>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}
