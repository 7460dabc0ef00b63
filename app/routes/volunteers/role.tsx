import { Link, redirect } from "react-router";
import { Heading, Paragraph } from "@digdir/designsystemet-react";
import type { Route } from "./+types/role";
import { CheckboxField, ChoiceGroup, FormActions, PostForm, SubmitButton, TextareaField, TextField } from "~/components/form.tsx";
import { Notice } from "~/components/notice.tsx";
import { PageHeading, Section } from "~/components/section.tsx";
import { activityLanguages } from "~/domain/activities/activities.constants.ts";
import { submitInterest } from "~/domain/volunteers/interests.server.ts";
import { getPublicRole } from "~/domain/volunteers/roles.server.ts";
import { DEFAULT_VOLUNTEER_RETENTION_MONTHS } from "~/domain/volunteers/volunteers.constants.ts";
import { HONEYPOT_FIELD, interestSchema } from "~/domain/volunteers/volunteers.schema.ts";
import { labelOf } from "~/i18n/labels.ts";
import { useT } from "~/i18n/use-t.ts";
import { formFields, intent, intentAction } from "~/lib/intents.server.ts";
import { guard, requestMeta } from "~/lib/route.server.ts";
import { formToObject } from "~/lib/validation.ts";
import { RoleFacts } from "./volunteers-ui.tsx";

/** Public and filled in on phones: plain HTML, the interest form a plain POST (no account). */
export const handle = { hydrate: false };

export function meta({ loaderData }: Route.MetaArgs) {
  return [{ title: `${loaderData?.role.title ?? "Bli frivillig"} – Samspill` }];
}

export async function loader({ request, params }: Route.LoaderArgs) {
  const role = await guard(request, () => getPublicRole(params.id));
  const search = new URL(request.url).searchParams;
  const notice: keyof typeof noticeKeys | null = search.has("sendt")
    ? "sent"
    : search.has("bekreftet")
      ? "confirmed"
      : search.has("allerede")
        ? "already"
        : null;
  const { organizationId: _receiver, ...shown } = role;
  return { role: shown, notice, retentionMonths: DEFAULT_VOLUNTEER_RETENTION_MONTHS };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const values = formToObject(await request.formData());
  const meta = requestMeta(request, context);
  return intentAction(request, context, values, {
    interest: intent(formFields, async () => {
      await submitInterest(params.id, values, { ip: meta.ip, locale: meta.locale });
      throw redirect(`/frivillig/roller/${params.id}?sendt=1#meld-interesse`);
    }),
  });
}

const noticeKeys = { sent: "volunteers.form.sent", confirmed: "volunteers.form.confirmed", already: "volunteers.form.alreadyConfirmed" } as const;

export default function VolunteerRole({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const { role, notice, retentionMonths } = loaderData;
  return (
    <div className="page">
      <PageHeading back={{ to: "/frivillig", label: t("volunteers.role.back") }}>{role.title}</PageHeading>
      <Paragraph>
        {role.organizationName
          ? t("volunteers.role.from", { organization: role.organizationName, municipality: role.municipalityName })
          : t("volunteers.role.fromKommune", { municipality: role.municipalityName })}
      </Paragraph>
      {role.description ? <Paragraph>{role.description}</Paragraph> : null}
      <Section id="krav" heading={t("volunteers.role.requirements")}>
        <RoleFacts role={role} />
        <Paragraph>
          {role.activityId ? (
            <Link to={`/aktiviteter/${role.activityId}`}>{t("volunteers.role.activityLink", { title: role.parentTitle })}</Link>
          ) : (
            <Link to={`/behov/${role.needId}`}>{t("volunteers.role.needLink", { title: role.parentTitle })}</Link>
          )}
        </Paragraph>
      </Section>
      <Section id="meld-interesse" heading={t("volunteers.form.heading")}>
        {notice ? (
          <Notice role="status">{t(noticeKeys[notice])}</Notice>
        ) : (
          <>
            <Paragraph>{t("volunteers.form.help")}</Paragraph>
            <PostForm intent="interest" actionData={actionData} schema={interestSchema}>
              <TextField name="name" label={t("volunteers.form.name")} autoComplete="name" />
              <TextField name="email" type="email" label={t("volunteers.form.email")} autoComplete="email" />
              <TextField name="phone" type="tel" label={t("volunteers.form.phone")} autoComplete="tel" />
              <ChoiceGroup
                name="languages"
                type="checkbox"
                legend={t("volunteers.form.languages")}
                options={activityLanguages.map((l) => ({ value: l, label: labelOf(t, "language", l) }))}
              />
              <TextareaField name="message" label={t("volunteers.form.message")} description={t("volunteers.form.messageHelp")} rows={4} />
              {/* A robot fills every field; people never see this one (hidden from view and from screen readers). */}
              <div className="visually-hidden" aria-hidden="true">
                <label htmlFor="interest-honeypot">{t("volunteers.form.honeypot")}</label>
                <input id="interest-honeypot" type="text" name={HONEYPOT_FIELD} tabIndex={-1} autoComplete="off" defaultValue="" />
              </div>
              <Heading level={3} data-size="xs">
                {t("volunteers.form.consentHeading")}
              </Heading>
              <Paragraph data-size="sm">{t("volunteers.form.consentText", { months: retentionMonths })}</Paragraph>
              <CheckboxField name="consent" label={t("volunteers.form.consent")} required />
              <CheckboxField name="contactableByKommune" label={t("volunteers.form.contactable")} />
              <FormActions>
                <SubmitButton>{t("volunteers.form.submit")}</SubmitButton>
              </FormActions>
            </PostForm>
          </>
        )}
      </Section>
    </div>
  );
}
