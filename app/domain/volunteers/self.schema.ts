import { z } from "zod";
import { activityLanguages } from "~/domain/activities/activities.constants.ts";
import { emailSchema } from "~/domain/auth/auth.schema.ts";
import { confirmationSchema, typeError } from "~/lib/validation.ts";
import { volunteerAvailability, volunteerRoleKinds } from "./volunteers.constants.ts";

export const PROFILE_NAME_MAX = 120;
export const PROFILE_LIKES_MAX = 2000;

const checkbox = z.preprocess((v) => v === true || v === "on" || v === "true", z.boolean());

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

/** "Send me a link to my page": only an address. */
export const profileLinkRequestSchema = z.object({ email: emailSchema });

/** The light profile: what the volunteer likes to do, where and when; "the kommune may contact me" is their own choice. */
export const profileSchema = z.object({
  name: z
    .string({ error: typeError("validation.required") })
    .trim()
    .min(1, { error: "validation.required" })
    .max(PROFILE_NAME_MAX),
  municipalityNumber: z.preprocess(
    (v) => (v === "" || v === undefined ? null : v),
    z
      .string({ error: typeError("validation.invalidChoice") })
      .regex(/^\d{4}$/, { error: "validation.invalidChoice" })
      .nullable(),
  ),
  languages: choiceList(activityLanguages),
  roleKinds: choiceList(volunteerRoleKinds),
  likesToDo: z.preprocess(
    (v) => v ?? "",
    z
      .string({ error: typeError("validation.invalid") })
      .trim()
      .max(PROFILE_LIKES_MAX),
  ),
  availability: choiceList(volunteerAvailability),
  contactableByKommune: checkbox,
});
export type ProfileInput = z.output<typeof profileSchema>;

/** A destructive step (withdraw an interest, delete the profile): the box must be ticked. */
export const confirmDeleteSchema = z.object({
  confirm: confirmationSchema.pipe(z.literal(true, { error: "volunteerSelf.error.confirmRequired" })),
});

/** Withdrawing one of one's own interests from the profile page. */
export const withdrawOwnSchema = confirmDeleteSchema.extend({ interestId: z.uuid({ error: "validation.invalid" }) });
