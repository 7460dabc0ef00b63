import type { Route } from "./+types/attachment";
import { guard, requireUser } from "~/lib/route.server.ts";
import { storedFileResponse } from "~/domain/files/files.server.ts";
import { readGuidanceAttachment } from "~/domain/guidance/guidance.server.ts";

/** An attachment of a guidance request, only for those who may read the request (else 404); always a download. */
export async function loader({ request, context, params }: Route.LoaderArgs) {
  const actor = requireUser(context, request);
  const file = await guard(request, () => readGuidanceAttachment(actor, params.id, params.attachment));
  return storedFileResponse(file);
}
