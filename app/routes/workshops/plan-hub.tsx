import { Link } from "react-router";
import { Paragraph, Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from "@digdir/designsystemet-react";
import type { Route } from "./+types/plan-hub";
import { ConfirmStep } from "~/components/confirm-step.tsx";
import { FormActions, PostForm, SubmitButton } from "~/components/form.tsx";
import { Notice } from "~/components/notice.tsx";
import { PageHeading, Section } from "~/components/section.tsx";
import { useT } from "~/i18n/use-t.ts";
import { label } from "~/i18n/labels.ts";
import { intent, intentAction } from "~/lib/intents.server.ts";
import { getActor, guard } from "~/lib/route.server.ts";
import { formToObject } from "~/lib/validation.ts";
import { getWorkshopHub, setWorkshopStatus } from "~/domain/workshops/plan.server.ts";
import { workshopStatusSchema } from "~/domain/workshops/plan.schema.ts";
import { useWorkshopTime } from "./plan-ui.tsx";

export const handle = { hydrate: false };

export function meta({ loaderData }: Route.MetaArgs) {
  return [{ title: `${loaderData?.hub.title ?? "Verksted"} – Samspill` }];
}

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const actor = getActor(context);
  const hub = await guard(request, () => getWorkshopHub(request, actor, params.id));
  const url = new URL(request.url);
  return { hub, saved: url.searchParams.has("lagret"), registered: url.searchParams.has("pameldt"), confirmClose: url.searchParams.has("avslutt") };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const actor = getActor(context);
  const values = formToObject(await request.formData());
  return intentAction(request, context, values, {
    status: intent(workshopStatusSchema, async (input) => {
      await setWorkshopStatus(actor, params.id, input);
      return { ok: true as const, status: input.status };
    }),
  });
}

/** The phases other parts of the module serve, in the order a workshop goes through them. */
const phases = [
  { path: "hindringer", key: "workshops.hub.phase.obstacles" },
  { path: "losninger", key: "workshops.hub.phase.solutions" },
  { path: "innspill", key: "workshops.hub.phase.escalations" },
  { path: "ansvar", key: "workshops.hub.phase.matrix" },
  { path: "handlingsplan", key: "workshops.hub.phase.actions" },
  { path: "rapport", key: "workshops.hub.phase.report" },
] as const;

export default function WorkshopHub({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const time = useWorkshopTime();
  const { hub, saved, registered, confirmClose } = loaderData;
  const changed = actionData && typeof actionData === "object" && "ok" in actionData;
  return (
    <div className="page">
      <PageHeading back={{ to: "/verksteder", label: t("workshops.list.title"), size: "sm" }}>{hub.title}</PageHeading>
      {saved ? <Notice>{t("workshops.hub.saved")}</Notice> : null}
      {registered ? <Notice>{t("workshops.hub.registered")}</Notice> : null}
      {changed ? <Notice>{t("workshops.hub.statusChanged")}</Notice> : null}
      <Paragraph>
        {t("workshops.hub.statusLine", { status: label(t, "workshopStatus", hub.status) })}
        {hub.municipalities.length ? ` · ${hub.municipalities.map((m) => m.name).join(", ")}` : ""}
        {hub.facilitatorName ? ` · ${t("workshops.hub.facilitator", { name: hub.facilitatorName })}` : ""}
      </Paragraph>
      {hub.pending === "invited" ? <Notice tone="info">{t("workshops.hub.pendingInvited")}</Notice> : null}
      {hub.pending === "waitlisted" ? <Notice tone="info">{t("workshops.hub.pendingWaitlisted")}</Notice> : null}
      {hub.purpose ? (
        <Section id="purpose" heading={t("workshops.hub.purpose")}>
          <Paragraph>{hub.purpose}</Paragraph>
        </Section>
      ) : null}
      {hub.focusThemes.length ? (
        <Section id="themes" heading={t("workshops.hub.themes")}>
          <ul>
            {hub.focusThemes.map((theme) => (
              <li key={theme}>{label(t, "obstacleTheme", theme)}</li>
            ))}
          </ul>
        </Section>
      ) : null}
      <Section id="sessions" heading={t("workshops.hub.sessions")} empty={hub.sessions.length === 0 ? t("workshops.hub.noSessions") : null}>
        <ul>
          {hub.sessions.map((s) => (
            <li key={s.id}>
              {t(`workshops.sessionKind.${s.kind}`)}: {time.dateTime(s.startsAt)} ({t("workshops.hub.minutes", { minutes: s.durationMinutes })})
              {s.place ? ` · ${s.place}` : ""}
              {s.videoUrl ? (
                <>
                  {" · "}
                  <a href={s.videoUrl}>{t("workshops.hub.videoLink")}</a>
                </>
              ) : null}
              {" · "}
              <a href={`/verksteder/${hub.id}/okter/${s.id}.ics`} download>
                {t("workshops.hub.calendar")}
              </a>
            </li>
          ))}
        </ul>
      </Section>
      <Section id="phases" heading={t("workshops.hub.phases")}>
        <ul>
          {phases.map((p) => (
            <li key={p.path}>
              <Link to={`/verksteder/${hub.id}/${p.path}`}>{t(p.key)}</Link>
            </li>
          ))}
        </ul>
      </Section>
      <Section id="checklist" heading={t("workshops.hub.checklist")}>
        {hub.checklist.missing.length ? (
          <Notice tone="warning" role="status">
            {t("workshops.hub.missing", { sectors: hub.checklist.missing.map((s) => label(t, "participantSector", s)).join(", ") })}
          </Notice>
        ) : (
          <Paragraph>{t("workshops.hub.allSectors")}</Paragraph>
        )}
        <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="checklist-heading">
          <Table data-size="sm" aria-labelledby="checklist-heading">
            <TableHead>
              <TableRow>
                <TableHeaderCell scope="col">{t("workshops.hub.sector")}</TableHeaderCell>
                <TableHeaderCell scope="col">{t("workshops.hub.taking")}</TableHeaderCell>
                <TableHeaderCell scope="col">{t("workshops.hub.invited")}</TableHeaderCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {hub.checklist.counts.map((c) => (
                <TableRow key={c.sector}>
                  <TableHeaderCell scope="row">{label(t, "participantSector", c.sector)}</TableHeaderCell>
                  <TableCell>{c.taking}</TableCell>
                  <TableCell>{c.invited}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      </Section>
      {hub.manager ? (
        <Section id="manage" heading={t("workshops.hub.manage")}>
          <Paragraph>
            {t("workshops.hub.joinCode", { code: hub.manager.joinCode })}
            {" · "}
            {hub.manager.capacity === null ? t("workshops.hub.noCapacity") : t("workshops.hub.capacity", { capacity: hub.manager.capacity })}
            {" · "}
            {t("workshops.hub.votes", { obstacles: hub.manager.obstacleVotesPerParticipant, solutions: hub.manager.solutionVotesPerParticipant })}
          </Paragraph>
          <ul>
            <li>
              <Link to={`/verksteder/${hub.id}/deltakere`}>{t("workshops.hub.participantsLink")}</Link>
            </li>
            {hub.status !== "closed" ? (
              <li>
                <Link to={`/verksteder/${hub.id}/rediger`}>{t("workshops.hub.editLink")}</Link>
              </li>
            ) : null}
          </ul>
          {hub.status === "planning" ? (
            <PostForm intent="status" actionData={actionData} hidden={{ status: "running" }}>
              <FormActions>
                <SubmitButton>{t("workshops.hub.start")}</SubmitButton>
              </FormActions>
            </PostForm>
          ) : null}
          {hub.status === "running" && !confirmClose ? (
            <Paragraph>
              <Link to={`/verksteder/${hub.id}?avslutt=1`}>{t("workshops.hub.close")}</Link>
            </Paragraph>
          ) : null}
          {hub.status === "running" && confirmClose ? (
            <ConfirmStep
              id="close"
              heading={t("workshops.hub.closeHeading")}
              text={t("workshops.hub.closeText")}
              intent="status"
              hidden={{ status: "closed" }}
              action={`/verksteder/${hub.id}?avslutt=1`}
              confirmLabel={t("workshops.hub.closeConfirm")}
              submitLabel={t("workshops.hub.closeSubmit")}
              cancelTo={`/verksteder/${hub.id}`}
              actionData={actionData}
            />
          ) : null}
        </Section>
      ) : null}
    </div>
  );
}
