import { z } from "zod";

export const emailSchema = z
  .string({ error: "validation.required" })
  .trim()
  .min(1, { error: "validation.required" })
  .max(254, { error: "validation.email" })
  .pipe(z.email({ error: "validation.email" }))
  .transform((v) => v.toLowerCase());

export const passwordSchema = z
  .string({ error: "validation.required" })
  .min(1, { error: "validation.required" })
  .min(10, { error: "validation.passwordTooShort" })
  .max(200, { error: "validation.passwordTooLong" });

export const nameSchema = z
  .string({ error: "validation.required" })
  .trim()
  .min(1, { error: "validation.required" })
  .max(100);

export const signInSchema = z.object({
  email: emailSchema,
  // Sign-in only checks presence: the rules apply when a password is set.
  password: z.string({ error: "validation.required" }).min(1, { error: "validation.required" }).max(200),
});

export const signUpSchema = z.object({
  name: nameSchema,
  email: emailSchema,
  password: passwordSchema,
});

export const emailOnlySchema = z.object({ email: emailSchema });

export const resetPasswordSchema = z.object({
  token: z.string().min(1).max(200),
  password: passwordSchema,
});

export const profileSchema = z.object({
  name: nameSchema,
});

export const changePasswordSchema = z.object({
  currentPassword: z.string().max(200).optional().default(""),
  newPassword: passwordSchema,
});
