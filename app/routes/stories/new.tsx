import { Link, redirect } from "react-router";
import { Heading, Paragraph } from "@digdir/designsystemet-react";
import type { Route } from "./+types/new";
import { Section } from "~/components/section.tsx";
import { getTranslator } from "~/i18n/translate.ts";
import { useT } from "~/i18n/use-t.ts";
import { formFields, intent, intentAction } from "~/lib/intents.server.ts";
import { getActor, getLocale, guard, requireUser } from "~/lib/route.server.ts";
import { formToObject } from "~/lib/validation.ts";
import { createStory, organizationStories, storyActivityChoices } from "~/domain/stories/stories.server.ts";
import { StoryForm, storyStatusKey } from "./story-ui.tsx";

export const handle = { hydrate: false };

export function meta({ loaderData }: Route.MetaArgs) {
  return [{ title: `${loaderData?.title ?? "Samspill"} – Samspill` }];
}

/** An organisation's admin writes a story about one of its activities; the organisation's stories so far below. */
export async function loader({ request, context, params }: Route.LoaderArgs) {
  const actor = getActor(context);
  const choices = await guard(request, () => storyActivityChoices(actor, params.id));
  const own = await guard(request, () => organizationStories(actor, params.id));
  return { title: getTranslator(getLocale(context))("stories.new.title"), ...choices, own };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const actor = requireUser(context, request);
  const values = formToObject(await request.formData());
  return intentAction(request, context, values, {
    story: intent(formFields, async () => {
      const { id } = await createStory(actor, params.id, values);
      throw redirect(`/erfaringer/${id}?sendt=1`);
    }),
  });
}

export default function NewStory({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const { organization, activities, own } = loaderData;
  return (
    <div className="page stack">
      <Paragraph data-size="sm">
        <Link to={`/organisasjoner/${organization.id}`}>{organization.name}</Link>
      </Paragraph>
      <Heading level={1} data-size="lg">
        {t("stories.new.title")}
      </Heading>
      <Paragraph>{t("stories.new.intro", { organization: organization.name })}</Paragraph>
      {activities.length === 0 ? (
        <>
          <Paragraph>{t("stories.form.noActivities")}</Paragraph>
          <Paragraph>
            <Link to={`/organisasjoner/${organization.id}/aktiviteter/ny`}>{t("stories.form.newActivity")}</Link>
          </Paragraph>
        </>
      ) : (
        <StoryForm activities={activities} actionData={actionData} submitLabel={t("stories.form.submitNew")} />
      )}
      <Section id="own-stories" heading={t("stories.new.ownHeading")} empty={own.length === 0 ? t("stories.new.ownNone") : null}>
        <ul>
          {own.map((s) => (
            <li key={s.id}>
              <Link to={`/erfaringer/${s.id}`}>{s.title}</Link> – {t(storyStatusKey[s.status])}
            </li>
          ))}
        </ul>
      </Section>
    </div>
  );
}
