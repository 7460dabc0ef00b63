import { useId } from "react";
import { Form, Link } from "react-router";
import { Button, Field, Input, Label, ValidationMessage } from "@digdir/designsystemet-react";
import type { MembershipRole } from "~/domain/organizations/organizations.constants.ts";
import { CsrfField } from "~/components/csrf.tsx";
import { FormErrorSummary, SelectField, TextField, TextareaField } from "~/components/form.tsx";
import type { AuditValue } from "~/domain/audit/audit-changes.ts";
import type { FieldError, FieldErrors } from "~/lib/errors.ts";
import type { MessageKey } from "~/i18n/messages.ts";
import type { Translate } from "~/i18n/translate.ts";
import { isLabelValue, label, labelOptions } from "~/i18n/labels.ts";
import { useT } from "~/i18n/use-t.ts";

/** Shared pieces of the organisation pages (not a route: app/routes.ts lists routes explicitly). */

/** A member's role; the same as `label(t, "membershipRole", role)` from app/i18n/labels.ts, which new code uses. */
export function roleLabel(t: Translate, role: MembershipRole): string {
  return label(t, "membershipRole", role);
}

export { DemoTag } from "~/components/demo-tag.tsx";

/** A checkbox whose label works without JavaScript (Designsystemet's Checkbox wires `for` only on the client). */
export function ConfirmCheckbox({ name, label, error }: { name: string; label: string; error?: FieldError }) {
  const t = useT();
  const id = `${useId().replace(/:/g, "")}-${name}`;
  return (
    <Field>
      <Input type="checkbox" id={id} name={name} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined} />
      <Label htmlFor={id} weight="regular">
        {label}
      </Label>
      {error ? <ValidationMessage id={`${id}-error`}>{t(error.key as MessageKey, error.values)}</ValidationMessage> : null}
    </Field>
  );
}

export interface MunicipalityOption {
  number: string;
  name: string;
  countyName: string;
}

export function municipalityOptions(list: MunicipalityOption[]) {
  return list.map((m) => ({ value: m.number, label: `${m.name} (${m.countyName})` }));
}

function asList(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === "string");
  return typeof value === "string" && value ? [value] : [];
}

function asText(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
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

/** The create and edit form: same fields, same rules (organizationInputSchema). */
export function OrganizationForm({
  initial,
  failure,
  municipalities,
  submitLabel,
  cancelTo,
  busy,
}: {
  initial: OrganizationFormValues;
  failure: { formError?: string; fieldErrors: FieldErrors; values: Record<string, unknown> };
  municipalities: MunicipalityOption[];
  submitLabel: string;
  cancelTo: string;
  busy: boolean;
}) {
  const t = useT();
  const failed = Object.keys(failure.values).length > 0;
  const value = (name: keyof OrganizationFormValues) => (failed ? asText(failure.values[name]) : asText(initial[name] ?? undefined));
  const selectedMunicipalities = failed ? asList(failure.values.municipalities) : (initial.municipalities ?? []);
  const errors = failure.fieldErrors;
  return (
    <>
      <FormErrorSummary formError={failure.formError} fieldErrors={failure.fieldErrors} />
      <Form method="post" className="form" noValidate>
        <CsrfField />
        <TextField name="name" label={t("org.form.name")} required maxLength={200} defaultValue={value("name")} error={errors.name} />
        <SelectField
          name="kind"
          label={t("org.form.kind")}
          required
          defaultValue={value("kind") ?? ""}
          error={errors.kind}
          options={[{ value: "", label: t("org.form.kindChoose") }, ...labelOptions(t, "organizationKind")]}
        />
        {/* Always shown (no script needed to follow the chosen kind); the server refuses it for other kinds. */}
        <SelectField
          name="receptionCentreOperator"
          label={t("org.form.receptionCentreOperator")}
          description={t("org.form.receptionCentreOperatorHelp")}
          defaultValue={value("receptionCentreOperator") ?? ""}
          error={errors.receptionCentreOperator}
          options={[{ value: "", label: t("org.form.receptionCentreOperatorNone") }, ...labelOptions(t, "receptionCentreOperator")]}
        />
        <SelectField
          name="municipalities"
          label={t("org.form.municipalities")}
          description={t("org.form.municipalitiesHelp")}
          required
          multiple
          defaultValue={selectedMunicipalities}
          error={errors.municipalities}
          options={municipalityOptions(municipalities)}
        />
        <TextField
          name="orgNumber"
          label={t("org.form.orgNumber")}
          description={t("org.form.orgNumberHelp")}
          inputMode="numeric"
          maxLength={20}
          defaultValue={value("orgNumber")}
          error={errors.orgNumber}
        />
        <TextareaField
          name="description"
          label={t("org.form.description")}
          rows={6}
          maxLength={5000}
          defaultValue={value("description")}
          error={errors.description}
        />
        <TextField
          name="website"
          type="url"
          label={t("org.form.website")}
          description={t("org.form.websiteHelp")}
          maxLength={500}
          defaultValue={value("website")}
          error={errors.website}
        />
        <TextField
          name="contactEmail"
          type="email"
          label={t("org.form.contactEmail")}
          autoComplete="off"
          maxLength={254}
          defaultValue={value("contactEmail")}
          error={errors.contactEmail}
        />
        <TextField
          name="contactPhone"
          type="tel"
          label={t("org.form.contactPhone")}
          maxLength={30}
          defaultValue={value("contactPhone")}
          error={errors.contactPhone}
        />
        <TextField
          name="address"
          label={t("activityAdmin.org.address")}
          autoComplete="street-address"
          maxLength={300}
          defaultValue={value("address")}
          error={errors.address}
        />
        <TextField
          name="postalCode"
          label={t("activityAdmin.org.postalCode")}
          inputMode="numeric"
          maxLength={4}
          defaultValue={value("postalCode")}
          error={errors.postalCode}
        />
        <TextField
          name="postalPlace"
          label={t("activityAdmin.org.postalPlace")}
          maxLength={100}
          defaultValue={value("postalPlace")}
          error={errors.postalPlace}
        />
        <div className="form-actions">
          <Button type="submit" disabled={busy}>
            {submitLabel}
          </Button>
          <Link to={cancelTo}>{t("common.cancel")}</Link>
        </div>
      </Form>
    </>
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
