import { data, redirect } from "react-router";
import { Heading } from "@digdir/designsystemet-react";
import type { Route } from "./+types/new";
import { ActivityForm, type SimilarActivity } from "~/components/activity-form.tsx";
import { formFailure } from "~/components/form.tsx";
import { formRules } from "~/lib/form-schema.ts";
import { activityInputSchema } from "~/domain/activities/activities.schema.ts";
import { getTranslator } from "~/i18n/translate.ts";
import { useT } from "~/i18n/use-t.ts";
import { formAction, getLocale, guard, requireUser } from "~/lib/route.server.ts";
import { formToObject } from "~/lib/validation.ts";
import { createActivity, SimilarActivitiesError } from "~/domain/activities/activities.server.ts";
import { getActivityFormContext } from "~/domain/organizations/organizations.server.ts";
import { listMunicipalities } from "~/domain/reference/reference.server.ts";

export function meta({ loaderData }: Route.MetaArgs) {
  return [{ title: `${loaderData?.title ?? "Samspill"} – Samspill` }];
}

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const actor = requireUser(context, request);
  const { organization, partnerCandidates } = await guard(request, () => getActivityFormContext(actor, params.id));
  return {
    title: getTranslator(getLocale(context))("activityAdmin.new.title", { organization: organization.name }),
    organization,
    partnerCandidates,
    municipalities: await listMunicipalities(),
    rules: formRules(activityInputSchema),
  };
}

/**
 * Search before you create (createActivity's rule): a POST of an activity
 * that resembles existing ones in the kommune comes back with the list and a
 * checkbox; only a POST with the box ticked (or with nothing similar) creates.
 */
export async function action({ request, context, params }: Route.ActionArgs) {
  const actor = requireUser(context, request);
  const values = formToObject(await request.formData());
  return formAction(request, values, async () => {
    try {
      const { id } = await createActivity(actor, params.id, values);
      throw redirect(`/aktiviteter/${id}?opprettet=1`);
    } catch (error) {
      if (!(error instanceof SimilarActivitiesError)) throw error;
      const similar: SimilarActivity[] = error.similar;
      return data({ ok: false as const, formError: error.messageKey, fieldErrors: error.fieldErrors, values, similar }, { status: 400 });
    }
  });
}

export default function NewActivity({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const { organization } = loaderData;
  const failure = formFailure(actionData);
  const similar: SimilarActivity[] = actionData && typeof actionData === "object" && "similar" in actionData ? (actionData.similar as SimilarActivity[]) : [];
  const failed = Object.keys(failure.values).length > 0;
  const values = failed
    ? failure.values
    : {
        municipality: organization.municipalities.length === 1 ? organization.municipalities[0]!.number : "",
        scheduleKind: "recurring",
        status: "active",
        visibility: "public",
        isFree: "on",
      };
  return (
    <div className="page">
      <Heading level={1} data-size="lg">
        {t("activityAdmin.new.title", { organization: organization.name })}
      </Heading>
      <ActivityForm
        key={JSON.stringify(similar.map((s) => s.id)) + String(failed)}
        values={values}
        fieldErrors={failure.fieldErrors}
        formError={failure.formError}
        rules={loaderData.rules}
        ownMunicipalities={organization.municipalities}
        allMunicipalities={loaderData.municipalities}
        partnerOptions={loaderData.partnerCandidates}
        ownerId={organization.id}
        similar={similar}
        checkSimilar
        submitLabel={t("activityAdmin.new.submit")}
        cancelTo={`/organisasjoner/${organization.id}/aktiviteter`}
      />
    </div>
  );
}
