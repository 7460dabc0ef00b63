import { z } from "zod";

/** Kinds of background job. Each has a handler registered in worker.server.ts. */
export const JOB_KINDS = { brregImport: "brreg_import" } as const;
export type JobKind = (typeof JOB_KINDS)[keyof typeof JOB_KINDS];

/** How many rejected records an import job keeps as examples for its page. */
export const MAX_REJECTED_EXAMPLES = 50;
/** How many records a scoped import left out (outside the creator's kommuner) a job lists; all are counted. */
export const MAX_OUT_OF_SCOPE_EXAMPLES = 100;
/** Recent jobs listed on the upload page. */
export const RECENT_JOBS_LIMIT = 20;

/** Why an upload was turned away; the form explains each (`jobs.upload.error.<code>`). */
export const uploadErrorCodes = [
  "noFile",
  "wrongType",
  "empty",
  "tooBig",
  "notMultipart",
  "invalidFields",
  "kommune",
  "form",
  "unknownKommune",
  "failed",
] as const;
export type UploadErrorCode = (typeof uploadErrorCodes)[number];

export function isUploadErrorCode(value: unknown): value is UploadErrorCode {
  return typeof value === "string" && (uploadErrorCodes as readonly string[]).includes(value);
}

/** Upload file names the Brreg import accepts. */
export const BRREG_FILE_PATTERN = /\.json(\.gz)?$/i;

/** A comma/space-separated list from a text field (or repeated fields) → a clean array. */
function listField<T extends z.ZodType>(item: T, max: number, errorKey: string) {
  return z.preprocess(
    (v) => {
      const values = Array.isArray(v) ? v : typeof v === "string" ? [v] : v === undefined || v === null ? [] : v;
      if (!Array.isArray(values)) return values;
      return values.flatMap((s) => (typeof s === "string" ? s.split(/[\s,;]+/) : [s])).filter((s) => s !== "");
    },
    z.array(item, { error: errorKey }).max(max, { error: errorKey }),
  );
}

const checkbox = z.preprocess((v) => v === "on" || v === "1" || v === "true" || v === true, z.boolean());

/** The import form's fields (besides the file). Same filters as `samspill import brreg`. */
export const brregImportOptionsSchema = z.object({
  municipalities: listField(z.string().regex(/^\d{4}$/, { error: "jobs.validation.kommune" }), 400, "jobs.validation.kommune"),
  forms: listField(
    z
      .string()
      .regex(/^[A-Za-z]{2,6}$/, { error: "jobs.validation.form" })
      .transform((s) => s.toUpperCase()),
    50,
    "jobs.validation.form",
  ),
  all: checkbox,
  dryRun: checkbox,
});
export type BrregImportOptionsInput = z.output<typeof brregImportOptionsSchema>;

/** What a queued Brreg import job carries in `jobs.input`. */
export interface BrregJobInput {
  [key: string]: unknown;
  filePath: string;
  fileName: string;
  fileBytes: number;
  municipalities: string[];
  forms: string[];
  all: boolean;
  dryRun: boolean;
  /** How often this job has been started; a job interrupted by a crash is re-queued once. */
  attempt: number;
}

/** The progress a running import reports, in `jobs.progress`. */
export interface BrregJobProgress {
  [key: string]: unknown;
  bytesRead: number;
  totalBytes: number;
  records: number;
  kept: number;
  inserted: number;
  updated: number;
  unchanged: number;
  skipped: number;
  rejected: number;
  /** Records left out because the job's creator may not create or change them. */
  outOfScope: number;
}
