import { Link, redirect } from "react-router";
import { Paragraph } from "@digdir/designsystemet-react";
import type { Route } from "./+types/matrix-workshop";
import { ChoiceGroup, FormActions, PostForm, SubmitButton } from "~/components/form.tsx";
import { Notice } from "~/components/notice.tsx";
import { PageHeading, Section } from "~/components/section.tsx";
import { getTranslator } from "~/i18n/translate.ts";
import { useFormat, useT } from "~/i18n/use-t.ts";
import { formFields, intent, intentAction } from "~/lib/intents.server.ts";
import { getActor, getLocale, guard } from "~/lib/route.server.ts";
import { formToObject } from "~/lib/validation.ts";
import {
  addMatrixActor,
  addMatrixTask,
  getWorkshopMatrix,
  publishWorkshopMatrix,
  removeMatrixActor,
  removeMatrixTask,
  updateMatrixActor,
  updateMatrixTask,
} from "~/domain/workshops/matrix.server.ts";
import { ConflictList, editorFocus, MatrixEditor, MatrixTable } from "./matrix-ui.tsx";

/** Plain forms and links: works on participants' phones without JavaScript. */
export const handle = { hydrate: false };

export function meta({ loaderData }: Route.MetaArgs) {
  return [{ title: `${loaderData?.title ?? "Samspill"} – Samspill` }];
}

/** Participants read (signed in, or by the workshop's device cookie); managers edit while it is open, and publish. */
export async function loader({ request, context, params }: Route.LoaderArgs) {
  const view = await guard(request, () => getWorkshopMatrix(request, getActor(context), params.id));
  const url = new URL(request.url);
  return {
    title: getTranslator(getLocale(context))("workshopMatrix.title", { workshop: view.workshop.title }),
    ...view,
    focus: editorFocus(url),
    notice: url.searchParams.has("publisert") ? "published" : url.searchParams.has("lagret") ? "saved" : null,
  };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const actor = getActor(context);
  const values = formToObject(await request.formData());
  const scope = { workshopId: params.id };
  const base = `/verksteder/${params.id}/ansvar`;
  const saved = () => redirect(`${base}?lagret=1`);
  return intentAction(request, context, values, {
    addTask: intent(formFields, async () => {
      await addMatrixTask(actor, scope, values);
      throw saved();
    }),
    updateTask: intent(formFields, async () => {
      await updateMatrixTask(actor, scope, values);
      throw saved();
    }),
    removeTask: intent(formFields, async () => {
      await removeMatrixTask(actor, scope, values);
      throw saved();
    }),
    addActor: intent(formFields, async () => {
      await addMatrixActor(actor, scope, values);
      throw saved();
    }),
    updateActor: intent(formFields, async () => {
      await updateMatrixActor(actor, scope, values);
      throw saved();
    }),
    removeActor: intent(formFields, async () => {
      await removeMatrixActor(actor, scope, values);
      throw saved();
    }),
    publish: intent(formFields, async () => {
      await publishWorkshopMatrix(actor, params.id, values);
      throw redirect(`${base}?publisert=1`);
    }),
  });
}

export default function WorkshopMatrix({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const format = useFormat();
  const { workshop, matrix, canEdit, canPublish, municipalities, organizations, focus, notice } = loaderData;
  const basePath = `/verksteder/${workshop.id}/ansvar`;
  const data = matrix ?? { actors: [], tasks: [], conflicts: [] };
  return (
    <div className="page stack">
      <PageHeading back={{ to: `/verksteder/${workshop.id}`, label: t("workshopMatrix.backToWorkshop"), size: "sm" }}>{loaderData.title}</PageHeading>
      {notice ? <Notice>{t(notice === "published" ? "workshopMatrix.published" : "workshopMatrix.saved")}</Notice> : null}
      <Paragraph>{t("workshopMatrix.intro")}</Paragraph>
      {workshop.status === "closed" ? <Notice tone="info">{t("workshopMatrix.closed")}</Notice> : null}
      <MatrixTable matrix={data} basePath={basePath} canEdit={canEdit} />
      {data.tasks.length ? <ConflictList matrix={data} /> : null}
      {canEdit ? <MatrixEditor matrix={data} basePath={basePath} focus={focus} organizations={organizations} actionData={actionData} /> : null}
      {canPublish ? (
        <Section id="publish" heading={t("workshopMatrix.publish.heading")}>
          <Paragraph>{t("workshopMatrix.publish.text")}</Paragraph>
          <PostForm intent="publish" id="publish" actionData={actionData} summaryHeading="workshopMatrix.error.conflicts">
            <ChoiceGroup
              name="municipalities"
              type="checkbox"
              legend={t("workshopMatrix.publish.municipalities")}
              options={municipalities.map((m) => ({
                value: m.number,
                label: m.publishedAt ? `${m.name} (${t("workshopMatrix.publish.publishedOn", { date: format.date(m.publishedAt) })})` : m.name,
              }))}
              selected={municipalities.length === 1 ? [municipalities[0]!.number] : []}
            />
            <FormActions>
              <SubmitButton>{t("workshopMatrix.publish.submit")}</SubmitButton>
            </FormActions>
          </PostForm>
        </Section>
      ) : null}
      {municipalities.some((m) => m.publishedAt) ? (
        <ul>
          {municipalities
            .filter((m) => m.publishedAt)
            .map((m) => (
              <li key={m.number}>
                <Link to={`/kommuner/${m.number}/hvem-gjor-hva`}>{t("workshopMatrix.publish.view", { name: m.name })}</Link>
              </li>
            ))}
        </ul>
      ) : null}
    </div>
  );
}
