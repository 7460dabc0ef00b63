import { useEffect, useRef, useState, type ReactNode } from "react";
import { Form, Link } from "react-router";
import { Alert, Button, Heading, Paragraph, ValidationMessage } from "@digdir/designsystemet-react";
import {
  activityLanguages,
  activityStatuses,
  activityThemes,
  activityVisibilities,
  contentLanguages,
  scheduleKinds,
  targetGroups,
} from "~/domain/activities/activities.constants.ts";
import { CsrfField } from "~/components/csrf.tsx";
import type { FieldError, FieldErrors } from "~/lib/errors.ts";
import type { MessageKey } from "~/i18n/messages.ts";
import { useT } from "~/i18n/use-t.ts";

/**
 * The activity form shared by "new" and "edit". Plain HTML that works with
 * JavaScript off: field names are activityInputSchema's flat names, every
 * control has a server-rendered label, and the error summary links to the
 * fields by their fixed ids (`activity-<name>`).
 */

export interface MunicipalityChoice {
  number: string;
  name: string;
  countyName: string;
}

export interface SimilarActivity {
  id: string;
  title: string;
  organizationName: string;
}

export type FormValues = Record<string, unknown>;

const weekdays = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"] as const;
const frequencies = ["DAILY", "WEEKLY", "MONTHLY"] as const;
const EMPTY_DATE_INPUTS = 5;
const EMPTY_EXCEPTION_INPUTS = 3;
/** Right-to-left scripts among the content languages. */
const rtl = new Set(["ar", "prs"]);

/** Box and label side by side with some room (no stylesheet of its own). */
const choiceStyle = {
  display: "flex",
  alignItems: "center",
  gap: "0.5rem",
  flexWrap: "wrap",
  marginBlock: "0.25rem",
} as const;

const fieldId = (name: string) => `activity-${name}`;

function text(values: FormValues, name: string): string {
  const v = values[name];
  if (typeof v === "string") return v;
  if (typeof v === "number") return String(v);
  return "";
}

function list(values: FormValues, name: string): string[] {
  const v = values[name];
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === "string");
  return typeof v === "string" && v ? [v] : [];
}

function checked(values: FormValues, name: string): boolean {
  const v = values[name];
  return v === true || v === "on" || v === "true";
}

/** An error for a field or one of its items ("dates.2" belongs to "dates"). */
function errorOf(errors: FieldErrors, name: string): FieldError | undefined {
  if (errors[name]) return errors[name];
  const key = Object.keys(errors).find((k) => k.startsWith(`${name}.`));
  return key ? errors[key] : undefined;
}

function ErrorText({ name, error }: { name: string; error?: FieldError }) {
  const t = useT();
  if (!error) return null;
  return <ValidationMessage id={`${fieldId(name)}-error`}>{t(error.key as MessageKey, error.values)}</ValidationMessage>;
}

function Described({ name, help }: { name: string; help?: string }) {
  return help ? (
    <Paragraph id={`${fieldId(name)}-help`} data-size="sm" className="muted">
      {help}
    </Paragraph>
  ) : null;
}

function aria(name: string, help?: string, error?: FieldError) {
  const ids = [help ? `${fieldId(name)}-help` : null, error ? `${fieldId(name)}-error` : null].filter(Boolean).join(" ");
  return {
    "aria-invalid": error ? true : undefined,
    "aria-describedby": ids || undefined,
  } as const;
}

function Input({
  name,
  label,
  help,
  error,
  type = "text",
  defaultValue,
  maxLength,
  required,
  dir,
  lang,
  id,
  inputMode,
}: {
  name: string;
  label: string;
  help?: string;
  error?: FieldError;
  type?: string;
  defaultValue?: string;
  maxLength?: number;
  required?: boolean;
  dir?: "rtl";
  lang?: string;
  id?: string;
  inputMode?: "numeric" | "decimal";
}) {
  const inputId = id ?? fieldId(name);
  return (
    <div className="ds-field">
      <label className="ds-label" htmlFor={inputId}>
        {label}
      </label>
      <Described name={name} help={help} />
      <input
        className="ds-input"
        id={inputId}
        name={name}
        type={type}
        defaultValue={defaultValue}
        maxLength={maxLength}
        required={required}
        dir={dir}
        lang={lang}
        inputMode={inputMode}
        {...aria(name, help, id ? undefined : error)}
      />
      {id ? null : <ErrorText name={name} error={error} />}
    </div>
  );
}

function TextArea({
  name,
  label,
  help,
  error,
  defaultValue,
  maxLength,
  required,
  rows = 5,
  dir,
  lang,
}: {
  name: string;
  label: string;
  help?: string;
  error?: FieldError;
  defaultValue?: string;
  maxLength?: number;
  required?: boolean;
  rows?: number;
  dir?: "rtl";
  lang?: string;
}) {
  return (
    <div className="ds-field">
      <label className="ds-label" htmlFor={fieldId(name)}>
        {label}
      </label>
      <Described name={name} help={help} />
      <textarea
        className="ds-input"
        id={fieldId(name)}
        name={name}
        rows={rows}
        defaultValue={defaultValue}
        maxLength={maxLength}
        required={required}
        dir={dir}
        lang={lang}
        {...aria(name, help, error)}
      />
      <ErrorText name={name} error={error} />
    </div>
  );
}

/** Checkboxes or radios in a fieldset; the first control carries the field's id for the error summary. */
function Choices({
  name,
  legend,
  type,
  options,
  selected,
  error,
  help,
}: {
  name: string;
  legend: string;
  type: "checkbox" | "radio";
  options: { value: string; label: string }[];
  selected: string[];
  error?: FieldError;
  help?: string;
}) {
  return (
    <fieldset className="ds-fieldset activity-choices" {...aria(name, help, error)}>
      <legend className="ds-label">{legend}</legend>
      <Described name={name} help={help} />
      <div className="activity-choice-list">
        {options.map((o, i) => {
          const id = i === 0 ? fieldId(name) : `${fieldId(name)}-${o.value}`;
          return (
            <div key={o.value} className="activity-choice" style={choiceStyle}>
              <input className="ds-input" type={type} id={id} name={name} value={o.value} defaultChecked={selected.includes(o.value)} />
              <label className="ds-label" data-weight="regular" htmlFor={id}>
                {o.label}
              </label>
            </div>
          );
        })}
      </div>
      <ErrorText name={name} error={error} />
    </fieldset>
  );
}

function Checkbox({ name, label, defaultChecked, error }: { name: string; label: string; defaultChecked: boolean; error?: FieldError }) {
  return (
    <div className="activity-choice" style={choiceStyle}>
      <input className="ds-input" type="checkbox" id={fieldId(name)} name={name} defaultChecked={defaultChecked} {...aria(name, undefined, error)} />
      <label className="ds-label" data-weight="regular" htmlFor={fieldId(name)}>
        {label}
      </label>
      <ErrorText name={name} error={error} />
    </div>
  );
}

function Select({
  name,
  label,
  help,
  error,
  defaultValue,
  multiple,
  children,
}: {
  name: string;
  label: string;
  help?: string;
  error?: FieldError;
  defaultValue?: string | string[];
  multiple?: boolean;
  children: ReactNode;
}) {
  return (
    <div className="ds-field">
      <label className="ds-label" htmlFor={fieldId(name)}>
        {label}
      </label>
      <Described name={name} help={help} />
      <select className="ds-input" id={fieldId(name)} name={name} defaultValue={defaultValue} multiple={multiple} {...aria(name, help, error)}>
        {children}
      </select>
      <ErrorText name={name} error={error} />
    </div>
  );
}

/** The summary at the top: one link per field in error, to that field. */
export function ActivityErrorSummary({ formError, fieldErrors }: { formError?: string; fieldErrors: FieldErrors }) {
  const t = useT();
  const entries = Object.entries(fieldErrors);
  if (!formError && entries.length === 0) return null;
  return (
    <Alert data-color="danger" role="alert">
      <Heading level={2} data-size="xs">
        {t((formError ?? "activityAdmin.form.errorSummaryHeading") as MessageKey)}
      </Heading>
      {entries.length ? (
        <ul>
          {entries.map(([field, error]) => (
            <li key={field}>
              <a href={`#${fieldId(field.split(".")[0]!)}`}>{t(error.key as MessageKey, error.values)}</a>
            </li>
          ))}
        </ul>
      ) : null}
    </Alert>
  );
}

/** "Similar activities in <kommune>": links to what already exists, so an organisation can join instead. */
export function SimilarActivities({ items, municipalityName }: { items: SimilarActivity[]; municipalityName: string }) {
  const t = useT();
  if (!items.length) return null;
  return (
    <section aria-labelledby="similar-heading" className="stack activity-similar">
      <Heading level={2} data-size="xs" id="similar-heading">
        {t("activityAdmin.similar.heading", { municipality: municipalityName })}
      </Heading>
      <Paragraph data-size="sm">{t("activityAdmin.similar.intro")}</Paragraph>
      <ul>
        {items.map((a) => (
          <li key={a.id}>
            <Link to={`/aktiviteter/${a.id}`}>{a.title}</Link> –{" "}
            {t("activityAdmin.similar.by", {
              organization: a.organizationName,
            })}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Progressive enhancement: while the form is being filled in, ask for similar activities (debounced). */
function useLiveSimilar(enabled: boolean, formRef: React.RefObject<HTMLFormElement | null>, initial: SimilarActivity[]) {
  const [items, setItems] = useState(initial);
  const [query, setQuery] = useState("");
  useEffect(() => {
    if (!enabled || !query) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      fetch(`/aktiviteter/lignende?${query}`, {
        signal: controller.signal,
        headers: { Accept: "application/json" },
      })
        .then((r) => (r.ok ? r.json() : null))
        .then((body: { items?: SimilarActivity[] } | null) => {
          if (body?.items) setItems(body.items);
        })
        .catch(() => undefined);
    }, 400);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [enabled, query]);
  const onChange = () => {
    const form = formRef.current;
    if (!enabled || !form) return;
    const data = new FormData(form);
    const params = new URLSearchParams();
    params.set("municipality", String(data.get("municipality") ?? ""));
    params.set("title", String(data.get("title") ?? ""));
    params.set("themes", data.getAll("themes").map(String).join(","));
    setQuery(params.toString());
  };
  return { items, onChange };
}

export function ActivityForm({
  values,
  fieldErrors,
  formError,
  ownMunicipalities,
  allMunicipalities,
  partnerOptions,
  ownerId,
  similar,
  checkSimilar,
  submitLabel,
  cancelTo,
  busy,
}: {
  values: FormValues;
  fieldErrors: FieldErrors;
  formError?: string;
  ownMunicipalities: MunicipalityChoice[];
  allMunicipalities: MunicipalityChoice[];
  partnerOptions: { id: string; name: string }[];
  ownerId: string;
  /** Similar activities found when the form was posted (new activities only). */
  similar: SimilarActivity[];
  /** New activities: look for similar ones while typing and ask before creating a duplicate. */
  checkSimilar: boolean;
  submitLabel: string;
  cancelTo: string;
  busy: boolean;
}) {
  const t = useT();
  const formRef = useRef<HTMLFormElement>(null);
  const live = useLiveSimilar(checkSimilar, formRef, similar);
  const [municipality, setMunicipality] = useState(text(values, "municipality"));
  const e = (name: string) => errorOf(fieldErrors, name);
  const v = (name: string) => text(values, name);
  const municipalityName = [...ownMunicipalities, ...allMunicipalities].find((m) => m.number === municipality)?.name ?? "";
  const dates = [...list(values, "dates")];
  while (dates.length < Math.max(EMPTY_DATE_INPUTS, list(values, "dates").length + 2)) dates.push("");
  const exceptions = [...list(values, "exceptionDates")];
  while (exceptions.length < Math.max(EMPTY_EXCEPTION_INPUTS, list(values, "exceptionDates").length + 1)) exceptions.push("");
  const ownNumbers = new Set(ownMunicipalities.map((m) => m.number));
  const muniLabel = (m: MunicipalityChoice) => `${m.name} (${m.countyName})`;

  return (
    <>
      <ActivityErrorSummary formError={formError} fieldErrors={fieldErrors} />
      <Form
        method="post"
        className="form activity-form"
        noValidate
        ref={formRef}
        onChange={(event) => {
          const target = event.target as unknown as HTMLInputElement;
          if (target.name === "municipality") setMunicipality(target.value);
          if (["title", "municipality", "themes"].includes(target.name)) live.onChange();
        }}
      >
        <CsrfField />
        <fieldset className="ds-fieldset stack">
          <legend className="ds-heading" data-size="xs">
            {t("activityAdmin.form.about")}
          </legend>
          <Input name="title" label={t("activityAdmin.form.title")} required maxLength={200} defaultValue={v("title")} error={e("title")} />
          <TextArea
            name="description"
            label={t("activityAdmin.form.description")}
            required
            maxLength={5000}
            rows={6}
            defaultValue={v("description")}
            error={e("description")}
          />
          <TextArea
            name="howToJoin"
            label={t("activityAdmin.form.howToJoin")}
            help={t("activityAdmin.form.howToJoinHelp")}
            maxLength={2000}
            rows={3}
            defaultValue={v("howToJoin")}
            error={e("howToJoin")}
          />
          <Choices
            name="themes"
            legend={t("activityAdmin.form.themes")}
            type="checkbox"
            options={activityThemes.map((x) => ({
              value: x,
              label: t(`activity.theme.${x}` as MessageKey),
            }))}
            selected={list(values, "themes")}
            error={e("themes")}
          />
          <Choices
            name="targetGroups"
            legend={t("activityAdmin.form.targetGroups")}
            type="checkbox"
            options={targetGroups.map((x) => ({
              value: x,
              label: t(`activity.target.${x}` as MessageKey),
            }))}
            selected={list(values, "targetGroups")}
            error={e("targetGroups")}
          />
          <Choices
            name="languages"
            legend={t("activityAdmin.form.languages")}
            type="checkbox"
            options={activityLanguages.map((x) => ({
              value: x,
              label: t(`activityAdmin.language.${x}` as MessageKey),
            }))}
            selected={list(values, "languages")}
            error={e("languages")}
          />
        </fieldset>

        <fieldset className="ds-fieldset stack">
          <legend className="ds-heading" data-size="xs">
            {t("activityAdmin.form.place")}
          </legend>
          <Select name="municipality" label={t("activityAdmin.form.municipality")} defaultValue={v("municipality")} error={e("municipality")}>
            <option value="">{t("activityAdmin.form.municipalityChoose")}</option>
            {ownMunicipalities.length ? (
              <optgroup label={t("activityAdmin.form.municipalityOwn")}>
                {ownMunicipalities.map((m) => (
                  <option key={m.number} value={m.number}>
                    {muniLabel(m)}
                  </option>
                ))}
              </optgroup>
            ) : null}
            <optgroup label={t("activityAdmin.form.municipalityAll")}>
              {allMunicipalities
                .filter((m) => !ownNumbers.has(m.number))
                .map((m) => (
                  <option key={m.number} value={m.number}>
                    {muniLabel(m)}
                  </option>
                ))}
            </optgroup>
          </Select>
          <Input name="address" label={t("activityAdmin.form.address")} maxLength={300} defaultValue={v("address")} error={e("address")} />
          <Input
            name="postalCode"
            label={t("activityAdmin.form.postalCode")}
            inputMode="numeric"
            maxLength={4}
            defaultValue={v("postalCode")}
            error={e("postalCode")}
          />
          <Input name="postalPlace" label={t("activityAdmin.form.postalPlace")} maxLength={100} defaultValue={v("postalPlace")} error={e("postalPlace")} />
          <Input
            name="latitude"
            label={t("activityAdmin.form.latitude")}
            help={t("activityAdmin.form.coordinatesHelp")}
            inputMode="decimal"
            maxLength={20}
            defaultValue={v("latitude")}
            error={e("latitude")}
          />
          <Input
            name="longitude"
            label={t("activityAdmin.form.longitude")}
            inputMode="decimal"
            maxLength={20}
            defaultValue={v("longitude")}
            error={e("longitude")}
          />
        </fieldset>

        {checkSimilar ? (
          <div aria-live="polite">
            <SimilarActivities items={live.items} municipalityName={municipalityName} />
            {live.items.length ? (
              <Checkbox
                name="confirmNotDuplicate"
                label={t("activityAdmin.similar.confirm")}
                defaultChecked={checked(values, "confirmNotDuplicate")}
                error={e("confirmNotDuplicate")}
              />
            ) : null}
          </div>
        ) : null}

        <fieldset className="ds-fieldset stack">
          <legend className="ds-heading" data-size="xs">
            {t("activityAdmin.form.schedule")}
          </legend>
          <Choices
            name="scheduleKind"
            legend={t("activityAdmin.form.scheduleKind")}
            type="radio"
            options={scheduleKinds.map((x) => ({
              value: x,
              label: t(`activity.scheduleKind.${x}` as MessageKey),
            }))}
            selected={[v("scheduleKind") || "recurring"]}
            error={e("scheduleKind")}
          />
          <Input name="startsAt" type="datetime-local" label={t("activityAdmin.form.startsAt")} defaultValue={v("startsAt")} error={e("startsAt")} />
          <Input
            name="durationMinutes"
            type="number"
            label={t("activityAdmin.form.durationMinutes")}
            inputMode="numeric"
            defaultValue={v("durationMinutes")}
            error={e("durationMinutes")}
          />
          <Choices
            name="repeatFrequency"
            legend={t("activityAdmin.form.repeatFrequency")}
            type="radio"
            options={frequencies.map((x) => ({
              value: x,
              label: t(`activityAdmin.form.frequency.${x}` as MessageKey),
            }))}
            selected={[v("repeatFrequency") || "WEEKLY"]}
            error={e("repeatFrequency")}
          />
          <Input
            name="repeatInterval"
            type="number"
            label={t("activityAdmin.form.repeatInterval")}
            inputMode="numeric"
            defaultValue={v("repeatInterval")}
            error={e("repeatInterval")}
          />
          <Choices
            name="repeatWeekdays"
            legend={t("activityAdmin.form.repeatWeekdays")}
            type="checkbox"
            options={weekdays.map((x) => ({
              value: x,
              label: t(`activityAdmin.weekday.${x}` as MessageKey),
            }))}
            selected={list(values, "repeatWeekdays")}
            error={e("repeatWeekdays")}
          />
          <Input name="repeatUntil" type="date" label={t("activityAdmin.form.repeatUntil")} defaultValue={v("repeatUntil")} error={e("repeatUntil")} />
          <details open={Boolean(v("rrule") || e("rrule"))}>
            <summary>{t("activityAdmin.form.advancedRule")}</summary>
            <Input
              name="rrule"
              label={t("activityAdmin.form.rrule")}
              help={t("activityAdmin.form.rruleHelp")}
              maxLength={500}
              defaultValue={v("rrule")}
              error={e("rrule")}
            />
          </details>
          <fieldset className="ds-fieldset" {...aria("dates", undefined, e("dates"))}>
            <legend className="ds-label">{t("activityAdmin.form.dates")}</legend>
            {dates.map((d, i) => (
              <Input
                key={`d${i}`}
                id={i === 0 ? fieldId("dates") : `${fieldId("dates")}-${i}`}
                name="dates"
                type="datetime-local"
                label={t("activityAdmin.form.dateN", { n: i + 1 })}
                defaultValue={d}
              />
            ))}
            <ErrorText name="dates" error={e("dates")} />
          </fieldset>
          <fieldset className="ds-fieldset" {...aria("exceptionDates", undefined, e("exceptionDates"))}>
            <legend className="ds-label">{t("activityAdmin.form.exceptionDates")}</legend>
            {exceptions.map((d, i) => (
              <Input
                key={`x${i}`}
                id={i === 0 ? fieldId("exceptionDates") : `${fieldId("exceptionDates")}-${i}`}
                name="exceptionDates"
                type="date"
                label={t("activityAdmin.form.exceptionN", { n: i + 1 })}
                defaultValue={d}
              />
            ))}
            <ErrorText name="exceptionDates" error={e("exceptionDates")} />
          </fieldset>
        </fieldset>

        <fieldset className="ds-fieldset stack">
          <legend className="ds-heading" data-size="xs">
            {t("activityAdmin.form.practical")}
          </legend>
          <Input
            name="capacity"
            type="number"
            label={t("activityAdmin.form.capacity")}
            inputMode="numeric"
            defaultValue={v("capacity")}
            error={e("capacity")}
          />
          <Checkbox name="isFree" label={t("activityAdmin.form.isFree")} defaultChecked={checked(values, "isFree")} error={e("isFree")} />
          <Input
            name="costDescription"
            label={t("activityAdmin.form.costDescription")}
            maxLength={300}
            defaultValue={v("costDescription")}
            error={e("costDescription")}
          />
          <Input name="contactName" label={t("activityAdmin.form.contactName")} maxLength={200} defaultValue={v("contactName")} error={e("contactName")} />
          <Input
            name="contactEmail"
            type="email"
            label={t("activityAdmin.form.contactEmail")}
            maxLength={254}
            defaultValue={v("contactEmail")}
            error={e("contactEmail")}
          />
          <Input
            name="contactPhone"
            type="tel"
            label={t("activityAdmin.form.contactPhone")}
            maxLength={30}
            defaultValue={v("contactPhone")}
            error={e("contactPhone")}
          />
          <Input
            name="registrationUrl"
            type="url"
            label={t("activityAdmin.form.registrationUrl")}
            maxLength={500}
            defaultValue={v("registrationUrl")}
            error={e("registrationUrl")}
          />
          <Select name="status" label={t("activityAdmin.form.status")} defaultValue={v("status") || "active"} error={e("status")}>
            {activityStatuses.map((s) => (
              <option key={s} value={s}>
                {t(`activity.status.${s}` as MessageKey)}
              </option>
            ))}
          </Select>
          <Checkbox
            name="seeksVolunteers"
            label={t("activityAdmin.form.seeksVolunteers")}
            defaultChecked={checked(values, "seeksVolunteers")}
            error={e("seeksVolunteers")}
          />
          <TextArea
            name="volunteerTasks"
            label={t("activityAdmin.form.volunteerTasks")}
            maxLength={1000}
            rows={3}
            defaultValue={v("volunteerTasks")}
            error={e("volunteerTasks")}
          />
          <Choices
            name="visibility"
            legend={t("activityAdmin.form.visibility")}
            type="radio"
            options={activityVisibilities.map((x) => ({
              value: x,
              label: t(`activity.visibility.${x}` as MessageKey),
            }))}
            selected={[v("visibility") || "public"]}
            error={e("visibility")}
          />
          <Select
            name="partners"
            label={t("activityAdmin.form.partners")}
            help={t("activityAdmin.form.partnersHelp")}
            multiple
            defaultValue={list(values, "partners")}
            error={e("partners")}
          >
            {partnerOptions
              .filter((o) => o.id !== ownerId)
              .map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
          </Select>
        </fieldset>

        <details
          open={contentLanguages.some((l) => v(`title_${l}`) || v(`description_${l}`) || e(`title_${l}`) || e(`description_${l}`) || e(`howToJoin_${l}`))}
        >
          <summary>{t("activityAdmin.form.translations")}</summary>
          <Paragraph data-size="sm">{t("activityAdmin.form.translationsHelp")}</Paragraph>
          {contentLanguages.map((lang) => {
            const language = t(`activityAdmin.language.${lang}` as MessageKey);
            const dir = rtl.has(lang) ? "rtl" : undefined;
            const filled = ["title", "description", "howToJoin"].some((f) => v(`${f}_${lang}`) || e(`${f}_${lang}`));
            return (
              <details key={lang} open={filled}>
                <summary>{language}</summary>
                <fieldset className="ds-fieldset stack">
                  <legend className="visually-hidden">{language}</legend>
                  <Input
                    name={`title_${lang}`}
                    label={t("activityAdmin.form.translationTitle", {
                      language,
                    })}
                    maxLength={200}
                    dir={dir}
                    lang={lang}
                    defaultValue={v(`title_${lang}`)}
                    error={e(`title_${lang}`)}
                  />
                  <TextArea
                    name={`description_${lang}`}
                    label={t("activityAdmin.form.translationDescription", {
                      language,
                    })}
                    maxLength={5000}
                    rows={4}
                    dir={dir}
                    lang={lang}
                    defaultValue={v(`description_${lang}`)}
                    error={e(`description_${lang}`)}
                  />
                  <TextArea
                    name={`howToJoin_${lang}`}
                    label={t("activityAdmin.form.translationHowToJoin", {
                      language,
                    })}
                    maxLength={2000}
                    rows={2}
                    dir={dir}
                    lang={lang}
                    defaultValue={v(`howToJoin_${lang}`)}
                    error={e(`howToJoin_${lang}`)}
                  />
                </fieldset>
              </details>
            );
          })}
        </details>

        <div className="form-actions">
          <Button type="submit" disabled={busy}>
            {submitLabel}
          </Button>
          <Link to={cancelTo}>{t("activityAdmin.form.cancel")}</Link>
        </div>
      </Form>
    </>
  );
}
