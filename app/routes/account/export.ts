import type { Route } from "./+types/export";
import { guard, requireUser } from "~/lib/route.server.ts";
import { fileResponse } from "~/lib/file-response.server.ts";
import { exportPersonalData } from "~/domain/auth/account.server.ts";

/** GET /min-side/eksport: everything Samspill holds about the signed-in user, as a JSON download. */
export async function loader({ request, context }: Route.LoaderArgs) {
  const actor = requireUser(context, request);
  const data = await guard(request, () => exportPersonalData(actor));
  // Personal data: never kept by a shared cache or the browser's back-forward cache.
  return fileResponse(JSON.stringify(data, null, 2), { type: "json", filename: "samspill-mine-data.json", cacheControl: "no-store" });
}
