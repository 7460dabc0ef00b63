import { Link } from "react-router";
import type { MessageKey } from "~/i18n/messages.ts";
import { useT } from "~/i18n/use-t.ts";

/** Shared pieces of the kommune pages (not a route: app/routes.ts lists routes explicitly). */

/** The reference data's language forms ("Bokmål", "Nynorsk", "Nøytral") as message keys. */
export function languageFormKey(languageForm: string | null): MessageKey {
  switch (languageForm) {
    case "Bokmål":
      return "municipality.languageForm.bokmal";
    case "Nynorsk":
      return "municipality.languageForm.nynorsk";
    case "Nøytral":
      return "municipality.languageForm.neutral";
    default:
      return "municipality.languageForm.unknown";
  }
}

export function organizationKindKey(kind: string): MessageKey {
  return `municipality.orgKind.${kind}` as MessageKey;
}

export { DemoTag } from "~/components/demo-tag.tsx";

/** Previous/next links for `?side=N`, keeping the rest of the address. */
export function Pagination({ basePath, page, pageCount, label }: { basePath: string; page: number; pageCount: number; label: string }) {
  const t = useT();
  if (pageCount <= 1) return null;
  const href = (target: number) => (target > 1 ? `${basePath}?side=${target}` : basePath);
  return (
    <nav aria-label={label} className="form-actions">
      {page > 1 ? <Link to={href(Math.min(page - 1, pageCount))}>{t("common.previous")}</Link> : null}
      <span>{t("municipality.pageOf", { page, pages: pageCount })}</span>
      {page < pageCount ? <Link to={href(page + 1)}>{t("common.next")}</Link> : null}
    </nav>
  );
}
