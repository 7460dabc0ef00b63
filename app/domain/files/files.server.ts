import { createHash } from "node:crypto";
import { eq, inArray } from "drizzle-orm";
import { fileTypeFromBuffer } from "file-type";
import { getDb, type Queryable } from "~/db/client.server.ts";
import { storedFiles } from "~/db/schema/index.ts";
import type { Actor } from "~/domain/auth/actor.ts";
import { AppError } from "~/lib/errors.ts";
import { isUuid } from "~/lib/validation.ts";
import { ACCEPTED_FILE_TYPES, FILE_MAX_BYTES, FILES_PER_FORM, TEMPLATE_FILE_TYPES, type AcceptedFileTypes, type AcceptedMediaType } from "./files.constants.ts";

/**
 * Uploaded files, stored in PostgreSQL (see app/db/schema/files.ts). This
 * module checks and stores bytes; it knows nothing of who may read a file:
 * the module that links a file to its own rows (a guidance request's
 * attachment, a knowledge template) checks that before calling
 * readStoredFile and answers with storedFileResponse.
 */

/** A file that passed the checks, ready for storeFile. */
export interface AcceptedFile {
  name: string;
  mediaType: AcceptedMediaType;
  sizeBytes: number;
  sha256: string;
  bytes: Uint8Array;
}

export interface StoredFileInfo {
  id: string;
  name: string;
  mediaType: AcceptedMediaType;
  sizeBytes: number;
  createdAt: Date;
}

export interface StoredFile extends StoredFileInfo {
  sha256: string;
  content: Uint8Array;
}

export interface UploadOptions {
  /** The form field the file came in, for the error message beside it. */
  field?: string;
  /** Refuse a post without a file (default: no file is null). */
  required?: boolean;
  /** The types accepted (default: PDF and images, ACCEPTED_FILE_TYPES). */
  types?: AcceptedFileTypes;
  /** The message for a file of another type (default: validation.file.type, which names PDF and images). */
  typeErrorKey?: string;
}

function fileError(field: string, key: string, values?: Record<string, string | number>): AppError {
  return new AppError("validation", "common.errorSummary", { [field]: values ? { key, values } : { key } });
}

/** The limit as people read it ("10 MB"), for the message. */
const maxSizeText = `${Math.round(FILE_MAX_BYTES / (1024 * 1024))} MB`;

/**
 * Checks one uploaded file from a form: a PDF or a PNG, JPEG or WebP image
 * by its CONTENT (the bytes' signature; the name and the browser's
 * Content-Type are not believed, so an HTML page or SVG called .pdf is
 * refused and a PDF called .png is taken as a PDF), not empty and not over
 * FILE_MAX_BYTES. The name keeps no path parts or control characters and
 * gets the extension of what the file really is. No file chosen → null
 * (or, when required, a validation error).
 */
export async function acceptUpload(value: FormDataEntryValue | null | undefined, options: UploadOptions = {}): Promise<AcceptedFile | null> {
  const field = options.field ?? "file";
  // A browser sends a nameless, empty part for a file input left empty; a form posted without multipart sends a string.
  if (!(value instanceof File) || (value.size === 0 && value.name === "")) {
    if (options.required) throw fileError(field, "validation.file.missing");
    return null;
  }
  if (value.size === 0) throw fileError(field, "validation.file.empty");
  if (value.size > FILE_MAX_BYTES) throw fileError(field, "validation.file.tooLarge", { max: maxSizeText });
  const bytes = new Uint8Array(await value.arrayBuffer());
  if (bytes.byteLength === 0) throw fileError(field, "validation.file.empty");
  if (bytes.byteLength > FILE_MAX_BYTES) throw fileError(field, "validation.file.tooLarge", { max: maxSizeText });
  const detected = await fileTypeFromBuffer(bytes);
  const mediaType = detected?.mime;
  const types = options.types ?? ACCEPTED_FILE_TYPES;
  if (!mediaType || !Object.hasOwn(types, mediaType)) throw fileError(field, options.typeErrorKey ?? "validation.file.type");
  return {
    name: sanitizeFileName(value.name, mediaType as AcceptedMediaType),
    mediaType: mediaType as AcceptedMediaType,
    sizeBytes: bytes.byteLength,
    sha256: createHash("sha256").update(bytes).digest("hex"),
    bytes,
  };
}

/** Several files from one field (`formData.getAll(field)`): each checked as acceptUpload does, at most FILES_PER_FORM. */
export async function acceptUploads(values: FormDataEntryValue[], options: UploadOptions & { max?: number } = {}): Promise<AcceptedFile[]> {
  const field = options.field ?? "file";
  const max = options.max ?? FILES_PER_FORM;
  const chosen = values.filter((v) => v instanceof File && !(v.size === 0 && v.name === ""));
  if (chosen.length > max) throw fileError(field, "validation.file.tooMany", { max });
  const accepted: AcceptedFile[] = [];
  for (const value of chosen) accepted.push((await acceptUpload(value, { ...options, field, required: true }))!);
  if (options.required && accepted.length === 0) throw fileError(field, "validation.file.missing");
  return accepted;
}

/** Characters a file name must not carry: controls, bidirectional overrides (which disguise an extension) and those Windows refuses. */
const unsafeNameCharacters = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"*:<>?|]/g;
const NAME_MAX_CHARACTERS = 150;

/**
 * The uploader's file name made safe to store and to offer as a download:
 * the last path part only (a browser may send "C:\Users\…\x.pdf", a client
 * "../../etc/passwd"), no unsafe characters, no leading dots, at most 150
 * characters before the extension, and an extension that matches the content.
 */
export function sanitizeFileName(raw: string, mediaType: AcceptedMediaType): string {
  const lastPart = raw.normalize("NFC").split(/[\\/]/).pop() ?? "";
  const cleaned = lastPart
    .replace(unsafeNameCharacters, "")
    .trim()
    .replace(/^[.\s]+/, "");
  const match = /^(.*)\.([A-Za-z0-9]{1,8})$/.exec(cleaned);
  const extensions: readonly string[] = TEMPLATE_FILE_TYPES[mediaType];
  const givenExtension = match?.[2]!.toLowerCase();
  const base =
    Array.from((match ? match[1]! : cleaned).trim())
      .slice(0, NAME_MAX_CHARACTERS)
      .join("")
      .replace(/[.\s]+$/, "") || "fil";
  const extension = givenExtension && extensions.includes(givenExtension) ? givenExtension : extensions[0]!;
  return `${base}.${extension}`;
}

/** Stores an accepted file in the caller's transaction (with the row that links to it); returns its id. */
export async function storeFile(tx: Queryable, accepted: AcceptedFile, actor: Actor): Promise<string> {
  const [row] = await tx
    .insert(storedFiles)
    .values({
      mediaType: accepted.mediaType,
      sizeBytes: accepted.sizeBytes,
      name: accepted.name,
      sha256: accepted.sha256,
      content: accepted.bytes,
      uploadedBy: actor.kind === "user" ? actor.userId : null,
    })
    .returning({ id: storedFiles.id });
  return row!.id;
}

const infoColumns = {
  id: storedFiles.id,
  name: storedFiles.name,
  mediaType: storedFiles.mediaType,
  sizeBytes: storedFiles.sizeBytes,
  createdAt: storedFiles.createdAt,
};

/** Names, types and sizes for a list of attachments, without their content. The caller has checked access. */
export async function storedFileInfos(ids: readonly string[]): Promise<StoredFileInfo[]> {
  const valid = ids.filter(isUuid);
  if (valid.length === 0) return [];
  const rows = await getDb().select(infoColumns).from(storedFiles).where(inArray(storedFiles.id, valid));
  return rows.map((r) => ({ ...r, mediaType: r.mediaType as AcceptedMediaType }));
}

/** One stored file with its content, or null (also for an id that is not a UUID). The caller has checked access. */
export async function readStoredFile(id: string, db: Queryable = getDb()): Promise<StoredFile | null> {
  if (!isUuid(id)) return null;
  const [row] = await db
    .select({ ...infoColumns, sha256: storedFiles.sha256, content: storedFiles.content })
    .from(storedFiles)
    .where(eq(storedFiles.id, id));
  return row ? { ...row, mediaType: row.mediaType as AcceptedMediaType } : null;
}

/** Deletes a stored file in the caller's transaction (when the row that linked to it goes). */
export async function deleteStoredFile(tx: Queryable, id: string): Promise<void> {
  if (!isUuid(id)) return;
  await tx.delete(storedFiles).where(eq(storedFiles.id, id));
}

/** The name as plain ASCII for the old `filename=` parameter: accents dropped, anything else an underscore. */
function asciiFileName(name: string): string {
  return name
    .replace(/[øØæÆ]/g, (c) => ({ ø: "o", Ø: "O", æ: "ae", Æ: "AE" })[c] ?? c)
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^A-Za-z0-9._ -]/g, "_");
}

/** RFC 8187 encoding for `filename*=`: encodeURIComponent leaves ' ( ) * ! unencoded, which the grammar does not allow. */
function rfc8187(value: string): string {
  return encodeURIComponent(value).replace(/['()*!]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * The HTTP answer for a stored file. Always a download (never shown in
 * place under the app's origin), its type as detected, no sniffing, a
 * sandbox CSP in case a browser renders it anyway, and no caching outside
 * the browser's own session (private, no-store): access was checked for
 * this request and may be gone on the next one.
 */
export function storedFileResponse(file: Pick<StoredFile, "name" | "mediaType" | "content">): Response {
  return new Response(file.content as Uint8Array<ArrayBuffer>, {
    headers: {
      "Content-Type": file.mediaType,
      "Content-Length": String(file.content.byteLength),
      "Content-Disposition": `attachment; filename="${asciiFileName(file.name)}"; filename*=UTF-8''${rfc8187(file.name)}`,
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "sandbox; default-src 'none'",
      "Cache-Control": "private, no-store",
      "Cross-Origin-Resource-Policy": "same-origin",
    },
  });
}
