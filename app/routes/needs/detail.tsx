import { Link } from "react-router";
import { Paragraph, Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow, Tag } from "@digdir/designsystemet-react";
import type { Route } from "./+types/detail";
import { DateField, FormActions, NumberField, PostForm, SelectField, SubmitButton, TextareaField } from "~/components/form.tsx";
import { Notice } from "~/components/notice.tsx";
import { PageHeading, Section } from "~/components/section.tsx";
import { label } from "~/i18n/labels.ts";
import { useFormat, useT } from "~/i18n/use-t.ts";
import { formRules } from "~/lib/form-schema.ts";
import { formFields, intent, intentAction, noFields } from "~/lib/intents.server.ts";
import { getActor, getLocale, guard, requireUser } from "~/lib/route.server.ts";
import { formToObject } from "~/lib/validation.ts";
import type { UserActor } from "~/domain/auth/actor.ts";
import { commitmentSchema, extendNeedSchema } from "~/domain/needs/needs.schema.ts";
import { closeNeed, extendNeed, getNeed, markNeedFulfilled } from "~/domain/needs/needs.server.ts";
import { commitToNeed, decideCommitment, withdrawCommitment } from "~/domain/needs/commitments.server.ts";
import { monthName, NeedProgress, NeedStatusTag } from "./needs-ui.tsx";
import { mayManageRoles, openRolesOf } from "~/domain/volunteers/roles.server.ts";
import { VolunteerRolesSection } from "../volunteers/volunteers-ui.tsx";

/** Public pages read on cheap phones: plain links and POST forms, no JavaScript needed (DESIGN.md §4). */
export const handle = { hydrate: false };

export function meta({ loaderData }: Route.MetaArgs) {
  return [{ title: `${loaderData?.need.title ?? "Behov"} – Samspill` }];
}

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const actor = getActor(context);
  const need = await guard(request, () => getNeed(actor, params.id));
  return {
    // Volunteer roles on this need (issue 14, volunteers module): shown while it is open; managed by its owner.
    volunteerRoles: need.status === "open" ? await openRolesOf("need", need.id) : [],
    manageVolunteerRoles: mayManageRoles(actor, { organizationId: need.postedBy?.id ?? null, municipalityNumber: need.municipalityNumber }),
    need,
    locale: getLocale(context),
    signedIn: actor.kind === "user",
    justSaved: new URL(request.url).searchParams.get("lagret") === "1",
    rules: { commit: formRules(commitmentSchema), extend: formRules(extendNeedSchema) },
  };
}

/** Every form on the page; the domain checks who may do what (the need's owner, the committing organisation). */
function intentsFor(actor: UserActor, id: string) {
  const done = <N extends string>(notice: N) => ({ ok: true as const, notice });
  return {
    commit: intent(formFields, async (v) => ((await commitToNeed(actor, id, v)).edited ? done("commitmentEdited") : done("committed"))),
    withdraw: intent(formFields, async (v) => (await withdrawCommitment(actor, id, v), done("withdrawn"))),
    accept: intent(formFields, async (v) =>
      (await decideCommitment(actor, id, v, "accepted")).needStatus === "fulfilled" ? done("fulfilled") : done("accepted"),
    ),
    decline: intent(formFields, async (v) => (await decideCommitment(actor, id, v, "declined"), done("declined"))),
    extend: intent(formFields, async (v) => (await extendNeed(actor, id, v), done("extended"))),
    fulfil: intent(noFields, async () => (await markNeedFulfilled(actor, id), done("markedFulfilled"))),
    close: intent(noFields, async () => (await closeNeed(actor, id), done("closed"))),
  };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const actor = requireUser(context, request);
  const values = formToObject(await request.formData());
  return intentAction(request, context, values, intentsFor(actor, params.id));
}

const noticeKeys = {
  committed: "needs.notice.committed",
  commitmentEdited: "needs.notice.commitmentEdited",
  withdrawn: "needs.notice.withdrawn",
  accepted: "needs.notice.accepted",
  fulfilled: "needs.notice.fulfilled",
  declined: "needs.notice.declined",
  extended: "needs.notice.extended",
  markedFulfilled: "needs.notice.markedFulfilled",
  closed: "needs.notice.closed",
} as const;

export default function NeedPage({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const format = useFormat();
  const { need: n, locale, signedIn, justSaved, rules } = loaderData;
  const notice = actionData && "notice" in actionData ? actionData.notice : null;
  const unit = label(t, "needUnit", n.unit);
  return (
    <div className="page">
      <PageHeading back={{ to: "/behov", label: t("needs.title"), size: "sm" }}>{n.title}</PageHeading>
      {notice ? <Notice>{t(noticeKeys[notice])}</Notice> : justSaved ? <Notice>{t("needs.notice.saved")}</Notice> : null}
      <Paragraph>
        <NeedStatusTag status={n.status} expired={n.expired} />
      </Paragraph>

      {n.expired && n.may.manage ? (
        <Section id="need-expired" heading={t("needs.expired.heading")}>
          <Paragraph>{t("needs.expired.text", { deadline: format.date(n.deadline) })}</Paragraph>
          <PostForm intent="extend" actionData={actionData} schema={rules.extend} values={{ deadline: "" }}>
            <DateField name="deadline" label={t("needs.expired.newDeadline")} />
            <FormActions>
              <SubmitButton>{t("needs.expired.extend")}</SubmitButton>
            </FormActions>
          </PostForm>
          <PostForm intent="close" id="need-expired-close" actionData={actionData}>
            <FormActions>
              <SubmitButton variant="secondary">{t("needs.action.close")}</SubmitButton>
            </FormActions>
          </PostForm>
        </Section>
      ) : null}

      <dl className="facts" data-testid="need-facts">
        <dt>{t("needs.fact.kommune")}</dt>
        <dd>
          <Link to={`/kommuner/${n.municipalityNumber}`}>{n.municipalityName}</Link>
        </dd>
        <dt>{t("needs.fact.postedBy")}</dt>
        <dd>
          {n.postedBy ? <Link to={`/organisasjoner/${n.postedBy.id}`}>{n.postedBy.name}</Link> : t("needs.postedByKommune", { kommune: n.municipalityName })}
        </dd>
        <dt>{t("needs.fact.theme")}</dt>
        <dd>{label(t, "theme", n.theme)}</dd>
        {n.targetGroups.length ? (
          <>
            <dt>{t("needs.fact.targetGroups")}</dt>
            <dd>{n.targetGroups.map((g) => label(t, "targetGroup", g)).join(", ")}</dd>
          </>
        ) : null}
        <dt>{t("needs.fact.quantity")}</dt>
        <dd>
          {n.quantity} {unit}
        </dd>
        <dt>{t("needs.fact.period")}</dt>
        <dd>
          {n.periodEnd
            ? t("needs.fact.periodRange", { start: format.date(n.periodStart), end: format.date(n.periodEnd) })
            : t("needs.fact.periodFrom", { start: format.date(n.periodStart) })}
        </dd>
        <dt>{t("needs.fact.deadline")}</dt>
        <dd>{format.date(n.deadline)}</dd>
        {n.settlementMonth ? (
          <>
            <dt>{t("needs.fact.settlementMonth")}</dt>
            <dd data-testid="need-settlement-month">{t("needs.settlementTie", { month: monthName(locale, n.settlementMonth) })}</dd>
          </>
        ) : null}
      </dl>

      <Section id="need-progress" heading={t("needs.progressHeading")}>
        <NeedProgress accepted={n.progress.accepted} quantity={n.quantity} unit={n.unit} />
        {n.progress.pending !== null && n.progress.pending > 0 ? <Paragraph>{t("needs.pendingTotal", { pending: n.progress.pending, unit })}</Paragraph> : null}
      </Section>

      <Section id="need-description" heading={t("needs.descriptionHeading")}>
        {n.description.split(/\n{2,}/).map((p, i) => (
          <Paragraph key={i}>{p}</Paragraph>
        ))}
      </Section>

      <Section id="need-contact" heading={t("needs.contactHeading")}>
        {n.contact ? (
          <dl className="facts" data-testid="need-contact">
            <dt>{t("needs.field.contactName")}</dt>
            <dd>{n.contact.name}</dd>
            {n.contact.email ? (
              <>
                <dt>{t("needs.field.contactEmail")}</dt>
                <dd>
                  <a href={`mailto:${n.contact.email}`}>{n.contact.email}</a>
                </dd>
              </>
            ) : null}
            {n.contact.phone ? (
              <>
                <dt>{t("needs.field.contactPhone")}</dt>
                <dd>{n.contact.phone}</dd>
              </>
            ) : null}
          </dl>
        ) : (
          <Paragraph>{t(signedIn ? "needs.contactMembersOnly" : "needs.contactSignIn")}</Paragraph>
        )}
      </Section>

      {/* ── Volunteer roles on this need (issue 14, volunteers module): roles and "Meld interesse" go here. ── */}
      <VolunteerRolesSection roles={loaderData.volunteerRoles} manageHref={loaderData.manageVolunteerRoles ? `/behov/${n.id}/frivillige` : null} />

      {n.commitments ? (
        <Section id="need-commitments" heading={t("needs.commitments.heading")}>
          {n.commitments.length === 0 ? (
            <Paragraph>{t("needs.commitments.none")}</Paragraph>
          ) : (
            <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="need-commitments-heading">
              <Table data-testid="need-commitments">
                <TableHead>
                  <TableRow>
                    <TableHeaderCell>{t("needs.commitments.organization")}</TableHeaderCell>
                    <TableHeaderCell>{t("needs.commitments.quantity")}</TableHeaderCell>
                    <TableHeaderCell>{t("needs.commitments.from")}</TableHeaderCell>
                    <TableHeaderCell>{t("needs.commitments.message")}</TableHeaderCell>
                    <TableHeaderCell>{t("needs.commitments.status")}</TableHeaderCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {n.commitments.map((c) => (
                    <TableRow key={c.id}>
                      <TableCell>{c.organizationName}</TableCell>
                      <TableCell>
                        {c.quantity} {unit}
                      </TableCell>
                      <TableCell>{format.date(c.fromDate)}</TableCell>
                      <TableCell>{c.message}</TableCell>
                      <TableCell>
                        <Tag data-color={c.status === "accepted" ? "success" : c.status === "pending" ? "warning" : "neutral"}>
                          {label(t, "commitmentStatus", c.status)}
                        </Tag>
                        {c.status === "pending" && n.status !== "closed" ? (
                          <div className="form-actions">
                            <PostForm intent="accept" id={`accept-${c.id}`} actionData={actionData} hidden={{ commitmentId: c.id }} className="inline-form">
                              <SubmitButton data-size="sm">{t("needs.commitments.accept", { organization: c.organizationName })}</SubmitButton>
                            </PostForm>
                            <PostForm intent="decline" id={`decline-${c.id}`} actionData={actionData} hidden={{ commitmentId: c.id }} className="inline-form">
                              <SubmitButton data-size="sm" variant="secondary">
                                {t("needs.commitments.decline", { organization: c.organizationName })}
                              </SubmitButton>
                            </PostForm>
                          </div>
                        ) : null}
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </div>
          )}
        </Section>
      ) : null}

      {n.may.manage && n.status !== "closed" ? (
        <Section id="need-manage" heading={t("needs.manage.heading")}>
          <Paragraph>
            <Link to={`/behov/${n.id}/rediger`}>{t("needs.manage.edit")}</Link>
          </Paragraph>
          {n.status === "open" ? (
            <PostForm intent="fulfil" actionData={actionData}>
              <Paragraph data-size="sm">{t("needs.manage.fulfilHelp")}</Paragraph>
              <FormActions>
                <SubmitButton variant="secondary">{t("needs.action.fulfil")}</SubmitButton>
              </FormActions>
            </PostForm>
          ) : null}
          {!n.expired ? (
            <PostForm intent="close" actionData={actionData}>
              <Paragraph data-size="sm">{t("needs.manage.closeHelp")}</Paragraph>
              <FormActions>
                <SubmitButton variant="secondary">{t("needs.action.close")}</SubmitButton>
              </FormActions>
            </PostForm>
          ) : null}
        </Section>
      ) : null}

      {n.ownCommitments.length > 0 && !n.commitments ? (
        <Section id="need-own-commitments" heading={t("needs.own.heading")}>
          <ul className="stack" data-testid="need-own-commitments">
            {n.ownCommitments.map((c) => (
              <li key={c.id}>
                {t("needs.own.item", { organization: c.organizationName, quantity: c.quantity, unit, from: format.date(c.fromDate) })}{" "}
                <Tag data-color={c.status === "accepted" ? "success" : "neutral"}>{label(t, "commitmentStatus", c.status)}</Tag>
                {c.status === "pending" || c.status === "accepted" ? (
                  <PostForm intent="withdraw" id={`withdraw-${c.id}`} actionData={actionData} hidden={{ commitmentId: c.id }}>
                    <FormActions>
                      <SubmitButton variant="secondary" data-size="sm">
                        {t("needs.own.withdraw")}
                      </SubmitButton>
                    </FormActions>
                  </PostForm>
                ) : null}
              </li>
            ))}
          </ul>
        </Section>
      ) : null}

      {n.may.commit ? (
        <Section id="need-commit" heading={t("needs.commit.heading")}>
          <Paragraph>{t("needs.commit.intro")}</Paragraph>
          <PostForm
            intent="commit"
            actionData={actionData}
            schema={rules.commit}
            values={{ organizationId: n.committers[0]?.id ?? "", fromDate: n.periodStart }}
          >
            <SelectField name="organizationId" label={t("needs.commit.organization")} options={n.committers.map((o) => ({ value: o.id, label: o.name }))} />
            <NumberField name="quantity" label={t("needs.commit.quantity", { unit })} />
            <DateField name="fromDate" label={t("needs.commit.from")} />
            <TextareaField name="message" label={t("needs.commit.message")} description={t("needs.commit.messageHelp")} rows={4} />
            <FormActions>
              <SubmitButton>{t("needs.commit.submit")}</SubmitButton>
            </FormActions>
          </PostForm>
        </Section>
      ) : n.status === "open" && !n.expired && !signedIn ? (
        <Paragraph>
          <Link to={`/logg-inn?neste=${encodeURIComponent(`/behov/${n.id}`)}`}>{t("needs.commit.signIn")}</Link>
        </Paragraph>
      ) : null}
    </div>
  );
}
