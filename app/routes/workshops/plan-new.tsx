import { redirect } from "react-router";
import { Paragraph } from "@digdir/designsystemet-react";
import type { Route } from "./+types/plan-new";
import { PageHeading } from "~/components/section.tsx";
import { getTranslator } from "~/i18n/translate.ts";
import { useT } from "~/i18n/use-t.ts";
import { formFields, intent, intentAction } from "~/lib/intents.server.ts";
import { getLocale, guard, requireUser } from "~/lib/route.server.ts";
import { formToObject } from "~/lib/validation.ts";
import { createWorkshop, workshopFormData } from "~/domain/workshops/plan.server.ts";
import { DEFAULT_OBSTACLE_VOTES, DEFAULT_SOLUTION_VOTES } from "~/domain/workshops/workshops.constants.ts";
import { WorkshopForm } from "./plan-ui.tsx";

export const handle = { hydrate: false };

export function meta({ loaderData }: Route.MetaArgs) {
  return [{ title: `${loaderData?.title ?? "Nytt verksted"} – Samspill` }];
}

export async function loader({ request, context }: Route.LoaderArgs) {
  const actor = requireUser(context, request);
  const t = getTranslator(getLocale(context));
  const form = await guard(request, () => workshopFormData(actor));
  return {
    title: t("workshops.new.title"),
    form: {
      organisers: form.organisers.map((o) => ({
        value: o.value,
        label: o.level === "county" ? t("workshops.form.organiserCounty", { name: o.name }) : o.name,
      })),
      countyMunicipalities: form.countyMunicipalities,
      sessionSlots: 3,
      values: {
        obstacleVotesPerParticipant: String(DEFAULT_OBSTACLE_VOTES),
        solutionVotesPerParticipant: String(DEFAULT_SOLUTION_VOTES),
        s0_durationMinutes: "240",
        s1_kind: "follow_up",
        s1_durationMinutes: "120",
        s2_kind: "follow_up",
        s2_durationMinutes: "120",
      },
    },
  };
}

export async function action({ request, context }: Route.ActionArgs) {
  const actor = requireUser(context, request);
  const values = formToObject(await request.formData());
  return intentAction(request, context, values, {
    create: intent(formFields, async () => {
      const { id } = await createWorkshop(actor, values);
      throw redirect(`/verksteder/${id}?lagret=1`);
    }),
  });
}

export default function NewWorkshop({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  return (
    <div className="page">
      <PageHeading back={{ to: "/verksteder", label: t("workshops.list.title"), size: "sm" }}>{t("workshops.new.title")}</PageHeading>
      <Paragraph>{t("workshops.new.intro")}</Paragraph>
      <WorkshopForm data={loaderData.form} actionData={actionData} intent="create" submitLabel={t("workshops.new.submit")} />
    </div>
  );
}
