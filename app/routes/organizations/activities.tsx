import { Form, Link, redirect } from "react-router";
import { Alert, Button, Heading, Paragraph, Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow, Tag } from "@digdir/designsystemet-react";
import type { Route } from "./+types/activities";
import { CsrfField } from "~/components/csrf.tsx";
import { DemoTag } from "~/components/demo-tag.tsx";
import { getTranslator } from "~/i18n/translate.ts";
import { useFormat, useT } from "~/i18n/use-t.ts";
import type { MessageKey } from "~/i18n/messages.ts";
import { labelOf } from "~/i18n/labels.ts";
import { formAction, getActor, getLocale, guard, requireUser } from "~/lib/route.server.ts";
import { formFields, intent, runIntent } from "~/lib/intents.server.ts";
import { formToObject } from "~/lib/validation.ts";
import { failureFor, PostForm, TextareaField, type FormFailure } from "~/components/form.tsx";
import { listOrganizationActivities } from "~/domain/activities/activities.server.ts";
import { listPartnerships, respondToPartnership } from "~/domain/activities/partners.server.ts";
import { getOrganization } from "~/domain/organizations/organizations.server.ts";
import { actOnSimilarPair, listSimilarForOrganization, type SimilarActivities } from "~/domain/overlap/pair-follow-up.server.ts";
import { MAX_SUGGESTION_MESSAGE } from "~/domain/overlap/overlap.schema.ts";
import { FollowUpTag, percent, ReasonTable } from "../overview/overlap-ui.tsx";
import "~/styles/overlap.css";

/** Public page: plain HTML for visitors on cheap phones (its forms work without JavaScript). */
export const handle = { hydrate: false };

export function meta({ loaderData }: Route.MetaArgs) {
  return [{ title: `${loaderData?.title ?? "Samspill"} – Samspill` }];
}

const notices = {
  slettet: "activityAdmin.notice.deleted",
  bekreftet: "activityAdmin.confirm.done",
  "samarbeid-bekreftet": "activityAdmin.partnership.confirmedNotice",
  "samarbeid-avslatt": "activityAdmin.partnership.declinedNotice",
  "samarbeid-avsluttet": "activityAdmin.partnership.endedNotice",
  "lignende-suggest": "overlap.similar.notice.suggest",
  "lignende-in_contact": "overlap.similar.notice.in_contact",
  "lignende-distinct": "overlap.similar.notice.distinct",
  "lignende-partner": "overlap.similar.notice.partner",
} as const satisfies Record<string, MessageKey>;

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const actor = getActor(context);
  const { organization, canManageActivities } = await guard(request, () => getOrganization(actor, params.id));
  const activities = await guard(request, () => listOrganizationActivities(actor, organization.id));
  // Requests from other organisations to name this one as a partner: only for those who answer for it.
  const partnerships = await guard(request, () => listPartnerships(actor, organization.id));
  // Other organisations' similar public activities: only for this organisation's admins (null for everyone else).
  const similar = await guard(request, () => listSimilarForOrganization(actor, organization.id));
  const search = new URL(request.url).searchParams;
  const notice = (Object.keys(notices) as (keyof typeof notices)[]).find((key) => search.has(key));
  return {
    title: getTranslator(getLocale(context))("activityAdmin.list.title", { organization: organization.name }),
    organization: { id: organization.id, name: organization.name, isDemo: organization.isDemo },
    activities,
    canManageActivities,
    partnerships,
    similar,
    notice: notice ? notices[notice] : null,
  };
}

/**
 * The partner organisation answers a partnership request (or ends a confirmed one): POST activity + answer.
 * An admin follows up a similar activity of another organisation: POST own, other, step (and message).
 */
export async function action({ request, context, params }: Route.ActionArgs) {
  const actor = requireUser(context, request);
  const values = formToObject(await request.formData());
  const here = `/organisasjoner/${params.id}/aktiviteter`;
  return runIntent(
    values,
    {
      partnership: intent(formFields, async () => {
        const { answer, previousStatus } = await guard(request, () => respondToPartnership(actor, params.id, values));
        const notice = answer === "confirm" ? "samarbeid-bekreftet" : previousStatus === "confirmed" ? "samarbeid-avsluttet" : "samarbeid-avslatt";
        throw redirect(`${here}?${notice}=1#partnerskap`);
      }),
      similar: intent(formFields, async () => {
        const result = await formAction(request, values, () => actOnSimilarPair(actor, params.id, values));
        if (!("step" in result)) return result;
        throw redirect(`${here}?lignende-${result.step}=1#lignende`);
      }),
    },
    getLocale(context),
  );
}

export default function OrganizationActivities({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const format = useFormat();
  const { organization, activities, canManageActivities, partnerships, similar, notice } = loaderData;
  const base = `/organisasjoner/${organization.id}`;
  const here = `${base}/aktiviteter`;
  return (
    <div className="page">
      <Heading level={1} data-size="lg">
        {t("activityAdmin.list.title", { organization: organization.name })} <DemoTag show={organization.isDemo} />
      </Heading>
      {notice ? (
        <Alert data-color="success" role="status">
          {t(notice)}
        </Alert>
      ) : null}
      <nav aria-label={t("activityAdmin.list.title", { organization: organization.name })}>
        <ul className="form-actions" style={{ listStyle: "none", padding: 0 }}>
          <li>
            <Link to={base}>{t("activityAdmin.list.back", { organization: organization.name })}</Link>
          </li>
          {canManageActivities ? (
            <li>
              <Link to={`${here}/ny`}>{t("activityAdmin.list.add")}</Link>
            </li>
          ) : null}
        </ul>
      </nav>

      {activities.length === 0 ? (
        <Paragraph>{t("activityAdmin.list.empty")}</Paragraph>
      ) : (
        <div className="table-wrap">
          <Table>
            <caption className="visually-hidden">{t("activityAdmin.list.title", { organization: organization.name })}</caption>
            <TableHead>
              <TableRow>
                <TableHeaderCell>{t("activityAdmin.list.activity")}</TableHeaderCell>
                <TableHeaderCell>{t("activityAdmin.list.municipality")}</TableHeaderCell>
                <TableHeaderCell>{t("activityAdmin.list.status")}</TableHeaderCell>
                <TableHeaderCell>{t("activityAdmin.list.visibility")}</TableHeaderCell>
                <TableHeaderCell>{t("activityAdmin.list.confirmed")}</TableHeaderCell>
                {canManageActivities ? <TableHeaderCell>{t("activityAdmin.list.actions")}</TableHeaderCell> : null}
              </TableRow>
            </TableHead>
            <TableBody>
              {activities.map((a) => (
                <TableRow key={a.id}>
                  <TableCell>
                    <Link to={`/aktiviteter/${a.id}`}>{a.title}</Link> <DemoTag show={a.isDemo} />
                    {a.staleness !== "fresh" ? (
                      <div className="stack">
                        <Tag data-color={a.staleness === "hidden" ? "danger" : "warning"} data-size="sm">
                          {t(a.staleness === "hidden" ? "activityAdmin.hidden.label" : "activityAdmin.stale.label")}
                        </Tag>
                        <Paragraph data-size="sm">
                          {a.staleness === "hidden"
                            ? t("activityAdmin.hidden.text", { since: format.date(a.lastConfirmedAt) })
                            : t("activityAdmin.stale.text", { since: format.date(a.lastConfirmedAt), hideOn: format.date(a.hidesAt) })}
                        </Paragraph>
                      </div>
                    ) : null}
                  </TableCell>
                  <TableCell>{a.municipalityName}</TableCell>
                  <TableCell>{labelOf(t, "activityStatus", a.status)}</TableCell>
                  <TableCell>{labelOf(t, "visibility", a.visibility)}</TableCell>
                  <TableCell>{format.date(a.lastConfirmedAt)}</TableCell>
                  {canManageActivities ? (
                    <TableCell>
                      {a.canEdit ? (
                        <div className="form-actions">
                          <Link to={`/aktiviteter/${a.id}/rediger`} aria-label={t("activityAdmin.list.editNamed", { activity: a.title })}>
                            {t("activityAdmin.list.edit")}
                          </Link>
                          {a.staleness !== "fresh" ? (
                            <Form method="post" action={`/aktiviteter/${a.id}/bekreft`}>
                              <CsrfField />
                              <input type="hidden" name="next" value={here} />
                              <Button type="submit" data-size="sm" aria-label={t("activityAdmin.confirm.buttonNamed", { activity: a.title })}>
                                {t("activityAdmin.confirm.button")}
                              </Button>
                            </Form>
                          ) : null}
                        </div>
                      ) : null}
                    </TableCell>
                  ) : null}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}

      {similar ? <SimilarOfOthers similar={similar} failure={failureFor(actionData, "similar")} /> : null}
      {partnerships ? <PartnershipRequests organization={organization} partnerships={partnerships} /> : null}
    </div>
  );
}

type Partnerships = NonNullable<Route.ComponentProps["loaderData"]["partnerships"]>;

/** One answer button in its own POST form (works without JavaScript): confirm a request, decline it, or end a confirmed partnership. */
function AnswerButton({ activity, title, kind }: { activity: string; title: string; kind: "confirm" | "decline" | "end" }) {
  const t = useT();
  const danger = kind !== "confirm";
  return (
    <Form method="post">
      <CsrfField />
      <input type="hidden" name="intent" value="partnership" />
      <input type="hidden" name="activity" value={activity} />
      <input type="hidden" name="answer" value={danger ? "decline" : "confirm"} />
      <Button
        type="submit"
        data-size="sm"
        variant={danger ? "secondary" : "primary"}
        data-color={danger ? "danger" : undefined}
        aria-label={t(`activityAdmin.partnership.${kind}Named`, { activity: title })}
      >
        {t(`activityAdmin.partnership.${kind}`)}
      </Button>
    </Form>
  );
}

/**
 * Other organisations' requests to name this one as a partner, with confirm
 * and decline, and the confirmed partnerships it can end. Shown to its
 * admins (or, when it has none, to those who coordinate it).
 */
function PartnershipRequests({ organization, partnerships }: { organization: { id: string; name: string }; partnerships: Partnerships }) {
  const t = useT();
  const activityLink = (p: Partnerships["pending"][number]) =>
    // Only public activities can be opened by a partner that has not confirmed yet.
    p.visibility === "public" || p.status === "confirmed" ? <Link to={`/aktiviteter/${p.activityId}`}>{p.title}</Link> : <span>{p.title}</span>;
  return (
    <section aria-labelledby="partnerskap" className="stack">
      <Heading level={2} data-size="sm" id="partnerskap">
        {t("activityAdmin.partnership.heading")}
      </Heading>
      <Paragraph>{t("activityAdmin.partnership.intro", { organization: organization.name })}</Paragraph>
      {partnerships.asFallback ? <Alert data-color="info">{t("activityAdmin.partnership.fallbackNote", { organization: organization.name })}</Alert> : null}
      {partnerships.pending.length === 0 ? (
        <Paragraph>{t("activityAdmin.partnership.none")}</Paragraph>
      ) : (
        <PartnershipTable
          caption={t("activityAdmin.partnership.heading")}
          dateHeading={t("activityAdmin.partnership.requested")}
          actionsHeading={t("activityAdmin.partnership.actions")}
          rows={partnerships.pending.map((p) => ({
            partnership: p,
            date: p.requestedAt,
            actions: (
              <div className="form-actions">
                <AnswerButton activity={p.activityId} title={p.title} kind="confirm" />
                <AnswerButton activity={p.activityId} title={p.title} kind="decline" />
              </div>
            ),
          }))}
          activityLink={activityLink}
        />
      )}
      {partnerships.confirmed.length ? (
        <>
          <Heading level={3} data-size="xs" id="partnerskap-bekreftet">
            {t("activityAdmin.partnership.confirmedHeading")}
          </Heading>
          <PartnershipTable
            caption={t("activityAdmin.partnership.confirmedHeading")}
            dateHeading={t("activityAdmin.partnership.confirmedAt")}
            actionsHeading={t("activityAdmin.list.actions")}
            rows={partnerships.confirmed.map((p) => ({
              partnership: p,
              date: p.confirmedAt,
              actions: <AnswerButton activity={p.activityId} title={p.title} kind="end" />,
            }))}
            activityLink={activityLink}
          />
        </>
      ) : null}
    </section>
  );
}

/** A table of partnership requests or partnerships: the activity, its owner, its kommune, a date and the answers. */
function PartnershipTable<P extends { activityId: string; ownerId: string; ownerName: string; municipalityName: string }>({
  caption,
  dateHeading,
  actionsHeading,
  rows,
  activityLink,
}: {
  caption: string;
  dateHeading: string;
  actionsHeading: string;
  rows: { partnership: P; date: Date | string | null; actions: React.ReactNode }[];
  activityLink: (p: P) => React.ReactNode;
}) {
  const t = useT();
  const format = useFormat();
  return (
    <div className="table-wrap">
      <Table>
        <caption className="visually-hidden">{caption}</caption>
        <TableHead>
          <TableRow>
            <TableHeaderCell>{t("activityAdmin.partnership.activity")}</TableHeaderCell>
            <TableHeaderCell>{t("activityAdmin.partnership.owner")}</TableHeaderCell>
            <TableHeaderCell>{t("activityAdmin.partnership.municipality")}</TableHeaderCell>
            <TableHeaderCell>{dateHeading}</TableHeaderCell>
            <TableHeaderCell>{actionsHeading}</TableHeaderCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map(({ partnership: p, date, actions }) => (
            <TableRow key={p.activityId}>
              <TableCell>{activityLink(p)}</TableCell>
              <TableCell>
                <Link to={`/organisasjoner/${p.ownerId}`}>{p.ownerName}</Link>
              </TableCell>
              <TableCell>{p.municipalityName}</TableCell>
              <TableCell>{date ? format.date(date) : null}</TableCell>
              <TableCell>{actions}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}

type Similar = SimilarActivities[number]["similar"][number];

/** One follow-up step as its own POST form (works without JavaScript). */
function StepButton({
  own,
  other,
  step,
  names,
}: {
  own: string;
  other: string;
  step: "in_contact" | "partner" | "distinct";
  names: { organization: string; title: string };
}) {
  const t = useT();
  return (
    <PostForm intent="similar" summary={false} className="overlap-inline-form" hidden={{ own, other, step }}>
      <Button type="submit" data-size="sm" variant="secondary" aria-label={t(`overlap.similar.action.${step}Named`, names)}>
        {t(`overlap.similar.action.${step}`)}
      </Button>
    </PostForm>
  );
}

/** Whom to contact at the other organisation: its public e-mail and phone, else its page. */
function Contact({ organization }: { organization: Similar["organization"] }) {
  const t = useT();
  const parts = [organization.contactEmail, organization.contactPhone].filter((x): x is string => Boolean(x));
  return (
    <Paragraph data-size="sm">
      {t("overlap.similar.contact", { organization: organization.name, contact: parts.length ? parts.join(", ") : t("overlap.similar.contactPage") })} (
      <Link to={`/organisasjoner/${organization.id}`}>{organization.name}</Link>)
    </Paragraph>
  );
}

/**
 * "Similar activities of others": for each of the organisation's own activities, other organisations' public
 * activities in the same kommune that look like it, why, whom to contact, the pair's status and the next steps.
 */
function SimilarOfOthers({ similar, failure }: { similar: SimilarActivities; failure: FormFailure }) {
  const t = useT();
  const failed = (own: string, other: string) => failure.values.own === own && failure.values.other === other;
  return (
    <section aria-labelledby="lignende" className="stack">
      <Heading level={2} data-size="sm" id="lignende">
        {t("overlap.similar.heading")}
      </Heading>
      <Paragraph>{t("overlap.similar.intro")}</Paragraph>
      {failure.formError && failure.values.step !== "suggest" ? (
        <Alert data-color="danger" role="alert">
          {t(failure.formError as MessageKey)}
        </Alert>
      ) : null}
      {similar.length === 0 ? <Paragraph>{t("overlap.similar.empty")}</Paragraph> : null}
      {similar.map((group) => (
        <section key={group.activity.id} aria-labelledby={`lignende-${group.activity.id}`} className="stack">
          <Heading level={3} data-size="xs" id={`lignende-${group.activity.id}`}>
            {t("overlap.similar.own", { activity: group.activity.title, municipality: group.activity.municipalityName })}
          </Heading>
          <ul className="overlap-pairs">
            {group.similar.map((s) => {
              const headingId = `lignende-${group.activity.id}-${s.id}`;
              const names = { organization: s.organization.name, title: s.title };
              return (
                <li key={s.id} className="overlap-pair stack" aria-labelledby={headingId} data-testid={`similar-${s.id}`}>
                  <Heading level={4} data-size="2xs" id={headingId}>
                    <Link to={`/aktiviteter/${s.id}`}>{t("overlap.similar.byOrganization", names)}</Link>
                  </Heading>
                  <Paragraph data-size="sm">
                    {t("overlap.similar.score", { percent: percent(s.score) })} · {t("overlap.followUp.label")} <FollowUpTag status={s.status} />
                  </Paragraph>
                  <details>
                    <summary>{t("overlap.similar.why")}</summary>
                    <ReasonTable pair={s} />
                  </details>
                  <Contact organization={s.organization} />
                  {s.partnerRequested ? (
                    <Paragraph data-size="sm">{t("overlap.similar.partnerRequested", { organization: s.organization.name })}</Paragraph>
                  ) : null}
                  <div className="overlap-actions">
                    {s.status === "suggested" ? <StepButton own={group.activity.id} other={s.id} step="in_contact" names={names} /> : null}
                    {s.status !== "partners" && !s.partnerRequested ? <StepButton own={group.activity.id} other={s.id} step="partner" names={names} /> : null}
                    {s.status === "none" || s.status === "suggested" || s.status === "in_contact" ? (
                      <StepButton own={group.activity.id} other={s.id} step="distinct" names={names} />
                    ) : null}
                    {s.status === "none" || s.status === "distinct" ? (
                      <details open={failed(group.activity.id, s.id) ? true : undefined}>
                        <summary>{t("overlap.similar.action.suggest")}</summary>
                        <PostForm
                          intent="similar"
                          id={`similar-${group.activity.id}-${s.id}`}
                          failure={failed(group.activity.id, s.id) ? failure : { fieldErrors: {}, values: {} }}
                          className="stack"
                          hidden={{ own: group.activity.id, other: s.id, step: "suggest" }}
                        >
                          <TextareaField
                            name="message"
                            label={t("overlap.similar.messageLabel", { organization: s.organization.name })}
                            rows={3}
                            maxLength={MAX_SUGGESTION_MESSAGE}
                          />
                          <Button type="submit" data-size="sm" aria-label={t("overlap.similar.action.suggestNamed", names)}>
                            {t("overlap.similar.action.suggest")}
                          </Button>
                        </PostForm>
                      </details>
                    ) : null}
                  </div>
                </li>
              );
            })}
          </ul>
        </section>
      ))}
    </section>
  );
}
