import { Link } from "react-router";
import { Paragraph } from "@digdir/designsystemet-react";
import { useT } from "~/i18n/use-t.ts";

/** The links between the run pages of one workshop (obstacles, live ranking, solutions). */
export function RunNav({ workshopId }: { workshopId: string }) {
  const t = useT();
  const base = `/verksteder/${workshopId}`;
  return (
    <nav aria-label={t("workshopRun.nav.obstacles")}>
      <Paragraph data-size="sm" className="run-nav">
        <Link to={base}>{t("workshopRun.nav.workshop")}</Link> · <Link to={`${base}/hindringer`}>{t("workshopRun.nav.obstacles")}</Link> ·{" "}
        <Link to={`${base}/hindringer/live`}>{t("workshopRun.nav.live")}</Link> · <Link to={`${base}/losninger`}>{t("workshopRun.nav.solutions")}</Link>
      </Paragraph>
    </nav>
  );
}
