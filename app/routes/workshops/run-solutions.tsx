import { redirect } from "react-router";
import { Paragraph } from "@digdir/designsystemet-react";
import type { Route } from "./+types/run-solutions";
import { failureFor, FormActions, FormErrorSummary, NumberField, PostForm, SubmitButton, TextareaField } from "~/components/form.tsx";
import { Notice } from "~/components/notice.tsx";
import { PageHeading, Section } from "~/components/section.tsx";
import { label } from "~/i18n/labels.ts";
import { getTranslator } from "~/i18n/translate.ts";
import { useT } from "~/i18n/use-t.ts";
import { formRules } from "~/lib/form-schema.ts";
import { formFields, intent, intentAction } from "~/lib/intents.server.ts";
import { getActor, getLocale, guard } from "~/lib/route.server.ts";
import { formToObject } from "~/lib/validation.ts";
import { solutionSchema } from "~/domain/workshops/run.schema.ts";
import { runAccessFor } from "~/domain/workshops/run.server.ts";
import { addSolution, listPrioritised, setPrioritisedCount } from "~/domain/workshops/solutions.server.ts";
import { castSolutionVote, votesLeft, withdrawSolutionVote } from "~/domain/workshops/votes.server.ts";
import { RunNav } from "./run-ui.tsx";
import "~/styles/workshop-run.css";

export const handle = { hydrate: false };

export function meta({ loaderData }: Route.MetaArgs) {
  return [{ title: `${loaderData?.title ?? "Samspill"} – Samspill` }];
}

/** Solutions for the prioritised obstacles (the top N by votes), with their own votes. */
export async function loader({ request, context, params }: Route.LoaderArgs) {
  const actor = getActor(context);
  return guard(request, async () => {
    const access = await runAccessFor(request, actor, params.id);
    const [prioritised, left] = await Promise.all([listPrioritised(access), votesLeft(access)]);
    return {
      title: getTranslator(getLocale(context))("workshopRun.solutions.title", { title: access.workshop.title }),
      workshop: { id: access.workshop.id, title: access.workshop.title, status: access.workshop.status },
      manager: access.manager,
      participant: access.participant !== null,
      ...prioritised,
      votesLeft: left?.solutions ?? null,
      rules: formRules(solutionSchema),
    };
  });
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const actor = getActor(context);
  const values = formToObject(await request.formData());
  const back = `/verksteder/${params.id}/losninger`;
  const access = await guard(request, () => runAccessFor(request, actor, params.id));
  const done = async (work: Promise<unknown>) => {
    await work;
    throw redirect(back);
  };
  return intentAction(request, context, values, {
    add: intent(formFields, () => done(addSolution(access, values))),
    vote: intent(formFields, () => done(castSolutionVote(access, values))),
    withdraw: intent(formFields, () => done(withdrawSolutionVote(access, values))),
    count: intent(formFields, () => done(setPrioritisedCount(access, values))),
  });
}

export default function Solutions({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const { workshop, obstacles } = loaderData;
  const running = workshop.status === "running";
  const mayVote = running && loaderData.participant;
  const mayAdd = running && (loaderData.participant || loaderData.manager);
  return (
    <div className="page stack">
      <RunNav workshopId={workshop.id} />
      <PageHeading>{t("workshopRun.solutions.title", { title: workshop.title })}</PageHeading>
      <Paragraph>{t("workshopRun.solutions.intro", { count: loaderData.top })}</Paragraph>
      {workshop.status === "closed" ? <Notice tone="info">{t("workshopRun.obstacles.closed")}</Notice> : null}
      {loaderData.votesLeft !== null && running ? (
        <Paragraph role="status" data-testid="votes-left">
          <strong>{t("workshopRun.votes.left", { count: loaderData.votesLeft })}</strong>
        </Paragraph>
      ) : null}
      {loaderData.manager && running ? (
        <PostForm intent="count" actionData={actionData} values={{ count: String(loaderData.top) }} className="form">
          <NumberField name="count" label={t("workshopRun.solutions.count")} />
          <FormActions>
            <SubmitButton variant="secondary">{t("workshopRun.solutions.countSave")}</SubmitButton>
          </FormActions>
        </PostForm>
      ) : null}
      <FormErrorSummary formError={failureFor(actionData, "vote").formError ?? failureFor(actionData, "withdraw").formError} />
      {obstacles.length === 0 ? <Paragraph>{t("workshopRun.solutions.empty")}</Paragraph> : null}
      {obstacles.map((o, i) => (
        <Section key={o.id} id={`p-${i + 1}`} heading={`${i + 1}. ${o.text}`}>
          <Paragraph data-size="sm" className="muted">
            {t("workshopRun.votes.count", { count: o.votes })} · {label(t, "obstacleTheme", o.theme)}
          </Paragraph>
          {o.solutions.length === 0 ? <Paragraph>{t("workshopRun.solutions.none")}</Paragraph> : null}
          <ul className="obstacle-list">
            {o.solutions.map((s) => (
              <li key={s.id} data-testid="solution">
                <Paragraph>{s.text}</Paragraph>
                <Paragraph data-size="sm" className="muted">
                  <strong>{t("workshopRun.votes.count", { count: s.votes })}</strong>
                  {s.authorSector ? ` · ${t("workshopRun.obstacles.bySector", { sector: label(t, "participantSector", s.authorSector) })}` : null}
                </Paragraph>
                {mayVote ? (
                  <PostForm intent={s.mine ? "withdraw" : "vote"} id={`v-${s.id}`} summary={false} hidden={{ solutionId: s.id }} className="inline-form">
                    <SubmitButton
                      data-size="sm"
                      variant={s.mine ? "secondary" : "primary"}
                      aria-label={t(s.mine ? "workshopRun.votes.withdrawFor" : "workshopRun.votes.voteFor", { text: s.text })}
                    >
                      {t(s.mine ? "workshopRun.votes.withdraw" : "workshopRun.votes.vote")}
                    </SubmitButton>
                  </PostForm>
                ) : null}
              </li>
            ))}
          </ul>
          {mayAdd ? (
            <PostForm
              intent="add"
              id={`add-${o.id}`}
              actionData={failureFor(actionData, "add").values.obstacleId === o.id ? actionData : undefined}
              schema={loaderData.rules}
              hidden={{ obstacleId: o.id }}
            >
              <TextareaField name="text" label={t("workshopRun.solutions.text")} rows={2} />
              <FormActions>
                <SubmitButton>{t("workshopRun.solutions.submit")}</SubmitButton>
              </FormActions>
            </PostForm>
          ) : null}
        </Section>
      ))}
    </div>
  );
}
