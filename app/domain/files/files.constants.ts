/**
 * Limits of the file upload (app/domain/files/files.server.ts), shared with
 * the HTTP server's request-body cap (server/app.ts) and the forms' `accept`.
 */

/** The largest file accepted, in bytes (10 MiB). */
export const FILE_MAX_BYTES = 10 * 1024 * 1024;

/** How many files one form post may carry. */
export const FILES_PER_FORM = 3;

/**
 * The request-body cap for a form that uploads: its files at their limit plus
 * room for the text fields and multipart headers. React Router buffers the
 * whole body, so this is also what one such post may hold in memory.
 */
export const FILE_FORM_MAX_BYTES = FILES_PER_FORM * FILE_MAX_BYTES + 512 * 1024;

/** The media types accepted, each detected from the file's bytes, with the extension a stored name gets. */
export const ACCEPTED_FILE_TYPES = {
  "application/pdf": ["pdf"],
  "image/png": ["png"],
  "image/jpeg": ["jpg", "jpeg"],
  "image/webp": ["webp"],
} as const satisfies Record<string, readonly string[]>;

/**
 * What a knowledge-bank template may be besides a PDF or an image: the office
 * documents a template is written in (Word, Excel, OpenDocument text), each
 * recognised by file-type from the parts inside the zip, not by the name.
 */
export const TEMPLATE_FILE_TYPES = {
  ...ACCEPTED_FILE_TYPES,
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ["docx"],
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ["xlsx"],
  "application/vnd.oasis.opendocument.text": ["odt"],
} as const satisfies Record<string, readonly string[]>;

/** Every media type a stored file may have (the database's check lists the same). */
export type AcceptedMediaType = keyof typeof TEMPLATE_FILE_TYPES;

/** A set of accepted types with their extensions, as acceptUpload takes it. */
export type AcceptedFileTypes = Partial<Record<AcceptedMediaType, readonly string[]>>;

/** For a file input's `accept`: a hint to the browser's file picker only; the server checks the content. */
export const FILE_ACCEPT_ATTRIBUTE = ".pdf,.png,.jpg,.jpeg,.webp,application/pdf,image/png,image/jpeg,image/webp";

/** The same for a knowledge-bank template. */
export const TEMPLATE_ACCEPT_ATTRIBUTE = `${FILE_ACCEPT_ATTRIBUTE},.docx,.xlsx,.odt,${Object.keys(TEMPLATE_FILE_TYPES)
  .filter((t) => t.startsWith("application/vnd."))
  .join(",")}`;

/**
 * The path prefixes of pages whose forms upload files (and their `.data`
 * requests): the HTTP server lets their bodies reach FILE_FORM_MAX_BYTES
 * instead of FORM_MAX_BYTES. A module with an upload form adds its prefix here.
 */
export const FILE_UPLOAD_PATH_PREFIXES: readonly string[] = ["/veiledning", "/kunnskapsbank", "/kunnskap"];

export function isFileUploadPath(path: string): boolean {
  const lower = path.toLowerCase();
  return FILE_UPLOAD_PATH_PREFIXES.some((prefix) => lower === prefix || lower === `${prefix}.data` || lower.startsWith(`${prefix}/`));
}
