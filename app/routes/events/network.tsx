import { Link, redirect } from "react-router";
import { Heading, Paragraph } from "@digdir/designsystemet-react";
import type { Route } from "./+types/network";
import { FormActions, PostForm, SubmitButton, TextareaField, TextField } from "~/components/form.tsx";
import { Notice } from "~/components/notice.tsx";
import { Section } from "~/components/section.tsx";
import { useT } from "~/i18n/use-t.ts";
import { formRules } from "~/lib/form-schema.ts";
import { formFields, intent, intentAction } from "~/lib/intents.server.ts";
import { getActor, guard, requireUser } from "~/lib/route.server.ts";
import { formToObject } from "~/lib/validation.ts";
import { addAgendaItem, getNetwork } from "~/domain/events/networks.server.ts";
import { agendaItemSchema } from "~/domain/events/events.schema.ts";
import { useEventTime } from "./event-ui.tsx";

/** Public parts for everyone, the backlog and decisions for members: plain HTML. */
export const handle = { hydrate: false };

export function meta({ loaderData }: Route.MetaArgs) {
  return [{ title: `${loaderData?.view.network.name ?? "Nettverk"} – Samspill` }];
}

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const view = await guard(request, () => getNetwork(getActor(context), params.id));
  // Past or not is decided once, on the server, so the page renders the same wherever it is rendered.
  const now = Date.now();
  return {
    view: { ...view, meetings: view.meetings.map((m) => ({ ...m, past: m.startsAt.getTime() < now })) },
    rules: formRules(agendaItemSchema),
    added: new URL(request.url).searchParams.has("lagt-til"),
  };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const actor = requireUser(context, request);
  const values = formToObject(await request.formData());
  return intentAction(request, context, values, {
    "add-item": intent(formFields, async () => {
      await addAgendaItem(actor, params.id, values);
      throw redirect(`/nettverk/${params.id}?lagt-til=1#backlog`);
    }),
  });
}

export default function Network({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const time = useEventTime();
  const { view, rules, added } = loaderData;
  const upcoming = view.meetings.filter((m) => !m.past);
  const past = view.meetings.filter((m) => m.past);
  return (
    <div className="page">
      <Paragraph data-size="sm">
        <Link to="/nettverk">{t("events.networks.back")}</Link>
      </Paragraph>
      {added ? <Notice>{t("events.networks.itemAdded")}</Notice> : null}
      <Heading level={1} data-size="lg">
        {view.network.name}
      </Heading>
      <Paragraph>{t("events.networks.runBy", { name: view.network.organiserName })}</Paragraph>
      {view.network.description ? <Paragraph style={{ whiteSpace: "pre-line" }}>{view.network.description}</Paragraph> : null}
      <Section id="meetings" heading={t("events.networks.upcoming")} empty={upcoming.length === 0 ? t("events.networks.noMeetings") : null}>
        <ul>
          {upcoming.map((m) => (
            <li key={m.id}>
              <Link to={`/arrangementer/${m.id}`}>{m.title}</Link> – {time.short(m.startsAt)}
              {m.status === "cancelled" ? ` (${t("events.networks.cancelled")})` : ""}
            </li>
          ))}
        </ul>
      </Section>
      {past.length > 0 ? (
        <Section id="past" heading={t("events.networks.past")}>
          <ul>
            {past.map((m) => (
              <li key={m.id}>
                <Link to={`/arrangementer/${m.id}`}>{m.title}</Link> – {time.short(m.startsAt)}
              </li>
            ))}
          </ul>
        </Section>
      ) : null}
      <Section id="members" heading={t("events.networks.membersHeading")} empty={view.members.length === 0 ? t("events.networks.noMembers") : null}>
        {view.access.isMember ? (
          <Paragraph>
            <Link to={`/nettverk/${view.network.id}/medlemmer`}>
              {t(view.access.canManage ? "events.networks.members.manageLink" : "events.networks.members.link")}
            </Link>
          </Paragraph>
        ) : null}
        <ul>
          {view.members.map((m) =>
            m.organizationId ? (
              <li key={m.organizationId}>
                <Link to={`/organisasjoner/${m.organizationId}`}>{m.organizationName}</Link>
              </li>
            ) : (
              <li key={m.municipalityNumber}>
                <Link to={`/kommuner/${m.municipalityNumber}`}>{m.municipalityName}</Link>
              </li>
            ),
          )}
        </ul>
      </Section>
      {view.access.isMember ? (
        <>
          <Section id="backlog" heading={t("events.networks.backlog")} empty={view.backlog.length === 0 ? t("events.networks.backlogEmpty") : null}>
            <ul>
              {view.backlog.map((item) => (
                <li key={item.id}>
                  <strong>{item.title}</strong> ({item.proposedByName}){item.description ? ` – ${item.description}` : ""}
                </li>
              ))}
            </ul>
          </Section>
          <Section id="add-item" heading={t("events.networks.addItem")}>
            <PostForm intent="add-item" actionData={actionData} schema={rules}>
              <TextField name="title" label={t("events.networks.itemTitle")} />
              <TextareaField name="description" label={t("events.networks.itemDescription")} rows={3} />
              <FormActions>
                <SubmitButton>{t("events.networks.addSubmit")}</SubmitButton>
              </FormActions>
            </PostForm>
          </Section>
          <Section
            id="decisions"
            heading={t("events.networks.openDecisions")}
            empty={view.openDecisions.length === 0 ? t("events.networks.noDecisions") : null}
          >
            <ul>
              {view.openDecisions.map((d) => (
                <li key={d.id}>
                  {d.text} <span className="muted">({t("events.meeting.decidedAt", { meeting: d.meetingTitle, date: time.short(d.meetingStartsAt) })})</span>
                </li>
              ))}
            </ul>
          </Section>
        </>
      ) : (
        <Paragraph data-size="sm">{t("events.networks.membersOnly")}</Paragraph>
      )}
    </div>
  );
}
