import type { Route } from "./+types/export";
import { getActor, getLocale, guard } from "~/lib/route.server.ts";
import { fileResponse, spreadsheetType } from "~/lib/file-response.server.ts";
import { collectSearchResults, exportFilename, exportRows, toCsv, toXlsx } from "~/domain/opendata/export.server.ts";
import { paramsObject } from "~/domain/opendata/hsds.server.ts";

/**
 * GET /aktiviteter/eksport.csv and /aktiviteter/eksport.xlsx with the finder's
 * query string: the same search as the finder, everything the visitor may
 * read (at most 1000 rows), as a download.
 */
export async function loader({ request, context }: Route.LoaderArgs) {
  const url = new URL(request.url);
  const format = spreadsheetType(url);
  const actor = getActor(context);
  const locale = getLocale(context);
  const items = await guard(request, () => collectSearchResults(paramsObject(url.searchParams), { actor }));
  const rows = exportRows(items, locale);
  const body = format === "csv" ? toCsv(rows, locale) : new Uint8Array(await toXlsx(rows, locale));
  // What a signed-in user may read differs from what the public sees: never in a shared cache.
  return fileResponse(body, { type: format, filename: exportFilename(format, new Date(), locale), cacheControl: "private, no-store" });
}
