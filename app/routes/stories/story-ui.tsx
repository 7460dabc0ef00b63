import { Link } from "react-router";
import { Card, CardBlock, Heading, Paragraph } from "@digdir/designsystemet-react";
import { ChoiceGroup, FieldGroup, FormActions, PostForm, SelectField, SubmitButton, TextareaField, TextField, type FormValues } from "~/components/form.tsx";
import { DemoTag } from "~/components/demo-tag.tsx";
import { label, labelOptions } from "~/i18n/labels.ts";
import type { MessageKey } from "~/i18n/messages.ts";
import { useT } from "~/i18n/use-t.ts";
import type { CompetenceTopic } from "~/domain/competence/topics.ts";
import type { OrganizationKind } from "~/domain/organizations/organizations.constants.ts";
import { storySchema } from "~/domain/stories/stories.schema.ts";
import type { StoryStatus } from "~/domain/stories/stories.constants.ts";

export const storyStatusKey: Record<StoryStatus, MessageKey> = {
  pending: "stories.status.pending",
  returned: "stories.status.returned",
  approved: "stories.status.approved",
};

export interface StoryCardData {
  id: string;
  title: string;
  organizationName: string;
  organizationKind: OrganizationKind;
  municipalityName: string;
  topics: string[];
  forWhom: string;
  isDemo: boolean;
}

function topicLabels(t: ReturnType<typeof useT>, topics: string[]) {
  return topics.map((topic) => label(t, "competenceTopic", topic as CompetenceTopic)).join(", ");
}

/** Stories as cards: title, who told it, where, for whom, topics. `level` is the cards' heading level. */
export function StoryCards({ stories, level = 3 }: { stories: StoryCardData[]; level?: 2 | 3 | 4 }) {
  const t = useT();
  return (
    <ul className="card-grid">
      {stories.map((s) => (
        <li key={s.id}>
          <Card data-color="neutral">
            <CardBlock>
              <Heading level={level} data-size="xs">
                <Link to={`/erfaringer/${s.id}`}>{s.title}</Link>
              </Heading>
              <Paragraph data-size="sm">
                {t("stories.card.by", { organization: s.organizationName, kind: label(t, "organizationKind", s.organizationKind) })} · {s.municipalityName}{" "}
                <DemoTag show={s.isDemo} />
              </Paragraph>
              <Paragraph data-size="sm" className="muted">
                {t("stories.card.forWhom", { forWhom: s.forWhom })}
              </Paragraph>
              {s.topics.length > 0 ? (
                <Paragraph data-size="sm" className="muted">
                  {topicLabels(t, s.topics)}
                </Paragraph>
              ) : null}
            </CardBlock>
          </Card>
        </li>
      ))}
    </ul>
  );
}

/** The story form, new and edit: which activity, what was done, for whom, what worked and not, the cost, whom to ask, topics. */
export function StoryForm({
  activities,
  values,
  actionData,
  submitLabel,
}: {
  activities: { id: string; title: string }[];
  values?: FormValues;
  actionData: unknown;
  submitLabel: string;
}) {
  const t = useT();
  return (
    <PostForm intent="story" actionData={actionData} schema={storySchema} values={values}>
      <SelectField
        name="activityId"
        label={t("stories.form.activity")}
        options={[{ value: "", label: t("stories.form.activityChoose") }, ...activities.map((a) => ({ value: a.id, label: a.title }))]}
      />
      <TextField name="title" label={t("stories.form.title")} />
      <TextareaField name="whatWasDone" label={t("stories.form.whatWasDone")} rows={5} />
      <TextareaField name="forWhom" label={t("stories.form.forWhom")} rows={2} />
      <TextareaField name="whatWorked" label={t("stories.form.whatWorked")} rows={4} />
      <TextareaField name="whatDidNotWork" label={t("stories.form.whatDidNotWork")} rows={4} />
      <TextareaField name="cost" label={t("stories.form.cost")} description={t("stories.form.costHelp")} rows={2} />
      <FieldGroup legend={t("stories.form.contactHeading")}>
        <TextField name="contactName" label={t("stories.form.contactName")} autoComplete="off" />
        <TextField name="contactEmail" type="email" label={t("stories.form.contactEmail")} autoComplete="off" />
        <TextField name="contactPhone" type="tel" label={t("stories.form.contactPhone")} autoComplete="off" />
      </FieldGroup>
      <ChoiceGroup
        name="topics"
        type="checkbox"
        legend={t("stories.form.topics")}
        options={labelOptions(t, "competenceTopic")}
        selected={listOf(values?.topics)}
      />
      <Paragraph data-size="sm">{t("stories.form.reviewNote")}</Paragraph>
      <FormActions>
        <SubmitButton>{submitLabel}</SubmitButton>
      </FormActions>
    </PostForm>
  );
}

function listOf(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
}
