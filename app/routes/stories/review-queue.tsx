import { Heading, Paragraph } from "@digdir/designsystemet-react";
import type { Route } from "./+types/review-queue";
import { Pagination } from "~/components/pagination.tsx";
import { getTranslator } from "~/i18n/translate.ts";
import { useT } from "~/i18n/use-t.ts";
import { getActor, getLocale, guard } from "~/lib/route.server.ts";
import { storyReviewQueue } from "~/domain/stories/stories.server.ts";
import { StoryCards } from "./story-ui.tsx";

export const handle = { hydrate: false };

export function meta({ loaderData }: Route.MetaArgs) {
  return [{ title: `${loaderData?.title ?? "Samspill"} – Samspill` }];
}

/** Stories waiting in the kommuner the coordinator coordinates (IMDi: all). */
export async function loader({ request, context }: Route.LoaderArgs) {
  const page = new URL(request.url).searchParams.get("side") ?? 1;
  const queue = await guard(request, () => storyReviewQueue(getActor(context), page));
  return { title: getTranslator(getLocale(context))("stories.queue.title"), queue };
}

export default function StoryReviewQueue({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const { queue } = loaderData;
  return (
    <div className="page">
      <Heading level={1} data-size="lg">
        {t("stories.queue.title")}
      </Heading>
      <Paragraph>{t("stories.queue.intro")}</Paragraph>
      <Paragraph>{t("stories.queue.count", { count: queue.total })}</Paragraph>
      {queue.rows.length > 0 ? <StoryCards stories={queue.rows} level={2} /> : null}
      <Pagination
        label={t("stories.queue.pagination")}
        page={queue.page}
        pageCount={queue.pageCount}
        href={(page) => `/erfaringer/til-godkjenning${page > 1 ? `?side=${page}` : ""}`}
      />
    </div>
  );
}
