import { redirect } from "react-router";
import { Heading } from "@digdir/designsystemet-react";
import type { Route } from "./+types/edit";
import { ActivityForm } from "~/components/activity-form.tsx";
import { ConfirmStep } from "~/components/confirm-step.tsx";
import { formFailure } from "~/components/form.tsx";
import { formRules } from "~/lib/form-schema.ts";
import { getTranslator } from "~/i18n/translate.ts";
import { useT } from "~/i18n/use-t.ts";
import { getLocale, guard, requireUser } from "~/lib/route.server.ts";
import { formFields, intent, intentAction } from "~/lib/intents.server.ts";
import { formToObject } from "~/lib/validation.ts";
import { deleteActivity, getActivityForEdit, updateActivity } from "~/domain/activities/activities.server.ts";
import { activityInputSchema, activityToFormValues } from "~/domain/activities/activities.schema.ts";
import { getActivityFormContext } from "~/domain/organizations/organizations.server.ts";
import { listMunicipalities } from "~/domain/reference/reference.server.ts";

export function meta({ loaderData }: Route.MetaArgs) {
  return [{ title: `${loaderData?.title ?? "Samspill"} – Samspill` }];
}

const str = (v: string | number | null | undefined) => (v === null || v === undefined ? "" : String(v));

/**
 * A rule the simple repeat fields can express goes back into them; anything
 * else stays in the advanced RRULE field.
 */
function simpleRepeatFields(rrule: string | null): Record<string, string | string[]> | null {
  const match = rrule
    ? /^FREQ=(DAILY|WEEKLY|MONTHLY)(?:;INTERVAL=(\d+))?(?:;BYDAY=((?:MO|TU|WE|TH|FR|SA|SU)(?:,(?:MO|TU|WE|TH|FR|SA|SU))*))?(?:;UNTIL=(\d{4})(\d{2})(\d{2})T235959Z)?$/.exec(
        rrule,
      )
    : null;
  if (!match) return null;
  const [, frequency, interval, days, y, m, d] = match;
  if (days && frequency !== "WEEKLY") return null;
  return {
    repeatFrequency: frequency!,
    repeatInterval: interval ?? "",
    repeatWeekdays: days ? days.split(",") : [],
    repeatUntil: y ? `${y}-${m}-${d}` : "",
    rrule: "",
  };
}

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const actor = requireUser(context, request);
  const { activity, partners } = await guard(request, () => getActivityForEdit(actor, params.id));
  const { organization, partnerCandidates } = await guard(request, () =>
    getActivityFormContext(
      actor,
      activity.organizationId,
      partners.map((p) => p.id),
    ),
  );
  const values: Record<string, string | string[]> = {
    title: activity.title,
    description: activity.description,
    howToJoin: activity.howToJoin,
    themes: activity.themes,
    targetGroups: activity.targetGroups,
    languages: activity.languages,
    municipality: activity.municipalityNumber,
    address: str(activity.address),
    postalCode: str(activity.postalCode),
    postalPlace: str(activity.postalPlace),
    latitude: str(activity.latitude),
    longitude: str(activity.longitude),
    scheduleKind: activity.scheduleKind,
    durationMinutes: str(activity.durationMinutes),
    capacity: str(activity.capacity),
    isFree: activity.isFree ? "on" : "",
    costDescription: str(activity.costDescription),
    contactName: str(activity.contactName),
    contactEmail: str(activity.contactEmail),
    contactPhone: str(activity.contactPhone),
    registrationUrl: str(activity.registrationUrl),
    status: activity.status,
    seeksVolunteers: activity.seeksVolunteers ? "on" : "",
    volunteerTasks: str(activity.volunteerTasks),
    visibility: activity.visibility,
    partners: partners.map((p) => p.id),
    ...activityToFormValues(activity),
    ...(simpleRepeatFields(activity.rrule) ?? {}),
  };
  const t = getTranslator(getLocale(context));
  // The owner sees which partners have not confirmed yet.
  const pending = new Set(partners.filter((p) => p.status === "pending").map((p) => p.id));
  return {
    title: t("activityAdmin.edit.title", { activity: activity.title }),
    activity: { id: activity.id, title: activity.title, organizationId: activity.organizationId },
    values,
    rules: formRules(activityInputSchema),
    organization,
    partnerCandidates: partnerCandidates.map((c) => (pending.has(c.id) ? { ...c, name: t("activityAdmin.partnership.pendingOption", { name: c.name }) } : c)),
    municipalities: await listMunicipalities(),
  };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const actor = requireUser(context, request);
  const values = formToObject(await request.formData());
  return intentAction(request, context, values, {
    update: intent(formFields, async (input) => {
      const { id } = await updateActivity(actor, params.id, input);
      throw redirect(`/aktiviteter/${id}?lagret=1`);
    }),
    delete: intent(formFields, async (input) => {
      const { organizationId } = await deleteActivity(actor, params.id, input);
      throw redirect(`/organisasjoner/${organizationId}/aktiviteter?slettet=1`);
    }),
  });
}

export default function EditActivity({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const { organization, activity } = loaderData;
  const failure = formFailure(actionData);
  const deleteFailed = failure.values.intent === "delete";
  const failed = Object.keys(failure.values).length > 0 && !deleteFailed;
  return (
    <div className="page">
      <Heading level={1} data-size="lg">
        {t("activityAdmin.edit.title", { activity: activity.title })}
      </Heading>
      <ActivityForm
        values={failed ? failure.values : loaderData.values}
        fieldErrors={deleteFailed ? {} : failure.fieldErrors}
        formError={deleteFailed ? undefined : failure.formError}
        rules={loaderData.rules}
        ownMunicipalities={organization.municipalities}
        allMunicipalities={loaderData.municipalities}
        partnerOptions={loaderData.partnerCandidates}
        ownerId={organization.id}
        similar={[]}
        checkSimilar={false}
        intent="update"
        submitLabel={t("activityAdmin.edit.submit")}
        cancelTo={`/aktiviteter/${activity.id}`}
      />
      <ConfirmStep
        id="delete"
        framed={false}
        summary={false}
        intent="delete"
        actionData={actionData}
        heading={t("activityAdmin.edit.deleteHeading")}
        text={t("activityAdmin.edit.deleteText")}
        confirmLabel={t("activityAdmin.edit.deleteConfirm")}
        submitLabel={t("activityAdmin.edit.deleteSubmit")}
      />
    </div>
  );
}
