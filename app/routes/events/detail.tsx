import { Link, redirect } from "react-router";
import { Heading, Paragraph } from "@digdir/designsystemet-react";
import type { Route } from "./+types/detail";
import { FormActions, PostForm, SelectField, SubmitButton, TextareaField, TextField } from "~/components/form.tsx";
import { Notice } from "~/components/notice.tsx";
import { Section } from "~/components/section.tsx";
import { labelOf } from "~/i18n/labels.ts";
import { useT } from "~/i18n/use-t.ts";
import { formRules } from "~/lib/form-schema.ts";
import { formFields, intent, intentAction, noFields } from "~/lib/intents.server.ts";
import { getActor, getLocale, guard, requireUser } from "~/lib/route.server.ts";
import { formToObject } from "~/lib/validation.ts";
import { getEvent } from "~/domain/events/events.server.ts";
import { emailRegistrationSchema, decisionSchema } from "~/domain/events/events.schema.ts";
import { cancelMyRegistration, registerByEmail, registerSignedIn } from "~/domain/events/registrations.server.ts";
import { markDecisionDone, meetingWorkspace, placeAgendaItem, recordDecision } from "~/domain/events/networks.server.ts";
import { eventLevelLabels, eventTypeLabels, registrationStatusLabels } from "~/domain/events/events.constants.ts";
import { useEventTime } from "./event-ui.tsx";

/** Public and read on phones: plain HTML, every form a plain POST. */
export const handle = { hydrate: false };

export function meta({ loaderData }: Route.MetaArgs) {
  return [{ title: `${loaderData?.view.event.title ?? "Arrangement"} – Samspill` }];
}

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const actor = getActor(context);
  const view = await guard(request, () => getEvent(actor, params.id));
  const workspace = await guard(request, () => meetingWorkspace(actor, params.id));
  const search = new URL(request.url).searchParams;
  const notices = ["lagret", "avlyst", "pameldt", "venteliste", "sendt", "avmeldt", "vedtak", "sak"].filter((k) => search.has(k));
  return {
    view,
    workspace,
    notices,
    signedIn: actor.kind === "user",
    rules: { email: formRules(emailRegistrationSchema), decision: formRules(decisionSchema) },
  };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const actor = getActor(context);
  const values = formToObject(await request.formData());
  const here = `/arrangementer/${params.id}`;
  return intentAction(request, context, values, {
    register: intent(noFields, async () => {
      requireUser(context, request);
      const { status } = await registerSignedIn(actor, params.id);
      throw redirect(`${here}?${status === "confirmed" ? "pameldt" : "venteliste"}=1`);
    }),
    "register-email": intent(formFields, async () => {
      await registerByEmail(params.id, values, { locale: getLocale(context) });
      throw redirect(`${here}?sendt=1`);
    }),
    "cancel-mine": intent(noFields, async () => {
      requireUser(context, request);
      await cancelMyRegistration(actor, params.id);
      throw redirect(`${here}?avmeldt=1`);
    }),
    "place-item": intent(formFields, async () => {
      await guard(request, () => placeAgendaItem(actor, params.id, values));
      throw redirect(`${here}?sak=1#agenda`);
    }),
    decision: intent(formFields, async () => {
      await recordDecision(actor, params.id, values);
      throw redirect(`${here}?vedtak=1#vedtak`);
    }),
    "decision-done": intent(formFields, async () => {
      await guard(request, () => markDecisionDone(actor, params.id, values));
      throw redirect(`${here}#vedtak`);
    }),
  });
}

const noticeKeys = {
  lagret: "events.notice.saved",
  avlyst: "events.notice.cancelled",
  pameldt: "events.notice.registered",
  venteliste: "events.notice.waitlisted",
  sendt: "events.notice.emailSent",
  avmeldt: "events.notice.unregistered",
  vedtak: "events.notice.decision",
  sak: "events.notice.itemPlaced",
} as const;

function Registration({ loaderData, actionData }: Pick<Route.ComponentProps, "loaderData" | "actionData">) {
  const t = useT();
  const { view, signedIn, rules } = loaderData;
  const { mine } = view;
  if (mine) {
    return (
      <Section id="registration" heading={t("events.registration.heading")}>
        <Paragraph>{t("events.registration.yours", { status: t(registrationStatusLabels[mine.status]) })}</Paragraph>
        <PostForm intent="cancel-mine" actionData={actionData}>
          <SubmitButton variant="secondary">{t("events.registration.cancelMine")}</SubmitButton>
        </PostForm>
      </Section>
    );
  }
  if (!view.registrationOpen) {
    return (
      <Section id="registration" heading={t("events.registration.heading")}>
        <Paragraph>{view.event.status === "cancelled" ? t("events.detail.cancelled") : t("events.registration.closed")}</Paragraph>
      </Section>
    );
  }
  return (
    <Section id="registration" heading={t("events.registration.heading")}>
      {view.full ? <Paragraph>{t("events.registration.fullWaitlist")}</Paragraph> : null}
      {signedIn ? (
        <PostForm intent="register" actionData={actionData}>
          <SubmitButton>{view.full ? t("events.registration.joinWaitlist") : t("events.registration.register")}</SubmitButton>
        </PostForm>
      ) : (
        <>
          <Paragraph>
            <Link to={`/logg-inn?neste=${encodeURIComponent(`/arrangementer/${view.event.id}`)}`}>{t("events.registration.signIn")}</Link>
          </Paragraph>
          <Heading level={3} data-size="xs">
            {t("events.registration.byEmailHeading")}
          </Heading>
          <Paragraph data-size="sm">{t("events.registration.byEmailHelp")}</Paragraph>
          <PostForm intent="register-email" actionData={actionData} schema={rules.email}>
            <TextField name="name" label={t("events.registration.name")} autoComplete="name" />
            <TextField name="email" type="email" label={t("events.registration.email")} autoComplete="email" />
            <TextField name="organizationName" label={t("events.registration.organization")} autoComplete="organization" />
            <FormActions>
              <SubmitButton>{t("events.registration.sendLink")}</SubmitButton>
            </FormActions>
          </PostForm>
        </>
      )}
    </Section>
  );
}

function Workspace({ loaderData, actionData }: Pick<Route.ComponentProps, "loaderData" | "actionData">) {
  const t = useT();
  const time = useEventTime();
  const w = loaderData.workspace;
  if (!w || !w.access.isMember) return null;
  return (
    <>
      <Section id="agenda" heading={t("events.meeting.agenda")} empty={w.agenda.length === 0 ? t("events.meeting.agendaEmpty") : null}>
        <ul>
          {w.agenda.map((item) => (
            <li key={item.id}>
              <strong>{item.title}</strong> ({item.proposedByName}){item.description ? ` – ${item.description}` : ""}
            </li>
          ))}
        </ul>
      </Section>
      {w.access.canManage && w.backlog.length > 0 ? (
        <PostForm intent="place-item" actionData={actionData}>
          <SelectField name="itemId" label={t("events.meeting.placeItem")} options={w.backlog.map((b) => ({ value: b.id, label: b.title }))} />
          <SubmitButton variant="secondary">{t("events.meeting.placeSubmit")}</SubmitButton>
        </PostForm>
      ) : null}
      <Section id="carried" heading={t("events.meeting.carried")} empty={w.carried.length === 0 ? t("events.meeting.carriedEmpty") : null}>
        <ul>
          {w.carried.map((d) => (
            <li key={d.id}>
              {d.text} <span className="muted">({t("events.meeting.decidedAt", { meeting: d.meetingTitle, date: time.short(d.meetingStartsAt) })})</span>
              {w.access.canManage ? (
                <PostForm intent="decision-done" id={`done-${d.id}`} actionData={actionData} hidden={{ decisionId: d.id }}>
                  <SubmitButton variant="tertiary" data-size="sm">
                    {t("events.meeting.markDone")}
                  </SubmitButton>
                </PostForm>
              ) : null}
            </li>
          ))}
        </ul>
      </Section>
      <Section
        id="vedtak"
        heading={t("events.meeting.decisions")}
        empty={w.decisions.length === 0 && !w.access.canManage ? t("events.meeting.decisionsEmpty") : null}
      >
        <ul>
          {w.decisions.map((d) => (
            <li key={d.id}>
              {d.text}
              {d.done ? ` (${t("events.meeting.done")})` : ""}
            </li>
          ))}
        </ul>
        {w.access.canManage ? (
          <PostForm intent="decision" actionData={actionData} schema={loaderData.rules.decision}>
            <TextareaField name="text" label={t("events.meeting.decisionText")} rows={3} />
            <SubmitButton variant="secondary">{t("events.meeting.recordDecision")}</SubmitButton>
          </PostForm>
        ) : null}
      </Section>
    </>
  );
}

export default function EventDetail({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const time = useEventTime();
  const { view, notices } = loaderData;
  const e = view.event;
  return (
    <div className="page">
      <Paragraph data-size="sm">
        <Link to="/arrangementer">{t("events.detail.back")}</Link>
      </Paragraph>
      {notices.map((n) => (
        <Notice key={n}>{t(noticeKeys[n as keyof typeof noticeKeys])}</Notice>
      ))}
      <Heading level={1} data-size="lg">
        {e.title}
      </Heading>
      {e.status === "cancelled" ? (
        <Notice tone="warning" role="status">
          {t("events.detail.cancelled")}
        </Notice>
      ) : null}
      <Paragraph>
        {t(eventTypeLabels[e.type])} · {t(eventLevelLabels[e.level])} · {t("events.detail.organiser", { name: e.organiserName })}
      </Paragraph>
      <dl className="facts">
        <dt>{t("events.detail.when")}</dt>
        <dd>
          {time.dateTime(e.nextStartsAt)} ({t("events.detail.duration", { minutes: e.durationMinutes })})
          {e.rrule ? <> · {t("events.detail.recurring", { rule: e.rrule })}</> : null}
        </dd>
        {e.place ? (
          <>
            <dt>{t("events.detail.where")}</dt>
            <dd>
              {e.place}
              {e.municipalityName ? `, ${e.municipalityName}` : ""}
            </dd>
          </>
        ) : null}
        {e.videoUrl ? (
          <>
            <dt>{t("events.detail.video")}</dt>
            <dd>
              <a href={e.videoUrl} rel="noopener noreferrer">
                {t("events.detail.videoLink")}
              </a>
            </dd>
          </>
        ) : null}
        <dt>{t("events.detail.seats")}</dt>
        <dd>
          {e.capacity === null
            ? t("events.detail.noLimit", { confirmed: view.confirmed })
            : t("events.detail.capacity", { confirmed: view.confirmed, capacity: e.capacity, waitlisted: view.waitlisted })}
        </dd>
        {e.registrationDeadline ? (
          <>
            <dt>{t("events.detail.deadline")}</dt>
            <dd>{time.dateTime(e.registrationDeadline)}</dd>
          </>
        ) : null}
        {e.audience.length > 0 ? (
          <>
            <dt>{t("events.detail.audience")}</dt>
            <dd>{e.audience.map((a) => labelOf(t, "organizationKind", a)).join(", ")}</dd>
          </>
        ) : null}
        {view.network ? (
          <>
            <dt>{t("events.detail.network")}</dt>
            <dd>
              <Link to={`/nettverk/${view.network.id}`}>{view.network.name}</Link>
            </dd>
          </>
        ) : null}
      </dl>
      {e.description ? <Paragraph style={{ whiteSpace: "pre-line" }}>{e.description}</Paragraph> : null}
      <Paragraph>
        <a href={`/arrangementer/${e.id}/kalender.ics`}>{t("events.detail.calendar")}</a>
      </Paragraph>
      {view.canManage ? (
        <Paragraph>
          <Link to={`/arrangementer/${e.id}/rediger`}>{t("events.detail.edit")}</Link> ·{" "}
          <Link to={`/arrangementer/${e.id}/deltakere`}>{t("events.detail.participants")}</Link>
        </Paragraph>
      ) : null}
      <Registration loaderData={loaderData} actionData={actionData} />
      <Workspace loaderData={loaderData} actionData={actionData} />
    </div>
  );
}
