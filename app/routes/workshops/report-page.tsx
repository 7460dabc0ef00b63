import { Link } from "react-router";
import { Heading, Paragraph, Tag } from "@digdir/designsystemet-react";
import type { Route } from "./+types/report-page";
import { PageHeading, Section } from "~/components/section.tsx";
import { label } from "~/i18n/labels.ts";
import { useFormat, useT } from "~/i18n/use-t.ts";
import { getActor, guard } from "~/lib/route.server.ts";
import { getWorkshopReport } from "~/domain/workshops/report.server.ts";
import { StatusTag } from "./report-ui.tsx";
import "~/styles/workshop-report.css";

/** A page to read and print: nothing here needs JavaScript. */
export const handle = { hydrate: false };

export function meta({ loaderData }: Route.MetaArgs) {
  return [{ title: `${loaderData?.workshop.title ?? "Samspill"} – Samspill` }];
}

export async function loader({ request, context, params }: Route.LoaderArgs) {
  return guard(request, () => getWorkshopReport(getActor(context), request, params.id));
}

const roles = ["responsible", "contributes", "informed"] as const;

export default function WorkshopReport({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const format = useFormat();
  const r = loaderData;
  const day = (iso: string) => format.date(new Date(`${iso}T12:00:00Z`));
  return (
    <div className="page stack workshop-report">
      <PageHeading back={{ to: `/verksteder/${r.workshop.id}`, label: r.workshop.title }}>
        {t("workshops.report.title")}: {r.workshop.title}
      </PageHeading>
      <Paragraph className="no-print" data-size="sm">
        {t("workshops.report.printHint")} <a href={`/verksteder/${r.workshop.id}/rapport.pdf`}>{t("workshops.report.pdf")}</a> ·{" "}
        <Link to={`/verksteder/${r.workshop.id}/innspill`}>{t("workshops.report.escalationsLink")}</Link>
      </Paragraph>
      <Paragraph>
        {t("workshops.report.kommuner", { names: r.kommuner.map((k) => k.name).join(", ") })}
        {r.workshop.facilitatorName ? (
          <>
            <br />
            {t("workshops.report.facilitator", { name: r.workshop.facilitatorName })}
          </>
        ) : null}
        {r.sessions.length ? (
          <>
            <br />
            {t("workshops.report.sessionDates", { dates: r.sessions.map((s) => format.date(s.startsAt)).join(", ") })}
          </>
        ) : null}
      </Paragraph>
      {r.workshop.purpose ? (
        <Section id="purpose" heading={t("workshops.report.purpose")}>
          <Paragraph style={{ whiteSpace: "pre-line" }}>{r.workshop.purpose}</Paragraph>
        </Section>
      ) : null}

      <Section id="participants" heading={t("workshops.report.participants")}>
        <Paragraph>{t("workshops.report.participantTotal", { count: r.participantCount })}</Paragraph>
        <ul>
          {r.sectors.map((s) => (
            <li key={s.sector}>
              {label(t, "participantSector", s.sector)}: {s.count}
              {s.names.length ? (
                <ul>
                  {s.names.map((n) => (
                    <li key={n}>{n}</li>
                  ))}
                </ul>
              ) : null}
            </li>
          ))}
        </ul>
        {!r.manager ? <Paragraph data-size="sm">{t("workshops.report.namesNote")}</Paragraph> : null}
      </Section>

      <Section id="obstacles" heading={t("workshops.report.obstacles")} empty={r.obstacles.length === 0 ? t("workshops.report.noObstacles") : null}>
        <ol className="obstacles">
          {r.obstacles.map((o) => (
            <li key={o.id}>
              <strong>{o.text}</strong>
              <br />
              <span className="muted">
                {label(t, "obstacleTheme", o.theme)} · {t("workshops.report.votes", { count: o.votes })}
              </span>
              {o.escalation ? (
                <Paragraph data-size="sm">
                  {t("workshops.report.escalated", { body: t(`workshops.escalation.level.${o.escalation.level}`), status: "" })}
                  <StatusTag status={o.escalation.status} />
                  {o.escalation.answer ? (
                    <>
                      <br />
                      {t("workshops.escalation.answer", { answer: o.escalation.answer })}
                    </>
                  ) : null}
                </Paragraph>
              ) : null}
              {o.solutions.length ? (
                <>
                  <Heading level={3} data-size="2xs">
                    {t("workshops.report.solutions")}
                  </Heading>
                  <ul>
                    {o.solutions.map((s) => (
                      <li key={s.id}>
                        {s.text} ({t("workshops.report.votes", { count: s.votes })})
                      </li>
                    ))}
                  </ul>
                </>
              ) : null}
            </li>
          ))}
        </ol>
      </Section>

      <Section id="matrix" heading={t("workshops.report.matrix")} empty={!r.matrix || r.matrix.tasks.length === 0 ? t("workshops.report.noMatrix") : null}>
        {r.matrix ? (
          <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="matrix-heading">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("workshops.report.task")}</th>
                  {roles.map((role) => (
                    <th key={role} scope="col">
                      {t(`workshops.report.role.${role}`)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {r.matrix.tasks.map((task) => (
                  <tr key={task.id}>
                    <th scope="row">{task.title}</th>
                    {roles.map((role) => (
                      <td key={role}>
                        {r
                          .matrix!.actors.filter((a) => task.roles[a.id] === role)
                          .map((a) => a.name)
                          .join(", ")}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
        {r.matrix && r.matrix.conflicts.length ? (
          <Paragraph>{t("workshops.report.conflicts", { tasks: r.matrix.conflicts.map((c) => c.title).join(", ") })}</Paragraph>
        ) : null}
      </Section>

      <Section id="actions" heading={t("workshops.report.actions")} empty={r.actions.length === 0 ? t("workshops.report.noActions") : null}>
        <ul className="stack">
          {r.actions.map((a) => (
            <li key={a.id}>
              <strong>{a.title}</strong>
              <br />
              {t("workshops.report.action.owner", { owner: a.ownerName })} · {t("workshops.report.action.deadline", { date: day(a.deadline) })} ·{" "}
              <Tag data-size="sm" data-color={a.overdue ? "danger" : a.status === "done" ? "success" : "neutral"}>
                {t(`workshops.report.actionStatus.${a.status}`)}
                {a.overdue ? ` – ${t("workshops.report.overdue")}` : ""}
              </Tag>
              {a.contactName || a.contactPhone || a.contactEmail ? (
                <>
                  <br />
                  {t("workshops.report.action.contact", {
                    contact: [a.contactName, a.contactPhone, a.contactEmail].filter(Boolean).join(", "),
                  })}
                </>
              ) : null}
              {a.latestNote ? (
                <>
                  <br />
                  {t("workshops.report.latestNote", { text: a.latestNote.text })}
                </>
              ) : null}
            </li>
          ))}
        </ul>
      </Section>
    </div>
  );
}
