import { useIntl } from "react-intl";
import {
  ChoiceGroup,
  FieldGroup,
  FormActions,
  NumberField,
  PostForm,
  SelectField,
  SubmitButton,
  TextareaField,
  TextField,
  TimeField,
} from "~/components/form.tsx";
import { useT } from "~/i18n/use-t.ts";
import { labelOptions } from "~/i18n/labels.ts";
import type { FormRules } from "~/lib/form-schema.ts";
import { eventLevelLabels, eventLevels, eventTypeLabels, eventTypes } from "~/domain/events/events.constants.ts";

/** Norwegian time, whatever the server's or the visitor's zone: events happen in Norway. */
export function useEventTime() {
  const intl = useIntl();
  return {
    dateTime: (value: Date | string) => intl.formatDate(value, { dateStyle: "full", timeStyle: "short", timeZone: "Europe/Oslo" }),
    short: (value: Date | string) => intl.formatDate(value, { dateStyle: "medium", timeStyle: "short", timeZone: "Europe/Oslo" }),
  };
}

export interface EventFormData {
  rules: FormRules;
  organisers: { value: string; label: string }[];
  municipalities: { number: string; name: string }[];
  networks: { id: string; name: string }[];
  values: Record<string, string | string[]>;
}

/** The event form, for a new event and for editing one. */
export function EventForm({ data, actionData, intent, submitLabel }: { data: EventFormData; actionData: unknown; intent: string; submitLabel: string }) {
  const t = useT();
  return (
    <PostForm intent={intent} id="event" actionData={actionData} schema={data.rules} values={data.values}>
      <TextField name="title" label={t("events.form.title")} />
      <TextareaField name="description" label={t("events.form.description")} rows={6} />
      <SelectField name="type" label={t("events.form.type")} options={eventTypes.map((v) => ({ value: v, label: t(eventTypeLabels[v]) }))} />
      <SelectField
        name="level"
        label={t("events.form.level")}
        description={t("events.form.levelHelp")}
        options={eventLevels.map((v) => ({ value: v, label: t(eventLevelLabels[v]) }))}
      />
      <SelectField name="organiser" label={t("events.form.organiser")} description={t("events.form.organiserHelp")} options={data.organisers} />
      <SelectField
        name="municipalityNumber"
        label={t("events.form.municipality")}
        description={t("events.form.municipalityHelp")}
        options={[{ value: "", label: t("events.form.municipalityNone") }, ...data.municipalities.map((m) => ({ value: m.number, label: m.name }))]}
      />
      <FieldGroup legend={t("events.form.timeHeading")}>
        <TimeField withDate name="startsAt" label={t("events.form.startsAt")} description={t("events.form.dateTimeHelp")} />
        <NumberField name="durationMinutes" label={t("events.form.durationMinutes")} />
        <TextField name="rrule" label={t("events.form.rrule")} description={t("events.form.rruleHelp")} />
        <TimeField withDate name="registrationDeadline" label={t("events.form.registrationDeadline")} description={t("events.form.deadlineHelp")} />
      </FieldGroup>
      <FieldGroup legend={t("events.form.placeHeading")}>
        <TextField name="place" label={t("events.form.place")} description={t("events.form.placeHelp")} />
        <TextField name="videoUrl" type="url" label={t("events.form.videoUrl")} />
      </FieldGroup>
      <NumberField name="capacity" label={t("events.form.capacity")} description={t("events.form.capacityHelp")} />
      <ChoiceGroup
        name="audience"
        type="checkbox"
        legend={t("events.form.audience")}
        description={t("events.form.audienceHelp")}
        options={labelOptions(t, "organizationKind")}
      />
      {data.networks.length > 0 ? (
        <SelectField
          name="networkId"
          label={t("events.form.network")}
          options={[{ value: "", label: t("events.form.networkNone") }, ...data.networks.map((n) => ({ value: n.id, label: n.name }))]}
        />
      ) : null}
      <FormActions>
        <SubmitButton>{submitLabel}</SubmitButton>
      </FormActions>
    </PostForm>
  );
}
