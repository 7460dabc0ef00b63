import { redirect } from "react-router";
import { Paragraph } from "@digdir/designsystemet-react";
import type { Route } from "./+types/followup-result";
import {
  ChoiceGroup,
  DateField,
  failureFor,
  FormActions,
  NumberField,
  PostForm,
  SelectField,
  SubmitButton,
  TextareaField,
  type FormFailure,
} from "~/components/form.tsx";
import { Notice } from "~/components/notice.tsx";
import { PageHeading, Section } from "~/components/section.tsx";
import { label, labelOptions } from "~/i18n/labels.ts";
import { getTranslator } from "~/i18n/translate.ts";
import { useFormat, useT } from "~/i18n/use-t.ts";
import { formFields, intent, intentAction } from "~/lib/intents.server.ts";
import { getLocale, guard, requireUser } from "~/lib/route.server.ts";
import { formToObject } from "~/lib/validation.ts";
import { addExtraCheckin, answerCheckin, getPlacementFollowUp } from "~/domain/placements/checkins.server.ts";
import { recordOutcome } from "~/domain/placements/outcomes.server.ts";
import { answerCheckinSchema, extraCheckinSchema, outcomeSchema } from "~/domain/placements/followup.schema.ts";

/** Plain POST forms: nothing here needs JavaScript. */
export const handle = { hydrate: false };

export function meta({ loaderData }: Route.MetaArgs) {
  return [{ title: `${loaderData?.title ?? "Oppfølging og resultat"} – Samspill` }];
}

const savedKinds = ["answered", "extra", "outcome"] as const;

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const actor = requireUser(context, request);
  const followUp = await guard(request, () => getPlacementFollowUp(actor, params.id));
  const saved = new URL(request.url).searchParams.get("lagret");
  return {
    title: getTranslator(getLocale(context))("placementFollowup.title", { title: followUp.placement.title }),
    ...followUp,
    saved: savedKinds.find((k) => k === saved) ?? null,
  };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const actor = requireUser(context, request);
  const values = formToObject(await request.formData());
  const here = `/praksisplasser/${params.id}/oppfolging-og-resultat`;
  return intentAction(request, context, values, {
    answer: intent(formFields, async () => {
      await answerCheckin(actor, params.id, values);
      throw redirect(`${here}?lagret=answered#samtaler`);
    }),
    extra: intent(formFields, async () => {
      await addExtraCheckin(actor, params.id, values);
      throw redirect(`${here}?lagret=extra#samtaler`);
    }),
    outcome: intent(formFields, async () => {
      await recordOutcome(actor, params.id, values);
      throw redirect(`${here}?lagret=outcome#resultat`);
    }),
  });
}

/** A calendar date (YYYY-MM-DD) formatted without the server's time zone moving it a day. */
function useDay() {
  const format = useFormat();
  return (isoDate: string) => format.date(`${isoDate}T12:00:00Z`);
}

const empty: FormFailure = { fieldErrors: {}, values: {} };

export default function PlacementFollowUpPage({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const format = useFormat();
  const day = useDay();
  const { placement, role, checkins, outcomes, totals, months, saved } = loaderData;
  const answerFailure = failureFor(actionData, "answer");
  const youAre = role.isEmployer && role.isFollowUp ? "both" : role.isEmployer ? "employer" : "followUp";
  return (
    <div className="stack">
      <PageHeading back={{ to: `/praksisplasser/${placement.id}`, label: t("placementFollowup.back") }}>{loaderData.title}</PageHeading>
      {saved ? <Notice>{t(`placementFollowup.saved.${saved}`)}</Notice> : null}
      <Paragraph>{t("placementFollowup.intro")}</Paragraph>
      <Paragraph data-size="sm">{t(`placementFollowup.youAre.${youAre}`)}</Paragraph>

      <Section id="om-plassen" heading={t("placementFollowup.facts.heading")}>
        <dl className="facts">
          <dt>{t("placementFollowup.facts.employer")}</dt>
          <dd>{placement.employerName}</dd>
          <dt>{t("placementFollowup.facts.followUp")}</dt>
          <dd>{placement.followUpName ?? t("placementFollowup.facts.followUpNone")}</dd>
          <dt>{t("placementFollowup.facts.period")}</dt>
          <dd>
            {placement.periodEnd
              ? t("placementFollowup.facts.periodRange", { start: day(placement.periodStart), end: day(placement.periodEnd) })
              : t("placementFollowup.facts.periodOpen", { start: day(placement.periodStart) })}
          </dd>
          <dt>{t("placementFollowup.facts.places")}</dt>
          <dd>{placement.places}</dd>
        </dl>
      </Section>

      <section aria-labelledby="samtaler-heading" className="stack" id="samtaler">
        <h2 className="ds-heading" data-size="sm" id="samtaler-heading">
          {t("placementFollowup.checkins.heading")}
        </h2>
        <Paragraph>{t("placementFollowup.checkins.intro")}</Paragraph>
        {checkins.length === 0 ? <Paragraph>{t("placementFollowup.checkins.empty")}</Paragraph> : null}
        {checkins.map((c) => (
          <article
            key={c.id}
            className="stack"
            aria-labelledby={`samtale-${c.id}`}
            style={{ border: "1px solid var(--ds-color-neutral-border-subtle)", borderRadius: "0.5rem", padding: "1rem" }}
          >
            <h3 className="ds-heading" data-size="xs" id={`samtale-${c.id}`}>
              {t("placementFollowup.checkin.heading", { kind: label(t, "checkinKind", c.kind), due: day(c.dueOn) })}
            </h3>
            <Paragraph data-size="sm">{t(`placementFollowup.checkin.status.${c.state}`)}</Paragraph>
            {c.completedAt ? (
              <>
                <dl className="facts">
                  <dt>{t("placementFollowup.checkin.attendance")}</dt>
                  <dd>{c.attendance ? label(t, "checkinAttendance", c.attendance) : ""}</dd>
                  <dt>{t("placementFollowup.checkin.needsSupport")}</dt>
                  <dd>{t(c.needsSupport ? "placementFollowup.checkin.needsSupport.yes" : "placementFollowup.checkin.needsSupport.no")}</dd>
                  <dt>{t("placementFollowup.checkin.nextStep")}</dt>
                  <dd>{c.nextStep ? label(t, "checkinNextStep", c.nextStep) : ""}</dd>
                  <dt>{t("placementFollowup.checkin.note")}</dt>
                  <dd style={{ whiteSpace: "pre-line", overflowWrap: "anywhere" }}>{c.note || t("placementFollowup.checkin.noNote")}</dd>
                </dl>
                <Paragraph data-size="sm">
                  {c.completedByName
                    ? t("placementFollowup.checkin.answeredBy", { date: format.date(c.completedAt), name: c.completedByName })
                    : t("placementFollowup.checkin.answeredByUnknown", { date: format.date(c.completedAt) })}
                </Paragraph>
              </>
            ) : role.isFollowUp ? (
              <PostForm
                intent="answer"
                id={`svar-${c.id}`}
                failure={answerFailure.values.checkinId === c.id ? answerFailure : empty}
                hidden={{ checkinId: c.id }}
                schema={answerCheckinSchema}
              >
                <ChoiceGroup type="radio" name="attendance" legend={t("placementFollowup.checkin.attendance")} options={labelOptions(t, "checkinAttendance")} />
                <ChoiceGroup
                  type="radio"
                  name="needsSupport"
                  legend={t("placementFollowup.checkin.needsSupport")}
                  options={[
                    { value: "yes", label: t("placementFollowup.checkin.needsSupport.yes") },
                    { value: "no", label: t("placementFollowup.checkin.needsSupport.no") },
                  ]}
                />
                <ChoiceGroup type="radio" name="nextStep" legend={t("placementFollowup.checkin.nextStep")} options={labelOptions(t, "checkinNextStep")} />
                <TextareaField name="note" label={t("placementFollowup.checkin.note")} description={t("placementFollowup.checkin.noteHelp")} rows={3} />
                <FormActions>
                  <SubmitButton>{t("placementFollowup.checkin.submit")}</SubmitButton>
                </FormActions>
              </PostForm>
            ) : (
              <Paragraph data-size="sm">{t("placementFollowup.checkin.waiting")}</Paragraph>
            )}
          </article>
        ))}
        <Section id="ekstra-samtale" heading={t("placementFollowup.extra.heading")} level={3} size="xs">
          <PostForm intent="extra" actionData={actionData} schema={extraCheckinSchema}>
            <DateField name="dueOn" label={t("placementFollowup.extra.dueOn")} />
            <FormActions>
              <SubmitButton variant="secondary">{t("placementFollowup.extra.submit")}</SubmitButton>
            </FormActions>
          </PostForm>
        </Section>
      </section>

      <section aria-labelledby="resultat-heading" className="stack" id="resultat">
        <h2 className="ds-heading" data-size="sm" id="resultat-heading">
          {t("placementFollowup.outcomes.heading")}
        </h2>
        <Paragraph>{t("placementFollowup.outcomes.intro")}</Paragraph>
        {/* A list, not a table: four columns scroll sideways on a phone, and a scrolling region needs keyboard focus. */}
        {outcomes.length === 0 ? (
          <Paragraph>{t("placementFollowup.outcomes.empty")}</Paragraph>
        ) : (
          <ul data-testid="placement-outcomes">
            {outcomes.map((o) => (
              <li key={o.id}>
                {t("placementFollowup.outcomes.row", {
                  month: o.periodMonth.slice(0, 7),
                  outcome: label(t, "placementOutcome", o.outcome),
                  reason: o.earlyEndReason ? label(t, "earlyEndReason", o.earlyEndReason) : "none",
                  count: o.count,
                })}
              </li>
            ))}
          </ul>
        )}
        <Paragraph>
          {t("placementFollowup.outcomes.totals", {
            completed: totals.completed,
            extended: totals.extended,
            lastingWork: totals.lasting_work,
            endedEarly: totals.ended_early,
            places: placement.places,
          })}
        </Paragraph>
        <Section id="registrer-resultat" heading={t("placementFollowup.outcomes.record")} level={3} size="xs">
          {months.length === 0 ? (
            <Paragraph>{t("placementFollowup.outcomes.notStarted")}</Paragraph>
          ) : (
            <PostForm intent="outcome" actionData={actionData} schema={outcomeSchema}>
              <SelectField name="month" label={t("placementFollowup.outcomes.month")} options={months.map((m) => ({ value: m, label: m }))} />
              <SelectField name="outcome" label={t("placementFollowup.outcomes.outcome")} options={labelOptions(t, "placementOutcome")} />
              <SelectField
                name="earlyEndReason"
                label={t("placementFollowup.outcomes.reason")}
                options={[{ value: "", label: t("placementFollowup.outcomes.reasonNone") }, ...labelOptions(t, "earlyEndReason")]}
              />
              <NumberField name="count" label={t("placementFollowup.outcomes.count")} description={t("placementFollowup.outcomes.countHelp")} />
              <FormActions>
                <SubmitButton>{t("placementFollowup.outcomes.submit")}</SubmitButton>
              </FormActions>
            </PostForm>
          )}
        </Section>
      </section>
    </div>
  );
}
