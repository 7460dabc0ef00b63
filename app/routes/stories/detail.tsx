import { Link, redirect } from "react-router";
import { Heading, Paragraph } from "@digdir/designsystemet-react";
import type { Route } from "./+types/detail";
import { ChoiceGroup, FormActions, PostForm, SubmitButton, TextareaField } from "~/components/form.tsx";
import { DemoTag } from "~/components/demo-tag.tsx";
import { Notice } from "~/components/notice.tsx";
import { label } from "~/i18n/labels.ts";
import { useT } from "~/i18n/use-t.ts";
import { formFields, intent, intentAction } from "~/lib/intents.server.ts";
import { getActor, guard, requireUser } from "~/lib/route.server.ts";
import { formToObject } from "~/lib/validation.ts";
import type { CompetenceTopic } from "~/domain/competence/topics.ts";
import { getStory, reviewStory } from "~/domain/stories/stories.server.ts";
import { REVIEW_COMMENT_MAX } from "~/domain/stories/stories.schema.ts";
import { storyStatusKey } from "./story-ui.tsx";

/** Public once approved, read on cheap phones: plain HTML; the review form is a plain POST. */
export const handle = { hydrate: false };

export function meta({ loaderData }: Route.MetaArgs) {
  return [{ title: `${loaderData?.story.title ?? "Samspill"} – Samspill` }];
}

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const search = new URL(request.url).searchParams;
  const story = await guard(request, () => getStory(getActor(context), params.id));
  const notice = search.get("vurdert") === "approved" ? "approved" : search.get("vurdert") === "returned" ? "returned" : search.has("sendt") ? "sent" : null;
  return { story, notice };
}

/** The coordinator's decision (intent=review): approve, or send back with a comment. */
export async function action({ request, context, params }: Route.ActionArgs) {
  const actor = requireUser(context, request);
  const values = formToObject(await request.formData());
  return intentAction(request, context, values, {
    review: intent(formFields, async () => {
      const { status } = await reviewStory(actor, params.id, values);
      throw redirect(`/erfaringer/${params.id}?vurdert=${status}`);
    }),
  });
}

function Part({ heading, text }: { heading: string; text: string }) {
  const t = useT();
  return (
    <>
      <Heading level={2} data-size="xs">
        {heading}
      </Heading>
      <Paragraph style={{ whiteSpace: "pre-line" }}>{text || t("stories.detail.notStated")}</Paragraph>
    </>
  );
}

export default function StoryDetail({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const { story, notice } = loaderData;
  return (
    <div className="page stack">
      <Paragraph data-size="sm">
        <Link to="/erfaringer">{t("stories.detail.back")}</Link>
      </Paragraph>
      {notice === "approved" ? <Notice>{t("stories.review.approved")}</Notice> : null}
      {notice === "returned" ? <Notice>{t("stories.review.returned")}</Notice> : null}
      {notice === "sent" ? <Notice>{t("stories.new.saved")}</Notice> : null}
      <Heading level={1} data-size="lg">
        {story.title}
      </Heading>
      <Paragraph>
        {t("stories.detail.by", { organization: "" })}
        <Link to={`/organisasjoner/${story.organizationId}`}>{story.organizationName}</Link> ({label(t, "organizationKind", story.organizationKind)}) ·{" "}
        <Link to={`/kommuner/${story.municipalityNumber}`}>{story.municipalityName}</Link> <DemoTag show={story.isDemo} />
      </Paragraph>
      {story.activityTitle ? (
        <Paragraph>
          {t("stories.detail.activity")}
          <Link to={`/aktiviteter/${story.activityId}`}>{story.activityTitle}</Link>
        </Paragraph>
      ) : null}
      {story.status !== "approved" ? (
        <Notice tone="info">
          {t("stories.status.notice", { status: t(storyStatusKey[story.status]) })}
          {story.reviewComment ? <Paragraph>{t("stories.detail.reviewComment", { comment: story.reviewComment })}</Paragraph> : null}
        </Notice>
      ) : null}
      {story.canEdit ? (
        <Paragraph>
          <Link to={`/erfaringer/${story.id}/rediger`}>{t("stories.detail.edit")}</Link>
        </Paragraph>
      ) : null}
      <Part heading={t("stories.detail.whatWasDone")} text={story.whatWasDone} />
      <Part heading={t("stories.detail.forWhom")} text={story.forWhom} />
      <Part heading={t("stories.detail.whatWorked")} text={story.whatWorked} />
      <Part heading={t("stories.detail.whatDidNotWork")} text={story.whatDidNotWork} />
      <Part heading={t("stories.detail.cost")} text={story.cost} />
      <Heading level={2} data-size="xs">
        {t("stories.detail.contact")}
      </Heading>
      <address>
        <strong>{story.contactName}</strong>
        {story.contactEmail ? (
          <>
            <br />
            <a href={`mailto:${story.contactEmail}`}>{story.contactEmail}</a>
          </>
        ) : null}
        {story.contactPhone ? (
          <>
            <br />
            <a href={`tel:${story.contactPhone.replace(/\s+/g, "")}`}>{story.contactPhone}</a>
          </>
        ) : null}
      </address>
      {story.topics.length > 0 ? (
        <>
          <Heading level={2} data-size="xs">
            {t("stories.detail.topics")}
          </Heading>
          <ul>
            {story.topics.map((topic) => (
              <li key={topic}>
                <Link to={`/erfaringer?tema=${topic}`}>{label(t, "competenceTopic", topic as CompetenceTopic)}</Link>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {story.canReview ? (
        <section aria-labelledby="story-review-heading" className="stack" id="vurdering">
          <Heading level={2} data-size="sm" id="story-review-heading">
            {t("stories.review.heading")}
          </Heading>
          <PostForm intent="review" actionData={actionData}>
            <ChoiceGroup
              name="decision"
              type="radio"
              legend={t("stories.review.decision")}
              options={[
                { value: "approve", label: t("stories.review.approve") },
                { value: "return", label: t("stories.review.return") },
              ]}
            />
            <TextareaField name="comment" label={t("stories.review.comment")} description={t("stories.review.commentHelp")} maxLength={REVIEW_COMMENT_MAX} />
            <FormActions>
              <SubmitButton>{t("stories.review.submit")}</SubmitButton>
            </FormActions>
          </PostForm>
        </section>
      ) : null}
    </div>
  );
}
