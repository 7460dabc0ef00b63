import { redirect } from "react-router";
import { Heading, Paragraph } from "@digdir/designsystemet-react";
import type { Route } from "./+types/report-inbox";
import { FormActions, PostForm, SelectField, SubmitButton, TextareaField } from "~/components/form.tsx";
import { Notice } from "~/components/notice.tsx";
import { PageHeading, Section } from "~/components/section.tsx";
import { label } from "~/i18n/labels.ts";
import { useFormat, useT } from "~/i18n/use-t.ts";
import { formFields, intent, intentAction } from "~/lib/intents.server.ts";
import { guard, requireUser } from "~/lib/route.server.ts";
import { formToObject } from "~/lib/validation.ts";
import { answerEscalation, listEscalationInbox, passOnToImdi } from "~/domain/workshops/escalations.server.ts";
import { ESCALATION_TEXT_MAX, escalationAnswers } from "~/domain/workshops/escalations.constants.ts";
import { StatusTag, statusKey } from "./report-ui.tsx";

/** Plain forms: works without JavaScript. */
export const handle = { hydrate: false };

export function meta() {
  return [{ title: "Innspill fra verksteder – Samspill" }];
}

export async function loader({ request, context }: Route.LoaderArgs) {
  const actor = requireUser(context, request);
  const data = await guard(request, () => listEscalationInbox(actor));
  const search = new URL(request.url).searchParams;
  return { ...data, notice: search.has("besvart") ? ("answered" as const) : search.has("videresendt") ? ("passedOn" as const) : null };
}

export async function action({ request, context }: Route.ActionArgs) {
  const actor = requireUser(context, request);
  const values = formToObject(await request.formData());
  return intentAction(request, context, values, {
    answer: intent(formFields, async () => {
      await answerEscalation(actor, values);
      throw redirect("/verksteder/innspill?besvart");
    }),
    "pass-on": intent(formFields, async () => {
      await passOnToImdi(actor, values);
      throw redirect("/verksteder/innspill?videresendt");
    }),
  });
}

type Item = Awaited<ReturnType<typeof listEscalationInbox>>["open"][number];

function Item({ e, actionData, open }: { e: Item; actionData: unknown; open: boolean }) {
  const t = useT();
  const format = useFormat();
  const posted = (actionData as { values?: { escalationId?: string } } | undefined)?.values?.escalationId === e.id ? actionData : undefined;
  return (
    <li className="stack">
      <Heading level={3} data-size="2xs">
        {label(t, "obstacleTheme", e.theme)}: {e.obstacleText}
      </Heading>
      <Paragraph data-size="sm">
        {t("workshops.escalation.inbox.from", { title: e.workshopTitle, kommuner: e.kommuner.join(", ") })} · {format.date(e.createdAt)}{" "}
        <StatusTag status={e.status} />
      </Paragraph>
      {e.note ? <Paragraph data-size="sm">{t("workshops.escalation.note", { note: e.note })}</Paragraph> : null}
      {e.passedOnReason ? <Paragraph data-size="sm">{t("workshops.escalation.passedOn", { reason: e.passedOnReason })}</Paragraph> : null}
      {e.answer ? <Paragraph style={{ whiteSpace: "pre-line" }}>{t("workshops.escalation.answer", { answer: e.answer })}</Paragraph> : null}
      {open ? (
        <details open={posted ? true : undefined}>
          <summary>{t("workshops.escalation.inbox.answerHeading")}</summary>
          <PostForm intent="answer" id={`answer-${e.id}`} actionData={posted} hidden={{ escalationId: e.id }}>
            <SelectField
              name="status"
              label={t("workshops.escalation.inbox.status")}
              options={escalationAnswers.map((s) => ({ value: s, label: t(statusKey(s)) }))}
            />
            <TextareaField name="answer" label={t("workshops.escalation.inbox.answerText")} maxLength={ESCALATION_TEXT_MAX} rows={3} />
            <FormActions>
              <SubmitButton>{t("workshops.escalation.inbox.submit")}</SubmitButton>
            </FormActions>
          </PostForm>
        </details>
      ) : null}
      {e.canPassOn ? (
        <details open={posted && (posted as { intent?: string }).intent === "pass-on" ? true : undefined}>
          <summary>{t("workshops.escalation.inbox.passOnHeading")}</summary>
          <PostForm intent="pass-on" id={`pass-on-${e.id}`} actionData={posted} hidden={{ escalationId: e.id }}>
            <TextareaField name="reason" label={t("workshops.escalation.inbox.reason")} maxLength={ESCALATION_TEXT_MAX} rows={3} />
            <FormActions>
              <SubmitButton variant="secondary">{t("workshops.escalation.inbox.passOnSubmit")}</SubmitButton>
            </FormActions>
          </PostForm>
        </details>
      ) : null}
    </li>
  );
}

export default function EscalationInbox({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const { open, answered, notice } = loaderData;
  return (
    <div className="page stack">
      <PageHeading back={{ to: "/verksteder", label: t("workshops.common.backToWorkshops") }}>{t("workshops.escalation.inbox.title")}</PageHeading>
      {notice ? <Notice>{t(`workshops.escalation.inbox.${notice}.notice`)}</Notice> : null}
      <Paragraph>{t("workshops.escalation.inbox.intro")}</Paragraph>
      <Section id="open" heading={t("workshops.escalation.inbox.open")} empty={open.length === 0 ? t("workshops.escalation.inbox.noneOpen") : null}>
        <ul className="stack">
          {open.map((e) => (
            <Item key={e.id} e={e} actionData={actionData} open />
          ))}
        </ul>
      </Section>
      <Section
        id="answered"
        heading={t("workshops.escalation.inbox.answered")}
        empty={answered.length === 0 ? t("workshops.escalation.inbox.noneAnswered") : null}
      >
        <ul className="stack">
          {answered.map((e) => (
            <Item key={e.id} e={e} actionData={actionData} open={false} />
          ))}
        </ul>
      </Section>
    </div>
  );
}
