import { Link } from "react-router";
import { Heading, Paragraph } from "@digdir/designsystemet-react";
import type { Route } from "./+types/matrix-public";
import { Notice } from "~/components/notice.tsx";
import { PageHeading, Section } from "~/components/section.tsx";
import { getTranslator } from "~/i18n/translate.ts";
import { useFormat, useT } from "~/i18n/use-t.ts";
import type { MessageKey } from "~/i18n/messages.ts";
import { getActor, getLocale, guard } from "~/lib/route.server.ts";
import { getPublishedMatrix } from "~/domain/workshops/matrix.server.ts";
import type { MatrixRole } from "~/domain/workshops/matrix.constants.ts";
import { Contact } from "./matrix-ui.tsx";

/** Public and read on cheap phones: plain HTML, no JavaScript. */
export const handle = { hydrate: false };

export function meta({ loaderData }: Route.MetaArgs) {
  return [{ title: `${loaderData?.title ?? "Samspill"} – Samspill` }];
}

/** The kommune's published "who does what": everyone reads it; its coordinators see the edit link. */
export async function loader({ request, context, params }: Route.LoaderArgs) {
  const view = await guard(request, () => getPublishedMatrix(getActor(context), params.number));
  return {
    title: getTranslator(getLocale(context))("workshopMatrix.public.title", { name: view.municipality.name }),
    municipality: view.municipality,
    matrix: view.matrix,
    workshop: view.workshop,
    changes: view.changes,
    canEdit: view.canEdit,
    saved: new URL(request.url).searchParams.has("lagret"),
  };
}

export default function PublishedMatrix({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const format = useFormat();
  const { municipality, matrix, workshop, changes, canEdit } = loaderData;
  const names = (roles: Record<string, MatrixRole>, role: MatrixRole) =>
    matrix!.actors
      .filter((a) => roles[a.id] === role)
      .map((a) => a.name)
      .join(", ") || t("workshopMatrix.public.nobody");
  return (
    <div className="page stack">
      <PageHeading back={{ to: `/kommuner/${municipality.number}`, label: t("workshopMatrix.public.backToKommune", { name: municipality.name }), size: "sm" }}>
        {loaderData.title}
      </PageHeading>
      {loaderData.saved ? <Notice>{t("workshopMatrix.saved")}</Notice> : null}
      {!matrix ? (
        <Paragraph>{t("workshopMatrix.public.none", { name: municipality.name })}</Paragraph>
      ) : (
        <>
          <Paragraph>{t("workshopMatrix.public.intro")}</Paragraph>
          <Paragraph data-size="sm" className="muted">
            {t("workshopMatrix.public.lastChanged", { date: format.date(matrix.updatedAt) })}
            {workshop ? (
              <>
                <br />
                {t("workshopMatrix.public.fromWorkshop", { title: workshop.title })}
              </>
            ) : null}
          </Paragraph>
          {canEdit ? (
            <Paragraph>
              <Link to={`/kommuner/${municipality.number}/hvem-gjor-hva/rediger`}>{t("workshopMatrix.public.edit")}</Link>
            </Paragraph>
          ) : null}
          <ul className="stack" style={{ listStyle: "none", padding: 0 }} data-testid="published-tasks">
            {matrix.tasks.map((task, i) => (
              <li key={task.id} className="stack" aria-labelledby={`task-${i}`}>
                <Heading level={2} data-size="xs" id={`task-${i}`}>
                  {task.title}
                </Heading>
                <dl>
                  <dt>{t("workshopMatrix.public.responsible")}</dt>
                  <dd>{names(task.roles, "responsible")}</dd>
                  {task.contactName || task.contactPhone || task.contactEmail ? (
                    <>
                      <dt>{t("workshopMatrix.public.contact")}</dt>
                      <dd>
                        <Contact task={task} />
                      </dd>
                    </>
                  ) : null}
                  <dt>{t("workshopMatrix.public.contributes")}</dt>
                  <dd>{names(task.roles, "contributes")}</dd>
                  <dt>{t("workshopMatrix.public.informed")}</dt>
                  <dd>{names(task.roles, "informed")}</dd>
                </dl>
              </li>
            ))}
          </ul>
          <Section id="matrix-history" heading={t("workshopMatrix.public.history")}>
            <ul data-testid="matrix-history">
              {changes.map((c, i) => (
                <li key={i}>
                  <time dateTime={new Date(c.at).toISOString()}>{format.date(c.at)}</time>:{" "}
                  {t(`workshopMatrix.change.${c.kind}` as MessageKey, { subject: c.subject })}
                </li>
              ))}
            </ul>
          </Section>
        </>
      )}
    </div>
  );
}
