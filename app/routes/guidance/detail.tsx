import { Link } from "react-router";
import { Button, Paragraph } from "@digdir/designsystemet-react";
import type { Route } from "./+types/detail";
import { FileField, FormActions, PostForm, SelectField, SubmitButton, TextareaField } from "~/components/form.tsx";
import { FILE_ACCEPT_ATTRIBUTE } from "~/domain/files/files.constants.ts";
import { Notice } from "~/components/notice.tsx";
import { PageHeading, Section } from "~/components/section.tsx";
import { label } from "~/i18n/labels.ts";
import { useFormat, useT } from "~/i18n/use-t.ts";
import { formRules } from "~/lib/form-schema.ts";
import { formFields, intent, intentAction, noFields } from "~/lib/intents.server.ts";
import { getLocale, guard, requireUser } from "~/lib/route.server.ts";
import { formToObject } from "~/lib/validation.ts";
import type { UserActor } from "~/domain/auth/actor.ts";
import {
  guidanceHandoverSchema,
  guidanceMessageSchema,
  guidanceNoteSchema,
  guidancePeerSchema,
  guidanceQuestionAnswerSchema,
  guidanceReturnSchema,
} from "~/domain/guidance/guidance.schema.ts";
import {
  addGuidanceNote,
  closeGuidanceRequest,
  getGuidanceRequest,
  guidanceSuggestions,
  handOverGuidanceRequest,
  passGuidanceRequestToPeer,
  peerCandidates,
  postGuidanceMessage,
  publishGuidanceAsQuestionAnswer,
  reopenGuidanceRequest,
  returnGuidanceRequestFromPeer,
  takeGuidanceRequest,
} from "~/domain/guidance/guidance.server.ts";
import { ArticleSuggestions, holderName, StatusTag, urgencyLabel } from "./guidance-ui.tsx";

export function meta({ loaderData }: Route.MetaArgs) {
  return [{ title: `${loaderData?.request.title ?? "Veiledning"} – Samspill` }];
}

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const actor = requireUser(context, request);
  const view = await guard(request, () => getGuidanceRequest(actor, params.id));
  const peers = view.may.passToPeer ? await guard(request, () => peerCandidates(actor, params.id)) : [];
  // While the asker waits: the first knowledge articles on the topic for their kind of organisation.
  const suggestions = view.may.close ? await guidanceSuggestions(view.organizationKind, view.topic, getLocale(context)) : [];
  return {
    suggestions: suggestions.map((a) => ({ slug: a.slug, title: a.title, summary: a.summary })),
    request: view,
    peers: peers.map((p) => ({ organizationId: p.organizationId, name: p.name, description: p.description })),
    justSent: new URL(request.url).searchParams.get("sendt") === "1",
    rules: {
      reply: formRules(guidanceMessageSchema),
      handOver: formRules(guidanceHandoverSchema),
      passToPeer: formRules(guidancePeerSchema),
      returnFromPeer: formRules(guidanceReturnSchema),
      note: formRules(guidanceNoteSchema),
      publishQuestionAnswer: formRules(guidanceQuestionAnswerSchema),
    },
  };
}

/** Every form on the page; the domain checks who may do what and validates the fields. */
function intentsFor(actor: UserActor, id: string, locale: string, uploads: FormDataEntryValue[]) {
  const done = (notice: "sent" | "taken" | "handedOver" | "passed" | "returned" | "noteAdded" | "closed" | "reopened") => ({ ok: true as const, notice });
  return {
    reply: intent(formFields, async (v) => (await postGuidanceMessage(actor, id, v, uploads), done("sent"))),
    take: intent(noFields, async () => (await takeGuidanceRequest(actor, id), done("taken"))),
    handOver: intent(formFields, async (v) => (await handOverGuidanceRequest(actor, id, v), done("handedOver"))),
    passToPeer: intent(formFields, async (v) => (await passGuidanceRequestToPeer(actor, id, v), done("passed"))),
    returnFromPeer: intent(formFields, async (v) => (await returnGuidanceRequestFromPeer(actor, id, v), done("returned"))),
    note: intent(formFields, async (v) => (await addGuidanceNote(actor, id, v), done("noteAdded"))),
    close: intent(noFields, async () => (await closeGuidanceRequest(actor, id), done("closed"))),
    reopen: intent(noFields, async () => (await reopenGuidanceRequest(actor, id), done("reopened"))),
    publishQuestionAnswer: intent(formFields, async (v) => {
      const { slug } = await publishGuidanceAsQuestionAnswer(actor, id, v, locale);
      return { ok: true as const, notice: "published" as const, slug };
    }),
  };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const actor = requireUser(context, request);
  const formData = await request.formData();
  const values = formToObject(formData);
  return intentAction(request, context, values, intentsFor(actor, params.id, getLocale(context), formData.getAll("attachments")));
}

const noticeKeys = {
  sent: "guidance.notice.sent",
  taken: "guidance.notice.taken",
  handedOver: "guidance.notice.handedOver",
  passed: "guidance.notice.passed",
  returned: "guidance.notice.returned",
  noteAdded: "guidance.notice.noteAdded",
  closed: "guidance.notice.closed",
  reopened: "guidance.notice.reopened",
  published: "guidance.notice.published",
} as const;

const chainKeys = {
  routed: "guidance.chain.routed",
  handed_over: "guidance.chain.handed_over",
  passed_to_peer: "guidance.chain.passed_to_peer",
  returned: "guidance.chain.returned",
} as const;

export default function GuidanceRequestPage({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const format = useFormat();
  const { request: r, peers, suggestions, justSent, rules } = loaderData;
  const publishedSlug = actionData && "slug" in actionData ? actionData.slug : null;
  const notice = actionData && "notice" in actionData ? actionData.notice : null;
  const holder = holderName(t, r.holder);
  const nextBody = r.internal?.nextBody ? holderName(t, r.internal.nextBody) : "";
  const responsible = r.responsibleBody ? holderName(t, r.responsibleBody) : "";
  return (
    <div className="page">
      <PageHeading back={{ to: "/veiledning", label: t("guidance.title"), size: "sm" }}>{r.title}</PageHeading>
      {justSent && !notice ? <Notice>{t("guidance.notice.created", { holder })}</Notice> : null}
      {notice ? (
        <Notice>
          {notice === "handedOver" ? t("guidance.notice.handedOver", { holder }) : t(noticeKeys[notice])}
          {publishedSlug ? (
            <>
              {" "}
              <Link to={`/kunnskap/${publishedSlug}`}>{t("guidance.qa.open")}</Link>
            </>
          ) : null}
        </Notice>
      ) : null}

      <dl className="org-facts" data-testid="guidance-facts">
        <dt>{t("guidance.detail.heldBy")}</dt>
        <dd data-testid="guidance-holder">{holder}</dd>
        <dt>{t("guidance.detail.status")}</dt>
        <dd>
          <StatusTag t={t} status={r.status} />
        </dd>
        <dt>{t("guidance.detail.organization")}</dt>
        <dd>{r.organizationName}</dd>
        <dt>{t("guidance.detail.municipality")}</dt>
        <dd>{r.municipalityName}</dd>
        <dt>{t("guidance.detail.topic")}</dt>
        <dd>{label(t, "competenceTopic", r.topic)}</dd>
        <dt>{t("guidance.detail.urgency")}</dt>
        <dd>{urgencyLabel(t, r.urgency)}</dd>
        <dt>{t("guidance.detail.submitted")}</dt>
        <dd>{format.dateTime(r.submittedAt)}</dd>
        <dt>{t("guidance.detail.consent")}</dt>
        <dd>{r.consentToReuse ? t("guidance.detail.consentYes") : t("guidance.detail.consentNo")}</dd>
      </dl>
      {r.responsibleBody && r.holder.kind === "organization" ? (
        <Paragraph>{t("guidance.detail.responsible", { body: responsible, peer: r.holder.name })}</Paragraph>
      ) : null}

      <Section id="guidance-question" heading={t("guidance.detail.question")}>
        <Paragraph style={{ whiteSpace: "pre-line" }}>{r.description}</Paragraph>
        <Attachments requestId={r.id} files={r.attachments} />
      </Section>

      <Section id="guidance-chain" heading={t("guidance.chain.title")}>
        <ol className="stack" data-testid="guidance-chain">
          {r.chain.map((step, i) => {
            const to = step.to ? holderName(t, step.to) : "";
            const from = step.from ? holderName(t, step.from) : "";
            const text =
              step.kind === "routed" && step.to?.kind === "body" && step.to.level === "county"
                ? t("guidance.chain.routedPastKommune", { to })
                : t(chainKeys[step.kind], { from, to });
            return (
              <li key={i}>
                {text} <span className="muted">({format.dateTime(step.at)})</span>
                {step.reason ? <Paragraph data-size="sm">{t("guidance.chain.reason", { reason: step.reason })}</Paragraph> : null}
              </li>
            );
          })}
        </ol>
      </Section>

      <Section id="guidance-thread" heading={t("guidance.thread.title")} empty={r.thread.length === 0 ? t("guidance.thread.empty") : null}>
        <ol className="stack" data-testid="guidance-thread">
          {r.thread.map((m) => (
            <li key={m.id}>
              <strong>{holderName(t, m.author)}</strong> <span className="muted">{format.dateTime(m.at)}</span>
              <Paragraph style={{ whiteSpace: "pre-line" }}>{m.body}</Paragraph>
              <Attachments requestId={r.id} files={m.attachments} />
            </li>
          ))}
        </ol>
      </Section>
      {r.may.reply ? (
        <PostForm intent="reply" actionData={actionData} schema={rules.reply} encType="multipart/form-data" key={notice === "sent" ? "reply-sent" : "reply"}>
          <TextareaField
            name="body"
            label={r.may.close ? t("guidance.thread.followUp") : t("guidance.thread.reply")}
            description={r.may.close ? undefined : t("guidance.thread.replyHelp")}
            rows={6}
          />
          <FileField
            name="attachments"
            label={t("guidance.field.attachment")}
            description={t("guidance.field.attachmentHelp")}
            accept={FILE_ACCEPT_ATTRIBUTE}
          />
          <FormActions>
            <SubmitButton>{t("guidance.thread.send")}</SubmitButton>
          </FormActions>
        </PostForm>
      ) : null}

      {r.may.take ? (
        <PostForm intent="take" actionData={actionData}>
          <FormActions>
            <SubmitButton variant="secondary">{t("guidance.take.submit")}</SubmitButton>
          </FormActions>
        </PostForm>
      ) : null}

      {r.may.handOver && nextBody ? (
        <Section id="guidance-handover" heading={t("guidance.handover.title")}>
          <PostForm intent="handOver" actionData={actionData} schema={rules.handOver}>
            <TextareaField name="reason" label={t("guidance.handover.reason")} description={t("guidance.handover.reasonHelp")} rows={3} />
            <FormActions>
              <SubmitButton variant="secondary">{t("guidance.handover.submit", { body: nextBody })}</SubmitButton>
            </FormActions>
          </PostForm>
        </Section>
      ) : null}

      {r.may.passToPeer ? (
        <Section id="guidance-peer" heading={t("guidance.peer.title")} empty={peers.length === 0 ? t("guidance.peer.none") : null}>
          <Paragraph>{t("guidance.peer.intro")}</Paragraph>
          <ul className="stack" data-testid="guidance-peers">
            {peers.map((p) => (
              <li key={p.organizationId}>
                <strong>{p.name}</strong>: {p.description}
              </li>
            ))}
          </ul>
          <PostForm intent="passToPeer" actionData={actionData} schema={rules.passToPeer}>
            <SelectField
              name="organizationId"
              label={t("guidance.peer.organization")}
              options={peers.map((p) => ({ value: p.organizationId, label: p.name }))}
            />
            <TextareaField name="reason" label={t("guidance.peer.reason")} description={t("guidance.handover.reasonHelp")} rows={3} />
            <FormActions>
              <SubmitButton variant="secondary">{t("guidance.peer.submit")}</SubmitButton>
            </FormActions>
          </PostForm>
        </Section>
      ) : null}

      {r.may.returnFromPeer && r.responsibleBody ? (
        <Section id="guidance-return" heading={t("guidance.return.title")}>
          <PostForm intent="returnFromPeer" actionData={actionData} schema={rules.returnFromPeer}>
            <TextareaField name="reason" label={t("guidance.return.reason")} description={t("guidance.handover.reasonHelp")} rows={3} />
            <FormActions>
              <SubmitButton variant="secondary">{t("guidance.return.submit", { body: responsible })}</SubmitButton>
            </FormActions>
          </PostForm>
        </Section>
      ) : null}

      {r.internal ? (
        <Section id="guidance-notes" heading={t("guidance.notes.title")}>
          <Paragraph>{t("guidance.notes.intro")}</Paragraph>
          <Paragraph data-testid="guidance-assignee">
            {r.internal.assigneeName ? t("guidance.take.assignee", { name: r.internal.assigneeName }) : t("guidance.take.nobody")}
          </Paragraph>
          {r.internal.notes.length === 0 ? (
            <Paragraph>{t("guidance.notes.empty")}</Paragraph>
          ) : (
            <ol className="stack" data-testid="guidance-notes">
              {r.internal.notes.map((n) => (
                <li key={n.id}>
                  <strong>{holderName(t, n.author)}</strong> <span className="muted">{format.dateTime(n.at)}</span>
                  <Paragraph style={{ whiteSpace: "pre-line" }}>{n.body}</Paragraph>
                </li>
              ))}
            </ol>
          )}
          {r.may.note ? (
            <PostForm intent="note" actionData={actionData} schema={rules.note} key={notice === "noteAdded" ? "note-added" : "note"}>
              <TextareaField name="body" label={t("guidance.notes.field")} rows={3} />
              <FormActions>
                <SubmitButton variant="secondary">{t("guidance.notes.submit")}</SubmitButton>
              </FormActions>
            </PostForm>
          ) : null}
        </Section>
      ) : null}

      {suggestions.length > 0 ? (
        <Section id="guidance-suggestions" heading={t("guidance.suggestions.title")}>
          <ArticleSuggestions articles={suggestions} />
        </Section>
      ) : null}

      {r.may.publishQuestionAnswer && !publishedSlug ? (
        <Section id="guidance-qa" heading={t("guidance.qa.title")}>
          <Paragraph>{t("guidance.qa.intro")}</Paragraph>
          <PostForm
            intent="publishQuestionAnswer"
            actionData={actionData}
            schema={rules.publishQuestionAnswer}
            values={{
              question: r.description,
              answer: r.thread
                .filter((m) => m.side !== "asker")
                .map((m) => m.body)
                .join("\n\n"),
            }}
          >
            <TextareaField name="question" label={t("guidance.qa.question")} rows={5} />
            <TextareaField name="answer" label={t("guidance.qa.answer")} rows={8} />
            <FormActions>
              <SubmitButton variant="secondary">{t("guidance.qa.submit")}</SubmitButton>
            </FormActions>
          </PostForm>
        </Section>
      ) : null}

      {r.may.close || r.may.reopen ? (
        <PostForm intent={r.may.close ? "close" : "reopen"} actionData={actionData}>
          <FormActions>
            <Button type="submit" variant="tertiary">
              {r.may.close ? t("guidance.close.submit") : t("guidance.reopen.submit")}
            </Button>
          </FormActions>
        </PostForm>
      ) : null}
    </div>
  );
}

/** Files attached to the question or a message: downloads for those who may read the request. */
function Attachments({ requestId, files }: { requestId: string; files: { id: string; name: string; sizeBytes: number }[] }) {
  const t = useT();
  if (files.length === 0) return null;
  return (
    <ul className="stack" data-testid="guidance-attachments" aria-label={t("guidance.attachments")}>
      {files.map((f) => (
        <li key={f.id}>
          <a href={`/veiledning/${requestId}/vedlegg/${f.id}`} download>
            {f.name}
          </a>{" "}
          <span className="muted">({t("guidance.attachmentSize", { kb: Math.max(1, Math.round(f.sizeBytes / 1024)) })})</span>
        </li>
      ))}
    </ul>
  );
}
