import type { MessageKey } from "~/i18n/messages.ts";
import type { HelpForm, Urgency } from "~/domain/surveys/surveys.constants.ts";

export const helpFormKey: Record<HelpForm, MessageKey> = {
  guidance: "surveys.form.guidance",
  course: "surveys.form.course",
  written_guide: "surveys.form.written_guide",
  contact: "surveys.form.contact",
};

export const urgencyKey: Record<Urgency, MessageKey> = {
  urgent: "surveys.urgency.urgent",
  this_year: "surveys.urgency.this_year",
  not_urgent: "surveys.urgency.not_urgent",
};
