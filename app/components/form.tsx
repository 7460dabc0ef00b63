import { createContext, useContext, useId, type ReactNode, type Ref } from "react";
import { Form, useNavigation } from "react-router";
import { Alert, Button, Heading, Paragraph, ValidationMessage } from "@digdir/designsystemet-react";
import type { z } from "zod";
import { CsrfField } from "~/components/csrf.tsx";
import type { FieldError, FieldErrors } from "~/lib/errors.ts";
import { formRules, type FormRules } from "~/lib/form-schema.ts";
import { useT } from "~/i18n/use-t.ts";
import type { MessageKey } from "~/i18n/messages.ts";

/**
 * The form kit. Fields work without JavaScript: the label's `for` and the
 * control's `aria-describedby` are set on the server (Designsystemet's Field
 * only wires them up once its web component runs), so controls are plain
 * elements with Designsystemet's classes.
 *
 * Inside a <PostForm> a field needs only its name and label: its id
 * (`<form id>-<name>`, which the error summary links to), error, posted-back
 * value and `required`/`maxLength` (from the form's Zod schema) come from the
 * form. Outside one, pass them as props.
 */

export type FormValues = Record<string, unknown>;

export interface FormFailure {
  formError?: string;
  fieldErrors: FieldErrors;
  values: Record<string, string>;
}

interface FormScope {
  idPrefix: string;
  errors: FieldErrors;
  values: FormValues;
  rules: FormRules;
  pending: boolean;
}

const Scope = createContext<FormScope | null>(null);

/** Which form on the page was sent last (its useId), so only that one shows itself pending. */
let lastSubmitted: string | null = null;

/** Reads a failed action's data in a type-safe way. */
export function formFailure(actionData: unknown): FormFailure {
  if (actionData && typeof actionData === "object" && "ok" in actionData && (actionData as { ok: unknown }).ok === false) {
    const d = actionData as {
      formError?: string;
      fieldErrors?: FieldErrors;
      values?: Record<string, string>;
    };
    return {
      formError: d.formError,
      fieldErrors: d.fieldErrors ?? {},
      values: d.values ?? {},
    };
  }
  return { fieldErrors: {}, values: {} };
}

/** The failure of the form that posted `intent` (a page's other forms show nothing). */
export function failureFor(actionData: unknown, intent?: string): FormFailure {
  const failure = formFailure(actionData);
  return intent === undefined || failure.values.intent === intent ? failure : { fieldErrors: {}, values: {} };
}

/** An error for a field or one of its items ("dates.2" belongs to "dates"). */
export function errorOf(errors: FieldErrors, name: string): FieldError | undefined {
  if (errors[name]) return errors[name];
  const key = Object.keys(errors).find((k) => k.startsWith(`${name}.`));
  return key ? errors[key] : undefined;
}

function asText(v: unknown): string | undefined {
  if (typeof v === "string") return v;
  if (typeof v === "number") return String(v);
  return undefined;
}

/** A posted-back value as a list (checkbox groups, multi-selects, repeated inputs). */
export function listValue(values: FormValues, name: string): string[] {
  const v = values[name];
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === "string");
  return typeof v === "string" && v ? [v] : [];
}

/** A posted-back checkbox. */
export function checkedValue(values: FormValues, name: string): boolean {
  const v = values[name];
  return v === true || v === "on" || v === "true";
}

interface BaseFieldProps {
  name: string;
  label: string;
  description?: string;
  error?: FieldError;
  required?: boolean;
  /** Overrides the id the form gives the control (repeated inputs of one name). */
  id?: string;
}

/** Everything a field takes from its form, each overridable by a prop. */
function useField(props: BaseFieldProps & { maxLength?: number }) {
  const scope = useContext(Scope);
  const autoId = `${useId().replace(/:/g, "")}-${props.name}`;
  const id = props.id ?? (scope ? `${scope.idPrefix}${props.name}` : autoId);
  // A repeated input (own id) leaves the group's error to the group.
  const error = props.error ?? (scope && !props.id ? errorOf(scope.errors, props.name) : undefined);
  const rule = scope?.rules[props.name];
  const describedBy = [props.description ? `${id}-description` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return {
    id,
    error,
    required: props.required ?? rule?.required,
    maxLength: props.maxLength ?? rule?.maxLength,
    value: scope?.values[props.name],
    values: scope?.values ?? {},
    aria: {
      "aria-invalid": error ? true : undefined,
      "aria-describedby": describedBy,
    } as const,
  };
}

export function FieldErrorMessage({ id, error }: { id: string; error?: FieldError }) {
  const t = useT();
  if (!error) return null;
  return <ValidationMessage id={id}>{t(error.key as MessageKey, error.values)}</ValidationMessage>;
}

function Description({ id, text }: { id: string; text?: string }) {
  return text ? (
    <Paragraph id={`${id}-description`} data-size="sm" className="muted">
      {text}
    </Paragraph>
  ) : null;
}

/** Label, description, control and error message: the frame of every single-control field. */
function FieldFrame({
  id,
  label,
  description,
  error,
  hiddenLabel,
  children,
}: {
  id: string;
  label: string;
  description?: string;
  error?: FieldError;
  /** The label is read out but not shown (a control in a table row whose column header says what it is). */
  hiddenLabel?: boolean;
  children: ReactNode;
}) {
  const parts = (
    <>
      <label className={hiddenLabel ? "visually-hidden" : "ds-label"} htmlFor={id}>
        {label}
      </label>
      <Description id={id} text={description} />
      {children}
      <FieldErrorMessage id={`${id}-error`} error={error} />
    </>
  );
  // Unframed, the control sits in its row (an inline form) without the field's spacing under a label nobody sees.
  return hiddenLabel ? parts : <div className="ds-field">{parts}</div>;
}

type TextProps = BaseFieldProps & {
  defaultValue?: string;
  maxLength?: number;
  autoComplete?: string;
  inputMode?: React.HTMLAttributes<HTMLInputElement>["inputMode"];
  dir?: "rtl" | "ltr";
  lang?: string;
};

export function TextField(
  props: TextProps & {
    type?: "text" | "email" | "password" | "url" | "tel" | "number" | "search" | "date" | "time" | "datetime-local";
  },
) {
  const f = useField(props);
  return (
    <FieldFrame id={f.id} label={props.label} description={props.description} error={f.error}>
      <input
        className="ds-input"
        id={f.id}
        name={props.name}
        type={props.type ?? "text"}
        defaultValue={props.defaultValue ?? asText(f.value)}
        autoComplete={props.autoComplete}
        required={f.required}
        maxLength={f.maxLength}
        inputMode={props.inputMode}
        dir={props.dir}
        lang={props.lang}
        {...f.aria}
      />
    </FieldFrame>
  );
}

export const NumberField = (props: TextProps) => <TextField inputMode="numeric" {...props} type="number" />;
export const DateField = (props: TextProps) => <TextField {...props} type="date" />;
/** A time of day, or with `withDate` a local date and time. */
export const TimeField = ({ withDate, ...props }: TextProps & { withDate?: boolean }) => <TextField {...props} type={withDate ? "datetime-local" : "time"} />;

export function TextareaField(props: TextProps & { rows?: number }) {
  const f = useField(props);
  return (
    <FieldFrame id={f.id} label={props.label} description={props.description} error={f.error}>
      <textarea
        className="ds-input"
        id={f.id}
        name={props.name}
        rows={props.rows ?? 4}
        defaultValue={props.defaultValue ?? asText(f.value)}
        required={f.required}
        maxLength={f.maxLength}
        dir={props.dir}
        lang={props.lang}
        {...f.aria}
      />
    </FieldFrame>
  );
}

export function SelectField(
  props: BaseFieldProps & {
    defaultValue?: string | string[];
    options?: { value: string; label: string }[];
    /** Options of one's own, e.g. optgroups. */
    children?: ReactNode;
    multiple?: boolean;
    hiddenLabel?: boolean;
    size?: "sm";
  },
) {
  const f = useField(props);
  const posted = props.multiple ? listValue(f.values, props.name) : asText(f.value);
  return (
    <FieldFrame id={f.id} label={props.label} description={props.description} error={f.error} hiddenLabel={props.hiddenLabel}>
      <select
        className="ds-input"
        data-size={props.size}
        id={f.id}
        name={props.name}
        defaultValue={props.defaultValue ?? posted}
        required={f.required}
        multiple={props.multiple}
        {...f.aria}
      >
        {props.options?.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
        {props.children}
      </select>
    </FieldFrame>
  );
}

/** A file to upload (the form needs encType="multipart/form-data"). */
export function FileField(props: BaseFieldProps & { accept?: string; multiple?: boolean }) {
  const f = useField(props);
  return (
    <FieldFrame id={f.id} label={props.label} description={props.description} error={f.error}>
      <input id={f.id} type="file" name={props.name} accept={props.accept} multiple={props.multiple} required={f.required} {...f.aria} />
    </FieldFrame>
  );
}

/** Box and label side by side with some room. */
const choiceStyle = {
  display: "flex",
  alignItems: "center",
  gap: "0.5rem",
  flexWrap: "wrap",
  marginBlock: "0.25rem",
} as const;

/** One checkbox with its label (a yes/no field, or the tick that confirms a destructive step). */
export function CheckboxField(props: BaseFieldProps & { defaultChecked?: boolean }) {
  const f = useField(props);
  return (
    <div className="ds-field" style={choiceStyle}>
      <input
        className="ds-input"
        type="checkbox"
        id={f.id}
        name={props.name}
        defaultChecked={props.defaultChecked ?? checkedValue(f.values, props.name)}
        required={props.required}
        {...f.aria}
      />
      <label className="ds-label" data-weight="regular" htmlFor={f.id}>
        {props.label}
      </label>
      <Description id={f.id} text={props.description} />
      <FieldErrorMessage id={`${f.id}-error`} error={f.error} />
    </div>
  );
}

/** Checkboxes or radios in a fieldset; the first control carries the field's id, for the error summary. */
export function ChoiceGroup(
  props: Omit<BaseFieldProps, "label"> & {
    legend: string;
    type: "checkbox" | "radio";
    options: { value: string; label: string }[];
    /** The ticked values when nothing was posted back. */
    selected?: string[];
  },
) {
  const f = useField({ ...props, label: props.legend });
  const posted = listValue(f.values, props.name);
  const selected = posted.length ? posted : (props.selected ?? []);
  return (
    <fieldset className="ds-fieldset" {...f.aria}>
      <legend className="ds-label">{props.legend}</legend>
      <Description id={f.id} text={props.description} />
      <div>
        {props.options.map((o, i) => {
          const id = i === 0 ? f.id : `${f.id}-${o.value}`;
          return (
            <div key={o.value} style={choiceStyle}>
              <input className="ds-input" type={props.type} id={id} name={props.name} value={o.value} defaultChecked={selected.includes(o.value)} />
              <label className="ds-label" data-weight="regular" htmlFor={id}>
                {o.label}
              </label>
            </div>
          );
        })}
      </div>
      <FieldErrorMessage id={`${f.id}-error`} error={f.error} />
    </fieldset>
  );
}

/**
 * A fieldset of its own fields under a small heading, or (with `name`) one
 * field made of several controls, e.g. repeated date inputs: its error shows
 * under the group and the summary links to the control with the group's id.
 */
export function FieldGroup({
  legend,
  name,
  children,
  className,
  hiddenLegend,
}: {
  legend: string;
  name?: string;
  children: ReactNode;
  className?: string;
  hiddenLegend?: boolean;
}) {
  const scope = useContext(Scope);
  const id = name ? `${scope?.idPrefix ?? ""}${name}` : "";
  const error = name && scope ? errorOf(scope.errors, name) : undefined;
  return (
    <fieldset
      className={className ?? (name ? "ds-fieldset" : "ds-fieldset stack")}
      aria-invalid={error ? true : undefined}
      aria-describedby={error ? `${id}-error` : undefined}
    >
      {hiddenLegend ? (
        <legend className="visually-hidden">{legend}</legend>
      ) : name ? (
        <legend className="ds-label">{legend}</legend>
      ) : (
        <legend className="ds-heading" data-size="xs">
          {legend}
        </legend>
      )}
      {children}
      <FieldErrorMessage id={`${id}-error`} error={error} />
    </fieldset>
  );
}

/**
 * Shown at the top of a form that failed: the general message and one entry
 * per field in error, a link to that field when the form's ids are known.
 */
export function FormErrorSummary({
  formError,
  fieldErrors,
  idPrefix,
  heading = "common.errorSummary",
}: {
  formError?: string;
  fieldErrors?: FieldErrors;
  idPrefix?: string;
  heading?: MessageKey;
}) {
  const t = useT();
  const entries = Object.entries(fieldErrors ?? {});
  if (!formError && entries.length === 0) return null;
  return (
    <Alert data-color="danger" role="alert">
      <Heading level={2} data-size="xs">
        {t((formError ?? heading) as MessageKey)}
      </Heading>
      {entries.length > 0 ? (
        <ul>
          {entries.map(([field, error]) => {
            const message = t(error.key as MessageKey, error.values);
            return <li key={field}>{idPrefix === undefined ? message : <a href={`#${idPrefix}${field.split(".")[0]}`}>{message}</a>}</li>;
          })}
        </ul>
      ) : null}
    </Alert>
  );
}

export function FormActions({ children }: { children: ReactNode }) {
  return <div className="form-actions">{children}</div>;
}

/** A submit button that is disabled while its own form (not any form on the page) is being sent. */
export function SubmitButton({ children, disabled, ...props }: Omit<React.ComponentProps<typeof Button>, "type">) {
  const scope = useContext(Scope);
  return (
    <Button type="submit" disabled={Boolean(scope?.pending) || disabled} {...props}>
      {children}
    </Button>
  );
}

function isZodSchema(schema: z.ZodType | FormRules): schema is z.ZodType {
  return typeof schema === "object" && schema !== null && "_zod" in schema;
}

/**
 * A POST form: the CSRF field, the `intent` that tells the action which form
 * this is, an error summary above it for its own failure (read from the
 * route's actionData), and a pending state of its own.
 */
export function PostForm({
  intent,
  actionData,
  failure: givenFailure,
  values,
  schema,
  id,
  summaryHeading,
  summary = true,
  hidden,
  action,
  encType,
  className = "form",
  noValidate = true,
  formRef,
  onChange,
  children,
}: {
  intent?: string;
  /** The route's actionData; only a failure posted with this form's intent is shown. */
  actionData?: unknown;
  /** The failure to show, when the route has already picked it out of actionData. */
  failure?: FormFailure;
  /** Values to start from; values posted back with a failure win. */
  values?: FormValues;
  /** The Zod schema the action validates with (server-only pages), or the rules a loader read from it (hydrated pages: keeps Zod out of the bundle). */
  schema?: z.ZodType | FormRules;
  /** Prefix of the fields' ids (`<id>-<name>`); defaults to the intent. */
  id?: string;
  summaryHeading?: MessageKey;
  /** false: the page shows this form's failure elsewhere. */
  summary?: boolean;
  hidden?: Record<string, string>;
  action?: string;
  encType?: "multipart/form-data";
  className?: string;
  noValidate?: boolean;
  formRef?: Ref<HTMLFormElement>;
  onChange?: React.FormEventHandler<HTMLFormElement>;
  children: ReactNode;
}) {
  const failure = givenFailure ?? failureFor(actionData, intent);
  const navigation = useNavigation();
  const formId = useId();
  const posted = Object.keys(failure.values).length > 0;
  const scope: FormScope = {
    idPrefix: `${id ?? intent ?? "form"}-`,
    errors: failure.fieldErrors,
    values: posted ? failure.values : (values ?? {}),
    rules: schema ? (isZodSchema(schema) ? formRules(schema) : schema) : {},
    pending: navigation.state === "submitting" && lastSubmitted === formId,
  };
  return (
    <Scope.Provider value={scope}>
      {summary ? <FormErrorSummary formError={failure.formError} fieldErrors={failure.fieldErrors} idPrefix={scope.idPrefix} heading={summaryHeading} /> : null}
      <Form
        method="post"
        action={action}
        encType={encType}
        className={className}
        noValidate={noValidate}
        ref={formRef}
        onChange={onChange}
        onSubmit={() => {
          lastSubmitted = formId;
        }}
      >
        <CsrfField />
        {intent ? <input type="hidden" name="intent" value={intent} /> : null}
        {Object.entries(hidden ?? {}).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        {children}
      </Form>
    </Scope.Provider>
  );
}
