import { z } from "zod";
import { activityLanguages } from "~/domain/activities/activities.constants.ts";
import { contactPhoneSchema, optionalText, typeError } from "~/lib/validation.ts";
import { trackedInterestStatuses, volunteerRoleKinds } from "./volunteers.constants.ts";

export const ROLE_TITLE_MAX = 120;
export const ROLE_DESCRIPTION_MAX = 2000;
export const ROLE_TIME_MAX = 200;
export const INTEREST_NAME_MAX = 120;
export const INTEREST_MESSAGE_MAX = 2000;
/** The honeypot field's name on the public interest form: a person never sees it, a form-filling robot does. */
export const HONEYPOT_FIELD = "nettsted";

const checkbox = z.preprocess((v) => v === true || v === "on" || v === "true" || v === "yes", z.boolean());

/** A checkbox list: one value arrives as a string, several as an array, none as nothing. */
function choiceList<T extends readonly [string, ...string[]]>(values: T) {
  return z.preprocess(
    (v) => (v === undefined || v === null || v === "" ? [] : typeof v === "string" ? [v] : v),
    z
      .array(z.enum(values, { error: "validation.invalidChoice" }), { error: "validation.invalidChoice" })
      .max(values.length)
      .transform((list) => [...new Set(list)]),
  );
}

const optionalInt = (min: number, max: number) =>
  z.preprocess(
    (v) => (v === "" || v === undefined || v === null ? null : typeof v === "string" ? Number(v.trim()) : v),
    z
      .number({ error: "validation.invalid" })
      .int({ error: "volunteers.error.wholeNumber" })
      .min(min, { error: "volunteers.error.numberRange" })
      .max(max, { error: "volunteers.error.numberRange" })
      .nullable(),
  );

const plainText = (max: number) =>
  z.preprocess(
    (v) => v ?? "",
    z
      .string({ error: typeError("validation.invalid") })
      .trim()
      .max(max),
  );

/** A volunteer role on an activity or a need. */
export const roleSchema = z.object({
  kind: z.enum(volunteerRoleKinds, { error: "validation.invalidChoice" }),
  title: z
    .string({ error: typeError("validation.required") })
    .trim()
    .min(2, { error: "validation.required" })
    .max(ROLE_TITLE_MAX),
  description: plainText(ROLE_DESCRIPTION_MAX),
  minAge: optionalInt(12, 99),
  languages: choiceList(activityLanguages),
  policeCertificateRequired: checkbox,
  timeCommitment: plainText(ROLE_TIME_MAX),
  places: optionalInt(1, 10_000),
});
export type RoleInput = z.output<typeof roleSchema>;

/** Which role a management form acts on. */
export const roleIdSchema = z.object({ roleId: z.uuid({ error: "validation.invalid" }) });

/** The public interest form (no account). The honeypot is checked before this schema. */
export const interestSchema = z.object({
  name: z
    .string({ error: typeError("validation.required") })
    .trim()
    .min(2, { error: "validation.required" })
    .max(INTEREST_NAME_MAX),
  email: z
    .string({ error: typeError("validation.email") })
    .trim()
    .toLowerCase()
    .max(254)
    .pipe(z.email({ error: "validation.email" })),
  phone: contactPhoneSchema,
  languages: choiceList(activityLanguages),
  message: plainText(INTEREST_MESSAGE_MAX),
  /** The consent text must be ticked; the version stored is the one the page showed (VOLUNTEER_CONSENT_VERSION). */
  consent: checkbox.refine((v) => v, { error: "volunteers.error.consent" }),
  contactableByKommune: checkbox,
});
export type InterestInput = z.output<typeof interestSchema>;

/** The organisation follows an interest up: its status and, when the role needs one, the day a politiattest was seen. */
export const interestUpdateSchema = z.object({
  interestId: z.uuid({ error: "validation.invalid" }),
  status: z.enum(trackedInterestStatuses, { error: "validation.invalidChoice" }),
  policeCertificateSeenOn: optionalText(
    z
      .string({ error: typeError("volunteers.error.date") })
      .trim()
      .regex(/^\d{4}-\d{2}-\d{2}$/, { error: "volunteers.error.date" })
      .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), { error: "volunteers.error.date" }),
  ),
});

/** Inbox filter: a tracked status or all. Anything else reads as all. */
export const inboxStatusFilterSchema = z.enum(trackedInterestStatuses).nullable().catch(null);

/** The public list's filters; nonsense reads as "no filter". */
export const publicRoleFilterSchema = z.object({
  kommune: z
    .string()
    .regex(/^\d{4}$/)
    .nullable()
    .catch(null),
  kind: z.enum(volunteerRoleKinds).nullable().catch(null),
  language: z.enum(activityLanguages).nullable().catch(null),
});
