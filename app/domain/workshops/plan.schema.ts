import { z } from "zod";
import { parseOsloLocal } from "~/domain/activities/schedule.ts";
import { confirmationSchema, optionalText, typeError, websiteSchema } from "~/lib/validation.ts";
import { MAX_VOTES_PER_PARTICIPANT, obstacleThemes, participantSectors, workshopSessionKinds, workshopStatuses } from "./workshops.constants.ts";

export const WORKSHOP_TITLE_MAX = 200;
export const WORKSHOP_PURPOSE_MAX = 4000;
export const WORKSHOP_CAPACITY_MAX = 500;
/** Session rows a form may send (s0_…, s1_…): the plan's sessions and a few empty ones to add. */
export const SESSION_SLOTS_MAX = 12;

const listOf = <T extends z.ZodType>(item: T, max = 20) =>
  z.preprocess((v) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v : [v]), z.array(item).max(max));

const intIn = (min: number, max: number) =>
  z.preprocess(
    (v) => (typeof v === "string" ? (v.trim() === "" ? undefined : Number(v.trim())) : v),
    z.number({ error: "validation.required" }).int({ error: "validation.invalid" }).min(min).max(max),
  );

const optionalIntIn = (min: number, max: number) =>
  z.preprocess(
    (v) => (typeof v === "string" && v.trim() === "" ? null : typeof v === "string" ? Number(v.trim()) : (v ?? null)),
    z.number({ error: "validation.invalid" }).int({ error: "validation.invalid" }).min(min).max(max).nullable(),
  );

export interface SessionInput {
  id: string | null;
  kind: (typeof workshopSessionKinds)[number];
  startsAt: Date;
  durationMinutes: number;
  place: string | null;
  videoUrl: string | null;
}

const sessionRow = z.object({
  id: optionalText(z.uuid({ error: "validation.invalid" })),
  kind: z.enum(workshopSessionKinds, { error: "validation.invalidChoice" }).default("workshop"),
  startsAt: optionalText(z.string().trim().max(20)),
  durationMinutes: optionalIntIn(15, 1440),
  place: optionalText(z.string().trim().max(300)),
  videoUrl: websiteSchema,
  remove: confirmationSchema.optional(),
});

/**
 * The sessions come as numbered field groups (s0_startsAt, s0_place, …) so the
 * form works without JavaScript: a row left without a date, or ticked for
 * removal, is no session. Errors name the row's own field.
 */
function sessionsFrom(values: Record<string, unknown>, ctx: z.RefinementCtx): SessionInput[] {
  const sessions: SessionInput[] = [];
  for (let i = 0; i < SESSION_SLOTS_MAX; i++) {
    const p = `s${i}_`;
    const raw = {
      id: values[`${p}id`],
      kind: values[`${p}kind`] === "" ? undefined : values[`${p}kind`],
      startsAt: values[`${p}startsAt`],
      durationMinutes: values[`${p}durationMinutes`],
      place: values[`${p}place`],
      videoUrl: values[`${p}videoUrl`],
      remove: values[`${p}remove`],
    };
    const parsed = sessionRow.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) ctx.addIssue({ code: "custom", path: [`${p}${String(issue.path[0])}`], message: issue.message });
      continue;
    }
    const row = parsed.data;
    if (row.remove || row.startsAt === null) continue;
    const startsAt = parseOsloLocal(row.startsAt);
    if (!startsAt) {
      ctx.addIssue({ code: "custom", path: [`${p}startsAt`], message: "workshops.form.error.dateTime" });
      continue;
    }
    if (row.durationMinutes === null) {
      ctx.addIssue({ code: "custom", path: [`${p}durationMinutes`], message: "validation.required" });
      continue;
    }
    if (!row.place && !row.videoUrl) {
      ctx.addIssue({ code: "custom", path: [`${p}place`], message: "workshops.form.error.placeOrVideo" });
      continue;
    }
    sessions.push({ id: row.id, kind: row.kind, startsAt, durationMinutes: row.durationMinutes, place: row.place, videoUrl: row.videoUrl });
  }
  if (sessions.length === 0) ctx.addIssue({ code: "custom", path: ["s0_startsAt"], message: "workshops.form.error.noSession" });
  return sessions.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
}

const workshopFields = {
  title: z
    .string({ error: typeError("validation.required") })
    .trim()
    .min(3)
    .max(WORKSHOP_TITLE_MAX),
  purpose: optionalText(z.string().trim().max(WORKSHOP_PURPOSE_MAX)).transform((v) => v ?? ""),
  focusThemes: listOf(z.enum(obstacleThemes, { error: "validation.invalidChoice" }), obstacleThemes.length),
  facilitatorName: optionalText(z.string().trim().max(200)).transform((v) => v ?? ""),
  capacity: optionalIntIn(1, WORKSHOP_CAPACITY_MAX),
  obstacleVotesPerParticipant: intIn(1, MAX_VOTES_PER_PARTICIPANT),
  solutionVotesPerParticipant: intIn(1, MAX_VOTES_PER_PARTICIPANT),
};

/** "municipality:3403" or "county:34": who organises. The domain checks the actor may act for it. */
const organiserValue = z
  .string({ error: typeError("validation.required") })
  .trim()
  .regex(/^(municipality:\d{4}|county:\d{2})$/, { error: "workshops.form.error.organiser" });

/** The session rows of a plan's form; parsed apart from the other fields so both sets of messages show at once. */
export const sessionsSchema = z.looseObject({}).transform((v, ctx) => sessionsFrom(v as Record<string, unknown>, ctx));

/** A new workshop: the plan, who organises it and for which kommuner (its sessions: sessionsSchema). */
export const workshopCreateSchema = z.object({
  ...workshopFields,
  organiser: organiserValue,
  municipalityNumbers: listOf(
    z
      .string()
      .trim()
      .regex(/^\d{4}$/, { error: "workshops.form.error.municipality" }),
    60,
  ),
});

/** An edit of the plan (who organises it stays as created). */
export const workshopUpdateSchema = z.object(workshopFields);

export const workshopStatusSchema = z.object({
  status: z.enum(workshopStatuses, { error: "validation.invalidChoice" }),
  confirm: confirmationSchema.optional(),
});

/** An invitation from the register: an organisation, and optionally one of its members by e-mail. */
export const inviteFromRegisterSchema = z.object({
  organizationId: z.uuid({ error: "workshops.participants.error.organization" }),
  memberEmail: optionalText(z.email({ error: "validation.email" }).trim().toLowerCase().max(254)),
  sector: z.enum(participantSectors, { error: "validation.invalidChoice" }),
});

/** An invitation by e-mail to someone who need not be in the register. */
export const inviteByEmailSchema = z.object({
  name: z
    .string({ error: typeError("validation.required") })
    .trim()
    .min(2)
    .max(200),
  email: z
    .string({ error: typeError("validation.required") })
    .trim()
    .toLowerCase()
    .max(254)
    .pipe(z.email({ error: "validation.email" })),
  sector: z.enum(participantSectors, { error: "validation.invalidChoice" }),
  organizationId: optionalText(z.uuid({ error: "workshops.participants.error.organization" })),
});

export const removeParticipantSchema = z.object({
  participantId: z.uuid({ error: "validation.invalid" }),
  confirm: confirmationSchema,
});
