import { Link, redirect } from "react-router";
import { Alert, Heading, Paragraph } from "@digdir/designsystemet-react";
import type { Route } from "./+types/edit";
import { ConfirmStep } from "~/components/confirm-step.tsx";
import { failureFor, FormActions, PostForm, SubmitButton, TextareaField } from "~/components/form.tsx";
import { Notice } from "~/components/notice.tsx";
import { getTranslator } from "~/i18n/translate.ts";
import { useFormat, useT } from "~/i18n/use-t.ts";
import { intent, intentAction, formFields, noFields } from "~/lib/intents.server.ts";
import { getLocale, guard, requireUser } from "~/lib/route.server.ts";
import { formToObject } from "~/lib/validation.ts";
import { deleteSchema } from "~/domain/knowledge/knowledge.schema.ts";
import { COMMENT_MAX } from "~/domain/knowledge/knowledge.constants.ts";
import {
  deleteArticle,
  describeOwner,
  getArticleForEdit,
  publishArticle,
  rejectProposal,
  removeArticleFile,
  returnProposal,
  unpublishArticle,
  updateArticle,
} from "~/domain/knowledge/knowledge.server.ts";
import { ArticleFiles, ArticleForm, articleFormValues, ownerLabel, statusLabel } from "./knowledge-ui.tsx";

export function meta({ loaderData }: Route.MetaArgs) {
  return [{ title: `${loaderData?.title ?? "Samspill"} – Samspill` }];
}

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const actor = requireUser(context, request);
  const a = await guard(request, () => getArticleForEdit(actor, params.id));
  const url = new URL(request.url);
  return {
    title: getTranslator(getLocale(context))("knowledge.edit.title"),
    article: {
      id: a.id,
      slug: a.slug,
      status: a.status,
      stale: a.stale,
      reviewBy: a.reviewBy,
      reviewComment: a.reviewComment,
      asOwner: a.asOwner,
      owner: await describeOwner(a.owner),
      files: a.files,
    },
    values: articleFormValues(a),
    saved: url.searchParams.get("lagret") === "1",
    confirmDelete: url.searchParams.get("slett") === "1",
    /** The file whose removal is being confirmed (?fjern-fil=<id>), if it is one of the article's. */
    removeFile: a.files.find((f) => f.id === url.searchParams.get("fjern-fil")) ?? null,
    fileRemoved: url.searchParams.get("fil-fjernet") === "1",
  };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const actor = requireUser(context, request);
  const formData = await request.formData();
  const values = formToObject(formData);
  const back = `/kunnskap/${params.id}/rediger?lagret=1`;
  return intentAction(request, context, values, {
    save: intent(formFields, async (input) => {
      await updateArticle(actor, params.id, input, formData.getAll("files"));
      throw redirect(back);
    }),
    "remove-file": intent(formFields, async (input) => {
      await removeArticleFile(actor, params.id, input);
      throw redirect(`/kunnskap/${params.id}/rediger?fil-fjernet=1#files`);
    }),
    publish: intent(noFields, async () => {
      await publishArticle(actor, params.id);
      throw redirect(back);
    }),
    unpublish: intent(noFields, async () => {
      await unpublishArticle(actor, params.id);
      throw redirect(back);
    }),
    return: intent(formFields, async (input) => {
      await returnProposal(actor, params.id, input);
      throw redirect(back);
    }),
    reject: intent(formFields, async (input) => {
      await rejectProposal(actor, params.id, input);
      throw redirect(back);
    }),
    delete: intent(deleteSchema, async () => {
      await deleteArticle(actor, params.id);
      throw redirect("/kunnskap/mine?slettet=1");
    }),
  });
}

export default function EditArticle({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const format = useFormat();
  const a = loaderData.article;
  const editable = a.asOwner || a.status !== "rejected";
  return (
    <div className="page stack">
      <Heading level={1} data-size="lg">
        {loaderData.title}
      </Heading>
      {loaderData.saved ? <Notice>{t("knowledge.edit.saved")}</Notice> : null}
      {loaderData.fileRemoved ? <Notice>{t("knowledge.files.removed")}</Notice> : null}
      {a.stale && a.reviewBy ? <Alert data-color="warning">{t("knowledge.edit.stale", { date: format.date(a.reviewBy) })}</Alert> : null}
      <Paragraph>
        {t("knowledge.edit.status", { status: statusLabel(t, a.status) })} · {t("knowledge.article.by", { owner: ownerLabel(t, a.owner) })} ·{" "}
        <Link to={`/kunnskap/${a.slug}`}>{t("knowledge.edit.view")}</Link>
      </Paragraph>
      {a.reviewComment ? <Alert data-color="info">{t("knowledge.edit.returnedComment", { comment: a.reviewComment })}</Alert> : null}

      {a.asOwner && (a.status === "draft" || a.status === "proposed") ? (
        <PostForm intent="publish" actionData={actionData}>
          <FormActions>
            <SubmitButton>{t("knowledge.edit.publish")}</SubmitButton>
          </FormActions>
        </PostForm>
      ) : null}
      {a.asOwner && a.status === "published" ? (
        <PostForm intent="unpublish" actionData={actionData}>
          <FormActions>
            <SubmitButton variant="secondary">{t("knowledge.edit.unpublish")}</SubmitButton>
          </FormActions>
        </PostForm>
      ) : null}
      {a.asOwner && a.status === "proposed" ? (
        <section aria-labelledby="review-heading" className="stack">
          <Heading level={2} data-size="sm" id="review-heading">
            {t("knowledge.edit.review")}
          </Heading>
          <PostForm intent="return" actionData={actionData}>
            <TextareaField name="comment" label={t("knowledge.edit.comment")} maxLength={COMMENT_MAX} rows={3} required />
            <FormActions>
              <SubmitButton variant="secondary">{t("knowledge.edit.return")}</SubmitButton>
            </FormActions>
          </PostForm>
          <PostForm intent="reject" actionData={actionData}>
            <TextareaField name="comment" label={t("knowledge.edit.comment")} maxLength={COMMENT_MAX} rows={3} />
            <FormActions>
              <SubmitButton data-color="danger" variant="secondary">
                {t("knowledge.edit.reject")}
              </SubmitButton>
            </FormActions>
          </PostForm>
        </section>
      ) : null}

      {a.files.length ? (
        <section aria-labelledby="files-heading" id="files" className="stack">
          <Heading level={2} data-size="sm" id="files-heading">
            {t("knowledge.files.heading")}
          </Heading>
          <ArticleFiles
            articleId={a.id}
            files={a.files}
            removeHref={editable ? (fileId) => `/kunnskap/${a.id}/rediger?fjern-fil=${fileId}#remove-file-heading` : undefined}
          />
          {editable && loaderData.removeFile ? (
            <ConfirmStep
              id="remove-file"
              heading={t("knowledge.files.removeHeading", { name: loaderData.removeFile.name })}
              text={t("knowledge.files.removeText")}
              intent="remove-file"
              hidden={{ fileId: loaderData.removeFile.id }}
              action={`/kunnskap/${a.id}/rediger?fjern-fil=${loaderData.removeFile.id}`}
              confirmLabel={t("knowledge.files.removeConfirm")}
              submitLabel={t("knowledge.files.remove")}
              cancelTo={`/kunnskap/${a.id}/rediger#files`}
              actionData={actionData}
            />
          ) : null}
        </section>
      ) : null}

      {editable ? (
        <ArticleForm
          intent="save"
          failure={failureFor(actionData, "save")}
          values={loaderData.values}
          submitLabel={t("knowledge.form.save")}
          cancelTo={`/kunnskap/${a.slug}`}
        />
      ) : null}

      {loaderData.confirmDelete || failureFor(actionData, "delete").fieldErrors.confirm ? (
        <ConfirmStep
          id="delete"
          heading={t("knowledge.edit.deleteHeading")}
          text={t("knowledge.edit.deleteText")}
          intent="delete"
          action={`/kunnskap/${a.id}/rediger?slett=1`}
          confirmLabel={t("knowledge.edit.deleteConfirm")}
          submitLabel={t("knowledge.edit.delete")}
          cancelTo={`/kunnskap/${a.id}/rediger`}
          actionData={actionData}
        />
      ) : (
        <Paragraph>
          <Link to={`/kunnskap/${a.id}/rediger?slett=1`}>{t("knowledge.edit.delete")}</Link>
        </Paragraph>
      )}
    </div>
  );
}
