import { Link, redirect } from "react-router";
import { Heading, Paragraph } from "@digdir/designsystemet-react";
import type { Route } from "./+types/edit";
import { getTranslator } from "~/i18n/translate.ts";
import { useT } from "~/i18n/use-t.ts";
import { formFields, intent, intentAction } from "~/lib/intents.server.ts";
import { getActor, getLocale, guard, requireUser } from "~/lib/route.server.ts";
import { formToObject } from "~/lib/validation.ts";
import { getStoryForEdit, storyActivityChoices, updateStory } from "~/domain/stories/stories.server.ts";
import { StoryForm } from "./story-ui.tsx";

export const handle = { hydrate: false };

export function meta({ loaderData }: Route.MetaArgs) {
  return [{ title: `${loaderData?.title ?? "Samspill"} – Samspill` }];
}

/** The organisation's admins change a story; saving sends it back to the kommune for review. */
export async function loader({ request, context, params }: Route.LoaderArgs) {
  const actor = getActor(context);
  const story = await guard(request, () => getStoryForEdit(actor, params.id));
  const { activities } = await guard(request, () => storyActivityChoices(actor, story.organizationId));
  const values = {
    activityId: story.activityId,
    title: story.title,
    whatWasDone: story.whatWasDone,
    forWhom: story.forWhom,
    whatWorked: story.whatWorked,
    whatDidNotWork: story.whatDidNotWork,
    cost: story.cost,
    contactName: story.contactName,
    contactEmail: story.contactEmail ?? "",
    contactPhone: story.contactPhone ?? "",
    topics: story.topics,
  };
  return {
    title: getTranslator(getLocale(context))("stories.edit.title"),
    id: story.id,
    storyTitle: story.title,
    reviewComment: story.reviewComment,
    activities,
    values,
  };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const actor = requireUser(context, request);
  const values = formToObject(await request.formData());
  return intentAction(request, context, values, {
    story: intent(formFields, async () => {
      await updateStory(actor, params.id, values);
      throw redirect(`/erfaringer/${params.id}?sendt=1`);
    }),
  });
}

export default function EditStory({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const { id, storyTitle, reviewComment, activities, values } = loaderData;
  return (
    <div className="page stack">
      <Paragraph data-size="sm">
        <Link to={`/erfaringer/${id}`}>{storyTitle}</Link>
      </Paragraph>
      <Heading level={1} data-size="lg">
        {t("stories.edit.title")}
      </Heading>
      {reviewComment ? <Paragraph>{t("stories.detail.reviewComment", { comment: reviewComment })}</Paragraph> : null}
      <StoryForm activities={activities} values={values} actionData={actionData} submitLabel={t("stories.form.submitEdit")} />
    </div>
  );
}
