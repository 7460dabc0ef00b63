import { Heading, Paragraph } from "@digdir/designsystemet-react";
import type { Route } from "./+types/report-common";
import { PageHeading, Section } from "~/components/section.tsx";
import { label } from "~/i18n/labels.ts";
import { useT } from "~/i18n/use-t.ts";
import { guard, requireUser } from "~/lib/route.server.ts";
import { listCommonObstacles } from "~/domain/workshops/common-obstacles.server.ts";
import "~/styles/workshop-report.css";

/** A page to read: nothing here needs JavaScript. */
export const handle = { hydrate: false };

export function meta() {
  return [{ title: "Hindringer på tvers – Samspill" }];
}

export async function loader({ request, context }: Route.LoaderArgs) {
  const actor = requireUser(context, request);
  return guard(request, () => listCommonObstacles(actor));
}

export default function CommonObstacles({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const { scope, themes, clusters } = loaderData;
  return (
    <div className="page stack workshop-report">
      <PageHeading back={{ to: "/verksteder", label: t("workshops.common.backToWorkshops") }}>{t("workshops.common.title")}</PageHeading>
      <Paragraph>
        {t("workshops.common.intro")} {scope.level === "national" ? t("workshops.common.scope.national") : t("workshops.common.scope.county")}
      </Paragraph>
      <Section id="themes" heading={t("workshops.common.themes")} empty={themes.length === 0 ? t("workshops.common.none") : null}>
        <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="themes-heading">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("workshops.common.theme")}</th>
                <th scope="col">{t("workshops.common.kommuner")}</th>
                <th scope="col">{t("workshops.common.workshops")}</th>
                <th scope="col">{t("workshops.common.obstacleCount")}</th>
                <th scope="col">{t("workshops.common.votes")}</th>
              </tr>
            </thead>
            <tbody>
              {themes.map((th) => (
                <tr key={th.theme}>
                  <th scope="row">{label(t, "obstacleTheme", th.theme)}</th>
                  <td>{th.kommuner}</td>
                  <td>{th.workshops}</td>
                  <td>{th.obstacles}</td>
                  <td>{th.votes}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Section>
      <Section id="clusters" heading={t("workshops.common.clusters")} empty={clusters.length === 0 ? t("workshops.common.none") : null}>
        <ol className="obstacles">
          {clusters.map((c) => (
            <li key={c.members[0]!.id} className="stack">
              <Heading level={3} data-size="2xs">
                {c.text}
              </Heading>
              <Paragraph data-size="sm">
                {label(t, "obstacleTheme", c.theme)} ·{" "}
                {t("workshops.common.clusterMeta", { workshops: c.workshops, kommuner: c.kommuner.join(", "), votes: c.votes })}
              </Paragraph>
              {c.members.length > 1 ? (
                <details>
                  <summary>{t("workshops.common.members")}</summary>
                  <ul>
                    {c.members.map((m) => (
                      <li key={m.id}>
                        {m.text} ({m.municipalityName}, {t("workshops.report.votes", { count: m.votes })})
                      </li>
                    ))}
                  </ul>
                </details>
              ) : null}
              <Paragraph data-size="sm">
                <strong>{t("workshops.common.solutions")}:</strong> {c.solutions.length === 0 ? t("workshops.common.noSolutions") : null}
              </Paragraph>
              {c.solutions.length ? (
                <ul>
                  {c.solutions.map((s) => (
                    <li key={`${s.municipalityName}-${s.text}`}>
                      {s.text} ({s.municipalityName}, {t("workshops.report.votes", { count: s.votes })})
                    </li>
                  ))}
                </ul>
              ) : null}
            </li>
          ))}
        </ol>
      </Section>
    </div>
  );
}
