import { DateField, SelectField, TextareaField, TextField } from "~/components/form.tsx";
import { useT } from "~/i18n/use-t.ts";
import type { MessageKey } from "~/i18n/messages.ts";
import { ACTION_CONTACT_NAME_MAX, ACTION_DESCRIPTION_MAX, ACTION_TITLE_MAX, type ActionStatus } from "~/domain/workshops/actions.schema.ts";

/** The message key of an action status (unknown values from the change log show as "not started" rather than a raw key). */
export function statusKey(status: ActionStatus | string | null): MessageKey {
  const known: Record<ActionStatus, MessageKey> = {
    not_started: "workshops.actions.status.not_started",
    in_progress: "workshops.actions.status.in_progress",
    done: "workshops.actions.status.done",
    dropped: "workshops.actions.status.dropped",
  };
  return known[(status ?? "not_started") as ActionStatus] ?? known.not_started;
}

export interface DiffChange {
  actionTitle: string;
  fromValue: string | null;
  toValue: string | null;
  at: Date | string;
}

export interface ActionChoices {
  owners: { id: string; name: string }[];
  solutions: { id: string; text: string; obstacleText: string }[];
}

/** The fields of an action, shared by the new-action form and the edit page. */
export function ActionFields({ choices }: { choices: ActionChoices }) {
  const t = useT();
  return (
    <>
      <TextField name="title" label={t("workshops.actions.field.title")} maxLength={ACTION_TITLE_MAX} required />
      <TextareaField name="description" label={t("workshops.actions.field.description")} maxLength={ACTION_DESCRIPTION_MAX} rows={3} />
      <SelectField
        name="solutionId"
        label={t("workshops.actions.field.solution")}
        description={t("workshops.actions.field.solutionHelp")}
        options={[
          { value: "", label: t("workshops.actions.field.noSolution") },
          ...choices.solutions.map((s) => ({ value: s.id, label: `${s.text} (${s.obstacleText})` })),
        ]}
      />
      <SelectField
        name="ownerOrganizationId"
        label={t("workshops.actions.field.owner")}
        description={t("workshops.actions.field.ownerHelp")}
        options={[{ value: "", label: t("workshops.actions.field.chooseOwner") }, ...choices.owners.map((o) => ({ value: o.id, label: o.name }))]}
      />
      <TextField name="contactName" label={t("workshops.actions.field.contactName")} maxLength={ACTION_CONTACT_NAME_MAX} required />
      <TextField
        name="contactEmail"
        type="email"
        label={t("workshops.actions.field.contactEmail")}
        description={t("workshops.actions.field.contactEmailHelp")}
        maxLength={254}
        autoComplete="off"
      />
      <TextField name="contactPhone" type="tel" label={t("workshops.actions.field.contactPhone")} maxLength={30} autoComplete="off" />
      <DateField name="deadline" label={t("workshops.actions.field.deadline")} required />
    </>
  );
}
