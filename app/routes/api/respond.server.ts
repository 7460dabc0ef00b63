import { ApiError } from "~/domain/opendata/hsds.server.ts";
import { AppError } from "~/lib/errors.ts";

/**
 * JSON answers of the open-data API. Anyone may read it from any origin
 * (Access-Control-Allow-Origin: *); errors are JSON too, never HTML pages.
 *
 * Public data for everyone (the API ignores the session), so shared caches
 * may keep it for five minutes; the request middleware sets its CSRF cookie
 * on HTML pages only.
 */
const baseHeaders = {
  "Content-Type": "application/json; charset=utf-8",
  "Access-Control-Allow-Origin": "*",
};

export function apiJson(body: unknown, init: { status?: number; maxAge?: number } = {}) {
  const status = init.status ?? 200;
  return new Response(JSON.stringify(body), {
    status,
    headers: { ...baseHeaders, "Cache-Control": status === 200 ? `public, max-age=${init.maxAge ?? 300}` : "no-store" },
  });
}

export function apiErrorResponse(error: ApiError) {
  return apiJson({ error: error.status === 404 ? "not_found" : "bad_request", message: error.message }, { status: error.status });
}

/** Runs an API call; refusals become JSON 400/404, anything else stays a real fault. */
export async function apiCall(fn: () => Promise<unknown> | unknown) {
  try {
    return apiJson(await fn());
  } catch (error) {
    if (error instanceof ApiError) return apiErrorResponse(error);
    if (error instanceof AppError && error.code === "not_found") return apiErrorResponse(new ApiError(404, "Not found"));
    if (error instanceof AppError && error.code === "validation") return apiErrorResponse(new ApiError(400, "Bad request"));
    throw error;
  }
}

export function queryOf(request: Request) {
  return new URL(request.url).searchParams;
}
