import type { Route } from "./+types/report-pdf";
import { getActor, guard } from "~/lib/route.server.ts";
import { getWorkshopPdf } from "~/domain/workshops/report.server.ts";

/** GET /verksteder/:id/rapport.pdf: the report in the kommune's målform, for the workshop's managers and participants. */
export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { body, filename } = await guard(request, () => getWorkshopPdf(getActor(context), request, params.id));
  return new Response(new Uint8Array(body), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="${filename}"`,
      // Not public: no shared cache.
      "Cache-Control": "private, no-store",
    },
  });
}
