import { Link } from "react-router";
import { Paragraph, Tag } from "@digdir/designsystemet-react";
import {
  ChoiceGroup,
  FieldGroup,
  FormActions,
  PostForm,
  SelectField,
  SubmitButton,
  TextField,
  TextareaField,
  CheckboxField,
  DateField,
  FileField,
  type FormFailure,
  type FormValues,
} from "~/components/form.tsx";
import { useFormat, useT } from "~/i18n/use-t.ts";
import { TEMPLATE_ACCEPT_ATTRIBUTE } from "~/domain/files/files.constants.ts";
import { label, labelOf, labelOptions } from "~/i18n/labels.ts";
import type { Translate } from "~/i18n/translate.ts";
import {
  ARTICLE_FILES_MAX,
  articleKinds,
  articleLanguages,
  BODY_MAX,
  SUMMARY_MAX,
  TITLE_MAX,
  type ArticleKind,
  type ArticleLanguage,
  type ArticleStatus,
} from "~/domain/knowledge/knowledge.constants.ts";

/** An owner body as the domain describes it. */
export interface OwnerView {
  level: "municipality" | "county" | "national";
  name: string | null;
}

export function ownerLabel(t: Translate, owner: OwnerView): string {
  if (owner.level === "national" || !owner.name) return t("knowledge.owner.national");
  return t(owner.level === "county" ? "knowledge.owner.county" : "knowledge.owner.municipality", { name: owner.name });
}

export const kindLabel = (t: Translate, kind: ArticleKind) => label(t, "articleKind", kind);
export const statusLabel = (t: Translate, status: ArticleStatus) => label(t, "articleStatus", status);
export const languageLabel = (t: Translate, lang: string) => labelOf(t, "articleLanguage", lang);

export interface ListItem {
  id: string;
  slug: string;
  kind: ArticleKind;
  locale: string;
  title: string;
  summary: string;
}

/** An article in a list: its title linking to its page, its type, and its summary. */
export function ArticleListEntry({ item, href, extra }: { item: ListItem; href?: string; extra?: React.ReactNode }) {
  const t = useT();
  return (
    <li className="stack" style={{ marginBlockEnd: "1rem" }}>
      <div>
        <Link to={href ?? `/kunnskap/${item.slug}`} lang={item.locale}>
          {item.title}
        </Link>{" "}
        <Tag data-size="sm">{kindLabel(t, item.kind)}</Tag>
      </div>
      {item.summary ? <Paragraph lang={item.locale}>{item.summary}</Paragraph> : null}
      {extra}
    </li>
  );
}

/** The languages offered open in the form; the others are folded under "Other languages". */
const openLanguages: ArticleLanguage[] = ["nb", "nn", "en"];
const rtl = new Set(["ar", "prs"]);

function VersionFields({ lang }: { lang: ArticleLanguage }) {
  const t = useT();
  const dir = rtl.has(lang) ? "rtl" : undefined;
  return (
    <FieldGroup legend={t("knowledge.form.version", { language: languageLabel(t, lang) })}>
      <TextField name={`versions.${lang}.title`} label={t("knowledge.form.titleField")} maxLength={TITLE_MAX} lang={lang} dir={dir} />
      <TextareaField name={`versions.${lang}.summary`} label={t("knowledge.form.summary")} maxLength={SUMMARY_MAX} rows={2} lang={lang} dir={dir} />
      <TextareaField
        name={`versions.${lang}.body`}
        label={t("knowledge.form.body")}
        description={t("knowledge.form.bodyDescription")}
        maxLength={BODY_MAX}
        rows={lang === "nb" ? 12 : 6}
        lang={lang}
        dir={dir}
      />
    </FieldGroup>
  );
}

/** The article form, for writing, proposing and editing. */
export function ArticleForm({
  intent,
  failure,
  values,
  owners,
  ownerField,
  showPublish,
  submitLabel,
  cancelTo,
}: {
  intent: string;
  failure: FormFailure;
  values: FormValues;
  /** Options of the owner (writers) or reviewer (proposers) select; none when editing. */
  owners?: { value: string; label: string }[];
  ownerField?: "owner" | "reviewer";
  showPublish?: boolean;
  submitLabel: string;
  cancelTo: string;
}) {
  const t = useT();
  const hasOther = articleLanguages.some((l) => !openLanguages.includes(l) && values[`versions.${l}.title`]);
  return (
    <PostForm intent={intent} failure={failure} values={values} encType="multipart/form-data">
      {owners && ownerField ? (
        <SelectField
          name={ownerField}
          label={t(ownerField === "owner" ? "knowledge.form.owner" : "knowledge.form.reviewer")}
          description={ownerField === "reviewer" ? t("knowledge.form.reviewerDescription") : undefined}
          options={owners}
          required
        />
      ) : null}
      <SelectField name="kind" label={t("knowledge.form.kind")} options={articleKinds.map((k) => ({ value: k, label: kindLabel(t, k) }))} required />
      <ChoiceGroup name="themes" legend={t("knowledge.form.themes")} type="checkbox" options={labelOptions(t, "competenceTopic")} />
      <ChoiceGroup
        name="audience"
        legend={t("knowledge.form.audience")}
        description={t("knowledge.form.audienceDescription")}
        type="checkbox"
        options={labelOptions(t, "organizationKind")}
      />
      <TextField name="linkUrl" type="url" label={t("knowledge.form.linkUrl")} description={t("knowledge.form.linkUrlDescription")} maxLength={1000} />
      <DateField name="reviewBy" label={t("knowledge.form.reviewBy")} description={t("knowledge.form.reviewByDescription")} />
      <FileField
        name="files"
        label={t("knowledge.form.files")}
        description={t("knowledge.form.filesDescription", { max: ARTICLE_FILES_MAX })}
        accept={TEMPLATE_ACCEPT_ATTRIBUTE}
        multiple
      />
      {openLanguages.map((lang) => (
        <VersionFields key={lang} lang={lang} />
      ))}
      <details open={hasOther}>
        <summary>{t("knowledge.form.otherLanguages")}</summary>
        {articleLanguages
          .filter((l) => !openLanguages.includes(l))
          .map((lang) => (
            <VersionFields key={lang} lang={lang} />
          ))}
      </details>
      {showPublish ? <CheckboxField name="publish" label={t("knowledge.form.publishNow")} /> : null}
      <FormActions>
        <SubmitButton>{submitLabel}</SubmitButton>
        <Link to={cancelTo}>{t("common.cancel")}</Link>
      </FormActions>
    </PostForm>
  );
}

/** Form values from an article's fields and versions. */
export function articleFormValues(a: {
  kind: string;
  themes: string[];
  audience: string[];
  linkUrl: string | null;
  reviewBy: string | null;
  versions: { locale: string; title: string; summary: string; body: string }[];
}): FormValues {
  const values: FormValues = { kind: a.kind, themes: a.themes, audience: a.audience, linkUrl: a.linkUrl ?? "", reviewBy: a.reviewBy ?? "" };
  for (const v of a.versions) {
    values[`versions.${v.locale}.title`] = v.title;
    values[`versions.${v.locale}.summary`] = v.summary;
    values[`versions.${v.locale}.body`] = v.body;
  }
  return values;
}

/** A list without bullets (a list of articles), and a row of links. */
export const plainList = { listStyle: "none", paddingInlineStart: 0 } as const;
export const linkRow = { display: "flex", flexWrap: "wrap", gap: "0.5rem 1.5rem", listStyle: "none", paddingInlineStart: 0 } as const;

/** The fields every list of articles shows (a loader passes on no more than its page shows). */
export function listFields<S extends string | null>(a: {
  id: string;
  slug: string;
  kind: ArticleKind;
  locale: string;
  title: string;
  summary: S;
  status: ArticleStatus;
}) {
  return { id: a.id, slug: a.slug, kind: a.kind, locale: a.locale, title: a.title, summary: a.summary, status: a.status };
}

/** A stored file's type as people name it. */
function fileKind(t: Translate, mediaType: string): string {
  if (mediaType === "application/pdf") return t("knowledge.files.kind.pdf");
  if (mediaType.startsWith("image/")) return t("knowledge.files.kind.image", { format: mediaType.slice("image/".length).toUpperCase() });
  if (mediaType.includes("wordprocessingml")) return t("knowledge.files.kind.docx");
  if (mediaType.includes("spreadsheetml")) return t("knowledge.files.kind.xlsx");
  if (mediaType.includes("opendocument.text")) return t("knowledge.files.kind.odt");
  return mediaType;
}

export interface FileView {
  id: string;
  name: string;
  mediaType: string;
  sizeBytes: number;
}

/**
 * An article's files: each a download with its type and size. `removeHref`
 * (the edit page) adds a link to the confirm step that removes it.
 */
export function ArticleFiles({ articleId, files, removeHref }: { articleId: string; files: FileView[]; removeHref?: (fileId: string) => string }) {
  const t = useT();
  const format = useFormat();
  if (!files.length) return null;
  return (
    <ul className="stack" data-testid="knowledge-files" aria-label={t("knowledge.files.heading")}>
      {files.map((f) => (
        <li key={f.id}>
          <a href={`/kunnskap/${articleId}/filer/${f.id}`} download>
            {f.name}
          </a>{" "}
          <span className="muted">
            ({fileKind(t, f.mediaType)},{" "}
            {f.sizeBytes < 1024 * 1024
              ? t("knowledge.files.sizeKb", { kb: Math.max(1, Math.round(f.sizeBytes / 1024)) })
              : t("knowledge.files.sizeMb", { mb: format.number(Math.round(f.sizeBytes / 104857.6) / 10) })}
            )
          </span>
          {removeHref ? (
            <>
              {" "}
              <Link to={removeHref(f.id)} aria-label={t("knowledge.files.removeNamed", { name: f.name })}>
                {t("knowledge.files.remove")}
              </Link>
            </>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
