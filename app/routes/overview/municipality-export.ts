import type { Route } from "./+types/municipality-export";
import { getActor, getLocale, guard } from "~/lib/route.server.ts";
import { fileResponse, spreadsheetType } from "~/lib/file-response.server.ts";
import { getTranslator } from "~/i18n/translate.ts";
import { label } from "~/i18n/labels.ts";
import { getOverviewTable, overviewCsv, overviewFilename, overviewXlsx } from "~/domain/overview/overview-export.server.ts";

/**
 * GET /kommuner/:number/oversikt/eksport.csv|xlsx?tabell=tema|malgruppe|hull|utdatert
 * (also ?table=…): one of the overview's tables as a download, with the
 * page's authorization (public figures for those who do not coordinate the
 * kommune; the stale table only for those who do).
 */
export async function loader({ request, context, params }: Route.LoaderArgs) {
  const url = new URL(request.url);
  const format = spreadsheetType(url);
  const locale = getLocale(context);
  const { overview, data } = await guard(request, () =>
    getOverviewTable(getActor(context), params.number, {
      table: url.searchParams.get("tabell") ?? url.searchParams.get("table") ?? undefined,
      year: url.searchParams.get("aar") ?? undefined,
      locale,
    }),
  );
  const sheet = label(getTranslator(locale), "overviewTable", data.table);
  const body = format === "csv" ? overviewCsv(data) : new Uint8Array(await overviewXlsx(data, sheet));
  return fileResponse(body, { type: format, filename: overviewFilename(overview, data.table, format), cacheControl: "private, no-store" });
}
