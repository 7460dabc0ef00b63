import { redirect } from "react-router";
import { Paragraph, Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from "@digdir/designsystemet-react";
import type { Route } from "./+types/participants";
import { FormActions, PostForm, SubmitButton } from "~/components/form.tsx";
import { Notice } from "~/components/notice.tsx";
import { PageHeading, Section } from "~/components/section.tsx";
import { getTranslator } from "~/i18n/translate.ts";
import { useT } from "~/i18n/use-t.ts";
import { formFields, intent, intentAction } from "~/lib/intents.server.ts";
import { getLocale, guard, requireUser } from "~/lib/route.server.ts";
import { formToObject } from "~/lib/validation.ts";
import { listParticipants, setAttendance } from "~/domain/events/registrations.server.ts";
import { registrationStatusLabels } from "~/domain/events/events.constants.ts";
import { useEventTime } from "./event-ui.tsx";

/** The organiser's list: no JavaScript needed. */
export const handle = { hydrate: false };

export function meta({ loaderData }: Route.MetaArgs) {
  return [{ title: `${loaderData?.title ?? "Deltakere"} – Samspill` }];
}

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const actor = requireUser(context, request);
  const list = await guard(request, () => listParticipants(actor, params.id));
  return {
    title: getTranslator(getLocale(context))("events.participants.title", { title: list.event.title }),
    ...list,
    started: list.event.startsAt.getTime() <= Date.now(),
    saved: new URL(request.url).searchParams.has("lagret"),
  };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const actor = requireUser(context, request);
  const values = formToObject(await request.formData());
  return intentAction(request, context, values, {
    attendance: intent(formFields, async () => {
      await setAttendance(actor, params.id, values);
      throw redirect(`/arrangementer/${params.id}/deltakere?lagret=1`);
    }),
  });
}

export default function Participants({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const time = useEventTime();
  const { event, participants, started, saved } = loaderData;
  const confirmed = participants.filter((p) => p.status === "confirmed");
  const waitlist = participants.filter((p) => p.status === "waitlisted");
  return (
    <div className="page">
      <PageHeading back={{ to: `/arrangementer/${event.id}`, label: t("events.edit.back", { title: event.title }), size: "sm" }}>
        {t("events.participants.heading")}
      </PageHeading>
      {saved ? <Notice>{t("events.participants.saved")}</Notice> : null}
      <Paragraph>
        {event.title} · {time.dateTime(event.startsAt)}
      </Paragraph>
      <Paragraph>
        <a href={`/arrangementer/${event.id}/deltakere.csv`} download>
          {t("events.participants.csv")}
        </a>
      </Paragraph>
      <Section
        id="confirmed"
        heading={t("events.participants.confirmed", { count: confirmed.length })}
        empty={confirmed.length === 0 ? t("events.participants.none") : null}
      >
        <PostForm intent="attendance" actionData={actionData}>
          {/* Focusable, so the table can be scrolled sideways with the keyboard on a phone. */}
          <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="confirmed-heading">
            <Table data-size="sm" aria-labelledby="confirmed-heading">
              <TableHead>
                <TableRow>
                  <TableHeaderCell scope="col">{t("events.participants.name")}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t("events.participants.email")}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t("events.participants.organization")}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t("events.participants.attended")}</TableHeaderCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {confirmed.map((p) => (
                  <TableRow key={p.id}>
                    <TableHeaderCell scope="row">{p.name}</TableHeaderCell>
                    <TableCell>{p.email}</TableCell>
                    <TableCell>{p.organizationName ?? ""}</TableCell>
                    <TableCell>
                      {started ? (
                        <input
                          className="ds-input"
                          type="checkbox"
                          name="attended"
                          value={p.id}
                          defaultChecked={p.attended === true}
                          aria-label={t("events.participants.cameLabel", { name: p.name })}
                        />
                      ) : p.attended === null ? (
                        "–"
                      ) : p.attended ? (
                        t("common.yes")
                      ) : (
                        t("common.no")
                      )}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
          {started ? (
            <FormActions>
              <SubmitButton>{t("events.participants.saveAttendance")}</SubmitButton>
            </FormActions>
          ) : (
            <Paragraph data-size="sm">{t("events.participants.attendanceLater")}</Paragraph>
          )}
        </PostForm>
      </Section>
      <Section
        id="waitlist"
        heading={t("events.participants.waitlist", { count: waitlist.length })}
        empty={waitlist.length === 0 ? t("events.participants.none") : null}
      >
        <ol>
          {waitlist.map((p) => (
            <li key={p.id}>
              {p.name} ({p.email}) – {t(registrationStatusLabels[p.status])}
            </li>
          ))}
        </ol>
      </Section>
    </div>
  );
}
