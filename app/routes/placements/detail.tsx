import { Link, redirect } from "react-router";
import { Paragraph } from "@digdir/designsystemet-react";
import type { Route } from "./+types/detail";
import { FormActions, PostForm, SubmitButton } from "~/components/form.tsx";
import { Notice } from "~/components/notice.tsx";
import { PageHeading, Section } from "~/components/section.tsx";
import { label } from "~/i18n/labels.ts";
import { useFormat, useT } from "~/i18n/use-t.ts";
import { intent, intentAction, noFields } from "~/lib/intents.server.ts";
import { getActor, guard, requireUser } from "~/lib/route.server.ts";
import { formToObject } from "~/lib/validation.ts";
import { confirmFollowUp, declineFollowUp, getPlacement } from "~/domain/placements/placements.server.ts";
import { periodText } from "./placements-ui.tsx";

export const handle = { hydrate: false };

export function meta({ loaderData }: Route.MetaArgs) {
  return [{ title: `${loaderData?.placement.title ?? "Praksisplass"} – Samspill` }];
}

const answers = { bekreftet: "confirmed", avslatt: "declined" } as const;

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const actor = getActor(context);
  const placement = await guard(request, () => getPlacement(actor, params.id));
  const search = new URL(request.url).searchParams;
  const answer = search.get("svar");
  return {
    placement,
    created: search.get("lagt-ut") === "1" && placement.access === "employer",
    saved: search.get("lagret") === "1" && placement.access === "employer",
    answered: placement.access === "follow_up" && (answer === "bekreftet" || answer === "avslatt") ? answers[answer] : null,
  };
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const actor = requireUser(context, request);
  const values = formToObject(await request.formData());
  const result = await intentAction(request, context, values, {
    confirm: intent(noFields, () => confirmFollowUp(actor, params.id)),
    decline: intent(noFields, () => declineFollowUp(actor, params.id)),
  });
  if ("followUpStatus" in result) throw redirect(`/praksisplasser/${params.id}?svar=${result.followUpStatus === "confirmed" ? "bekreftet" : "avslatt"}`);
  return result;
}

export default function PlacementDetail({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const format = useFormat();
  const { placement: p, created, saved, answered } = loaderData;
  const internal = p.internal;
  const mayAnswer = p.access === "follow_up" && internal?.followUpStatus === "requested" && (p.status === "open" || p.status === "ongoing");
  return (
    <div className="page">
      <PageHeading back={{ to: "/praksisplasser", label: t("placements.title"), size: "sm" }}>{p.title}</PageHeading>
      {created ? <Notice>{t("placements.detail.created")}</Notice> : null}
      {saved ? <Notice>{t("placements.detail.saved")}</Notice> : null}
      {answered === "confirmed" ? <Notice>{t("placements.detail.confirmed")}</Notice> : null}
      {answered === "declined" ? <Notice tone="info">{t("placements.detail.declinedDone")}</Notice> : null}
      {p.access === "employer" && internal?.followUpStatus === "declined" ? (
        <Notice tone="warning">{t("placements.detail.declined", { name: p.followUpOrganizationName ?? "" })}</Notice>
      ) : null}
      {p.description ? <Paragraph>{p.description}</Paragraph> : null}
      <dl>
        <dt>{t("placements.detail.kind")}</dt>
        <dd>{label(t, "placementKind", p.kind)}</dd>
        <dt>{t("placements.detail.occupation")}</dt>
        <dd>{p.occupation}</dd>
        <dt>{t("placements.detail.sector")}</dt>
        <dd>{label(t, "placementSector", p.sector)}</dd>
        <dt>{t("placements.detail.employer")}</dt>
        <dd>
          <Link to={`/organisasjoner/${p.employerOrganizationId}`}>{p.employerName}</Link>
        </dd>
        <dt>{t("placements.detail.municipality")}</dt>
        <dd>
          <Link to={`/kommuner/${p.municipalityNumber}`}>{p.municipalityName}</Link>
        </dd>
        <dt>{t("placements.detail.period")}</dt>
        <dd>{periodText(t, format.date, p.periodStart, p.periodEnd)}</dd>
        <dt>{t("placements.detail.places")}</dt>
        <dd>{t("placements.places", { count: p.places })}</dd>
        <dt>{t("placements.detail.language")}</dt>
        <dd>{label(t, "languageRequirement", p.languageRequirement)}</dd>
        <dt>{t("placements.detail.status")}</dt>
        <dd>{label(t, "placementStatus", p.status)}</dd>
        <dt>{t("placements.detail.contact")}</dt>
        <dd>
          {p.contactName}
          {p.contactEmail ? (
            <>
              <br />
              <a href={`mailto:${p.contactEmail}`}>{p.contactEmail}</a>
            </>
          ) : null}
          {p.contactPhone ? (
            <>
              <br />
              <a href={`tel:${p.contactPhone.replaceAll(" ", "")}`}>{p.contactPhone}</a>
            </>
          ) : null}
        </dd>
      </dl>
      {internal === null && p.followUpOrganizationName ? (
        <Paragraph>{t("placements.detail.followedUpBy", { name: p.followUpOrganizationName })}</Paragraph>
      ) : null}
      {internal ? (
        <Section id="placement-follow-up" heading={t("placements.detail.internal")}>
          <Paragraph data-size="sm" className="muted">
            {t("placements.detail.internalNote")}
          </Paragraph>
          {internal.isPublic ? null : <Paragraph>{t("placements.detail.notPublic")}</Paragraph>}
          <dl>
            <dt>{t("placements.detail.followUpContact")}</dt>
            <dd>{p.followUpOrganizationName ?? t("placements.detail.followUpNone")}</dd>
            <dt>{t("placements.detail.followUpStatus")}</dt>
            <dd data-testid="placement-follow-up-status">
              {internal.followUpAnsweredAt
                ? t("placements.detail.answeredAt", {
                    status: label(t, "followUpStatus", internal.followUpStatus),
                    date: format.date(internal.followUpAnsweredAt),
                  })
                : label(t, "followUpStatus", internal.followUpStatus)}
            </dd>
            <dt>{t("placements.detail.supportNeeds")}</dt>
            <dd>{internal.supportNeeds.length ? internal.supportNeeds.map((s) => label(t, "supportNeed", s)).join(", ") : t("placements.detail.none")}</dd>
            <dt>{t("placements.detail.incentives")}</dt>
            <dd>
              {internal.incentivesRequested.length ? internal.incentivesRequested.map((k) => label(t, "incentive", k)).join(", ") : t("placements.detail.none")}
              {internal.incentiveRequestedAt ? (
                <>
                  {" "}
                  <span className="muted">({t("placements.detail.incentivesAsked", { date: format.date(internal.incentiveRequestedAt) })})</span>
                </>
              ) : null}
              {internal.incentiveRequestMessage ? <Paragraph data-size="sm">{internal.incentiveRequestMessage}</Paragraph> : null}
            </dd>
          </dl>
          {internal.followUpStatus === "confirmed" ? (
            <Paragraph>
              <Link to={`/praksisplasser/${p.id}/oppfolging-og-resultat`}>{t("placements.detail.followUpPage")}</Link>
            </Paragraph>
          ) : null}
          {p.access === "employer" ? (
            <Paragraph>
              <Link to={`/praksisplasser/${p.id}/rediger`} className="ds-button" data-variant="secondary">
                {t("placements.detail.edit")}
              </Link>
            </Paragraph>
          ) : null}
        </Section>
      ) : null}
      {mayAnswer ? (
        <Section id="placement-answer" heading={t("placements.answer.heading")}>
          <Paragraph>{t("placements.answer.intro")}</Paragraph>
          <PostForm intent="confirm" actionData={actionData} id="placement-confirm">
            <FormActions>
              <SubmitButton>{t("placements.answer.confirm")}</SubmitButton>
            </FormActions>
          </PostForm>
          <PostForm intent="decline" actionData={actionData} id="placement-decline">
            <FormActions>
              <SubmitButton variant="secondary">{t("placements.answer.decline")}</SubmitButton>
            </FormActions>
          </PostForm>
        </Section>
      ) : null}
    </div>
  );
}
