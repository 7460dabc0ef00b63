import { Link } from "react-router";
import { Heading, Paragraph } from "@digdir/designsystemet-react";
import type { Route } from "./+types/offers";
import { FormActions, PostForm, SelectField, SubmitButton, TextareaField } from "~/components/form.tsx";
import { Notice } from "~/components/notice.tsx";
import { Section } from "~/components/section.tsx";
import { label, labelOptions } from "~/i18n/labels.ts";
import { getTranslator } from "~/i18n/translate.ts";
import { useT } from "~/i18n/use-t.ts";
import { formRules } from "~/lib/form-schema.ts";
import { formFields, intent, intentAction } from "~/lib/intents.server.ts";
import { getActor, getLocale, guard, requireUser } from "~/lib/route.server.ts";
import { formToObject } from "~/lib/validation.ts";
import type { UserActor } from "~/domain/auth/actor.ts";
import { competenceOfferSchema } from "~/domain/guidance/guidance.schema.ts";
import { competenceOfferOwner, listCompetenceOffers, removeCompetenceOffer, setCompetenceOffer } from "~/domain/guidance/guidance.server.ts";

/** Public: what an organisation can help others with. Plain HTML, no JavaScript. */
export const handle = { hydrate: false };

export function meta({ loaderData }: Route.MetaArgs) {
  return [{ title: `${loaderData?.title ?? "Kompetanse"} – Samspill` }];
}

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const owner = await guard(request, () => competenceOfferOwner(getActor(context), params.id));
  const offers = await listCompetenceOffers(owner.id);
  return {
    title: `${getTranslator(getLocale(context))("guidance.offers.title")}: ${owner.name}`,
    organization: { id: owner.id, name: owner.name },
    canEdit: owner.canEdit,
    offers,
    rules: owner.canEdit ? formRules(competenceOfferSchema) : null,
  };
}

function intentsFor(actor: UserActor, organizationId: string) {
  return {
    set: intent(formFields, async (v) => (await setCompetenceOffer(actor, organizationId, v), { ok: true as const, notice: "saved" as const })),
    remove: intent(formFields, async (v) => (await removeCompetenceOffer(actor, organizationId, v), { ok: true as const, notice: "removed" as const })),
  };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const actor = requireUser(context, request);
  const values = formToObject(await request.formData());
  return intentAction(request, context, values, intentsFor(actor, params.id));
}

export default function CompetenceOffers({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const { organization, canEdit, offers, rules } = loaderData;
  const notice = actionData && "notice" in actionData ? actionData.notice : null;
  return (
    <div className="page">
      <Paragraph data-size="sm">
        <Link to={`/organisasjoner/${organization.id}`}>{t("guidance.offers.back")}</Link>
      </Paragraph>
      <Heading level={1} data-size="lg">
        {t("guidance.offers.title")}
      </Heading>
      <Paragraph>{t("guidance.offers.intro", { organization: organization.name })}</Paragraph>
      {notice ? <Notice>{notice === "saved" ? t("guidance.offers.saved") : t("guidance.offers.removed")}</Notice> : null}
      <Section id="offers" heading={organization.name} empty={offers.length === 0 ? t("guidance.offers.empty") : null}>
        <ul className="stack" data-testid="competence-offers">
          {offers.map((o) => (
            <li key={o.topic}>
              <strong>{label(t, "competenceTopic", o.topic)}</strong>
              <Paragraph style={{ whiteSpace: "pre-line" }}>{o.description}</Paragraph>
              {canEdit ? (
                <PostForm intent="remove" actionData={actionData} id={`remove-${o.topic}`} hidden={{ topic: o.topic }} summary={false}>
                  <SubmitButton
                    variant="tertiary"
                    data-size="sm"
                    aria-label={t("guidance.offers.removeLabel", { topic: label(t, "competenceTopic", o.topic) })}
                  >
                    {t("guidance.offers.remove")}
                  </SubmitButton>
                </PostForm>
              ) : null}
            </li>
          ))}
        </ul>
      </Section>
      {canEdit && rules ? (
        <Section id="offers-add" heading={t("guidance.offers.add")}>
          <PostForm intent="set" actionData={actionData} schema={rules} key={notice ?? "set"}>
            <SelectField
              name="topic"
              label={t("guidance.field.topic")}
              options={[{ value: "", label: t("guidance.field.topicChoose") }, ...labelOptions(t, "competenceTopic")]}
            />
            <TextareaField name="description" label={t("guidance.offers.description")} description={t("guidance.offers.descriptionHelp")} rows={4} />
            <FormActions>
              <SubmitButton>{t("guidance.offers.submit")}</SubmitButton>
            </FormActions>
          </PostForm>
        </Section>
      ) : null}
    </div>
  );
}
