import { z } from "zod";
import { competenceTopics } from "~/domain/competence/topics.ts";
import { organizationKinds } from "~/domain/organizations/organizations.constants.ts";
import { confirmationSchema, optionalText, typeError } from "~/lib/validation.ts";
import { articleKinds, articleLanguages, type ArticleLanguage } from "./knowledge.constants.ts";

import { BODY_MAX, COMMENT_MAX, SUMMARY_MAX, TITLE_MAX } from "./knowledge.constants.ts";
export { BODY_MAX, COMMENT_MAX, SUMMARY_MAX, TITLE_MAX };
export const QUERY_MAX = 200;

/** Checkbox groups arrive as one string or several; code passes arrays. */
const list = <T extends z.ZodType>(item: T, min = 0, minError = "validation.required") =>
  z.preprocess((v) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v : [v]), z.array(item).min(min, { error: minError }).max(20));

const versionSchema = z.object({
  title: z
    .string({ error: typeError("validation.required") })
    .trim()
    .max(TITLE_MAX)
    .default(""),
  summary: z
    .string({ error: typeError("validation.invalid") })
    .trim()
    .max(SUMMARY_MAX)
    .default(""),
  body: z
    .string({ error: typeError("validation.invalid") })
    .max(BODY_MAX)
    .default(""),
});

/** A link: http(s) only, so a "report link" can never be javascript: or data:. */
const linkSchema = optionalText(
  z
    .string({ error: typeError("validation.url") })
    .trim()
    .max(1000)
    .pipe(z.url({ protocol: /^https?$/, hostname: z.regexes.domain, error: "validation.url" })),
);

const reviewBySchema = optionalText(
  z
    .string({ error: typeError("validation.invalid") })
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}$/, { error: "knowledge.error.date" })
    .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), { error: "knowledge.error.date" }),
);

/**
 * Form fields are named `versions.nb.title` and so on, so a field error's path
 * is the field's own name; code may pass `versions` nested.
 */
function nestVersions(raw: unknown): unknown {
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) return raw;
  const input = { ...(raw as Record<string, unknown>) };
  const versions: Record<string, Record<string, unknown>> = input.versions && typeof input.versions === "object" && !Array.isArray(input.versions)
    ? { ...(input.versions as Record<string, Record<string, unknown>>) }
    : {};
  for (const [key, value] of Object.entries(input)) {
    const m = /^versions\.([a-z]+)\.(title|summary|body)$/.exec(key);
    if (!m) continue;
    versions[m[1]!] = { ...(versions[m[1]!] ?? {}), [m[2]!]: value };
    delete input[key];
  }
  input.versions = versions;
  return input;
}

const versionsSchema = z
  .partialRecord(z.enum(articleLanguages, { error: "validation.invalidChoice" }), versionSchema)
  .transform((versions) => {
    // A language left entirely empty is not a version.
    const out: Partial<Record<ArticleLanguage, z.output<typeof versionSchema>>> = {};
    for (const [lang, v] of Object.entries(versions) as [ArticleLanguage, z.output<typeof versionSchema>][]) {
      if (v.title || v.summary || v.body.trim()) out[lang] = v;
    }
    return out;
  })
  .superRefine((versions, ctx) => {
    const langs = Object.keys(versions) as ArticleLanguage[];
    if (!langs.length) ctx.addIssue({ code: "custom", path: ["nb", "title"], message: "knowledge.error.oneVersion" });
    for (const lang of langs) {
      if (!versions[lang]!.title) ctx.addIssue({ code: "custom", path: [lang, "title"], message: "knowledge.error.titleRequired" });
    }
  });

export const articleInputSchema = z.preprocess(
  nestVersions,
  z
    .object({
      kind: z.enum(articleKinds, { error: "validation.invalidChoice" }),
      themes: list(z.enum(competenceTopics, { error: "validation.invalidChoice" }), 1, "knowledge.error.theme"),
      audience: list(z.enum(organizationKinds, { error: "validation.invalidChoice" })),
      linkUrl: linkSchema,
      reviewBy: reviewBySchema,
      versions: versionsSchema,
    })
    .superRefine((v, ctx) => {
      if (v.kind === "report_link" && !v.linkUrl) ctx.addIssue({ code: "custom", path: ["linkUrl"], message: "knowledge.error.linkRequired" });
    }),
);
export type ArticleInput = z.output<typeof articleInputSchema>;

/** The body that reviews a proposal: IMDi, or the fylkeskommune of one of the proposer's kommuner ("county:34"). */
export const proposalTargetSchema = z.object({
  reviewer: z.string({ error: typeError("validation.required") }).regex(/^(national|county:\d{2})$/, { error: "validation.invalidChoice" }),
});

export const reviewCommentSchema = z.object({
  comment: z
    .string({ error: typeError("validation.required") })
    .trim()
    .min(1, { error: "knowledge.error.commentRequired" })
    .max(COMMENT_MAX),
});
export const optionalCommentSchema = z.object({
  comment: optionalText(
    z
      .string({ error: typeError("validation.invalid") })
      .trim()
      .max(COMMENT_MAX),
  ),
});

export const deleteSchema = z.object({ confirm: confirmationSchema.pipe(z.literal(true, { error: "knowledge.error.confirm" })) });

/** Removing a file: which one (it must be the article's own) and the confirm step's tick. */
export const removeFileSchema = z.object({
  fileId: z.uuid({ error: "validation.invalid" }),
  confirm: confirmationSchema.pipe(z.literal(true, { error: "knowledge.error.confirm" })),
});

export const voteSchema = z.object({ helpful: z.enum(["yes", "no"], { error: "validation.invalidChoice" }) });

export const articleSearchSchema = z.object({
  q: z.string().trim().max(QUERY_MAX).catch("").default(""),
  theme: z.enum(competenceTopics).optional().catch(undefined),
  audience: z.enum(organizationKinds).optional().catch(undefined),
  kind: z.enum(articleKinds).optional().catch(undefined),
});
export type ArticleSearchQuery = z.output<typeof articleSearchSchema>;

/** A question and answer made from an answered guidance request (guidance calls this). */
export const questionAnswerSchema = z.object({
  topic: z.enum(competenceTopics, { error: "validation.invalidChoice" }),
  question: z
    .string({ error: typeError("validation.required") })
    .trim()
    .min(1)
    .max(TITLE_MAX * 10),
  answer: z
    .string({ error: typeError("validation.required") })
    .trim()
    .min(1)
    .max(BODY_MAX),
  locale: z.enum(articleLanguages, { error: "validation.invalidChoice" }).default("nb"),
  sourceGuidanceRequestId: z.uuid({ error: "validation.invalid" }).nullable().optional(),
});
