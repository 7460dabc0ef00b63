import { Link } from "react-router";
import { Heading, Paragraph } from "@digdir/designsystemet-react";
import { Section } from "~/components/section.tsx";
import { label } from "~/i18n/labels.ts";
import { useT } from "~/i18n/use-t.ts";
import type { ObstacleTheme } from "~/domain/workshops/workshops.constants.ts";

export interface TopObstacles {
  themes: { theme: ObstacleTheme; kommuner: number; workshops: number; votes: number }[];
  obstacles: { id: string; text: string; theme: ObstacleTheme; votes: number; municipalityName: string }[];
  total: number;
}

/** "Top obstacles" from the development workshops on the kommune, county and national overviews (issue 13). */
export function TopObstaclesSection({ top, showLink, showKommune = true }: { top: TopObstacles; showLink: boolean; showKommune?: boolean }) {
  const t = useT();
  return (
    <Section id="overview-top-obstacles" heading={t("workshops.common.overviewHeading")} empty={top.total === 0 ? t("workshops.common.overviewEmpty") : null}>
      <Heading level={3} data-size="2xs">
        {t("workshops.common.overviewThemes")}
      </Heading>
      <ul>
        {top.themes.map((th) => (
          <li key={th.theme}>
            {label(t, "obstacleTheme", th.theme)}:{" "}
            {t("workshops.common.clusterMeta", { workshops: th.workshops, kommuner: `${t("workshops.common.kommuner")} ${th.kommuner}`, votes: th.votes })}
          </li>
        ))}
      </ul>
      <Heading level={3} data-size="2xs">
        {t("workshops.common.overviewObstacles")}
      </Heading>
      <ol>
        {top.obstacles.map((o) => (
          <li key={o.id}>
            {o.text} ({showKommune ? `${o.municipalityName}, ` : ""}
            {t("workshops.report.votes", { count: o.votes })})
          </li>
        ))}
      </ol>
      {showLink ? (
        <Paragraph data-size="sm">
          <Link to="/verksteder/hindringer-pa-tvers">{t("workshops.common.overviewLink")}</Link>
        </Paragraph>
      ) : null}
    </Section>
  );
}
