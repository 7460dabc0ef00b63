import type { Route } from "./+types/run-qr";
import { getActor, guard } from "~/lib/route.server.ts";
import { joinQrSvg, runAccessFor } from "~/domain/workshops/run.server.ts";

/** The join QR code (SVG) that the facilitator shows in the room; it opens verksteder/bli-med with the code filled in. */
export async function loader({ request, context, params }: Route.LoaderArgs) {
  const actor = getActor(context);
  const svg = await guard(request, async () => joinQrSvg(await runAccessFor(request, actor, params.id)));
  return new Response(svg, { headers: { "Content-Type": "image/svg+xml; charset=utf-8", "Cache-Control": "private, no-store" } });
}
