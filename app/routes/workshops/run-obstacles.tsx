import { Link, redirect } from "react-router";
import { Paragraph } from "@digdir/designsystemet-react";
import type { Route } from "./+types/run-obstacles";
import { ConfirmStep } from "~/components/confirm-step.tsx";
import { failureFor, FormActions, FormErrorSummary, PostForm, SelectField, SubmitButton, TextareaField } from "~/components/form.tsx";
import { Notice } from "~/components/notice.tsx";
import { PageHeading, Section } from "~/components/section.tsx";
import { label } from "~/i18n/labels.ts";
import { getTranslator } from "~/i18n/translate.ts";
import { useT } from "~/i18n/use-t.ts";
import { formRules } from "~/lib/form-schema.ts";
import { formFields, intent, intentAction } from "~/lib/intents.server.ts";
import { getActor, getLocale, guard } from "~/lib/route.server.ts";
import { formToObject } from "~/lib/validation.ts";
import { addObstacle, deleteObstacle, editObstacle, listObstacles, mergeObstacles } from "~/domain/workshops/obstacles.server.ts";
import { obstacleSchema } from "~/domain/workshops/run.schema.ts";
import { runAccessFor, runOverview } from "~/domain/workshops/run.server.ts";
import { castObstacleVote, votesLeft, withdrawObstacleVote } from "~/domain/workshops/votes.server.ts";
import { obstacleThemes, type ObstacleTheme } from "~/domain/workshops/workshops.constants.ts";
import { RunNav } from "./run-ui.tsx";
import "~/styles/workshop-run.css";

export const handle = { hydrate: false };

export function meta({ loaderData }: Route.MetaArgs) {
  return [{ title: `${loaderData?.title ?? "Samspill"} – Samspill` }];
}

/** Obstacles by theme with their votes; participants add and vote, managers edit, merge and delete (?rediger=<id>). */
export async function loader({ request, context, params }: Route.LoaderArgs) {
  const actor = getActor(context);
  return guard(request, async () => {
    const access = await runAccessFor(request, actor, params.id);
    const [obstacles, left, overview] = await Promise.all([listObstacles(access), votesLeft(access), runOverview(access)]);
    const editId = access.manager ? new URL(request.url).searchParams.get("rediger") : null;
    return {
      title: getTranslator(getLocale(context))("workshopRun.obstacles.title", { title: access.workshop.title }),
      workshop: { id: access.workshop.id, title: access.workshop.title, status: access.workshop.status },
      manager: access.manager,
      participant: access.participant !== null,
      obstacles,
      votesLeft: left?.obstacles ?? null,
      focusThemes: overview.focusThemes,
      join: overview.join,
      editing: obstacles.find((o) => o.id === editId) ?? null,
      rules: formRules(obstacleSchema),
    };
  });
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const actor = getActor(context);
  const values = formToObject(await request.formData());
  const back = `/verksteder/${params.id}/hindringer`;
  const access = await guard(request, () => runAccessFor(request, actor, params.id));
  const then = async (to: string, work: Promise<unknown>) => {
    await work;
    throw redirect(to);
  };
  return intentAction(request, context, values, {
    add: intent(formFields, () => then(back, addObstacle(access, values))),
    vote: intent(formFields, () => then(back, castObstacleVote(access, values))),
    withdraw: intent(formFields, () => then(back, withdrawObstacleVote(access, values))),
    edit: intent(formFields, () => then(back, editObstacle(access, values))),
    merge: intent(formFields, () => then(back, mergeObstacles(access, values))),
    delete: intent(formFields, () => then(back, deleteObstacle(access, values))),
  });
}

/** Focus themes first, then the rest in the report's order. */
function themeOrder(focus: ObstacleTheme[]): ObstacleTheme[] {
  return [...focus, ...obstacleThemes.filter((th) => !focus.includes(th))];
}

export default function Obstacles({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const { workshop, obstacles, editing } = loaderData;
  const running = workshop.status === "running";
  const base = `/verksteder/${workshop.id}/hindringer`;
  const order = themeOrder(loaderData.focusThemes);
  const themeOptions = order.map((th) => ({
    value: th,
    label: loaderData.focusThemes.includes(th)
      ? `${label(t, "obstacleTheme", th)} (${t("workshopRun.obstacles.focus").toLowerCase()})`
      : label(t, "obstacleTheme", th),
  }));
  const mayVote = running && loaderData.participant;
  return (
    <div className="page stack">
      <RunNav workshopId={workshop.id} />
      <PageHeading>{t("workshopRun.obstacles.title", { title: workshop.title })}</PageHeading>
      <Paragraph>{t("workshopRun.obstacles.intro")}</Paragraph>
      {workshop.status === "closed" ? <Notice tone="info">{t("workshopRun.obstacles.closed")}</Notice> : null}
      {workshop.status === "planning" ? <Notice tone="info">{t("workshopRun.obstacles.notStarted")}</Notice> : null}
      {loaderData.join ? (
        <Section id="join" heading={t("workshopRun.obstacles.joinHeading")}>
          <img src={`/verksteder/${workshop.id}/qr.svg`} alt={t("workshopRun.obstacles.qrAlt")} width={200} height={200} />
          <Paragraph>{t("workshopRun.obstacles.joinText", { url: loaderData.join.url.replace(/\?.*$/, ""), code: loaderData.join.code })}</Paragraph>
        </Section>
      ) : null}
      {loaderData.votesLeft !== null && running ? (
        <Paragraph role="status" data-testid="votes-left">
          <strong>{t("workshopRun.votes.left", { count: loaderData.votesLeft })}</strong>
        </Paragraph>
      ) : null}
      {loaderData.manager && !loaderData.participant && running ? <Paragraph className="muted">{t("workshopRun.obstacles.managerNote")}</Paragraph> : null}

      {editing ? (
        <Section id="manage" heading={t("workshopRun.obstacles.manage")}>
          <Paragraph>«{editing.text}»</Paragraph>
          <PostForm
            intent="edit"
            actionData={actionData}
            schema={loaderData.rules}
            hidden={{ obstacleId: editing.id }}
            values={{ theme: editing.theme, text: editing.text }}
          >
            <SelectField name="theme" label={t("workshopRun.obstacles.theme")} options={themeOptions} />
            <TextareaField name="text" label={t("workshopRun.obstacles.text")} rows={3} />
            <FormActions>
              <SubmitButton>{t("workshopRun.obstacles.save")}</SubmitButton>
              <Link to={base}>{t("common.cancel")}</Link>
            </FormActions>
          </PostForm>
          {obstacles.length > 1 ? (
            <PostForm intent="merge" actionData={actionData} hidden={{ obstacleId: editing.id }}>
              <SelectField
                name="targetId"
                label={t("workshopRun.obstacles.mergeInto")}
                options={obstacles
                  .filter((o) => o.id !== editing.id)
                  .map((o) => ({ value: o.id, label: o.text.length > 90 ? `${o.text.slice(0, 89)}…` : o.text }))}
              />
              <FormActions>
                <SubmitButton variant="secondary">{t("workshopRun.obstacles.merge")}</SubmitButton>
              </FormActions>
            </PostForm>
          ) : null}
          <ConfirmStep
            id="delete"
            heading={t("workshopRun.obstacles.delete")}
            text={`«${editing.text}»`}
            intent="delete"
            hidden={{ obstacleId: editing.id }}
            action={`${base}?rediger=${editing.id}`}
            confirmLabel={t("workshopRun.obstacles.deleteConfirm")}
            submitLabel={t("workshopRun.obstacles.delete")}
            actionData={actionData}
          />
        </Section>
      ) : null}

      {running && (loaderData.participant || loaderData.manager) ? (
        <Section id="add" heading={t("workshopRun.obstacles.add")}>
          <PostForm intent="add" actionData={actionData} schema={loaderData.rules}>
            <SelectField name="theme" label={t("workshopRun.obstacles.theme")} options={themeOptions} />
            <TextareaField name="text" label={t("workshopRun.obstacles.text")} rows={3} />
            <FormActions>
              <SubmitButton>{t("workshopRun.obstacles.submit")}</SubmitButton>
            </FormActions>
          </PostForm>
        </Section>
      ) : null}
      {/* A refused vote (no votes left, workshop closed meanwhile) shows above the list. */}
      <FormErrorSummary formError={failureFor(actionData, "vote").formError ?? failureFor(actionData, "withdraw").formError} />
      {obstacles.length === 0 ? <Paragraph>{t("workshopRun.obstacles.empty")}</Paragraph> : null}
      {order
        .filter((th) => obstacles.some((o) => o.theme === th))
        .map((th) => (
          <Section key={th} id={`theme-${th}`} heading={label(t, "obstacleTheme", th)}>
            <ul className="obstacle-list">
              {obstacles
                .filter((o) => o.theme === th)
                .map((o) => (
                  <li key={o.id} id={`o-${o.id}`} data-testid="obstacle">
                    <Paragraph>{o.text}</Paragraph>
                    <Paragraph data-size="sm" className="muted">
                      <strong data-testid="obstacle-votes">{t("workshopRun.votes.count", { count: o.votes })}</strong>
                      {o.authorSector ? ` · ${t("workshopRun.obstacles.bySector", { sector: label(t, "participantSector", o.authorSector) })}` : null}
                    </Paragraph>
                    {mayVote ? (
                      <PostForm intent={o.mine ? "withdraw" : "vote"} id={`v-${o.id}`} summary={false} hidden={{ obstacleId: o.id }} className="inline-form">
                        <SubmitButton
                          data-size="sm"
                          variant={o.mine ? "secondary" : "primary"}
                          aria-label={t(o.mine ? "workshopRun.votes.withdrawFor" : "workshopRun.votes.voteFor", { text: o.text })}
                        >
                          {t(o.mine ? "workshopRun.votes.withdraw" : "workshopRun.votes.vote")}
                        </SubmitButton>
                      </PostForm>
                    ) : null}
                    {loaderData.manager && running ? (
                      <Paragraph data-size="sm">
                        <Link to={`${base}?rediger=${o.id}#manage-heading`}>{t("workshopRun.obstacles.edit")}</Link>
                      </Paragraph>
                    ) : null}
                  </li>
                ))}
            </ul>
          </Section>
        ))}
    </div>
  );
}
