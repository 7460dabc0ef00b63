import { Link, redirect } from "react-router";
import { Alert, Heading, Paragraph, Tag } from "@digdir/designsystemet-react";
import type { Route } from "./+types/detail";
import { FormActions, PostForm, SubmitButton } from "~/components/form.tsx";
import { Notice } from "~/components/notice.tsx";
import { Section } from "~/components/section.tsx";
import { useFormat, useT } from "~/i18n/use-t.ts";
import { label } from "~/i18n/labels.ts";
import { intent, intentAction, formFields } from "~/lib/intents.server.ts";
import { getActor, getCsrfToken, getPageLocale, guard } from "~/lib/route.server.ts";
import { formToObject } from "~/lib/validation.ts";
import { describeOwner, getArticleBySlug, relatedArticles, voteOnArticle } from "~/domain/knowledge/knowledge.server.ts";
import { renderMarkdown } from "~/domain/knowledge/markdown.server.ts";
import { articleLanguages } from "~/domain/knowledge/knowledge.constants.ts";
import { ArticleFiles, ArticleListEntry, kindLabel, languageLabel, linkRow, ownerLabel, plainList } from "./knowledge-ui.tsx";

/** An article's public page: plain HTML; the language versions are links (?sprak=nn). */
export const handle = { hydrate: false };

export function meta({ loaderData }: Route.MetaArgs) {
  if (!loaderData) return [{ title: "Samspill" }];
  return [{ title: `${loaderData.title} – Samspill` }, { name: "description", content: loaderData.summary.slice(0, 200) }];
}

function requestedLanguage(request: Request, fallback: string): string {
  const asked = new URL(request.url).searchParams.get("sprak");
  return asked && (articleLanguages as readonly string[]).includes(asked) ? asked : fallback;
}

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const actor = getActor(context);
  const lang = requestedLanguage(request, String(getPageLocale(context)));
  const a = await guard(request, () => getArticleBySlug(actor, params.slug, lang));
  const version = a.version ?? { locale: "nb", title: "", summary: "", body: "" };
  const url = new URL(request.url);
  return {
    id: a.id,
    slug: a.slug,
    kind: a.kind,
    status: a.status,
    themes: a.themes,
    audience: a.audience,
    linkUrl: a.linkUrl,
    updatedAt: a.updatedAt.toISOString(),
    owner: await describeOwner(a.owner),
    languages: a.languages,
    locale: version.locale,
    title: version.title,
    summary: version.summary,
    html: renderMarkdown(version.body),
    votes: a.votes,
    files: a.files,
    mayEdit: a.mayEdit,
    editId: a.mayEdit ? a.id : null,
    related: a.status === "published" ? await relatedArticles(a.id, lang) : [],
    thanks: url.searchParams.get("takk") === "1",
  };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const actor = getActor(context);
  const values = formToObject(await request.formData());
  const lang = requestedLanguage(request, "");
  return intentAction(request, context, values, {
    vote: intent(formFields, async (input) => {
      await voteOnArticle(actor, params.slug, getCsrfToken(context), input);
      throw redirect(`/kunnskap/${params.slug}?${lang ? `sprak=${lang}&` : ""}takk=1#nyttig`);
    }),
  });
}

export default function KnowledgeArticle({ loaderData: a, actionData }: Route.ComponentProps) {
  const t = useT();
  const format = useFormat();
  const isQa = a.kind === "qa";
  return (
    <div className="page stack">
      <Paragraph>
        <Link to="/kunnskap">{t("knowledge.title")}</Link>
      </Paragraph>
      <article className="stack" lang={a.locale} dir={a.locale === "ar" || a.locale === "prs" ? "rtl" : undefined}>
        <Heading level={1} data-size="lg">
          {a.title}
        </Heading>
        {a.status !== "published" ? <Alert data-color="warning">{t("knowledge.article.notPublished")}</Alert> : null}
        {isQa ? (
          <>
            <Heading level={2} data-size="sm">
              {t("knowledge.article.question")}
            </Heading>
            <Paragraph>{a.summary}</Paragraph>
            <Heading level={2} data-size="sm">
              {t("knowledge.article.answer")}
            </Heading>
          </>
        ) : a.summary ? (
          <Paragraph data-size="lg">{a.summary}</Paragraph>
        ) : null}
        {/* Rendered with raw HTML off and sanitised against an allow-list (markdown.server.ts). */}
        <div className="article-body" dangerouslySetInnerHTML={{ __html: a.html }} />
        {a.linkUrl ? (
          <Paragraph>
            <a href={a.linkUrl} rel="noopener noreferrer">
              {a.kind === "template" ? t("knowledge.article.openTemplate") : t("knowledge.article.openReport")}
            </a>
          </Paragraph>
        ) : null}
      </article>
      {a.files.length ? (
        <Section id="files" heading={t(a.kind === "template" ? "knowledge.files.templateHeading" : "knowledge.files.heading")}>
          <ArticleFiles articleId={a.id} files={a.files} />
        </Section>
      ) : null}
      <dl>
        <dt>{t("knowledge.search.kind")}</dt>
        <dd>
          <Tag data-size="sm">{kindLabel(t, a.kind)}</Tag>
        </dd>
        <dt>{t("knowledge.article.themes")}</dt>
        <dd>{a.themes.map((th) => label(t, "competenceTopic", th)).join(", ")}</dd>
        <dt>{t("knowledge.article.audience")}</dt>
        <dd>{a.audience.length ? a.audience.map((k) => label(t, "organizationKind", k)).join(", ") : t("knowledge.search.forEveryone")}</dd>
      </dl>
      <Paragraph>
        {t("knowledge.article.by", { owner: ownerLabel(t, a.owner) })} · {t("knowledge.article.updated", { date: format.date(a.updatedAt) })}
      </Paragraph>
      {a.languages.length > 1 ? (
        <nav aria-labelledby="languages-heading">
          <Heading level={2} data-size="xs" id="languages-heading">
            {t("knowledge.article.languages")}
          </Heading>
          <ul style={linkRow}>
            {a.languages.map((l) => (
              <li key={l}>
                {l === a.locale ? (
                  <span lang={l} aria-current="true">
                    {languageLabel(t, l)}
                  </span>
                ) : (
                  <Link to={`/kunnskap/${a.slug}?sprak=${l}`} lang={l} hrefLang={l}>
                    {languageLabel(t, l)}
                  </Link>
                )}
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
      {a.mayEdit && a.editId ? (
        <Paragraph>
          <Link to={`/kunnskap/${a.editId}/rediger`}>{t("knowledge.article.edit")}</Link>
        </Paragraph>
      ) : null}
      {a.status === "published" ? (
        <section aria-labelledby="nyttig-heading" id="nyttig" className="stack">
          <Heading level={2} data-size="sm" id="nyttig-heading">
            {t("knowledge.vote.heading")}
          </Heading>
          {a.thanks ? <Notice>{t("knowledge.vote.thanks")}</Notice> : null}
          <PostForm intent="vote" actionData={actionData}>
            <FormActions>
              <SubmitButton name="helpful" value="yes" variant="secondary">
                {t("knowledge.vote.yes")}
              </SubmitButton>
              <SubmitButton name="helpful" value="no" variant="secondary">
                {t("knowledge.vote.no")}
              </SubmitButton>
            </FormActions>
          </PostForm>
          <Paragraph data-size="sm">{t("knowledge.vote.counts", { yes: a.votes.yes, no: a.votes.no })}</Paragraph>
        </section>
      ) : null}
      {a.related.length ? (
        <Section id="related" heading={t("knowledge.article.related")}>
          <ul style={plainList}>
            {a.related.map((item) => (
              <ArticleListEntry key={item.id} item={item} />
            ))}
          </ul>
        </Section>
      ) : null}
    </div>
  );
}
