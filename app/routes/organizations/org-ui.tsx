import { Link } from "react-router";
import type { MembershipRole } from "~/domain/organizations/organizations.constants.ts";
import { FormActions, PostForm, SelectField, SubmitButton, TextField, TextareaField } from "~/components/form.tsx";
import type { AuditValue } from "~/domain/audit/audit-changes.ts";
import type { FormRules } from "~/lib/form-schema.ts";
import type { Translate } from "~/i18n/translate.ts";
import { isLabelValue, label, labelOptions } from "~/i18n/labels.ts";
import { useT } from "~/i18n/use-t.ts";

/** Shared pieces of the organisation pages (not a route: app/routes.ts lists routes explicitly). */

/** A member's role; the same as `label(t, "membershipRole", role)` from app/i18n/labels.ts, which new code uses. */
export function roleLabel(t: Translate, role: MembershipRole): string {
  return label(t, "membershipRole", role);
}

export { DemoTag } from "~/components/demo-tag.tsx";

export interface MunicipalityOption {
  number: string;
  name: string;
  countyName: string;
}

export function municipalityOptions(list: MunicipalityOption[]) {
  return list.map((m) => ({ value: m.number, label: `${m.name} (${m.countyName})` }));
}

export interface OrganizationFormValues {
  name?: string;
  kind?: string;
  orgNumber?: string | null;
  description?: string;
  website?: string | null;
  contactEmail?: string | null;
  contactPhone?: string | null;
  address?: string | null;
  postalCode?: string | null;
  postalPlace?: string | null;
  receptionCentreOperator?: string | null;
  municipalities?: string[];
}

/**
 * The create and edit form: same fields, same rules — required and lengths
 * from organizationInputSchema, which the loader reads (formRules), so Zod
 * stays off the page's JavaScript.
 */
export function OrganizationForm({
  initial,
  actionData,
  rules,
  municipalities,
  submitLabel,
  cancelTo,
}: {
  initial: OrganizationFormValues;
  actionData: unknown;
  rules: FormRules;
  municipalities: MunicipalityOption[];
  submitLabel: string;
  cancelTo: string;
}) {
  const t = useT();
  return (
    <PostForm id="organization" actionData={actionData} schema={rules} values={{ ...initial }}>
      <TextField name="name" label={t("org.form.name")} />
      <SelectField name="kind" label={t("org.form.kind")} options={[{ value: "", label: t("org.form.kindChoose") }, ...labelOptions(t, "organizationKind")]} />
      {/* Always shown (no script needed to follow the chosen kind); the server refuses it for other kinds. */}
      <SelectField
        name="receptionCentreOperator"
        label={t("org.form.receptionCentreOperator")}
        description={t("org.form.receptionCentreOperatorHelp")}
        options={[{ value: "", label: t("org.form.receptionCentreOperatorNone") }, ...labelOptions(t, "receptionCentreOperator")]}
      />
      {/* A list of at least one: formRules reads text fields only. */}
      <SelectField
        name="municipalities"
        label={t("org.form.municipalities")}
        description={t("org.form.municipalitiesHelp")}
        required
        multiple
        options={municipalityOptions(municipalities)}
      />
      {/* The schema takes spaces and dots ("974 760 673") and checks the digits, so the length is the form's. */}
      <TextField name="orgNumber" label={t("org.form.orgNumber")} description={t("org.form.orgNumberHelp")} inputMode="numeric" maxLength={20} />
      <TextareaField name="description" label={t("org.form.description")} rows={6} />
      <TextField name="website" type="url" label={t("org.form.website")} description={t("org.form.websiteHelp")} />
      <TextField name="contactEmail" type="email" label={t("org.form.contactEmail")} autoComplete="off" />
      <TextField name="contactPhone" type="tel" label={t("org.form.contactPhone")} />
      <TextField name="address" label={t("activityAdmin.org.address")} autoComplete="street-address" />
      {/* Four digits by the schema's pattern, which has no length of its own. */}
      <TextField name="postalCode" label={t("activityAdmin.org.postalCode")} inputMode="numeric" maxLength={4} />
      <TextField name="postalPlace" label={t("activityAdmin.org.postalPlace")} />
      <FormActions>
        <SubmitButton>{submitLabel}</SubmitButton>
        <Link to={cancelTo}>{t("common.cancel")}</Link>
      </FormActions>
    </PostForm>
  );
}

/** A log value (already short text, see auditChanges) for the reader: kinds and roles by their label, dates in the reader's locale. */
export function formatAuditValue(t: Translate, formatDate: (value: string) => string, field: string, value: AuditValue): string {
  if (value === null || value === "") return "";
  if (field === "expiresAt" && typeof value === "string" && !Number.isNaN(Date.parse(value))) return formatDate(value);
  if (field === "kind" && isLabelValue("organizationKind", value)) return label(t, "organizationKind", value);
  if (field === "role" && isLabelValue("membershipRole", value)) return label(t, "membershipRole", value);
  if (field === "receptionCentreOperator" && isLabelValue("receptionCentreOperator", value)) return label(t, "receptionCentreOperator", value);
  return String(value);
}
