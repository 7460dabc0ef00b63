import { Paragraph, Tag } from "@digdir/designsystemet-react";
import type { Route } from "./+types/own";
import { Notice } from "~/components/notice.tsx";
import { PageHeading, Section } from "~/components/section.tsx";
import { getTranslator } from "~/i18n/translate.ts";
import { useFormat, useT } from "~/i18n/use-t.ts";
import { getLocale, getPageLocale, requireUser } from "~/lib/route.server.ts";
import { describeOwner, listOwnArticles } from "~/domain/knowledge/knowledge.server.ts";
import { ArticleListEntry, listFields, ownerLabel, plainList, statusLabel } from "./knowledge-ui.tsx";

export function meta({ loaderData }: Route.MetaArgs) {
  return [{ title: `${loaderData?.title ?? "Samspill"} – Samspill` }];
}

/** The articles of the bodies the user acts for, out-of-date ones first (the owner's list of stale articles). */
export async function loader({ request, context }: Route.LoaderArgs) {
  const actor = requireUser(context, request);
  const rows = await listOwnArticles(actor, String(getPageLocale(context)));
  const articles = await Promise.all(
    rows.map(async (a) => ({
      ...listFields(a),
      stale: a.stale,
      reviewBy: a.reviewBy,
      owner: await describeOwner(a.owner),
    })),
  );
  return { title: getTranslator(getLocale(context))("knowledge.own.title"), articles, deleted: new URL(request.url).searchParams.get("slettet") === "1" };
}

export default function OwnArticles({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const format = useFormat();
  return (
    <div className="page stack">
      <PageHeading back={{ to: "/kunnskap", label: t("knowledge.title") }}>{loaderData.title}</PageHeading>
      {loaderData.deleted ? <Notice>{t("knowledge.deleted")}</Notice> : null}
      <Paragraph>{t("knowledge.own.intro")}</Paragraph>
      <Section id="own" heading={t("knowledge.links.own")} empty={loaderData.articles.length ? null : t("knowledge.own.empty")}>
        <ul style={plainList}>
          {loaderData.articles.map((a) => (
            <ArticleListEntry
              key={a.id}
              item={a}
              href={`/kunnskap/${a.id}/rediger`}
              extra={
                <Paragraph data-size="sm">
                  <Tag data-size="sm">{statusLabel(t, a.status)}</Tag> {ownerLabel(t, a.owner)}
                  {a.stale && a.reviewBy ? (
                    <>
                      {" "}
                      <Tag data-size="sm" data-color="warning">
                        {t("knowledge.own.stale", { date: format.date(a.reviewBy) })}
                      </Tag>
                    </>
                  ) : null}
                </Paragraph>
              }
            />
          ))}
        </ul>
      </Section>
    </div>
  );
}
