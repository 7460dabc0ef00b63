import { Link } from "react-router";
import { Heading, Paragraph, Tag } from "@digdir/designsystemet-react";
import type { placementsOnStartPage } from "~/domain/placements/placements-start.server.ts";
import { label } from "~/i18n/labels.ts";
import { useT } from "~/i18n/use-t.ts";

/** The placements part of the start page (issue 14); renders nothing when there is nothing for this person. */
export function PlacementsStart({ data }: { data: Awaited<ReturnType<typeof placementsOnStartPage>> }) {
  const t = useT();
  if (!data) return null;
  const { employer, followUp } = data;
  return (
    <section aria-labelledby="start-placements-heading" className="stack" data-testid="start-placements">
      <Heading level={2} data-size="sm" id="start-placements-heading">
        {t("placements.start.heading")}
      </Heading>
      {employer ? (
        <>
          <Heading level={3} data-size="xs">
            {t("placements.start.own")}
          </Heading>
          {employer.rows.length === 0 ? (
            <Paragraph>{t("placements.start.none")}</Paragraph>
          ) : (
            <ul data-testid="start-placements-own">
              {employer.rows.map((p) => (
                <li key={p.id}>
                  <Link to={`/praksisplasser/${p.id}`}>{p.title}</Link> ({label(t, "placementStatus", p.status)}) –{" "}
                  {p.followUpOrganizationName
                    ? t("placements.start.followUpBy", { name: p.followUpOrganizationName, status: label(t, "followUpStatus", p.followUpStatus) })
                    : t("placements.start.noFollowUp")}
                  {p.followUpStatus === "declined" ? (
                    <>
                      {" "}
                      <Tag data-color="warning">{label(t, "followUpStatus", p.followUpStatus)}</Tag>
                    </>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
          {employer.total > employer.rows.length ? <Paragraph>{t("placements.start.ownCount", { count: employer.total })}</Paragraph> : null}
          {data.outcomes ? (
            <Paragraph data-testid="start-placements-outcomes">
              {t("placementFollowup.start.summary", { lastingWork: data.outcomes.lastingWork, ended: data.outcomes.ended })}
            </Paragraph>
          ) : null}
          <Paragraph>
            <Link to="/praksisplasser/ny">{t("placements.start.post")}</Link> · <Link to="/praksisplasser/insentiver">{t("placements.list.incentives")}</Link>
          </Paragraph>
        </>
      ) : null}
      {followUp ? (
        <>
          <Heading level={3} data-size="xs">
            {t("placements.start.awaiting")}
          </Heading>
          {followUp.rows.length === 0 ? (
            <Paragraph>{t("placements.start.awaitingNone")}</Paragraph>
          ) : (
            <ul data-testid="start-placements-awaiting">
              {followUp.rows.map((p) => (
                <li key={p.id}>
                  <Link to={`/praksisplasser/${p.id}`}>{p.title}</Link> – {p.employerName}, {p.municipalityName}
                </li>
              ))}
            </ul>
          )}
          <Paragraph>
            <Link to="/praksisplasser/oppfolging">{t("placements.start.inbox")}</Link>
          </Paragraph>
        </>
      ) : null}
    </section>
  );
}
