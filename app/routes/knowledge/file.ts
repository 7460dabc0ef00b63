import type { Route } from "./+types/file";
import { getActor, guard } from "~/lib/route.server.ts";
import { storedFileResponse } from "~/domain/files/files.server.ts";
import { readArticleFile } from "~/domain/knowledge/knowledge.server.ts";

/** A file of a knowledge-bank article: public once the article is published, else only for those who may see the draft (404 otherwise). */
export async function loader({ request, context, params }: Route.LoaderArgs) {
  const file = await guard(request, () => readArticleFile(getActor(context), params.id, params.file));
  return storedFileResponse(file);
}
