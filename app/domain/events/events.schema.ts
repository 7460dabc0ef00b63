import { z } from "zod";
import { parseOsloLocal } from "~/domain/activities/schedule.ts";
import { organizationKinds } from "~/domain/organizations/organizations.constants.ts";
import { confirmationSchema, optionalText, typeError, websiteSchema } from "~/lib/validation.ts";
import { CAPACITY_MAX, DESCRIPTION_MAX, DURATION_MAX_MINUTES, PLACE_MAX, TITLE_MAX, eventLevels, eventTypes } from "./events.constants.ts";

const osloDateTime = z
  .string({ error: typeError("validation.required") })
  .trim()
  .min(1)
  .max(20)
  .transform((v, ctx) => {
    const d = parseOsloLocal(v);
    if (!d) {
      ctx.addIssue({ code: "custom", message: "events.form.error.dateTime" });
      return z.NEVER;
    }
    return d;
  });

const optionalInt = (min: number, max: number) =>
  z.preprocess(
    (v) => (typeof v === "string" && v.trim() === "" ? null : typeof v === "string" ? Number(v.trim()) : (v ?? null)),
    z.number({ error: "validation.invalid" }).int({ error: "validation.invalid" }).min(min).max(max).nullable(),
  );

/** "municipality:3403", "county:34", "national" or "organization:<uuid>": who organises. The domain checks the actor may act for it. */
export const organiserValue = z
  .string({ error: typeError("validation.required") })
  .trim()
  .min(1)
  .max(60)
  .regex(/^(municipality:\d{4}|county:\d{2}|national|organization:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i, {
    error: "events.form.error.organiser",
  });

const listOf = <T extends z.ZodType>(item: T, max = 20) =>
  z.preprocess((v) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v : [v]), z.array(item).max(max));

export const eventInputSchema = z
  .object({
    title: z
      .string({ error: typeError("validation.required") })
      .trim()
      .min(3)
      .max(TITLE_MAX),
    description: optionalText(z.string().trim().max(DESCRIPTION_MAX)).transform((v) => v ?? ""),
    type: z.enum(eventTypes, { error: "validation.invalidChoice" }),
    level: z.enum(eventLevels, { error: "validation.invalidChoice" }),
    organiser: organiserValue,
    municipalityNumber: optionalText(
      z
        .string()
        .trim()
        .regex(/^\d{4}$/, { error: "events.form.error.municipality" }),
    ),
    startsAt: osloDateTime,
    durationMinutes: z.preprocess(
      (v) => (typeof v === "string" ? (v.trim() === "" ? undefined : Number(v.trim())) : v),
      z.number({ error: "validation.required" }).int({ error: "validation.invalid" }).min(5).max(DURATION_MAX_MINUTES),
    ),
    rrule: optionalText(z.string().trim().max(500)),
    place: optionalText(z.string().trim().max(PLACE_MAX)),
    videoUrl: websiteSchema,
    capacity: optionalInt(1, CAPACITY_MAX),
    audience: listOf(z.enum(organizationKinds, { error: "validation.invalidChoice" })),
    registrationDeadline: optionalText(z.string().trim().max(20)).transform((v, ctx) => {
      if (v === null) return null;
      const d = parseOsloLocal(v);
      if (!d) {
        ctx.addIssue({ code: "custom", message: "events.form.error.dateTime" });
        return z.NEVER;
      }
      return d;
    }),
    networkId: optionalText(z.uuid({ error: "validation.invalid" })),
  })
  .superRefine((v, ctx) => {
    if (!v.place && !v.videoUrl) ctx.addIssue({ code: "custom", path: ["place"], message: "events.form.error.placeOrVideo" });
    if (v.level === "local" && !v.municipalityNumber)
      ctx.addIssue({ code: "custom", path: ["municipalityNumber"], message: "events.form.error.localNeedsKommune" });
    if (v.registrationDeadline && v.registrationDeadline.getTime() > v.startsAt.getTime())
      ctx.addIssue({ code: "custom", path: ["registrationDeadline"], message: "events.form.error.deadlineAfterStart" });
  });
export type EventInput = z.output<typeof eventInputSchema>;

export const cancelEventSchema = z.object({ confirm: confirmationSchema });

export const emailRegistrationSchema = z.object({
  name: z
    .string({ error: typeError("validation.required") })
    .trim()
    .min(2)
    .max(120),
  email: z
    .string({ error: typeError("validation.email") })
    .trim()
    .max(254)
    .pipe(z.email({ error: "validation.email" }))
    .transform((v) => v.toLowerCase()),
  organizationName: optionalText(z.string().trim().max(200)),
});

export const attendanceSchema = z.object({
  attended: listOf(z.uuid({ error: "validation.invalid" }), CAPACITY_MAX),
});

export const eventListQuerySchema = z.object({
  type: z.enum(eventTypes).optional().catch(undefined),
  level: z.enum(eventLevels).optional().catch(undefined),
  fylke: z
    .string()
    .regex(/^\d{2}$/)
    .optional()
    .catch(undefined),
  kommune: z
    .string()
    .regex(/^\d{4}$/)
    .optional()
    .catch(undefined),
});

export const agendaItemSchema = z.object({
  title: z
    .string({ error: typeError("validation.required") })
    .trim()
    .min(3)
    .max(200),
  description: optionalText(z.string().trim().max(2000)).transform((v) => v ?? ""),
});

export const decisionSchema = z.object({
  text: z
    .string({ error: typeError("validation.required") })
    .trim()
    .min(3)
    .max(2000),
});

export const agendaPlacementSchema = z.object({ itemId: z.uuid({ error: "validation.invalid" }) });
export const decisionDoneSchema = z.object({ decisionId: z.uuid({ error: "validation.invalid" }) });
