import { z } from "zod";

// No schema-level `error` on z.string(): it would replace the message of every
// check without its own (a 10,000-character name would read "required").
// Wrong types and lengths get their keys from issueToFieldError instead.

export const emailSchema = z
  .string()
  .trim()
  .min(1, { error: "validation.required" })
  .max(254, { error: "validation.email" })
  .pipe(z.email({ error: "validation.email" }))
  .transform((v) => v.toLowerCase());

export const passwordSchema = z
  .string()
  .min(1, { error: "validation.required" })
  .min(10, { error: "validation.passwordTooShort" })
  .max(200, { error: "validation.passwordTooLong" });

export const nameSchema = z.string().trim().min(1, { error: "validation.required" }).max(100);

export const signInSchema = z.object({
  email: emailSchema,
  // Sign-in only checks presence: the rules apply when a password is set.
  password: z.string().min(1, { error: "validation.required" }).max(200, { error: "validation.passwordTooLong" }),
});

export const signUpSchema = z.object({
  name: nameSchema,
  email: emailSchema,
  password: passwordSchema,
});

export const emailOnlySchema = z.object({ email: emailSchema });

/** The "type it again" field next to a new password; only checked for equality. */
const passwordRepeatSchema = z.string().min(1, { error: "validation.required" }).max(200, { error: "validation.passwordTooLong" });

export const resetPasswordSchema = z
  .object({
    // Checked when the token is consumed, so a broken link reads as an invalid link, not a form error.
    token: z.unknown().optional(),
    password: passwordSchema,
    passwordRepeat: passwordRepeatSchema,
  })
  .refine((v) => v.password === v.passwordRepeat, { error: "validation.passwordMismatch", path: ["passwordRepeat"] });

export const profileSchema = z.object({
  name: nameSchema,
});

export const changePasswordSchema = z
  .object({
    // Absent for accounts that have only signed in by link or OIDC: they set a first password.
    currentPassword: z.string().max(200, { error: "validation.passwordTooLong" }).optional().default(""),
    newPassword: passwordSchema,
    newPasswordRepeat: passwordRepeatSchema,
  })
  .refine((v) => v.newPassword === v.newPasswordRepeat, { error: "validation.passwordMismatch", path: ["newPasswordRepeat"] });

/** Deleting an account is confirmed by typing the account's e-mail address. */
export const deleteAccountSchema = z.object({
  confirmEmail: z.string().trim().min(1, { error: "validation.required" }).max(254),
});
