import { useEffect, useRef, useState } from "react";
import { Link } from "react-router";
import { Heading, Paragraph } from "@digdir/designsystemet-react";
import * as choices from "~/domain/activities/activities.constants.ts";
import type { ContentLanguage } from "~/domain/activities/activities.constants.ts";
import {
  CheckboxField,
  ChoiceGroup,
  FieldGroup,
  FormActions,
  NumberField,
  PostForm,
  SelectField,
  SubmitButton,
  TextField,
  TextareaField,
  TimeField,
  DateField,
  errorOf,
  listValue,
  type FormValues,
} from "~/components/form.tsx";
import type { FieldErrors } from "~/lib/errors.ts";
import type { FormRules } from "~/lib/form-schema.ts";
import { label, labelOptions } from "~/i18n/labels.ts";
import { useT } from "~/i18n/use-t.ts";

/**
 * The activity form shared by "new" and "edit", on the form kit. Plain HTML
 * that works with JavaScript off: field names are activityInputSchema's flat
 * names (its rules, read by the loader, give `required` and `maxLength`),
 * and the error summary links to the fields by their fixed ids
 * (`activity-<name>`).
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

export type { FormValues };

const EMPTY_DATE_INPUTS = 5;
const EMPTY_EXCEPTION_INPUTS = 3;
/** Right-to-left scripts among the content languages. */
const rtl = new Set(["ar", "prs"]);
const translated = ["title", "description", "howToJoin"] as const;

function text(values: FormValues, name: string): string {
  const v = values[name];
  return typeof v === "string" ? v : typeof v === "number" ? String(v) : "";
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

/** One content language's title, description and how-to-join, folded away unless filled in or in error. */
function TranslationFields({ lang, open }: { lang: ContentLanguage; open: boolean }) {
  const t = useT();
  const language = label(t, "languageName", lang);
  const dir = rtl.has(lang) ? "rtl" : undefined;
  return (
    <details open={open}>
      <summary>{language}</summary>
      <FieldGroup legend={language} hiddenLegend>
        <TextField name={`title_${lang}`} label={t("activityAdmin.form.translationTitle", { language })} dir={dir} lang={lang} />
        <TextareaField name={`description_${lang}`} label={t("activityAdmin.form.translationDescription", { language })} rows={4} dir={dir} lang={lang} />
        <TextareaField name={`howToJoin_${lang}`} label={t("activityAdmin.form.translationHowToJoin", { language })} rows={2} dir={dir} lang={lang} />
      </FieldGroup>
    </details>
  );
}

/** Several inputs of one name (extra dates, exceptions): at least `min`, and `spare` empty ones beyond those filled in. */
function RepeatedInputs(props: {
  name: string;
  legend: string;
  label: (n: number) => string;
  values: FormValues;
  min: number;
  spare: number;
  type: "date" | "datetime-local";
}) {
  const filled = listValue(props.values, props.name);
  const inputs = [...filled, ...Array<string>(Math.max(props.min - filled.length, props.spare)).fill("")];
  return (
    <FieldGroup legend={props.legend} name={props.name}>
      {inputs.map((d, i) => (
        <TextField
          key={`${props.name}${i}`}
          id={i === 0 ? `activity-${props.name}` : `activity-${props.name}-${i}`}
          name={props.name}
          type={props.type}
          label={props.label(i + 1)}
          defaultValue={d}
        />
      ))}
    </FieldGroup>
  );
}

export function ActivityForm({
  values,
  fieldErrors,
  formError,
  rules,
  ownMunicipalities,
  allMunicipalities,
  partnerOptions,
  ownerId,
  similar,
  checkSimilar,
  submitLabel,
  cancelTo,
  intent,
}: {
  values: FormValues;
  fieldErrors: FieldErrors;
  formError?: string;
  /** activityInputSchema's rules (read by the loader, so Zod and its schedule rules stay off the page's JavaScript). */
  rules: FormRules;
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
  /** The action's intent, where the page has more than this form (editing: "update" beside "delete"). */
  intent?: string;
}) {
  const t = useT();
  const formRef = useRef<HTMLFormElement>(null);
  const live = useLiveSimilar(checkSimilar, formRef, similar);
  const [municipality, setMunicipality] = useState(text(values, "municipality"));
  const e = (name: string) => errorOf(fieldErrors, name);
  const v = (name: string) => text(values, name);
  const municipalityName = [...ownMunicipalities, ...allMunicipalities].find((m) => m.number === municipality)?.name ?? "";
  const ownNumbers = new Set(ownMunicipalities.map((m) => m.number));
  const muniOption = (m: MunicipalityChoice) => (
    <option key={m.number} value={m.number}>
      {`${m.name} (${m.countyName})`}
    </option>
  );
  const translationOpen = (lang: ContentLanguage) => translated.some((f) => v(`${f}_${lang}`) || e(`${f}_${lang}`));

  return (
    <PostForm
      id="activity"
      intent={intent}
      failure={{ formError, fieldErrors, values: {} }}
      values={values}
      schema={rules}
      summaryHeading="activityAdmin.form.errorSummaryHeading"
      className="form activity-form"
      formRef={formRef}
      onChange={(event) => {
        const target = event.target as unknown as HTMLInputElement;
        if (target.name === "municipality") setMunicipality(target.value);
        if (["title", "municipality", "themes"].includes(target.name)) live.onChange();
      }}
    >
      <FieldGroup legend={t("activityAdmin.form.about")}>
        <TextField name="title" label={t("activityAdmin.form.title")} />
        <TextareaField name="description" label={t("activityAdmin.form.description")} rows={6} />
        <TextareaField name="howToJoin" label={t("activityAdmin.form.howToJoin")} description={t("activityAdmin.form.howToJoinHelp")} rows={3} />
        <ChoiceGroup name="themes" legend={t("activityAdmin.form.themes")} type="checkbox" options={labelOptions(t, "theme")} />
        <ChoiceGroup name="targetGroups" legend={t("activityAdmin.form.targetGroups")} type="checkbox" options={labelOptions(t, "targetGroup")} />
        <ChoiceGroup name="languages" legend={t("activityAdmin.form.languages")} type="checkbox" options={labelOptions(t, "languageName")} />
      </FieldGroup>

      <FieldGroup legend={t("activityAdmin.form.place")}>
        <SelectField name="municipality" label={t("activityAdmin.form.municipality")}>
          <option value="">{t("activityAdmin.form.municipalityChoose")}</option>
          {ownMunicipalities.length ? <optgroup label={t("activityAdmin.form.municipalityOwn")}>{ownMunicipalities.map(muniOption)}</optgroup> : null}
          <optgroup label={t("activityAdmin.form.municipalityAll")}>{allMunicipalities.filter((m) => !ownNumbers.has(m.number)).map(muniOption)}</optgroup>
        </SelectField>
        <TextField name="address" label={t("activityAdmin.form.address")} />
        <TextField name="postalCode" label={t("activityAdmin.form.postalCode")} inputMode="numeric" maxLength={4} />
        <TextField name="postalPlace" label={t("activityAdmin.form.postalPlace")} />
        <TextField
          name="latitude"
          label={t("activityAdmin.form.latitude")}
          description={t("activityAdmin.form.coordinatesHelp")}
          inputMode="decimal"
          maxLength={20}
        />
        <TextField name="longitude" label={t("activityAdmin.form.longitude")} inputMode="decimal" maxLength={20} />
      </FieldGroup>

      {checkSimilar ? (
        <div aria-live="polite">
          <SimilarActivities items={live.items} municipalityName={municipalityName} />
          {live.items.length ? <CheckboxField name="confirmNotDuplicate" label={t("activityAdmin.similar.confirm")} /> : null}
        </div>
      ) : null}

      <FieldGroup legend={t("activityAdmin.form.schedule")}>
        <ChoiceGroup
          name="scheduleKind"
          legend={t("activityAdmin.form.scheduleKind")}
          type="radio"
          options={labelOptions(t, "scheduleKind")}
          selected={["recurring"]}
        />
        <TimeField name="startsAt" withDate label={t("activityAdmin.form.startsAt")} />
        <NumberField name="durationMinutes" label={t("activityAdmin.form.durationMinutes")} />
        <ChoiceGroup
          name="repeatFrequency"
          legend={t("activityAdmin.form.repeatFrequency")}
          type="radio"
          options={labelOptions(t, "repeatFrequency")}
          selected={["WEEKLY"]}
        />
        <NumberField name="repeatInterval" label={t("activityAdmin.form.repeatInterval")} />
        <ChoiceGroup name="repeatWeekdays" legend={t("activityAdmin.form.repeatWeekdays")} type="checkbox" options={labelOptions(t, "rruleWeekday")} />
        <DateField name="repeatUntil" label={t("activityAdmin.form.repeatUntil")} />
        <details open={Boolean(v("rrule") || e("rrule"))}>
          <summary>{t("activityAdmin.form.advancedRule")}</summary>
          <TextField name="rrule" label={t("activityAdmin.form.rrule")} description={t("activityAdmin.form.rruleHelp")} />
        </details>
        <RepeatedInputs
          name="dates"
          legend={t("activityAdmin.form.dates")}
          label={(n) => t("activityAdmin.form.dateN", { n })}
          values={values}
          min={EMPTY_DATE_INPUTS}
          spare={2}
          type="datetime-local"
        />
        <RepeatedInputs
          name="exceptionDates"
          legend={t("activityAdmin.form.exceptionDates")}
          label={(n) => t("activityAdmin.form.exceptionN", { n })}
          values={values}
          min={EMPTY_EXCEPTION_INPUTS}
          spare={1}
          type="date"
        />
      </FieldGroup>

      <FieldGroup legend={t("activityAdmin.form.practical")}>
        <NumberField name="capacity" label={t("activityAdmin.form.capacity")} />
        <CheckboxField name="isFree" label={t("activityAdmin.form.isFree")} />
        <TextField name="costDescription" label={t("activityAdmin.form.costDescription")} />
        <TextField name="contactName" label={t("activityAdmin.form.contactName")} />
        <TextField name="contactEmail" type="email" label={t("activityAdmin.form.contactEmail")} />
        <TextField name="contactPhone" type="tel" label={t("activityAdmin.form.contactPhone")} />
        <TextField name="registrationUrl" type="url" label={t("activityAdmin.form.registrationUrl")} />
        <SelectField name="status" label={t("activityAdmin.form.status")} defaultValue={v("status") || "active"} options={labelOptions(t, "activityStatus")} />
        <CheckboxField name="seeksVolunteers" label={t("activityAdmin.form.seeksVolunteers")} />
        <TextareaField name="volunteerTasks" label={t("activityAdmin.form.volunteerTasks")} rows={3} />
        <ChoiceGroup name="visibility" legend={t("activityAdmin.form.visibility")} type="radio" options={labelOptions(t, "visibility")} selected={["public"]} />
        <SelectField
          name="partners"
          label={t("activityAdmin.form.partners")}
          description={t("activityAdmin.form.partnersHelp")}
          multiple
          options={partnerOptions.filter((o) => o.id !== ownerId).map((o) => ({ value: o.id, label: o.name }))}
        />
      </FieldGroup>

      <details
        open={choices.contentLanguages.some((l) => v(`title_${l}`) || v(`description_${l}`) || e(`title_${l}`) || e(`description_${l}`) || e(`howToJoin_${l}`))}
      >
        <summary>{t("activityAdmin.form.translations")}</summary>
        <Paragraph data-size="sm">{t("activityAdmin.form.translationsHelp")}</Paragraph>
        {choices.contentLanguages.map((lang) => (
          <TranslationFields key={lang} lang={lang} open={translationOpen(lang)} />
        ))}
      </details>

      <FormActions>
        <SubmitButton>{submitLabel}</SubmitButton>
        <Link to={cancelTo}>{t("activityAdmin.form.cancel")}</Link>
      </FormActions>
    </PostForm>
  );
}
