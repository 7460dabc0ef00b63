import { Form, Link, redirect } from "react-router";
import { PageHeading } from "~/components/section.tsx";
import { Button, Heading, Paragraph } from "@digdir/designsystemet-react";
import type { Route } from "./+types/new";
import { CheckboxField, FileField, FormActions, PostForm, SelectField, SubmitButton, TextareaField, TextField } from "~/components/form.tsx";
import { FILE_ACCEPT_ATTRIBUTE } from "~/domain/files/files.constants.ts";
import { Notice } from "~/components/notice.tsx";
import { getTranslator } from "~/i18n/translate.ts";
import { isLabelValue, labelOptions } from "~/i18n/labels.ts";
import { useT } from "~/i18n/use-t.ts";
import { formRules } from "~/lib/form-schema.ts";
import { formAction, getLocale, guard, requireUser } from "~/lib/route.server.ts";
import { formToObject } from "~/lib/validation.ts";
import { guidanceUrgencies } from "~/domain/guidance/guidance.constants.ts";
import { newGuidanceRequestSchema } from "~/domain/guidance/guidance.schema.ts";
import { askerOrganizations, createGuidanceRequest, guidanceSuggestions } from "~/domain/guidance/guidance.server.ts";
import { ArticleSuggestions, kindHintKey, urgencyLabel } from "./guidance-ui.tsx";

export function meta({ loaderData }: Route.MetaArgs) {
  return [{ title: `${loaderData?.title ?? "Veiledning"} – Samspill` }];
}

export async function loader({ request, context }: Route.LoaderArgs) {
  const actor = requireUser(context, request);
  const organizations = await guard(request, () => askerOrganizations(actor));
  // The organisation the form is tailored to: ?organisasjon= among the asker's own, else the first.
  const params = new URL(request.url).searchParams;
  const chosenId = params.get("organisasjon");
  const chosen = organizations.find((o) => o.id === chosenId) ?? organizations[0] ?? null;
  // Once a topic is chosen (?tema=), the first knowledge articles for it and the organisation's kind.
  const topicParam = params.get("tema");
  const topic = isLabelValue("competenceTopic", topicParam) ? topicParam : null;
  const suggestions = chosen && topic ? await guidanceSuggestions(chosen.kind, topic, getLocale(context)) : null;
  return {
    topic,
    suggestions: suggestions?.map((a) => ({ slug: a.slug, title: a.title, summary: a.summary })) ?? null,
    title: getTranslator(getLocale(context))("guidance.new.title"),
    organizations: organizations.map((o) => ({ id: o.id, name: o.name })),
    chosen,
    rules: formRules(newGuidanceRequestSchema),
  };
}

export async function action({ request, context }: Route.ActionArgs) {
  const actor = requireUser(context, request);
  const formData = await request.formData();
  const values = formToObject(formData);
  const result = await formAction(request, values, () => createGuidanceRequest(actor, values, formData.getAll("attachments")));
  if ("id" in result) throw redirect(`/veiledning/${result.id}?sendt=1`);
  return result;
}

export default function NewGuidanceRequest({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const { organizations, chosen, rules, topic, suggestions } = loaderData;
  return (
    <div className="page">
      <PageHeading back={{ to: "/veiledning", label: t("guidance.title"), size: "sm" }}>{t("guidance.new.title")}</PageHeading>
      {chosen === null ? (
        <Notice tone="info">
          <Paragraph>{t("guidance.new.noOrganization")}</Paragraph>
        </Notice>
      ) : (
        <>
          <Paragraph>{t("guidance.new.intro")}</Paragraph>
          {organizations.length > 1 ? (
            <ul className="stack">
              {organizations
                .filter((o) => o.id !== chosen.id)
                .map((o) => (
                  <li key={o.id}>
                    <Link to={`/veiledning/ny?organisasjon=${o.id}`}>{t("guidance.new.askFor", { organization: o.name })}</Link>
                  </li>
                ))}
            </ul>
          ) : null}
          <Notice tone="info">
            <Paragraph>{t(kindHintKey(chosen.kind))}</Paragraph>
          </Notice>
          <section aria-labelledby="guidance-suggest-heading" className="stack">
            <Heading level={2} data-size="xs" id="guidance-suggest-heading">
              {t("guidance.suggestions.forTopic")}
            </Heading>
            <Form method="get" action="/veiledning/ny" className="form">
              <input type="hidden" name="organisasjon" value={chosen.id} />
              <SelectField
                name="tema"
                id="guidance-suggest-topic"
                label={t("guidance.suggestions.topic")}
                defaultValue={topic ?? ""}
                options={[{ value: "", label: t("guidance.field.topicChoose") }, ...labelOptions(t, "competenceTopic")]}
              />
              <FormActions>
                <Button type="submit" variant="secondary">
                  {t("guidance.suggestions.show")}
                </Button>
              </FormActions>
            </Form>
            {suggestions === null ? null : suggestions.length === 0 ? (
              <Paragraph>{t("guidance.suggestions.none")}</Paragraph>
            ) : (
              <ArticleSuggestions articles={suggestions} />
            )}
          </section>
          <PostForm
            actionData={actionData}
            schema={rules}
            id="guidance-new"
            encType="multipart/form-data"
            values={{ organizationId: chosen.id, urgency: "normal", topic: topic ?? "" }}
          >
            <SelectField name="organizationId" label={t("guidance.field.organization")} options={[{ value: chosen.id, label: chosen.name }]} />
            <SelectField
              name="topic"
              label={t("guidance.field.topic")}
              options={[{ value: "", label: t("guidance.field.topicChoose") }, ...labelOptions(t, "competenceTopic")]}
            />
            <SelectField
              name="municipalityNumber"
              label={t("guidance.field.municipality")}
              description={t("guidance.field.municipalityHelp")}
              options={chosen.municipalities.map((m) => ({ value: m.number, label: m.name }))}
            />
            <TextField name="title" label={t("guidance.field.title")} />
            <TextareaField name="description" label={t("guidance.field.description")} description={t("guidance.field.descriptionHelp")} rows={8} />
            <SelectField name="urgency" label={t("guidance.field.urgency")} options={guidanceUrgencies.map((u) => ({ value: u, label: urgencyLabel(t, u) }))} />
            <FileField
              name="attachments"
              label={t("guidance.field.attachment")}
              description={t("guidance.field.attachmentHelp")}
              accept={FILE_ACCEPT_ATTRIBUTE}
            />
            <CheckboxField name="consentToReuse" label={t("guidance.field.consent")} description={t("guidance.field.consentHelp")} />
            <FormActions>
              <SubmitButton>{t("guidance.new.submit")}</SubmitButton>
            </FormActions>
          </PostForm>
        </>
      )}
    </div>
  );
}
