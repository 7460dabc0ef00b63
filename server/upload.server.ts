import busboy from "busboy";
import { randomUUID } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdir, rm } from "node:fs/promises";
import path from "node:path";
import { once } from "node:events";
import type { Request as ExpressRequest, RequestHandler, Response } from "express";
import { getEnv } from "~/env.server.ts";
import { getLogger } from "~/logger.server.ts";
import { loadActor } from "~/domain/auth/session.server.ts";
import { CSRF_FIELD, ensureCsrf, verifyCsrf } from "~/domain/auth/csrf.server.ts";
import { assertMayImport, enqueueBrregImport } from "~/domain/jobs/jobs.server.ts";
import { BRREG_FILE_PATTERN, uploadErrorCodes, type UploadErrorCode } from "~/domain/jobs/jobs.schema.ts";
import { AppError } from "~/lib/errors.ts";
import { localeCookie } from "~/middleware/request.server.ts";
import { fullLocaleOf, isUiLocale, resolveLocale } from "~/i18n/config.ts";
import { getTranslator } from "~/i18n/translate.ts";

/**
 * The Brreg file upload, POST /admin/import. It runs in Express, before React
 * Router, because a route action would have the whole multipart body in
 * memory (request.formData(), and the CSRF check's clone of it) and the file
 * can be 1 GB or more: here busboy streams the file part straight to a file
 * in UPLOAD_DIR. Session and CSRF are checked with the same domain functions
 * the request middleware uses; the CSRF field must come before the file in
 * the form (CsrfField first), or be sent as the X-CSRF-Token header — the
 * file is never read before the token has been checked.
 *
 * Answers: 303 to the job's page; 303 back to the form with ?feil=<code> for
 * input a user can fix (nothing is enqueued, the file is deleted); 403 for a
 * missing/wrong CSRF token or a user who may not import; 303 to sign-in for
 * anonymous visitors.
 */
export const BRREG_UPLOAD_PATH = "/admin/import";

/** Multipart framing and the small fields, on top of the file itself. */
const MULTIPART_OVERHEAD = 1024 * 1024;

function fetchRequestOf(req: ExpressRequest, extraHeaders: Record<string, string> = {}): Request {
  const url = new URL(req.originalUrl, `${req.protocol}://${req.get("host") ?? "localhost"}`);
  const headers = new Headers();
  for (const name of ["cookie", "origin", "sec-fetch-site", "user-agent", "accept-language"]) {
    const value = req.get(name);
    if (value) headers.set(name, value);
  }
  for (const [name, value] of Object.entries(extraHeaders)) headers.set(name, value);
  return new Request(url, { method: req.method, headers });
}

async function localeOf(req: ExpressRequest) {
  const chosen: unknown = await localeCookie.parse(req.get("cookie") ?? null);
  return fullLocaleOf(resolveLocale(isUiLocale(chosen) ? chosen : null, req.get("accept-language") ?? null));
}

function escapeHtml(text: string) {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A minimal localised error page, for refusals that must keep their status (403). */
async function sendRefusal(req: ExpressRequest, res: Response, status: number, messageKey: "errors.csrf" | "errors.forbidden") {
  const locale = await localeOf(req);
  const t = getTranslator(locale);
  const title = t(messageKey);
  res
    .status(status)
    .type("html")
    .send(
      `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(t("jobs.upload.title"))} – Samspill</title></head>` +
        `<body><main><h1>${escapeHtml(title)}</h1><p><a href="${BRREG_UPLOAD_PATH}">${escapeHtml(t("jobs.upload.backToForm"))}</a></p></main></body></html>`,
    );
}

function isJsonStart(head: Buffer): boolean {
  const text = head
    .toString("utf8")
    .replace(/^\uFEFF/, "")
    .trimStart();
  return text.length === 0 ? false : text[0] === "[";
}

export function brregUploadHandler(): RequestHandler {
  return (req, res, next) => {
    handleUpload(req, res).catch(next);
  };
}

async function handleUpload(req: ExpressRequest, res: Response): Promise<void> {
  const env = getEnv();
  const log = getLogger();
  let responded = false;
  /** Answers once; the rest of the body is read and thrown away so the browser sees the answer. */
  const answer = (send: () => void) => {
    if (responded) return;
    responded = true;
    send();
    req.resume();
  };
  const backToForm = (code: UploadErrorCode) => answer(() => res.redirect(303, `${BRREG_UPLOAD_PATH}?feil=${code}`));

  const actor = await loadActor(fetchRequestOf(req), req.ip ?? null);
  if (actor.kind !== "user") {
    answer(() => res.redirect(303, `/logg-inn?neste=${encodeURIComponent(BRREG_UPLOAD_PATH)}`));
    return;
  }
  try {
    await assertMayImport(actor);
  } catch (error) {
    if (error instanceof AppError) {
      responded = true;
      await sendRefusal(req, res, error.status, "errors.forbidden");
      req.resume();
      return;
    }
    throw error;
  }
  const { token } = await ensureCsrf(fetchRequestOf(req));
  const checkCsrf = async (sent: string | null) => {
    try {
      await verifyCsrf(fetchRequestOf(req, sent ? { "X-CSRF-Token": sent } : {}), token);
      return true;
    } catch (error) {
      if (error instanceof AppError) return false;
      throw error;
    }
  };
  const refuseCsrf = async () => {
    if (responded) return;
    responded = true;
    await sendRefusal(req, res, 403, "errors.csrf");
    req.resume();
  };

  // Refusals that write nothing need no CSRF token (it is in the body, unread).
  if (!(req.get("content-type") ?? "").toLowerCase().startsWith("multipart/form-data")) return backToForm("notMultipart");
  const declared = Number(req.get("content-length") ?? "0");
  if (declared > env.UPLOAD_MAX_BYTES + MULTIPART_OVERHEAD) {
    // Larger than allowed by its own account: answer now and close the connection rather than read it all.
    responded = true;
    res.setHeader("Connection", "close");
    res.redirect(303, `${BRREG_UPLOAD_PATH}?feil=tooBig`);
    return;
  }

  const uploadDir = path.resolve(env.UPLOAD_DIR);
  await mkdir(uploadDir, { recursive: true });

  let bb: busboy.Busboy;
  try {
    bb = busboy({
      headers: req.headers,
      limits: { files: 1, fields: 20, fieldSize: 10_000, parts: 30, fileSize: env.UPLOAD_MAX_BYTES },
    });
  } catch {
    return backToForm("notMultipart");
  }

  const fields: Record<string, string | string[]> = {};
  // Written by busboy's event handlers, read once the body has been consumed.
  const state: {
    csrf: "unchecked" | "ok" | "bad";
    csrfCheck: Promise<void> | null;
    failure: UploadErrorCode | null;
    fieldTruncated: boolean;
    saved: { filePath: string; fileName: string; fileBytes: number } | null;
    writing: Promise<void> | null;
    sawFile: boolean;
  } = { csrf: "unchecked", csrfCheck: null, failure: null, fieldTruncated: false, saved: null, writing: null, sawFile: false };

  bb.on("field", (name, value, info) => {
    if (info.valueTruncated || info.nameTruncated) state.fieldTruncated = true;
    if (name === CSRF_FIELD) {
      if (state.csrf === "unchecked" && !state.csrfCheck) {
        state.csrfCheck = checkCsrf(value).then((ok) => {
          state.csrf = ok ? "ok" : "bad";
        });
      }
      return;
    }
    const clean = value.replaceAll("\u0000", "");
    const prev = fields[name];
    fields[name] = prev === undefined ? clean : Array.isArray(prev) ? [...prev, clean] : [prev, clean];
  });

  bb.on("file", (name, stream, info) => {
    if (name !== "file" || state.sawFile) {
      stream.resume();
      return;
    }
    state.sawFile = true;
    // Busboy emits 'file' synchronously after earlier fields; the token check may still be running.
    stream.pause();
    state.writing = (async () => {
      if (state.csrfCheck) await state.csrfCheck;
      if (state.csrf !== "ok") {
        const header = req.get("x-csrf-token");
        state.csrf = header && (await checkCsrf(header)) ? "ok" : "bad";
      }
      if (state.csrf !== "ok" || state.failure) {
        stream.resume();
        return;
      }
      const fileName = (info.filename ?? "").replaceAll(/[\u0000-\u001f]/g, "").slice(-255);
      if (!fileName) {
        state.failure = "noFile";
        stream.resume();
        return;
      }
      if (!BRREG_FILE_PATTERN.test(fileName)) {
        state.failure = "wrongType";
        stream.resume();
        return;
      }
      const gz = /\.gz$/i.test(fileName);
      const filePath = path.join(uploadDir, `${randomUUID()}${gz ? ".json.gz" : ".json"}`);
      const out = createWriteStream(filePath, { flags: "wx" });
      let bytes = 0;
      let head = Buffer.alloc(0);
      stream.on("data", (chunk: Buffer) => {
        bytes += chunk.length;
        if (head.length < 64) head = Buffer.concat([head, chunk]).subarray(0, 64);
      });
      stream.pipe(out);
      try {
        await Promise.all([once(out, "finish"), once(stream, "end")]);
      } catch (error) {
        log.warn({ err: error }, "state.writing an upload failed");
        state.failure = "failed";
      }
      state.saved = { filePath, fileName, fileBytes: bytes };
      if (state.failure) return;
      if ((stream as unknown as { truncated?: boolean }).truncated) state.failure = "tooBig";
      else if (bytes === 0) state.failure = "empty";
      else if (gz ? !(head[0] === 0x1f && head[1] === 0x8b) : !isJsonStart(head)) state.failure = "wrongType";
    })();
  });

  const finished = new Promise<void>((resolve, reject) => {
    bb.on("close", resolve);
    bb.on("error", reject);
  });
  req.pipe(bb);
  let parseFailed = false;
  try {
    await finished;
  } catch {
    parseFailed = true;
  }
  if (state.writing) await state.writing;
  if (state.csrfCheck) await state.csrfCheck;
  const removeFile = async () => {
    if (state.saved) await rm(state.saved.filePath, { force: true });
  };

  if (state.csrf !== "ok") {
    await removeFile();
    // The token may also come as a header when the form has no _csrf field at all.
    if (state.csrf === "unchecked" && (await checkCsrf(req.get("x-csrf-token") ?? null))) {
      return backToForm(parseFailed ? "notMultipart" : "noFile");
    }
    return refuseCsrf();
  }
  if (parseFailed || state.failure || state.fieldTruncated || !state.saved) {
    await removeFile();
    return backToForm(parseFailed ? "notMultipart" : (state.failure ?? (state.fieldTruncated ? "invalidFields" : "noFile")));
  }
  const upload = state.saved as { filePath: string; fileName: string; fileBytes: number };
  try {
    const job = await enqueueBrregImport(actor, upload, fields);
    answer(() => res.redirect(303, `${BRREG_UPLOAD_PATH}/${job.id}`));
  } catch (error) {
    await removeFile();
    if (error instanceof AppError && error.code === "validation") {
      const key = Object.values(error.fieldErrors)[0]?.key ?? "";
      const code = key.replace(/^jobs\.validation\./, "");
      return backToForm((uploadErrorCodes as readonly string[]).includes(code) ? (code as UploadErrorCode) : "invalidFields");
    }
    if (error instanceof AppError && error.code === "forbidden") {
      responded = true;
      await sendRefusal(req, res, 403, "errors.forbidden");
      return;
    }
    throw error;
  }
}
