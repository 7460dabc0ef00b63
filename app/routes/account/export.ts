import type { Route } from "./+types/export";
import { guard, requireUser } from "~/lib/route.server.ts";
import { exportPersonalData } from "~/domain/auth/account.server.ts";

/** GET /min-side/eksport: everything Samspill holds about the signed-in user, as a JSON download. */
export async function loader({ request, context }: Route.LoaderArgs) {
  const actor = requireUser(context, request);
  const data = await guard(request, () => exportPersonalData(actor));
  return new Response(JSON.stringify(data, null, 2), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": 'attachment; filename="samspill-mine-data.json"',
      // Personal data: never kept by a shared cache or the browser's back-forward cache.
      "Cache-Control": "no-store",
    },
  });
}
