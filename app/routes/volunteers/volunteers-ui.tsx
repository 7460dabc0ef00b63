import { Link } from "react-router";
import { Heading, Paragraph, Tag } from "@digdir/designsystemet-react";
import { CheckboxField, ChoiceGroup, NumberField, SelectField, TextareaField, TextField } from "~/components/form.tsx";
import { Section } from "~/components/section.tsx";
import { activityLanguages } from "~/domain/activities/activities.constants.ts";
import { volunteerRoleKinds, type VolunteerRoleKind } from "~/domain/volunteers/volunteers.constants.ts";
import { label, labelOf } from "~/i18n/labels.ts";
import type { Translate } from "~/i18n/translate.ts";
import { useT } from "~/i18n/use-t.ts";

/** A role as the pages show it. */
export interface RoleView {
  id: string;
  kind: VolunteerRoleKind;
  title: string;
  description: string;
  minAge: number | null;
  languages: string[];
  policeCertificateRequired: boolean;
  timeCommitment: string;
  places: number | null;
}

export function languageList(t: Translate, languages: readonly string[]): string {
  return languages.map((l) => labelOf(t, "language", l)).join(", ");
}

/** Requirements and time commitment, as a description list. */
export function RoleFacts({ role }: { role: RoleView }) {
  const t = useT();
  return (
    <dl>
      <dt>{t("volunteers.role.kind")}</dt>
      <dd>{label(t, "volunteerRoleKind", role.kind)}</dd>
      {role.timeCommitment ? (
        <>
          <dt>{t("volunteers.role.timeCommitment")}</dt>
          <dd>{role.timeCommitment}</dd>
        </>
      ) : null}
      {role.minAge !== null ? (
        <>
          <dt>{t("volunteers.role.minAge")}</dt>
          <dd>{t("volunteers.role.minAgeValue", { age: role.minAge })}</dd>
        </>
      ) : null}
      {role.languages.length ? (
        <>
          <dt>{t("volunteers.role.languages")}</dt>
          <dd>{languageList(t, role.languages)}</dd>
        </>
      ) : null}
      {role.policeCertificateRequired ? (
        <>
          <dt>{t("volunteers.role.policeCertificate")}</dt>
          <dd>{t("volunteers.role.policeCertificateYes")}</dd>
        </>
      ) : null}
      {role.places !== null ? (
        <>
          <dt>{t("volunteers.role.places")}</dt>
          <dd>{role.places}</dd>
        </>
      ) : null}
    </dl>
  );
}

/** The roles on an activity's or a need's own page, each with its "Meld interesse" link; and the manage link for those who may. */
export function VolunteerRolesSection({ roles, manageHref }: { roles: readonly RoleView[]; manageHref: string | null }) {
  const t = useT();
  if (!roles.length && !manageHref) return null;
  return (
    <Section id="frivillige" heading={t("volunteers.section.heading")}>
      {roles.length ? <Paragraph>{t("volunteers.section.intro")}</Paragraph> : null}
      {roles.map((role) => (
        <div key={role.id} className="stack" data-testid="volunteer-role">
          <Heading level={3} data-size="xs">
            {role.title}{" "}
            {role.policeCertificateRequired ? (
              <Tag data-color="info" data-size="sm">
                {t("volunteers.list.policeCertificate")}
              </Tag>
            ) : null}
          </Heading>
          {role.description ? <Paragraph>{role.description}</Paragraph> : null}
          <RoleFacts role={role} />
          <Paragraph>
            <Link to={`/frivillig/roller/${role.id}`} className="ds-button" data-variant="primary">
              {t("volunteers.section.register", { title: role.title })}
            </Link>
          </Paragraph>
        </div>
      ))}
      {manageHref ? (
        <Paragraph>
          <Link to={manageHref}>{t("volunteers.section.manage")}</Link>
        </Paragraph>
      ) : null}
    </Section>
  );
}

/** The role form's fields (new and edit). */
export function RoleFields({ role }: { role?: RoleView }) {
  const t = useT();
  return (
    <>
      <SelectField
        name="kind"
        label={t("volunteers.field.kind")}
        defaultValue={role?.kind}
        options={volunteerRoleKinds.map((k) => ({ value: k, label: label(t, "volunteerRoleKind", k) }))}
      />
      <TextField name="title" label={t("volunteers.field.title")} defaultValue={role?.title} />
      <TextareaField name="description" label={t("volunteers.field.description")} defaultValue={role?.description} rows={3} />
      <TextField
        name="timeCommitment"
        label={t("volunteers.field.timeCommitment")}
        description={t("volunteers.field.timeHelp")}
        defaultValue={role?.timeCommitment}
      />
      <NumberField name="minAge" label={t("volunteers.field.minAge")} defaultValue={role?.minAge?.toString() ?? ""} />
      <NumberField name="places" label={t("volunteers.field.places")} defaultValue={role?.places?.toString() ?? ""} />
      <ChoiceGroup
        name="languages"
        type="checkbox"
        legend={t("volunteers.field.languages")}
        options={activityLanguages.map((l) => ({ value: l, label: labelOf(t, "language", l) }))}
        selected={role?.languages ?? []}
      />
      <CheckboxField name="policeCertificateRequired" label={t("volunteers.field.policeCertificate")} defaultChecked={role?.policeCertificateRequired} />
    </>
  );
}
