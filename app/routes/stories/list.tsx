import { Form, Link } from "react-router";
import { Button, Heading, Paragraph } from "@digdir/designsystemet-react";
import type { Route } from "./+types/list";
import { SelectField } from "~/components/form.tsx";
import { Pagination } from "~/components/pagination.tsx";
import { labelOptions } from "~/i18n/labels.ts";
import { getTranslator } from "~/i18n/translate.ts";
import { useT } from "~/i18n/use-t.ts";
import { getActor, getLocale, guard } from "~/lib/route.server.ts";
import { hasStoryReviewQueue, listPublishedStories } from "~/domain/stories/stories.server.ts";
import { StoryCards } from "./story-ui.tsx";

/** Public and read on cheap phones: plain HTML, the filters are an ordinary GET form. */
export const handle = { hydrate: false };

export function meta({ loaderData }: Route.MetaArgs) {
  return [{ title: `${loaderData?.title ?? "Samspill"} – Samspill` }];
}

export async function loader({ request, context }: Route.LoaderArgs) {
  const params = new URL(request.url).searchParams;
  const result = await guard(request, () =>
    listPublishedStories({ tema: params.get("tema") || undefined, type: params.get("type") || undefined }, params.get("side") ?? 1),
  );
  return { title: getTranslator(getLocale(context))("stories.list.title"), result, hasReviewQueue: hasStoryReviewQueue(getActor(context)) };
}

function pageHref(filters: { tema?: string; type?: string }, page: number): string {
  const params = new URLSearchParams();
  if (filters.tema) params.set("tema", filters.tema);
  if (filters.type) params.set("type", filters.type);
  if (page > 1) params.set("side", String(page));
  const search = params.toString();
  return `/erfaringer${search ? `?${search}` : ""}`;
}

export default function StoryList({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const { result, hasReviewQueue } = loaderData;
  return (
    <div className="page">
      <Heading level={1} data-size="lg">
        {t("stories.list.title")}
      </Heading>
      <Paragraph>{t("stories.list.intro")}</Paragraph>
      {hasReviewQueue ? (
        <Paragraph>
          <Link to="/erfaringer/til-godkjenning">{t("stories.list.reviewLink")}</Link>
        </Paragraph>
      ) : null}
      <section aria-labelledby="stories-filter-heading" className="stack">
        <Heading level={2} data-size="sm" id="stories-filter-heading">
          {t("stories.list.filterHeading")}
        </Heading>
        <Form method="get" className="form" role="search" aria-labelledby="stories-filter-heading">
          <SelectField
            name="tema"
            label={t("stories.list.topic")}
            defaultValue={result.filters.tema ?? ""}
            options={[{ value: "", label: t("stories.list.topicAll") }, ...labelOptions(t, "competenceTopic")]}
          />
          <SelectField
            name="type"
            label={t("stories.list.kind")}
            defaultValue={result.filters.type ?? ""}
            options={[{ value: "", label: t("stories.list.kindAll") }, ...labelOptions(t, "organizationKind")]}
          />
          <div className="form-actions">
            <Button type="submit">{t("stories.list.submit")}</Button>
          </div>
        </Form>
      </section>
      <section aria-labelledby="stories-results-heading" className="stack">
        <Heading level={2} data-size="sm" id="stories-results-heading">
          {t("stories.list.resultsHeading")}
        </Heading>
        <Paragraph>{t("stories.list.count", { count: result.total })}</Paragraph>
        {result.total === 0 ? <Paragraph>{t("stories.list.empty")}</Paragraph> : <StoryCards stories={result.rows} />}
        <Pagination label={t("stories.list.pagination")} page={result.page} pageCount={result.pageCount} href={(page) => pageHref(result.filters, page)} />
      </section>
    </div>
  );
}
