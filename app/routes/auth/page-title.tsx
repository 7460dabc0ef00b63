import type { MessageKey } from "~/i18n/messages.ts";
import { useT } from "~/i18n/use-t.ts";

/**
 * A localised `<title>` for the sign-in and account pages, rendered by the page (React puts it in the head): a
 * meta function has no hooks, and a full page load's root data carries no messages (app/lib/page-messages.tsx).
 */
export function PageTitle({ messageKey }: { messageKey: MessageKey }) {
  const t = useT();
  return <title>{`${t(messageKey)} – ${t("app.name")}`}</title>;
}
