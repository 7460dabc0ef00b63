import { Paragraph } from "@digdir/designsystemet-react";
import { useIntl } from "react-intl";
import { DataTable } from "~/components/data-table.tsx";
import { Section } from "~/components/section.tsx";
import { useT } from "~/i18n/use-t.ts";
import { SHORT_PLACEMENT_DAYS, SHORT_PLACEMENT_FLAG_MIN } from "~/domain/placements/placements.constants.ts";

/** The placement figures' shape as the overview loaders return them (placementFiguresFor). */
interface Figures {
  placements: number;
  places: number;
  completed: number;
  extended: number;
  lastingWork: number;
  endedEarly: number;
  ended: number;
  share: number | null;
}

/**
 * "Placements that became lasting work" on the kommune, county and national
 * overviews (issue 14): the share, the counts behind it, per kommune or fylke
 * where there are several, and the employers flagged for repeated short
 * placements — the overviews are for those who coordinate, never public.
 */
export function PlacementFiguresSection({
  figures,
  showKommune,
}: {
  figures: {
    total: Figures;
    byArea: (Figures & { area: string; name: string })[];
    flagged: { organizationId: string; name: string; kommuner: string; shortPlacements: number }[];
  };
  showKommune: boolean;
}) {
  const t = useT();
  const intl = useIntl();
  const percent = (share: number | null) => (share === null ? "–" : intl.formatNumber(share, { style: "percent", maximumFractionDigits: 0 }));
  const { total } = figures;
  return (
    <Section id="praksis-fast-arbeid" heading={t("placementFollowup.figures.heading")}>
      <Paragraph>{t("placementFollowup.figures.intro")}</Paragraph>
      <Paragraph data-testid="lasting-work-share">
        {total.share === null
          ? t("placementFollowup.figures.none")
          : t("placementFollowup.figures.share", { share: percent(total.share), lastingWork: total.lastingWork, ended: total.ended })}
      </Paragraph>
      <Paragraph data-size="sm">
        {t("placementFollowup.figures.placements", { placements: total.placements, places: total.places })}{" "}
        {t("placementFollowup.figures.counts", {
          completed: total.completed,
          extended: total.extended,
          lastingWork: total.lastingWork,
          endedEarly: total.endedEarly,
        })}
      </Paragraph>
      {figures.byArea.length > 0 ? (
        <>
          <h3 className="ds-heading" data-size="2xs" id="praksis-fast-arbeid-omrade">
            {t("placementFollowup.figures.byArea")}
          </h3>
          <DataTable
            labelledBy="praksis-fast-arbeid-omrade"
            rows={figures.byArea}
            rowKey={(r) => r.area}
            columns={[
              { header: t("placementFollowup.figures.column.area"), cell: (r) => r.name },
              { header: t("placementFollowup.figures.column.placements"), cell: (r) => r.placements },
              { header: t("placementFollowup.figures.column.ended"), cell: (r) => r.ended },
              { header: t("placementFollowup.figures.column.lastingWork"), cell: (r) => r.lastingWork },
              { header: t("placementFollowup.figures.column.share"), cell: (r) => percent(r.share) },
            ]}
          />
        </>
      ) : null}
      <h3 className="ds-heading" data-size="2xs" id="praksis-flagg">
        {t("placementFollowup.flag.heading")}
      </h3>
      <Paragraph data-size="sm">{t("placementFollowup.flag.intro", { min: SHORT_PLACEMENT_FLAG_MIN, days: SHORT_PLACEMENT_DAYS })}</Paragraph>
      <DataTable
        labelledBy="praksis-flagg"
        rows={figures.flagged}
        rowKey={(r) => r.organizationId}
        empty={t("placementFollowup.flag.empty")}
        columns={[
          { header: t("placementFollowup.flag.column.employer"), cell: (r) => r.name },
          showKommune && { header: t("placementFollowup.flag.column.kommune"), cell: (r) => r.kommuner },
          { header: t("placementFollowup.flag.column.short"), cell: (r) => r.shortPlacements },
        ]}
      />
    </Section>
  );
}
