import { Tag } from "@digdir/designsystemet-react";
import type { Route } from "./+types/proposals";
import { PageHeading, Section } from "~/components/section.tsx";
import { getTranslator } from "~/i18n/translate.ts";
import { useT } from "~/i18n/use-t.ts";
import { getLocale, getPageLocale, requireUser } from "~/lib/route.server.ts";
import { listProposals } from "~/domain/knowledge/knowledge.server.ts";
import { ArticleListEntry, listFields, plainList, statusLabel } from "./knowledge-ui.tsx";

export function meta({ loaderData }: Route.MetaArgs) {
  return [{ title: `${loaderData?.title ?? "Samspill"} – Samspill` }];
}

/** Proposals waiting for the bodies the user acts for, and the user's own proposals. */
export async function loader({ request, context }: Route.LoaderArgs) {
  const actor = requireUser(context, request);
  const { toReview, mine } = await listProposals(actor, String(getPageLocale(context)));
  const item = (a: (typeof mine)[number]) => ({ ...listFields(a), reviewComment: a.reviewComment });
  return { title: getTranslator(getLocale(context))("knowledge.proposals.title"), toReview: toReview.map(item), mine: mine.map(item) };
}

export default function KnowledgeProposals({ loaderData }: Route.ComponentProps) {
  const t = useT();
  return (
    <div className="page stack">
      <PageHeading back={{ to: "/kunnskap", label: t("knowledge.title") }}>{loaderData.title}</PageHeading>
      <Section id="to-review" heading={t("knowledge.proposals.toReview")} empty={loaderData.toReview.length ? null : t("knowledge.proposals.toReviewEmpty")}>
        <ul style={plainList}>
          {loaderData.toReview.map((a) => (
            <ArticleListEntry key={a.id} item={a} href={`/kunnskap/${a.id}/rediger`} />
          ))}
        </ul>
      </Section>
      <Section id="mine" heading={t("knowledge.proposals.mine")} empty={loaderData.mine.length ? null : t("knowledge.proposals.mineEmpty")}>
        <ul style={plainList}>
          {loaderData.mine.map((a) => (
            <ArticleListEntry
              key={a.id}
              item={a}
              href={a.status === "published" ? `/kunnskap/${a.slug}` : `/kunnskap/${a.id}/rediger`}
              extra={<Tag data-size="sm">{statusLabel(t, a.status)}</Tag>}
            />
          ))}
        </ul>
      </Section>
    </div>
  );
}
