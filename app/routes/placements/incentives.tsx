import { Link } from "react-router";
import { Paragraph } from "@digdir/designsystemet-react";
import type { Route } from "./+types/incentives";
import { PageHeading } from "~/components/section.tsx";
import { getTranslator } from "~/i18n/translate.ts";
import { useFormat, useT } from "~/i18n/use-t.ts";
import { getLocale } from "~/lib/route.server.ts";
import { IncentivesInfo } from "./placements-ui.tsx";

export const handle = { hydrate: false };

export function meta({ loaderData }: Route.MetaArgs) {
  return [{ title: `${loaderData?.title ?? "Tilskudd"} – Samspill` }];
}

export function loader({ context }: Route.LoaderArgs) {
  return { title: getTranslator(getLocale(context))("placements.incentives.title") };
}

export default function PlacementIncentives() {
  const t = useT();
  const format = useFormat();
  return (
    <div className="page">
      <PageHeading back={{ to: "/praksisplasser", label: t("placements.title"), size: "sm" }}>{t("placements.incentives.title")}</PageHeading>
      <Paragraph>{t("placements.incentives.intro")}</Paragraph>
      <IncentivesInfo t={t} formatDate={format.date} />
      <Paragraph>
        {t("placements.incentives.ask")} <Link to="/praksisplasser/ny">{t("placements.list.post")}</Link>
      </Paragraph>
    </div>
  );
}
