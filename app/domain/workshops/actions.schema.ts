import { z } from "zod";
import { confirmationSchema, contactPhoneSchema, isUuid, optionalText, typeError } from "~/lib/validation.ts";

/** Kept in step with app/db/schema/workshop-actions.ts (the table's enum); pages import this list, not the schema. */
export const actionStatuses = ["not_started", "in_progress", "done", "dropped"] as const;
export type ActionStatus = (typeof actionStatuses)[number];
/** Statuses still open: they can be overdue and get reminders. */
export const openActionStatuses = ["not_started", "in_progress"] as const satisfies readonly ActionStatus[];

export const ACTION_TITLE_MAX = 200;
export const ACTION_DESCRIPTION_MAX = 2000;
export const ACTION_CONTACT_NAME_MAX = 120;
export const ACTION_NOTE_MAX = 2000;

const uuidField = (key: string) => z.string({ error: typeError(key) }).refine(isUuid, { error: key });

/** A real calendar date as YYYY-MM-DD (what a date input sends); 2026-02-30 is refused, not rolled over. */
export const deadlineSchema = z
  .string({ error: typeError("validation.required") })
  .trim()
  .min(1, { error: "validation.required" })
  .refine(
    (v) => {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) return false;
      const d = new Date(`${v}T00:00:00Z`);
      return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v && d.getUTCFullYear() >= 2000 && d.getUTCFullYear() <= 2100;
    },
    { error: "workshops.actions.error.deadline" },
  );

/** An action as a manager writes it: what, from which solution (optional), who owns it, who to contact, by when. */
export const actionSchema = z
  .object({
    title: z
      .string({ error: typeError("validation.required") })
      .trim()
      .min(1, { error: "validation.required" })
      .max(ACTION_TITLE_MAX),
    description: z
      .string({ error: typeError("validation.invalid") })
      .trim()
      .max(ACTION_DESCRIPTION_MAX)
      .default(""),
    solutionId: optionalText(uuidField("workshops.actions.error.solution")),
    ownerOrganizationId: uuidField("workshops.actions.error.owner"),
    contactName: z
      .string({ error: typeError("validation.required") })
      .trim()
      .min(2, { error: "validation.required" })
      .max(ACTION_CONTACT_NAME_MAX),
    contactEmail: optionalText(
      z
        .string({ error: typeError("validation.email") })
        .trim()
        .max(254)
        .pipe(z.email({ error: "validation.email" })),
    ),
    contactPhone: contactPhoneSchema,
    deadline: deadlineSchema,
  })
  .refine((v) => v.contactEmail !== null || v.contactPhone !== null, { error: "workshops.actions.error.emailOrPhone", path: ["contactEmail"] });
export type ActionInput = z.output<typeof actionSchema>;

export const actionIdSchema = z.object({ actionId: uuidField("errors.notFound") });

export const statusSchema = z.object({
  actionId: uuidField("errors.notFound"),
  status: z.enum(actionStatuses, { error: "validation.invalidChoice" }),
});

export const noteSchema = z.object({
  actionId: uuidField("errors.notFound"),
  text: z
    .string({ error: typeError("validation.required") })
    .trim()
    .min(1, { error: "validation.required" })
    .max(ACTION_NOTE_MAX),
});

export const deleteSchema = z.object({
  actionId: uuidField("errors.notFound"),
  confirm: confirmationSchema.refine((v) => v, { error: "workshops.actions.error.confirm" }),
});
