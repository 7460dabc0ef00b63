import { Form, Link } from "react-router";
import { Button, Heading, Paragraph } from "@digdir/designsystemet-react";
import type { Route } from "./+types/list";
import { SelectField } from "~/components/form.tsx";
import { Pagination } from "~/components/pagination.tsx";
import { Section } from "~/components/section.tsx";
import { getTranslator } from "~/i18n/translate.ts";
import { useT } from "~/i18n/use-t.ts";
import { labelOptions } from "~/i18n/labels.ts";
import { getActor, getPageLocale } from "~/lib/route.server.ts";
import { parsePage } from "~/lib/paging.ts";
import { mayPropose, searchArticles, writableBodies } from "~/domain/knowledge/knowledge.server.ts";
import { articleKinds } from "~/domain/knowledge/knowledge.constants.ts";
import { ArticleListEntry, kindLabel, linkRow, plainList } from "./knowledge-ui.tsx";

/** The public knowledge bank: search and filters, plain HTML without JavaScript. */
export const handle = { hydrate: false };

export function meta({ loaderData }: Route.MetaArgs) {
  return [{ title: `${loaderData?.title ?? "Samspill"} – Samspill` }];
}

export async function loader({ request, context }: Route.LoaderArgs) {
  const locale = getPageLocale(context);
  const actor = getActor(context);
  const params = new URL(request.url).searchParams;
  const page = parsePage(params.get("side"));
  const result = await searchArticles(
    { q: params.get("q") ?? "", theme: params.get("tema") ?? undefined, audience: params.get("for") ?? undefined, kind: params.get("type") ?? undefined },
    String(locale),
    page,
  );
  return {
    title: getTranslator(locale)("knowledge.title"),
    query: result.query,
    items: result.items,
    total: result.total,
    page: Math.min(page, Math.max(result.pageCount, 1)),
    pageCount: result.pageCount,
    correctedQuery: result.correctedQuery,
    mayWrite: writableBodies(actor).length > 0,
    mayPropose: mayPropose(actor),
    signedIn: actor.kind === "user",
  };
}

export default function KnowledgeList({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const { query } = loaderData;
  const href = (page: number) => {
    const p = new URLSearchParams();
    if (query.q) p.set("q", query.q);
    if (query.theme) p.set("tema", query.theme);
    if (query.audience) p.set("for", query.audience);
    if (query.kind) p.set("type", query.kind);
    if (page > 1) p.set("side", String(page));
    const s = p.toString();
    return s ? `/kunnskap?${s}` : "/kunnskap";
  };
  const any = { value: "", label: t("knowledge.search.any") };
  return (
    <div className="page stack">
      <Heading level={1} data-size="lg">
        {t("knowledge.title")}
      </Heading>
      <Paragraph>{t("knowledge.intro")}</Paragraph>
      {loaderData.signedIn ? (
        <ul style={linkRow}>
          {loaderData.mayWrite ? (
            <li>
              <Link to="/kunnskap/ny">{t("knowledge.links.new")}</Link>
            </li>
          ) : loaderData.mayPropose ? (
            <li>
              <Link to="/kunnskap/ny">{t("knowledge.links.propose")}</Link>
            </li>
          ) : null}
          {loaderData.mayWrite || loaderData.mayPropose ? (
            <li>
              <Link to="/kunnskap/forslag">{t("knowledge.links.proposals")}</Link>
            </li>
          ) : null}
          <li>
            <Link to="/kunnskap/mine">{t("knowledge.links.own")}</Link>
          </li>
        </ul>
      ) : null}
      <search>
        <Form method="get" action="/kunnskap" className="form">
          <div className="ds-field">
            <label className="ds-label" htmlFor="knowledge-q">
              {t("knowledge.search.label")}
            </label>
            <input className="ds-input" id="knowledge-q" name="q" type="search" defaultValue={query.q} maxLength={200} />
          </div>
          <SelectField
            id="knowledge-theme"
            name="tema"
            label={t("knowledge.search.theme")}
            defaultValue={query.theme ?? ""}
            options={[any, ...labelOptions(t, "competenceTopic")]}
          />
          <SelectField
            id="knowledge-audience"
            name="for"
            label={t("knowledge.search.audience")}
            defaultValue={query.audience ?? ""}
            options={[any, ...labelOptions(t, "organizationKind")]}
          />
          <SelectField
            id="knowledge-kind"
            name="type"
            label={t("knowledge.search.kind")}
            defaultValue={query.kind ?? ""}
            options={[any, ...articleKinds.map((k) => ({ value: k, label: kindLabel(t, k) }))]}
          />
          <div>
            <Button type="submit">{t("knowledge.search.submit")}</Button>
          </div>
        </Form>
      </search>
      <Section
        id="results"
        heading={t("knowledge.search.results", { count: loaderData.total })}
        empty={loaderData.items.length === 0 ? t("knowledge.search.empty") : null}
      >
        {loaderData.correctedQuery ? <Paragraph>{t("knowledge.search.corrected", { query: loaderData.correctedQuery })}</Paragraph> : null}
        <ul style={plainList}>
          {loaderData.items.map((item) => (
            <ArticleListEntry key={item.id} item={item} />
          ))}
        </ul>
        <Pagination label={t("knowledge.search.pagination")} page={loaderData.page} pageCount={loaderData.pageCount} href={href} />
      </Section>
    </div>
  );
}
