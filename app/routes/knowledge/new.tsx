import { redirect } from "react-router";
import { Heading, Paragraph } from "@digdir/designsystemet-react";
import type { Route } from "./+types/new";
import { failureFor } from "~/components/form.tsx";
import { getTranslator } from "~/i18n/translate.ts";
import { useT } from "~/i18n/use-t.ts";
import { intent, intentAction, formFields } from "~/lib/intents.server.ts";
import { getLocale, requireUser, toRouteError } from "~/lib/route.server.ts";
import { AppError } from "~/lib/errors.ts";
import { formToObject } from "~/lib/validation.ts";
import { createArticleFromForm, ownerOptions, proposeArticle, reviewerOptions } from "~/domain/knowledge/knowledge.server.ts";
import { ArticleForm, ownerLabel } from "./knowledge-ui.tsx";

export function meta({ loaderData }: Route.MetaArgs) {
  return [{ title: `${loaderData?.title ?? "Samspill"} – Samspill` }];
}

/** A year from today: the review-by date a new article starts with. */
function aYearFromNow(): string {
  const d = new Date();
  d.setUTCFullYear(d.getUTCFullYear() + 1);
  return d.toISOString().slice(0, 10);
}

export async function loader({ request, context }: Route.LoaderArgs) {
  const actor = requireUser(context, request);
  const owners = await ownerOptions(actor);
  const reviewers = owners.length ? [] : await reviewerOptions(actor);
  // IMDi and the fylkeskommuner write; kommune coordinators and organisation admins propose; nobody else.
  if (!owners.length && !reviewers.length) throw toRouteError(new AppError("forbidden", "errors.forbidden"), request);
  const t = getTranslator(getLocale(context));
  return {
    title: t(owners.length ? "knowledge.new.title" : "knowledge.new.proposeTitle"),
    mode: owners.length ? ("write" as const) : ("propose" as const),
    options: owners.length ? owners : reviewers,
    reviewBy: aYearFromNow(),
  };
}

export async function action({ request, context }: Route.ActionArgs) {
  const actor = requireUser(context, request);
  const formData = await request.formData();
  const values = formToObject(formData);
  const uploads = formData.getAll("files");
  return intentAction(request, context, values, {
    create: intent(formFields, async (input) => {
      const created = await createArticleFromForm(actor, input, uploads);
      throw redirect(input.publish === "on" ? `/kunnskap/${created.slug}` : `/kunnskap/${created.id}/rediger?lagret=1`);
    }),
    propose: intent(formFields, async (input) => {
      const created = await proposeArticle(actor, { reviewer: input.reviewer }, input, uploads);
      throw redirect(`/kunnskap/${created.id}/rediger?lagret=1`);
    }),
  });
}

export default function NewArticle({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const write = loaderData.mode === "write";
  const intentName = write ? "create" : "propose";
  return (
    <div className="page stack">
      <Heading level={1} data-size="lg">
        {loaderData.title}
      </Heading>
      <Paragraph>{t(write ? "knowledge.new.intro" : "knowledge.new.proposeIntro")}</Paragraph>
      <ArticleForm
        intent={intentName}
        failure={failureFor(actionData, intentName)}
        values={{ kind: "article", reviewBy: loaderData.reviewBy }}
        owners={loaderData.options.map((o) => ({ value: o.value, label: ownerLabel(t, o.owner) }))}
        ownerField={write ? "owner" : "reviewer"}
        showPublish={write}
        submitLabel={t(write ? "knowledge.form.save" : "knowledge.form.propose")}
        cancelTo="/kunnskap"
      />
    </div>
  );
}
