import { Pagination as SharedPagination } from "~/components/pagination.tsx";
import type { MessageKey } from "~/i18n/messages.ts";

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

export { DemoTag } from "~/components/demo-tag.tsx";

/** The shared pager for `?side=N` on a kommune page (no other parameters to keep). */
export function Pagination({ basePath, page, pageCount, label }: { basePath: string; page: number; pageCount: number; label: string }) {
  return <SharedPagination label={label} page={page} pageCount={pageCount} href={(target) => (target > 1 ? `${basePath}?side=${target}` : basePath)} />;
}
