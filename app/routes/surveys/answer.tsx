import { redirect } from "react-router";
import { Heading, Paragraph } from "@digdir/designsystemet-react";
import type { Route } from "./+types/answer";
import { ChoiceGroup, FormActions, PostForm, SubmitButton } from "~/components/form.tsx";
import { Notice } from "~/components/notice.tsx";
import { labelOptions } from "~/i18n/labels.ts";
import { getTranslator } from "~/i18n/translate.ts";
import { useFormat, useT } from "~/i18n/use-t.ts";
import { formFields, intent, intentAction } from "~/lib/intents.server.ts";
import { getLocale, guard } from "~/lib/route.server.ts";
import { formToObject } from "~/lib/validation.ts";
import { helpForms, urgencies } from "~/domain/surveys/surveys.constants.ts";
import { answerSurvey, senderNameOf, surveyByToken } from "~/domain/surveys/surveys.server.ts";
import { helpFormKey, urgencyKey } from "./survey-ui.tsx";

/** Reached from an e-mail, on any phone, without an account: plain HTML and a plain POST. */
export const handle = { hydrate: false };

export function meta({ loaderData }: Route.MetaArgs) {
  // The address is a personal link: keep it out of search engines.
  return [{ title: `${loaderData?.survey.title ?? "Samspill"} – Samspill` }, { name: "robots", content: "noindex" }];
}

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const survey = await guard(request, () => surveyByToken(params.token));
  const senderName = await senderNameOf(getTranslator(getLocale(context)), survey);
  return { survey, senderName, saved: new URL(request.url).searchParams.has("lagret") };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const values = formToObject(await request.formData());
  return intentAction(request, context, values, {
    answer: intent(formFields, async () => {
      await answerSurvey(params.token, values);
      throw redirect(`/undersokelser/svar/${params.token}?lagret=1`);
    }),
  });
}

export default function SurveyAnswer({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const format = useFormat();
  const { survey, senderName, saved } = loaderData;
  return (
    <div className="page stack">
      <Heading level={1} data-size="lg">
        {survey.title}
      </Heading>
      <Paragraph>{t("surveys.answer.from", { sender: senderName, closes: format.date(survey.closesAt) })}</Paragraph>
      <Paragraph>{t("surveys.answer.for", { organization: survey.organizationName })}</Paragraph>
      {survey.intro ? <Paragraph style={{ whiteSpace: "pre-line" }}>{survey.intro}</Paragraph> : null}
      {saved ? <Notice>{t("surveys.answer.saved")}</Notice> : null}
      {!survey.open ? (
        <Notice tone="warning">{t("surveys.answer.closed")}</Notice>
      ) : (
        <>
          {survey.answer && !saved ? <Paragraph>{t("surveys.answer.already")}</Paragraph> : null}
          <PostForm intent="answer" actionData={actionData} values={survey.answer ?? undefined}>
            <ChoiceGroup
              name="topics"
              type="checkbox"
              legend={t("surveys.answer.topics")}
              options={labelOptions(t, "competenceTopic")}
              selected={survey.answer?.topics}
            />
            <ChoiceGroup
              name="forms"
              type="checkbox"
              legend={t("surveys.answer.forms")}
              options={helpForms.map((f) => ({ value: f, label: t(helpFormKey[f]) }))}
              selected={survey.answer?.forms}
            />
            <ChoiceGroup
              name="urgency"
              type="radio"
              legend={t("surveys.answer.urgency")}
              options={urgencies.map((u) => ({ value: u, label: t(urgencyKey[u]) }))}
              selected={survey.answer ? [survey.answer.urgency] : []}
            />
            <Paragraph data-size="sm">{t("surveys.answer.privacy")}</Paragraph>
            <FormActions>
              <SubmitButton>{t("surveys.answer.submit")}</SubmitButton>
            </FormActions>
          </PostForm>
        </>
      )}
    </div>
  );
}
