import { Form, Link } from "react-router";
import { Alert, Button, Heading, Paragraph, Card, CardBlock } from "@digdir/designsystemet-react";
import { labelOf } from "~/i18n/labels.ts";
import type { Route } from "./+types/home";
import { useFormat, useT } from "~/i18n/use-t.ts";
import { getActor, guard } from "~/lib/route.server.ts";
import { getStartPage, type StartPage } from "~/domain/home/start.server.ts";
import { CsrfField } from "~/components/csrf.tsx";
import { TextField } from "~/components/form.tsx";
import { NeedsStart } from "~/components/start/needs-start.tsx";
import { VolunteersStart } from "~/components/start/volunteers-start.tsx";
import { PlacementsStart } from "~/components/start/placements-start.tsx";

export const handle = { hydrate: false, allLocales: true };

export function meta() {
  return [{ title: "Samspill" }];
}

export async function loader({ request, context }: Route.LoaderArgs) {
  const actor = getActor(context);
  return {
    signedIn: actor.kind === "user",
    accountDeleted: new URL(request.url).searchParams.get("konto") === "slettet",
    work: await guard(request, () => getStartPage(actor)),
  };
}

export default function Home({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const { work, signedIn } = loaderData;
  return (
    <div className="page">
      <Heading level={1} data-size="xl">
        {t("app.name")}
      </Heading>
      {loaderData.accountDeleted ? (
        <Alert data-color="success" role="status">
          {t("account.deleted.notice")}
        </Alert>
      ) : null}
      <Paragraph data-size="lg">{t("app.tagline")}</Paragraph>
      {work ? <YourWork work={work} /> : <FindActivities />}
      <Paragraph>{t("home.intro")}</Paragraph>
      <ul className="card-grid">
        {signedIn ? (
          <li>
            <HomeCard to="/aktiviteter" title={t("finder.title")} text={t("start.finder.text")} />
          </li>
        ) : null}
        <li>
          <HomeCard to="/organisasjoner" title={t("home.organizations.title")} text={t("home.organizations.text")} />
        </li>
        <li>
          <HomeCard to="/kommuner" title={t("home.municipalities.title")} text={t("home.municipalities.text")} />
        </li>
        <li>
          <HomeCard to="/kompetansesenter" title={t("competence.centre.title")} text={t("competence.centre.cardText")} />
        </li>
        {signedIn ? (
          <li>
            <HomeCard to="/verksteder" title={t("workshops.list.title")} text={t("workshops.home.cardText")} />
          </li>
        ) : null}
        {signedIn ? null : (
          <li>
            <HomeCard to="/logg-inn" title={t("home.signIn.title")} text={t("home.signIn.text")} />
          </li>
        )}
      </ul>
    </div>
  );
}

function HomeCard({ to, title, text }: { to: string; title: string; text: string }) {
  return (
    <Card data-color="neutral">
      <CardBlock>
        <Heading level={2} data-size="sm">
          <Link to={to}>{title}</Link>
        </Heading>
        <Paragraph>{text}</Paragraph>
      </CardBlock>
    </Card>
  );
}

/** Most visitors come to find something to join: the finder's search comes first for them. */
function FindActivities() {
  const t = useT();
  return (
    <section aria-labelledby="home-find-heading" className="stack home-find">
      <Heading level={2} data-size="md" id="home-find-heading">
        {t("finder.title")}
      </Heading>
      <Paragraph>{t("finder.intro")}</Paragraph>
      <form method="get" action="/aktiviteter" role="search" aria-labelledby="home-find-heading" className="home-find-form">
        <TextField name="q" type="search" label={t("finder.q")} maxLength={200} />
        <Button type="submit">{t("finder.submit")}</Button>
      </form>
      <Paragraph>
        <Link to="/aktiviteter">{t("home.finder.all")}</Link>
      </Paragraph>
    </section>
  );
}

function YourWork({ work }: { work: StartPage }) {
  const t = useT();
  const nothing = work.kommuner.length + work.counties.length + work.organizations.length === 0 && !work.nation;
  return (
    <section aria-labelledby="home-work-heading" className="stack">
      <Heading level={2} data-size="md" id="home-work-heading">
        {t("start.work.heading", { name: work.name })}
      </Heading>
      {nothing ? (
        <Paragraph data-testid="home-work-empty">
          {t("start.work.empty")} <Link to="/organisasjoner/ny">{t("start.work.newOrganization")}</Link>
        </Paragraph>
      ) : null}
      {work.nation ? <NationalWork nation={work.nation} /> : null}
      {work.counties.map((county) => (
        <CountyWork key={county.number} county={county} />
      ))}
      {work.kommuner.map((kommune) => (
        <KommuneWork key={kommune.number} kommune={kommune} />
      ))}
      {work.invitations.length > 0 ? <ReceivedInvitations invitations={work.invitations} /> : null}
      {work.organizations.map((organization) => (
        <OrganizationWork key={organization.id} organization={organization} />
      ))}
      <NeedsStart data={work.needs} />
      <VolunteersStart data={work.volunteers} />
      <PlacementsStart data={work.placements} />
    </section>
  );
}

function KommuneWork({ kommune }: { kommune: StartPage["kommuner"][number] }) {
  const t = useT();
  const format = useFormat();
  const base = `/kommuner/${kommune.number}`;
  const headingId = `home-kommune-${kommune.number}`;
  return (
    <section aria-labelledby={headingId} className="stack home-work" data-testid={`home-kommune-${kommune.number}`}>
      <Heading level={3} data-size="sm" id={headingId}>
        {t("start.kommune.heading", { name: kommune.name })}
      </Heading>
      <ul className="home-figures">
        <li>
          <Link to={`${base}/oversikt`}>{t("start.kommune.activities", { count: kommune.activities })}</Link>
        </li>
        <li>
          <Link to={`${base}/oversikt#overview-gaps-heading`}>
            {kommune.mapped ? t("start.kommune.gaps", { count: kommune.gaps }) : t("start.kommune.notMapped")}
          </Link>
        </li>
        <li>
          <Link to={`${base}/oversikt#overview-stale-heading`}>{t("start.kommune.stale", { count: kommune.staleActivities })}</Link>
        </li>
        <li>
          <Link to={`${base}/parallelle`}>{t("start.kommune.parallel")}</Link>
        </li>
        <li data-testid={`home-follow-ups-${kommune.number}`}>
          <Link to={`${base}/oversikt#overview-parallel-heading`}>
            {t("overlap.followUp.counts", {
              suggested: kommune.followUps.suggested,
              inContact: kommune.followUps.inContact,
              partners: kommune.followUps.partners,
              distinct: kommune.followUps.distinct,
            })}
          </Link>
        </li>
        <li>
          <Link to={`${base}/bosetting`}>{t("start.kommune.settlement")}</Link>
        </li>
        <li>
          <Link to={`${base}/intern`}>{t("start.kommune.internal")}</Link>
        </li>
      </ul>
      <Heading level={4} data-size="xs">
        {t("start.kommune.changes")}
      </Heading>
      {kommune.changes.length > 0 ? (
        <ul>
          {kommune.changes.map((change) => (
            <li key={change.id}>
              <Link to={`/aktiviteter/${change.id}`}>{change.title}</Link> ({change.organizationName},{" "}
              {t(change.isNew ? "start.kommune.created" : "start.kommune.changed", { date: format.date(change.updatedAt) })})
            </li>
          ))}
        </ul>
      ) : (
        <Paragraph>{t("start.kommune.noChanges")}</Paragraph>
      )}
    </section>
  );
}

type Attention = StartPage["counties"][number]["attention"];

function AttentionList({ attention, linkYear }: { attention: Attention; linkYear: number }) {
  const t = useT();
  return (
    <>
      <Paragraph>{t("start.attention.unmapped", { count: attention.unmappedCount, min: attention.minActivities })}</Paragraph>
      {attention.mostGaps.length > 0 ? (
        <>
          <Paragraph>{t("start.attention.mostGaps")}</Paragraph>
          <ul>
            {attention.mostGaps.map((k) => (
              <li key={k.number}>
                <Link to={`/kommuner/${k.number}/oversikt?aar=${linkYear}`}>{k.name}</Link>:{" "}
                {t("start.attention.gapCount", { count: k.gaps, activities: k.activities })}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </>
  );
}

function Headline({ totals, year }: { totals: StartPage["counties"][number]["totals"]; year: number }) {
  const t = useT();
  return <Paragraph>{t("start.headline", { activities: totals.activities, kommuner: totals.kommuner, reporting: totals.reportingKommuner, year })}</Paragraph>;
}

function CountyWork({ county }: { county: StartPage["counties"][number] }) {
  const t = useT();
  const headingId = `home-county-${county.number}`;
  return (
    <section aria-labelledby={headingId} className="stack home-work" data-testid={`home-county-${county.number}`}>
      <Heading level={3} data-size="sm" id={headingId}>
        <Link to={`/fylker/${county.number}/oversikt`}>{t("start.county.heading", { name: county.name })}</Link>
      </Heading>
      <Headline totals={county.totals} year={county.year} />
      <AttentionList attention={county.attention} linkYear={county.year} />
      <Paragraph>
        <Link to="/admin/roller">{t("start.county.roles")}</Link>
      </Paragraph>
    </section>
  );
}

function NationalWork({ nation }: { nation: NonNullable<StartPage["nation"]> }) {
  const t = useT();
  return (
    <section aria-labelledby="home-national" className="stack home-work" data-testid="home-national">
      <Heading level={3} data-size="sm" id="home-national">
        <Link to="/oversikt">{t("start.national.heading")}</Link>
      </Heading>
      <Headline totals={nation.totals} year={nation.year} />
      <AttentionList attention={nation.attention} linkYear={nation.year} />
      <Paragraph>
        <Link to="/admin">{t("start.national.admin")}</Link>
      </Paragraph>
    </section>
  );
}

/** Invitations waiting for this person: only a token hash is stored, so the link is the one in the e-mail. */
function ReceivedInvitations({ invitations }: { invitations: StartPage["invitations"] }) {
  const t = useT();
  const format = useFormat();
  return (
    <section aria-labelledby="home-invitations-heading" className="stack home-work" data-testid="home-invitations">
      <Heading level={3} data-size="sm" id="home-invitations-heading">
        {t("start.invitations.heading")}
      </Heading>
      <ul>
        {invitations.map((invitation) => (
          <li key={`${invitation.organizationId}-${String(invitation.createdAt)}`}>
            <Link to={`/organisasjoner/${invitation.organizationId}`}>{invitation.organizationName}</Link>{" "}
            {t("start.invitations.item", {
              role: labelOf(t, "membershipRole", invitation.role),
              date: format.date(invitation.createdAt),
              expires: format.date(invitation.expiresAt),
            })}
          </li>
        ))}
      </ul>
      <Paragraph data-size="sm">{t("start.invitations.howTo")}</Paragraph>
    </section>
  );
}

function OrganizationWork({ organization }: { organization: StartPage["organizations"][number] }) {
  const t = useT();
  const format = useFormat();
  const base = `/organisasjoner/${organization.id}`;
  const headingId = `home-organization-${organization.id}`;
  return (
    <section aria-labelledby={headingId} className="stack home-work" data-testid={`home-organization-${organization.id}`}>
      <Heading level={3} data-size="sm" id={headingId}>
        <Link to={base}>{organization.name}</Link>
      </Heading>
      <Paragraph>
        <Link to={`${base}/aktiviteter`}>{t("start.organization.activities", { count: organization.activities })}</Link>
        {" · "}
        <Link to={`${base}/aktiviteter/ny`}>{t("start.organization.newActivity")}</Link>
        {organization.role === "admin" ? (
          <>
            {" · "}
            <Link to={`${base}/medlemmer`}>{t("start.organization.members")}</Link>
          </>
        ) : null}
      </Paragraph>
      {organization.partnershipRequests ? (
        <Paragraph data-testid={`home-partnerships-${organization.id}`}>
          <Link to={`${base}/aktiviteter#partnerskap`}>{t("start.organization.partnershipRequests", { count: organization.partnershipRequests })}</Link>
        </Paragraph>
      ) : null}
      {organization.similar ? (
        <Paragraph data-testid={`home-similar-${organization.id}`}>
          <Link to={`${base}/aktiviteter#lignende`}>{t("start.organization.similar")}</Link>
          {organization.similar.openFollowUps > 0 ? ` – ${t("start.organization.openFollowUps", { count: organization.similar.openFollowUps })}` : null}
        </Paragraph>
      ) : null}
      {organization.invitations && organization.invitations.count > 0 ? (
        <div data-testid={`home-invitations-${organization.id}`}>
          <Paragraph>
            <Link to={`${base}/medlemmer`}>{t("start.organization.invitationsSent", { count: organization.invitations.count })}</Link>
          </Paragraph>
          <ul>
            {organization.invitations.latest.map((invitation) => (
              <li key={`${invitation.email}-${String(invitation.createdAt)}`}>
                {t("start.organization.invitationSent", {
                  email: invitation.email,
                  role: labelOf(t, "membershipRole", invitation.role),
                  date: format.date(invitation.createdAt),
                  expires: format.date(invitation.expiresAt),
                })}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {organization.toConfirmCount > 0 ? (
        <>
          <Paragraph>{t("start.organization.toConfirm", { count: organization.toConfirmCount })}</Paragraph>
          <ul className="home-confirm-list">
            {organization.toConfirm.map((activity) => (
              <li key={activity.id}>
                <Link to={`/aktiviteter/${activity.id}`}>{activity.title}</Link>
                <Form method="post" action={`/aktiviteter/${activity.id}/bekreft`}>
                  <CsrfField />
                  <input type="hidden" name="next" value="/" />
                  <Button type="submit" data-size="sm" variant="secondary" aria-label={t("activityAdmin.confirm.buttonNamed", { activity: activity.title })}>
                    {t("activityAdmin.confirm.button")}
                  </Button>
                </Form>
              </li>
            ))}
          </ul>
        </>
      ) : (
        <Paragraph>{t("start.organization.allConfirmed")}</Paragraph>
      )}
    </section>
  );
}
