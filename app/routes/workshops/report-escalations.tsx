import { Link, redirect } from "react-router";
import { Paragraph } from "@digdir/designsystemet-react";
import type { Route } from "./+types/report-escalations";
import { FormActions, PostForm, SelectField, SubmitButton, TextareaField } from "~/components/form.tsx";
import { Notice } from "~/components/notice.tsx";
import { PageHeading, Section } from "~/components/section.tsx";
import { label } from "~/i18n/labels.ts";
import { useFormat, useT } from "~/i18n/use-t.ts";
import { formFields, intent, intentAction } from "~/lib/intents.server.ts";
import { getActor, guard, requireUser } from "~/lib/route.server.ts";
import { formToObject } from "~/lib/validation.ts";
import { escalateObstacle, listWorkshopEscalations } from "~/domain/workshops/escalations.server.ts";
import { ESCALATION_TEXT_MAX } from "~/domain/workshops/escalations.constants.ts";
import { StatusTag } from "./report-ui.tsx";

/** Plain forms: works without JavaScript. */
export const handle = { hydrate: false };

export function meta({ loaderData }: Route.MetaArgs) {
  return [{ title: `${loaderData?.workshop.title ?? "Samspill"} – Samspill` }];
}

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const data = await guard(request, () => listWorkshopEscalations(getActor(context), request, params.id));
  return { ...data, sent: new URL(request.url).searchParams.has("sendt") };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const actor = requireUser(context, request);
  const values = formToObject(await request.formData());
  return intentAction(request, context, values, {
    escalate: intent(formFields, async () => {
      await escalateObstacle(actor, params.id, values);
      throw redirect(`/verksteder/${params.id}/innspill?sendt`);
    }),
  });
}

export default function WorkshopEscalations({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const format = useFormat();
  const { workshop, manager, escalations, candidates, countyName, sent } = loaderData;
  return (
    <div className="page stack">
      <PageHeading back={{ to: `/verksteder/${workshop.id}`, label: workshop.title }}>{t("workshops.escalation.title")}</PageHeading>
      {sent ? <Notice>{t("workshops.escalation.sent")}</Notice> : null}
      <Paragraph>{t("workshops.escalation.intro")}</Paragraph>
      <Section id="handed-up" heading={t("workshops.escalation.title")} empty={escalations.length === 0 ? t("workshops.escalation.none") : null}>
        <ul className="stack">
          {escalations.map((e) => (
            <li key={e.id} className="stack">
              <Paragraph>
                <strong>{label(t, "obstacleTheme", e.theme)}:</strong> {e.obstacleText}
              </Paragraph>
              <Paragraph data-size="sm">
                {t("workshops.escalation.sentTo", {
                  body:
                    e.level === "county"
                      ? t("workshops.escalation.form.countyOption", { county: e.countyName ?? "" })
                      : t("workshops.escalation.level.national"),
                })}{" "}
                · {format.date(e.createdAt)} <StatusTag status={e.status} />
              </Paragraph>
              {e.note ? <Paragraph data-size="sm">{t("workshops.escalation.note", { note: e.note })}</Paragraph> : null}
              {e.passedOnReason ? <Paragraph data-size="sm">{t("workshops.escalation.passedOn", { reason: e.passedOnReason })}</Paragraph> : null}
              {e.answer ? (
                <Paragraph style={{ whiteSpace: "pre-line" }}>
                  {t("workshops.escalation.answer", { answer: e.answer })} {e.answeredAt ? `(${format.date(e.answeredAt)})` : null}
                </Paragraph>
              ) : null}
            </li>
          ))}
        </ul>
      </Section>
      {manager ? (
        <Section
          id="escalate"
          heading={t("workshops.escalation.form.heading")}
          empty={candidates.length === 0 ? t("workshops.escalation.form.noCandidates") : null}
        >
          <PostForm intent="escalate" actionData={actionData}>
            <SelectField
              name="obstacleId"
              label={t("workshops.escalation.form.obstacle")}
              options={candidates.map((c) => ({ value: c.id, label: `${label(t, "obstacleTheme", c.theme)}: ${c.text}` }))}
            />
            <SelectField
              name="level"
              label={t("workshops.escalation.form.level")}
              options={[
                { value: "county", label: t("workshops.escalation.form.countyOption", { county: countyName ?? "" }) },
                { value: "national", label: t("workshops.escalation.level.national") },
              ]}
            />
            <TextareaField name="note" label={t("workshops.escalation.form.note")} maxLength={ESCALATION_TEXT_MAX} rows={3} />
            <FormActions>
              <SubmitButton>{t("workshops.escalation.form.submit")}</SubmitButton>
            </FormActions>
          </PostForm>
        </Section>
      ) : null}
      <Paragraph data-size="sm">
        <Link to={`/verksteder/${workshop.id}/rapport`}>{t("workshops.report.link")}</Link>
      </Paragraph>
    </div>
  );
}
