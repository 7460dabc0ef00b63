import { Link, redirect } from "react-router";
import { Paragraph } from "@digdir/designsystemet-react";
import type { Route } from "./+types/matrix-public-edit";
import { PageHeading } from "~/components/section.tsx";
import { getTranslator } from "~/i18n/translate.ts";
import { useT } from "~/i18n/use-t.ts";
import { formFields, intent, intentAction } from "~/lib/intents.server.ts";
import { getLocale, guard, requireUser } from "~/lib/route.server.ts";
import { formToObject } from "~/lib/validation.ts";
import {
  addMatrixActor,
  addMatrixTask,
  getPublishedMatrixForEdit,
  removeMatrixActor,
  removeMatrixTask,
  updateMatrixActor,
  updateMatrixTask,
} from "~/domain/workshops/matrix.server.ts";
import { ConflictList, editorFocus, MatrixEditor, MatrixTable } from "./matrix-ui.tsx";

export const handle = { hydrate: false };

export function meta({ loaderData }: Route.MetaArgs) {
  return [{ title: `${loaderData?.title ?? "Samspill"} – Samspill` }];
}

/** The kommune's coordinators keep its published matrix current between workshops; each change is dated on the public page. */
export async function loader({ request, context, params }: Route.LoaderArgs) {
  const actor = requireUser(context, request);
  const view = await guard(request, () => getPublishedMatrixForEdit(actor, params.number));
  return {
    title: getTranslator(getLocale(context))("workshopMatrix.edit.title", { name: view.municipality.name }),
    municipality: view.municipality,
    matrix: view.matrix,
    organizations: view.organizations,
    focus: editorFocus(new URL(request.url)),
  };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const actor = requireUser(context, request);
  const values = formToObject(await request.formData());
  const scope = { municipalityNumber: params.number };
  const saved = () => redirect(`/kommuner/${params.number}/hvem-gjor-hva?lagret=1`);
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
  });
}

export default function EditPublishedMatrix({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const { municipality, matrix, organizations, focus } = loaderData;
  const basePath = `/kommuner/${municipality.number}/hvem-gjor-hva/rediger`;
  return (
    <div className="page stack">
      <PageHeading back={{ to: `/kommuner/${municipality.number}/hvem-gjor-hva`, label: t("workshopMatrix.edit.back"), size: "sm" }}>
        {loaderData.title}
      </PageHeading>
      <Paragraph>{t("workshopMatrix.edit.intro")}</Paragraph>
      <MatrixTable matrix={matrix} basePath={basePath} canEdit />
      <ConflictList matrix={matrix} />
      <MatrixEditor matrix={matrix} basePath={basePath} focus={focus} organizations={organizations} actionData={actionData} />
      <Paragraph>
        <Link to={`/kommuner/${municipality.number}/hvem-gjor-hva`}>{t("workshopMatrix.edit.back")}</Link>
      </Paragraph>
    </div>
  );
}
