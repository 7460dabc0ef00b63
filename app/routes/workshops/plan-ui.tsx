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
  CheckboxField,
} from "~/components/form.tsx";
import { useT } from "~/i18n/use-t.ts";
import { labelOptions } from "~/i18n/labels.ts";
import { workshopSessionKinds } from "~/domain/workshops/workshops.constants.ts";

/** Norwegian time, whatever the server's or the visitor's zone: workshops happen in Norway. */
export function useWorkshopTime() {
  const intl = useIntl();
  return {
    dateTime: (value: Date | string) => intl.formatDate(value, { dateStyle: "full", timeStyle: "short", timeZone: "Europe/Oslo" }),
    date: (value: Date | string) => intl.formatDate(value, { dateStyle: "medium", timeZone: "Europe/Oslo" }),
  };
}

export interface WorkshopFormData {
  organisers?: { value: string; label: string }[];
  countyMunicipalities?: { number: string; name: string }[];
  values: Record<string, string | string[]>;
  sessionSlots: number;
}

/**
 * The plan's form, for a new workshop and for editing one. Sessions are
 * numbered rows (s0_…): the plan's own and two empty ones to add; a row is
 * removed by ticking its box or emptying its date, so no JavaScript is needed.
 */
export function WorkshopForm({ data, actionData, intent, submitLabel }: { data: WorkshopFormData; actionData: unknown; intent: string; submitLabel: string }) {
  const t = useT();
  const kindOptions = workshopSessionKinds.map((k) => ({ value: k, label: t(`workshops.sessionKind.${k}`) }));
  return (
    <PostForm intent={intent} id="workshop" actionData={actionData} values={data.values}>
      <TextField name="title" label={t("workshops.form.title")} />
      <TextareaField name="purpose" label={t("workshops.form.purpose")} description={t("workshops.form.purposeHelp")} rows={5} />
      <ChoiceGroup
        name="focusThemes"
        type="checkbox"
        legend={t("workshops.form.focusThemes")}
        description={t("workshops.form.focusThemesHelp")}
        options={labelOptions(t, "obstacleTheme")}
      />
      {data.organisers ? (
        <>
          <SelectField name="organiser" label={t("workshops.form.organiser")} description={t("workshops.form.organiserHelp")} options={data.organisers} />
          {data.countyMunicipalities && data.countyMunicipalities.length > 0 ? (
            <ChoiceGroup
              name="municipalityNumbers"
              type="checkbox"
              legend={t("workshops.form.municipalities")}
              description={t("workshops.form.municipalitiesHelp")}
              options={data.countyMunicipalities.map((m) => ({ value: m.number, label: m.name }))}
            />
          ) : null}
        </>
      ) : null}
      <TextField name="facilitatorName" label={t("workshops.form.facilitatorName")} description={t("workshops.form.facilitatorNameHelp")} />
      <NumberField name="capacity" label={t("workshops.form.capacity")} description={t("workshops.form.capacityHelp")} />
      <NumberField name="obstacleVotesPerParticipant" label={t("workshops.form.obstacleVotes")} />
      <NumberField name="solutionVotesPerParticipant" label={t("workshops.form.solutionVotes")} />
      {Array.from({ length: data.sessionSlots }, (_, i) => (
        <FieldGroup key={i} legend={t("workshops.form.session", { number: i + 1 })}>
          {typeof data.values[`s${i}_id`] === "string" ? <input type="hidden" name={`s${i}_id`} value={data.values[`s${i}_id`] as string} /> : null}
          <SelectField name={`s${i}_kind`} label={t("workshops.form.sessionKind")} options={kindOptions} />
          <TimeField withDate name={`s${i}_startsAt`} label={t("workshops.form.startsAt")} description={t("workshops.form.startsAtHelp")} />
          <NumberField name={`s${i}_durationMinutes`} label={t("workshops.form.durationMinutes")} />
          <TextField name={`s${i}_place`} label={t("workshops.form.place")} />
          <TextField name={`s${i}_videoUrl`} type="url" label={t("workshops.form.videoUrl")} />
          {typeof data.values[`s${i}_id`] === "string" ? <CheckboxField name={`s${i}_remove`} label={t("workshops.form.removeSession")} /> : null}
        </FieldGroup>
      ))}
      <FormActions>
        <SubmitButton>{submitLabel}</SubmitButton>
      </FormActions>
    </PostForm>
  );
}
