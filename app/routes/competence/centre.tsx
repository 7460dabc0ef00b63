import { Link } from "react-router";
import { Heading, Paragraph } from "@digdir/designsystemet-react";
import type { Route } from "./+types/centre";
import { Section } from "~/components/section.tsx";
import { getTranslator } from "~/i18n/translate.ts";
import { label } from "~/i18n/labels.ts";
import { useFormat, useT } from "~/i18n/use-t.ts";
import type { Translate } from "~/i18n/translate.ts";
import { getActor, getLocale } from "~/lib/route.server.ts";
import { eventTypeLabels } from "~/domain/events/events.constants.ts";
import { competenceTopics, type CompetenceTopic } from "~/domain/competence/topics.ts";
import { getCompetenceCentre, type CompetenceCentre } from "~/domain/competence/centre.server.ts";
import type { GuidanceListItem } from "~/domain/guidance/guidance.server.ts";
import { holderName, StatusTag } from "../guidance/guidance-ui.tsx";
import { ResponseTimesSummary, ResponseTimesTable } from "./response-times-ui.tsx";

/** Lists and links only: nothing here needs JavaScript. */
export const handle = { hydrate: false };

export function meta({ loaderData }: Route.MetaArgs) {
  return [{ title: `${loaderData?.title ?? "Kompetansesenteret"} – Samspill` }];
}

export async function loader({ context }: Route.LoaderArgs) {
  const locale = getLocale(context);
  const centre = await getCompetenceCentre(getActor(context), { locale });
  return { title: getTranslator(locale)("competence.centre.title"), centre };
}

type Events = CompetenceCentre["public"]["events"];

function isCompetenceTopic(value: string): value is CompetenceTopic {
  return (competenceTopics as readonly string[]).includes(value);
}
type Stories = CompetenceCentre["public"]["stories"];

function RequestList({ rows, showOrganization }: { rows: GuidanceListItem[]; showOrganization: boolean }) {
  const t = useT();
  const format = useFormat();
  return (
    <ul className="stack">
      {rows.map((r) => (
        <li key={r.id}>
          <Link to={`/veiledning/${r.id}`}>{r.title}</Link> <StatusTag t={t} status={r.status} />
          <br />
          <span className="muted">
            {showOrganization
              ? t("competence.centre.requestMeta", { organization: r.organizationName, kommune: r.municipalityName, date: format.date(r.submittedAt) })
              : t("competence.centre.requestHeldBy", { holder: holderName(t, r.holder), date: format.date(r.submittedAt) })}
          </span>
        </li>
      ))}
    </ul>
  );
}

function EventList({ events, t }: { events: Events; t: Translate }) {
  const format = useFormat();
  return (
    <ul className="stack">
      {events.map((e) => (
        <li key={e.id}>
          <Link to={`/arrangementer/${e.id}`}>{e.title}</Link>
          <br />
          <span className="muted">
            {t("competence.centre.eventMeta", {
              type: t(eventTypeLabels[e.type]),
              date: format.dateTime(e.nextStartsAt),
              place: e.municipalityName ?? e.countyName ?? (e.online ? t("competence.centre.online") : (e.place ?? "")),
            })}
          </span>
        </li>
      ))}
    </ul>
  );
}

function StoryList({ stories, t }: { stories: Stories; t: Translate }) {
  return (
    <ul className="stack">
      {stories.map((s) => (
        <li key={s.id}>
          <Link to={`/erfaringer/${s.id}`}>{s.title}</Link>
          <br />
          <span className="muted">
            {t("competence.centre.storyMeta", {
              organization: s.organizationName,
              kommune: s.municipalityName,
              topics: s.topics
                .filter(isCompetenceTopic)
                .map((topic) => label(t, "competenceTopic", topic))
                .join(", "),
            })}
          </span>
        </li>
      ))}
    </ul>
  );
}

export default function CompetenceCentrePage({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const format = useFormat();
  const { centre } = loaderData;
  const { inbox, kommuner, counties, nation, organization } = centre;
  return (
    <div className="page competence-centre">
      <Heading level={1} data-size="lg">
        {t("competence.centre.title")}
      </Heading>
      <Paragraph data-size="lg">{t("competence.centre.intro")}</Paragraph>

      {organization ? (
        <Section id="centre-organization" heading={t("competence.centre.organization.heading")}>
          <Paragraph>{t("competence.centre.organization.intro")}</Paragraph>
          <Paragraph>
            <Link to="/veiledning/ny" className="ds-button" data-variant="primary">
              {t("competence.centre.askForGuidance")}
            </Link>
          </Paragraph>
          <Heading level={3} data-size="2xs">
            {t("competence.centre.organization.requests")}
          </Heading>
          {organization.requests.rows.length ? (
            <>
              <RequestList rows={organization.requests.rows} showOrganization={false} />
              <Paragraph data-size="sm">
                <Link to="/veiledning?liste=egne">{t("competence.centre.allOwnRequests", { count: organization.requests.total })}</Link>
              </Paragraph>
            </>
          ) : (
            <Paragraph>{t("competence.centre.organization.noRequests")}</Paragraph>
          )}
          {organization.storyOrganizations.length ? (
            <>
              <Heading level={3} data-size="2xs">
                {t("competence.centre.shareStory")}
              </Heading>
              <ul>
                {organization.storyOrganizations.map((o) => (
                  <li key={o.id}>
                    <Link to={`/organisasjoner/${o.id}/erfaringer/ny`}>{t("competence.centre.shareStoryFor", { name: o.name })}</Link>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </Section>
      ) : null}

      {inbox ? (
        <Section id="centre-inbox" heading={t("competence.centre.inbox.heading")}>
          {inbox.rows.length ? (
            <>
              <RequestList rows={inbox.rows} showOrganization />
              <Paragraph data-size="sm">
                <Link to="/veiledning?liste=innboks">{t("competence.centre.inbox.all", { count: inbox.total })}</Link>
              </Paragraph>
            </>
          ) : (
            <Paragraph>{t("competence.centre.inbox.empty")}</Paragraph>
          )}
        </Section>
      ) : null}

      {kommuner.map((k) => (
        <Section key={k.number} id={`centre-kommune-${k.number}`} heading={t("competence.centre.kommune.heading", { name: k.name })}>
          <ResponseTimesSummary id={`centre-kommune-${k.number}-times`} times={k.responseTimes} heading={t("competence.responseTimes.heading")} level={3} />
          <Heading level={3} data-size="2xs">
            {t("competence.centre.events.inKommune", { name: k.name })}
          </Heading>
          {k.events.length ? <EventList events={k.events} t={t} /> : <Paragraph>{t("competence.centre.events.none")}</Paragraph>}
          <Heading level={3} data-size="2xs">
            {t("competence.centre.stories.inKommune", { name: k.name })}
          </Heading>
          {k.stories.length ? <StoryList stories={k.stories} t={t} /> : <Paragraph>{t("competence.centre.stories.none")}</Paragraph>}
          <Paragraph data-size="sm">
            <Link to={`/kommuner/${k.number}/oversikt`}>{t("competence.centre.kommune.overview", { name: k.name })}</Link> ·{" "}
            <Link to="/erfaringer/til-godkjenning">{t("competence.centre.stories.review")}</Link>
          </Paragraph>
        </Section>
      ))}

      {counties.map((c) => (
        <Section key={c.number} id={`centre-county-${c.number}`} heading={t("competence.centre.county.heading", { name: c.name })}>
          <Heading level={3} data-size="2xs">
            {t("competence.centre.county.networks")}
          </Heading>
          {c.networks.length ? (
            <ul>
              {c.networks.map((n) => (
                <li key={n.id}>
                  <Link to={`/nettverk/${n.id}`}>{n.name}</Link> <span className="muted">{t("competence.centre.county.members", { count: n.members })}</span>
                </li>
              ))}
            </ul>
          ) : (
            <Paragraph>{t("competence.centre.county.noNetworks")}</Paragraph>
          )}
          <Heading level={3} data-size="2xs">
            {t("competence.centre.county.courses", { name: c.name })}
          </Heading>
          {c.courses.length ? <EventList events={c.courses} t={t} /> : <Paragraph>{t("competence.centre.events.none")}</Paragraph>}
          <ResponseTimesTable
            id={`centre-county-${c.number}-times`}
            heading={t("competence.responseTimes.county.heading")}
            caption={t("competence.responseTimes.county.caption", { county: c.name })}
            areaColumn={t("competence.responseTimes.col.kommune")}
            rows={c.responseTimes.kommuner}
            total={{ label: t("competence.responseTimes.total.county"), times: c.responseTimes.county }}
            hrefFor={(row) => `/kommuner/${row.number}/oversikt`}
            level={3}
          />
          <Paragraph data-size="sm">
            <Link to={`/fylker/${c.number}/oversikt`}>{t("competence.centre.county.activity", { name: c.name })}</Link> ·{" "}
            <Link to="/undersokelser">{t("competence.centre.surveys.all")}</Link>
          </Paragraph>
        </Section>
      ))}

      {nation ? (
        <Section id="centre-national" heading={t("competence.centre.national.heading")}>
          <Heading level={3} data-size="2xs">
            {t("competence.centre.national.events")}
          </Heading>
          {nation.events.length ? <EventList events={nation.events} t={t} /> : <Paragraph>{t("competence.centre.events.none")}</Paragraph>}
          <Heading level={3} data-size="2xs">
            {t("competence.centre.national.surveys")}
          </Heading>
          {nation.surveys.length ? (
            <ul>
              {nation.surveys.map((s) => (
                <li key={s.id}>
                  <Link to={`/undersokelser/${s.id}`}>{s.title}</Link>{" "}
                  <span className="muted">
                    {t(s.open ? "competence.centre.survey.open" : "competence.centre.survey.closed", {
                      answered: s.answered,
                      sent: s.sent,
                      date: format.date(s.closesAt),
                    })}
                  </span>
                </li>
              ))}
            </ul>
          ) : (
            <Paragraph>{t("competence.centre.national.noSurveys")}</Paragraph>
          )}
          <Paragraph data-size="sm">
            <Link to="/undersokelser">{t("competence.centre.surveys.all")}</Link>
          </Paragraph>
          <ResponseTimesTable
            id="centre-national-times"
            heading={t("competence.responseTimes.national.heading")}
            caption={t("competence.responseTimes.national.caption")}
            areaColumn={t("competence.responseTimes.col.fylke")}
            rows={nation.responseTimes.fylker}
            total={{ label: t("competence.responseTimes.total.national"), times: nation.responseTimes.national }}
            hrefFor={(row) => `/fylker/${row.number}/oversikt`}
            level={3}
          />
          <Paragraph data-size="sm">
            <Link to="/oversikt">{t("competence.centre.national.overview")}</Link>
          </Paragraph>
        </Section>
      ) : null}

      <Section id="centre-public" heading={t("competence.centre.public.heading")}>
        {!centre.signedIn ? <Paragraph>{t("competence.centre.public.signIn")}</Paragraph> : null}
        <Heading level={3} data-size="2xs">
          {t("competence.centre.knowledge.heading")}
        </Heading>
        {centre.public.articles.length ? (
          <ul>
            {centre.public.articles.map((a) => (
              <li key={a.id}>
                <Link to={`/kunnskap/${a.slug}`}>{a.title}</Link>
              </li>
            ))}
          </ul>
        ) : null}
        <Paragraph data-size="sm">
          <Link to="/kunnskap">{t("competence.centre.knowledge.all", { count: centre.public.articleCount })}</Link>
        </Paragraph>
        <Heading level={3} data-size="2xs">
          {t("competence.centre.events.heading")}
        </Heading>
        {centre.public.events.length ? <EventList events={centre.public.events} t={t} /> : <Paragraph>{t("competence.centre.events.none")}</Paragraph>}
        <Paragraph data-size="sm">
          <Link to="/arrangementer">{t("competence.centre.events.all")}</Link> · <Link to="/nettverk">{t("competence.centre.networks.all")}</Link>
        </Paragraph>
        <Heading level={3} data-size="2xs">
          {t("competence.centre.stories.heading")}
        </Heading>
        {centre.public.stories.length ? <StoryList stories={centre.public.stories} t={t} /> : <Paragraph>{t("competence.centre.stories.none")}</Paragraph>}
        <Paragraph data-size="sm">
          <Link to="/erfaringer">{t("competence.centre.stories.all")}</Link>
        </Paragraph>
      </Section>
    </div>
  );
}
