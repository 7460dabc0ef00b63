import { useId, type ReactNode } from "react";
import { Alert, Field, Heading, Input, Label, Textarea, ValidationMessage, Paragraph } from "@digdir/designsystemet-react";
import type { FieldError, FieldErrors } from "~/lib/errors.ts";
import { useT } from "~/i18n/use-t.ts";
import type { MessageKey } from "~/i18n/messages.ts";

/**
 * Form fields that work without JavaScript: the label's `for` and the
 * input's `aria-describedby` are set on the server (Designsystemet's Field
 * only wires them up once its web component runs).
 */
interface BaseFieldProps {
  name: string;
  label: string;
  description?: string;
  error?: FieldError;
  required?: boolean;
}

function useFieldIds(name: string) {
  const id = `${useId().replace(/:/g, "")}-${name}`;
  return { id, descriptionId: `${id}-description`, errorId: `${id}-error` };
}

function describedBy(ids: { descriptionId: string; errorId: string }, description?: string, error?: FieldError) {
  return [description ? ids.descriptionId : null, error ? ids.errorId : null].filter(Boolean).join(" ") || undefined;
}

export function FieldErrorMessage({ id, error }: { id: string; error?: FieldError }) {
  const t = useT();
  if (!error) return null;
  return <ValidationMessage id={id}>{t(error.key as MessageKey, error.values)}</ValidationMessage>;
}

export function TextField({
  name,
  label,
  description,
  error,
  required,
  type = "text",
  defaultValue,
  autoComplete,
  maxLength,
  inputMode,
}: BaseFieldProps & {
  type?: "text" | "email" | "password" | "url" | "tel" | "number" | "search";
  defaultValue?: string;
  autoComplete?: string;
  maxLength?: number;
  inputMode?: React.HTMLAttributes<HTMLInputElement>["inputMode"];
}) {
  const ids = useFieldIds(name);
  return (
    <Field>
      <Label htmlFor={ids.id}>{label}</Label>
      {description ? (
        <Paragraph id={ids.descriptionId} data-size="sm" className="muted">
          {description}
        </Paragraph>
      ) : null}
      <Input
        id={ids.id}
        name={name}
        type={type}
        defaultValue={defaultValue}
        autoComplete={autoComplete}
        required={required}
        maxLength={maxLength}
        inputMode={inputMode}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(ids, description, error)}
      />
      <FieldErrorMessage id={ids.errorId} error={error} />
    </Field>
  );
}

export function TextareaField({ name, label, description, error, required, defaultValue, rows = 4, maxLength }: BaseFieldProps & { defaultValue?: string; rows?: number; maxLength?: number }) {
  const ids = useFieldIds(name);
  return (
    <Field>
      <Label htmlFor={ids.id}>{label}</Label>
      {description ? (
        <Paragraph id={ids.descriptionId} data-size="sm" className="muted">
          {description}
        </Paragraph>
      ) : null}
      <Textarea
        id={ids.id}
        name={name}
        rows={rows}
        defaultValue={defaultValue}
        required={required}
        maxLength={maxLength}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(ids, description, error)}
      />
      <FieldErrorMessage id={ids.errorId} error={error} />
    </Field>
  );
}

export function SelectField({
  name,
  label,
  description,
  error,
  required,
  defaultValue,
  options,
  multiple,
}: BaseFieldProps & { defaultValue?: string | string[]; options: { value: string; label: string }[]; multiple?: boolean }) {
  const ids = useFieldIds(name);
  return (
    <Field>
      <Label htmlFor={ids.id}>{label}</Label>
      {description ? (
        <Paragraph id={ids.descriptionId} data-size="sm" className="muted">
          {description}
        </Paragraph>
      ) : null}
      <select
        id={ids.id}
        name={name}
        className="ds-input"
        defaultValue={defaultValue}
        required={required}
        multiple={multiple}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(ids, description, error)}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <FieldErrorMessage id={ids.errorId} error={error} />
    </Field>
  );
}

/** Shown at the top of a form that failed: the general message and links to each field in error. */
export function FormErrorSummary({ formError, fieldErrors }: { formError?: string; fieldErrors?: FieldErrors }) {
  const t = useT();
  if (!formError && (!fieldErrors || Object.keys(fieldErrors).length === 0)) return null;
  const entries = Object.entries(fieldErrors ?? {});
  return (
    <Alert data-color="danger" role="alert">
      <Heading level={2} data-size="xs">
        {t((formError ?? "common.errorSummary") as MessageKey)}
      </Heading>
      {entries.length > 0 ? (
        <ul>
          {entries.map(([field, error]) => (
            <li key={field}>{t(error.key as MessageKey, error.values)}</li>
          ))}
        </ul>
      ) : null}
    </Alert>
  );
}

export function FormActions({ children }: { children: ReactNode }) {
  return <div className="form-actions">{children}</div>;
}

/** Reads a failed action's data in a type-safe way. */
export function formFailure(actionData: unknown): { formError?: string; fieldErrors: FieldErrors; values: Record<string, string> } {
  if (actionData && typeof actionData === "object" && "ok" in actionData && (actionData as { ok: unknown }).ok === false) {
    const d = actionData as { formError?: string; fieldErrors?: FieldErrors; values?: Record<string, string> };
    return { formError: d.formError, fieldErrors: d.fieldErrors ?? {}, values: d.values ?? {} };
  }
  return { fieldErrors: {}, values: {} };
}
