import { z } from "zod";
import { contactPhoneSchema, optionalText, typeError } from "~/lib/validation.ts";

export const CONTACT_NAME_MAX = 120;

/** The kommune's published contact: who answers (a role), and a role e-mail or phone — at least one of them. */
export const municipalityContactSchema = z
  .object({
    name: z
      .string({ error: typeError("validation.required") })
      .trim()
      .min(2, { error: "municipality.contact.error.name" })
      .max(CONTACT_NAME_MAX),
    email: optionalText(
      z
        .string({ error: typeError("validation.email") })
        .trim()
        .max(254)
        .pipe(z.email({ error: "validation.email" })),
    ),
    phone: contactPhoneSchema,
  })
  .refine((v) => v.email !== null || v.phone !== null, { error: "municipality.contact.error.emailOrPhone", path: ["email"] });
