import { Link, redirect } from "react-router";
import { Card, Heading, Paragraph, Tag } from "@digdir/designsystemet-react";
import type { Route } from "./+types/actions-plan";
import { Notice } from "~/components/notice.tsx";
import { PageHeading, Section } from "~/components/section.tsx";
import { failureFor, FormActions, PostForm, SelectField, SubmitButton, TextareaField } from "~/components/form.tsx";
import { useFormat, useT } from "~/i18n/use-t.ts";
import { getTranslator } from "~/i18n/translate.ts";
import { getActor, getLocale, guard, requireUser } from "~/lib/route.server.ts";
import { formFields, intent, intentAction } from "~/lib/intents.server.ts";
import { formToObject } from "~/lib/validation.ts";
import { addActionNote, createAction, getActionPlan, setActionStatus } from "~/domain/workshops/actions.server.ts";
import { actionStatuses, noteSchema } from "~/domain/workshops/actions.schema.ts";
import { ActionFields, statusKey, type DiffChange } from "./actions-ui.tsx";

/** Plain POST forms: nothing here needs JavaScript. */
export const handle = { hydrate: false };

export function meta({ loaderData }: Route.MetaArgs) {
  return [{ title: `${loaderData?.title ?? "Handlingsplan"} – Samspill` }];
}

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const url = new URL(request.url);
  const plan = await guard(request, () => getActionPlan(request, getActor(context), params.id, { sessionId: url.searchParams.get("okt") }));
  const t = getTranslator(getLocale(context));
  const lagret = url.searchParams.get("lagret");
  const notice = lagret && Object.hasOwn(noticeKeys, lagret) ? (lagret as keyof typeof noticeKeys) : null;
  return {
    title: t("workshops.actions.title", { title: plan.workshop.title }),
    ...plan,
    notice,
  };
}

/** New action (managers), status and progress notes (managers and the owner organisation's members); back with a notice. */
export async function action({ request, context, params }: Route.ActionArgs) {
  const actor = requireUser(context, request);
  const values = formToObject(await request.formData());
  const base = `/verksteder/${params.id}/handlingsplan`;
  return intentAction(request, context, values, {
    create: intent(formFields, async () => {
      const { id } = await createAction(actor, params.id, values);
      throw redirect(`${base}?lagret=ny#tiltak-${id}`);
    }),
    status: intent(formFields, async () => {
      await setActionStatus(actor, params.id, values);
      throw redirect(`${base}?lagret=status#tiltak-${String(values.actionId)}`);
    }),
    note: intent(formFields, async () => {
      await addActionNote(actor, params.id, values);
      throw redirect(`${base}?lagret=notat#tiltak-${String(values.actionId)}`);
    }),
  });
}

const noticeKeys = {
  ny: "workshops.actions.notice.created",
  status: "workshops.actions.notice.status",
  notat: "workshops.actions.notice.note",
  slettet: "workshops.actions.notice.deleted",
  endret: "workshops.actions.notice.updated",
} as const;

function DiffList({ id, heading, changes, render }: { id: string; heading: string; changes: DiffChange[]; render: (c: DiffChange) => string }) {
  if (!changes.length) return null;
  return (
    <Section id={id} heading={heading} level={3} size="2xs">
      <ul>
        {changes.map((c, i) => (
          <li key={i}>{render(c)}</li>
        ))}
      </ul>
    </Section>
  );
}

function FollowUpDiff({ diff }: { diff: NonNullable<Route.ComponentProps["loaderData"]["diff"]> }) {
  const t = useT();
  const format = useFormat();
  const date = (d: Date | string) => format.date(new Date(d));
  const nothing = !diff.created.length && !diff.statusChanges.length && !diff.deadlinesMoved.length && !diff.notes.length && !diff.deleted.length;
  return (
    <Section id="siden-sist" heading={t("workshops.actions.diff.heading")} empty={nothing ? t("workshops.actions.diff.nothing") : null}>
      <Paragraph>{t("workshops.actions.diff.intro", { since: date(diff.since), session: date(diff.sessionStartsAt) })}</Paragraph>
      <DiffList
        id="diff-status"
        heading={t("workshops.actions.diff.statusChanges")}
        changes={diff.statusChanges}
        render={(c) =>
          t("workshops.actions.diff.statusLine", { action: c.actionTitle, from: t(statusKey(c.fromValue)), to: t(statusKey(c.toValue)), date: date(c.at) })
        }
      />
      <DiffList
        id="diff-new"
        heading={t("workshops.actions.diff.created")}
        changes={diff.created}
        render={(c) => t("workshops.actions.diff.createdLine", { action: c.actionTitle, date: date(c.at) })}
      />
      <DiffList
        id="diff-notes"
        heading={t("workshops.actions.diff.notes")}
        changes={diff.notes}
        render={(c) => t("workshops.actions.diff.noteLine", { action: c.actionTitle, by: c.toValue ?? "", date: date(c.at) })}
      />
      <DiffList
        id="diff-deadlines"
        heading={t("workshops.actions.diff.deadlines")}
        changes={diff.deadlinesMoved}
        render={(c) => `${c.actionTitle}: ${t("workshops.actions.diff.deadlineMoved", { from: date(c.fromValue ?? ""), to: date(c.toValue ?? "") })}`}
      />
      <DiffList
        id="diff-deleted"
        heading={t("workshops.actions.diff.deleted")}
        changes={diff.deleted}
        render={(c) => t("workshops.actions.diff.deletedLine", { action: c.actionTitle, date: date(c.at) })}
      />
    </Section>
  );
}

export default function ActionPlanPage({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const format = useFormat();
  const { workshop, actions, canManage, diff, choices, notice } = loaderData;
  const base = `/verksteder/${workshop.id}/handlingsplan`;
  const statusOptions = actionStatuses.map((s) => ({ value: s, label: t(statusKey(s)) }));
  return (
    <div className="stack">
      <PageHeading back={{ to: `/verksteder/${workshop.id}`, label: t("workshops.actions.back", { title: workshop.title }) }}>
        {t("workshops.actions.heading")}
      </PageHeading>
      <Paragraph>{t("workshops.actions.intro", { title: workshop.title })}</Paragraph>
      {notice ? <Notice>{t(noticeKeys[notice])}</Notice> : null}
      {workshop.status === "closed" ? <Notice tone="info">{t("workshops.actions.closedNote")}</Notice> : null}
      {diff ? <FollowUpDiff diff={diff} /> : null}

      <Section
        id="tiltak"
        heading={t("workshops.actions.listHeading", { count: actions.length })}
        empty={actions.length === 0 ? t("workshops.actions.empty") : null}
      >
        {actions.map((a) => {
          const statusFailure = failureFor(actionData, "status");
          const noteFailure = failureFor(actionData, "note");
          const mine = (f: typeof statusFailure) => (f.values.actionId === a.id ? f : failureFor(undefined));
          return (
            <Card key={a.id} id={`tiltak-${a.id}`} className="stack" data-color="neutral">
              <Heading level={3} data-size="xs">
                {a.title}
              </Heading>
              <Paragraph>
                <Tag data-size="sm" data-color={a.status === "done" ? "success" : a.status === "in_progress" ? "info" : "neutral"}>
                  {t(statusKey(a.status))}
                </Tag>{" "}
                {a.overdue ? (
                  <Tag data-size="sm" data-color="danger">
                    {t("workshops.actions.overdue")}
                  </Tag>
                ) : null}
              </Paragraph>
              {a.description ? <Paragraph>{a.description}</Paragraph> : null}
              <dl>
                {a.solutionText ? (
                  <>
                    <dt>{t("workshops.actions.field.solution")}</dt>
                    <dd>{a.solutionText}</dd>
                  </>
                ) : null}
                <dt>{t("workshops.actions.field.owner")}</dt>
                <dd>{a.ownerName}</dd>
                <dt>{t("workshops.actions.field.contact")}</dt>
                <dd>
                  {a.contactName}
                  {a.contactEmail ? (
                    <>
                      {" · "}
                      <a href={`mailto:${a.contactEmail}`}>{a.contactEmail}</a>
                    </>
                  ) : null}
                  {a.contactPhone ? ` · ${a.contactPhone}` : null}
                </dd>
                <dt>{t("workshops.actions.field.deadline")}</dt>
                <dd>{format.date(new Date(`${a.deadline}T12:00:00Z`))}</dd>
              </dl>
              <Section
                id={`notater-${a.id}`}
                heading={t("workshops.actions.notesHeading")}
                level={4}
                size="2xs"
                empty={a.notes.length === 0 ? t("workshops.actions.noNotes") : null}
              >
                <ul>
                  {a.notes.map((n) => (
                    <li key={n.id}>
                      <strong>{format.date(new Date(n.createdAt))}</strong>, {n.authorLabel}: {n.text}
                    </li>
                  ))}
                </ul>
              </Section>
              {a.mayFollowUp ? (
                <>
                  <PostForm intent="status" id={`status-${a.id}`} failure={mine(statusFailure)} hidden={{ actionId: a.id }}>
                    <SelectField name="status" label={t("workshops.actions.field.status")} options={statusOptions} defaultValue={a.status} />
                    <SubmitButton variant="secondary">{t("workshops.actions.saveStatus")}</SubmitButton>
                  </PostForm>
                  <PostForm intent="note" id={`note-${a.id}`} failure={mine(noteFailure)} hidden={{ actionId: a.id }} schema={noteSchema}>
                    <TextareaField name="text" label={t("workshops.actions.field.note")} rows={3} />
                    <SubmitButton variant="secondary">{t("workshops.actions.addNote")}</SubmitButton>
                  </PostForm>
                </>
              ) : null}
              {canManage ? (
                <Paragraph>
                  <Link to={`${base}/${a.id}`}>{t("workshops.actions.editLink", { action: a.title })}</Link>
                </Paragraph>
              ) : null}
            </Card>
          );
        })}
      </Section>

      {canManage && choices ? (
        <Section id="nytt-tiltak" heading={t("workshops.actions.newHeading")}>
          <PostForm intent="create" actionData={actionData}>
            <ActionFields choices={choices} />
            <FormActions>
              <SubmitButton>{t("workshops.actions.create")}</SubmitButton>
            </FormActions>
          </PostForm>
        </Section>
      ) : null}
    </div>
  );
}
