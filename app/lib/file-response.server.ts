/**
 * The HTTP answers for files Samspill hands out: exports, the personal-data
 * download and calendar files. One place for their content types,
 * Content-Disposition and caching, so a new download gets them right.
 */
const contentTypes = {
  csv: "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  json: "application/json; charset=utf-8",
  ics: "text/calendar; charset=utf-8",
} as const;

export type FileType = keyof typeof contentTypes;

export interface FileResponseOptions {
  type: FileType;
  /** ASCII only: it is put in the header as it is. */
  filename: string;
  cacheControl: string;
  /** Shown in place (calendar apps) rather than saved as a download. */
  inline?: boolean;
  headers?: Record<string, string>;
}

export function fileResponse(body: BodyInit, { type, filename, cacheControl, inline = false, headers = {} }: FileResponseOptions): Response {
  return new Response(body, {
    headers: {
      "Content-Type": contentTypes[type],
      "Content-Disposition": `${inline ? "inline" : "attachment"}; filename="${filename}"`,
      "Cache-Control": cacheControl,
      ...headers,
    },
  });
}

/** A spreadsheet export's format, from the URL's ending (`eksport.xlsx`, else CSV). */
export function spreadsheetType(url: URL): "csv" | "xlsx" {
  return url.pathname.endsWith(".xlsx") ? "xlsx" : "csv";
}

/**
 * The HTTP answer for a calendar file. Feeds are public and the same for
 * everyone, so any origin may fetch them; calendar apps poll, so a short
 * client cache is fine ("private": the app's middleware may add a CSRF
 * cookie, which a shared cache must not keep).
 */
export function calendarResponse(file: { body: string; filename: string }, cacheControl = "private, max-age=900"): Response {
  return fileResponse(file.body, { type: "ics", filename: file.filename, cacheControl, inline: true, headers: { "Access-Control-Allow-Origin": "*" } });
}
