import { Form, Link } from "react-router";
import { Alert, Button, Heading, Paragraph, Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow, Tag } from "@digdir/designsystemet-react";
import type { Route } from "./+types/activities";
import { CsrfField } from "~/components/csrf.tsx";
import { DemoTag } from "~/components/demo-tag.tsx";
import { getTranslator } from "~/i18n/translate.ts";
import { useFormat, useT } from "~/i18n/use-t.ts";
import type { MessageKey } from "~/i18n/messages.ts";
import { getActor, getLocale, guard } from "~/lib/route.server.ts";
import { listOrganizationActivities } from "~/domain/activities/activities.server.ts";
import { getOrganization } from "~/domain/organizations/organizations.server.ts";

/** Public page: plain HTML for visitors on cheap phones (its forms work without JavaScript). */
export const handle = { hydrate: false };

export function meta({ loaderData }: Route.MetaArgs) {
  return [{ title: `${loaderData?.title ?? "Samspill"} – Samspill` }];
}

const notices = {
  slettet: "activityAdmin.notice.deleted",
  bekreftet: "activityAdmin.confirm.done",
} as const satisfies Record<string, MessageKey>;

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const actor = getActor(context);
  const { organization, canManageActivities } = await guard(request, () => getOrganization(actor, params.id));
  const activities = await guard(request, () => listOrganizationActivities(actor, organization.id));
  const search = new URL(request.url).searchParams;
  const notice = (Object.keys(notices) as (keyof typeof notices)[]).find((key) => search.has(key));
  return {
    title: getTranslator(getLocale(context))("activityAdmin.list.title", { organization: organization.name }),
    organization: { id: organization.id, name: organization.name, isDemo: organization.isDemo },
    activities,
    canManageActivities,
    notice: notice ? notices[notice] : null,
  };
}

export default function OrganizationActivities({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const format = useFormat();
  const { organization, activities, canManageActivities, notice } = loaderData;
  const base = `/organisasjoner/${organization.id}`;
  const here = `${base}/aktiviteter`;
  return (
    <div className="page">
      <Heading level={1} data-size="lg">
        {t("activityAdmin.list.title", { organization: organization.name })} <DemoTag show={organization.isDemo} />
      </Heading>
      {notice ? (
        <Alert data-color="success" role="status">
          {t(notice)}
        </Alert>
      ) : null}
      <nav aria-label={t("activityAdmin.list.title", { organization: organization.name })}>
        <ul className="form-actions" style={{ listStyle: "none", padding: 0 }}>
          <li>
            <Link to={base}>{t("activityAdmin.list.back", { organization: organization.name })}</Link>
          </li>
          {canManageActivities ? (
            <li>
              <Link to={`${here}/ny`}>{t("activityAdmin.list.add")}</Link>
            </li>
          ) : null}
        </ul>
      </nav>

      {activities.length === 0 ? (
        <Paragraph>{t("activityAdmin.list.empty")}</Paragraph>
      ) : (
        <div className="table-wrap">
          <Table>
            <caption className="visually-hidden">{t("activityAdmin.list.title", { organization: organization.name })}</caption>
            <TableHead>
              <TableRow>
                <TableHeaderCell>{t("activityAdmin.list.activity")}</TableHeaderCell>
                <TableHeaderCell>{t("activityAdmin.list.municipality")}</TableHeaderCell>
                <TableHeaderCell>{t("activityAdmin.list.status")}</TableHeaderCell>
                <TableHeaderCell>{t("activityAdmin.list.visibility")}</TableHeaderCell>
                <TableHeaderCell>{t("activityAdmin.list.confirmed")}</TableHeaderCell>
                {canManageActivities ? <TableHeaderCell>{t("activityAdmin.list.actions")}</TableHeaderCell> : null}
              </TableRow>
            </TableHead>
            <TableBody>
              {activities.map((a) => (
                <TableRow key={a.id}>
                  <TableCell>
                    <Link to={`/aktiviteter/${a.id}`}>{a.title}</Link> <DemoTag show={a.isDemo} />
                    {a.staleness !== "fresh" ? (
                      <div className="stack">
                        <Tag data-color={a.staleness === "hidden" ? "danger" : "warning"} data-size="sm">
                          {t(a.staleness === "hidden" ? "activityAdmin.hidden.label" : "activityAdmin.stale.label")}
                        </Tag>
                        <Paragraph data-size="sm">
                          {a.staleness === "hidden"
                            ? t("activityAdmin.hidden.text", { since: format.date(a.lastConfirmedAt) })
                            : t("activityAdmin.stale.text", { since: format.date(a.lastConfirmedAt), hideOn: format.date(a.hidesAt) })}
                        </Paragraph>
                      </div>
                    ) : null}
                  </TableCell>
                  <TableCell>{a.municipalityName}</TableCell>
                  <TableCell>{t(`activity.status.${a.status}` as MessageKey)}</TableCell>
                  <TableCell>{t(`activity.visibility.${a.visibility}` as MessageKey)}</TableCell>
                  <TableCell>{format.date(a.lastConfirmedAt)}</TableCell>
                  {canManageActivities ? (
                    <TableCell>
                      {a.canEdit ? (
                        <div className="form-actions">
                          <Link to={`/aktiviteter/${a.id}/rediger`} aria-label={t("activityAdmin.list.editNamed", { activity: a.title })}>
                            {t("activityAdmin.list.edit")}
                          </Link>
                          {a.staleness !== "fresh" ? (
                            <Form method="post" action={`/aktiviteter/${a.id}/bekreft`}>
                              <CsrfField />
                              <input type="hidden" name="next" value={here} />
                              <Button type="submit" data-size="sm" aria-label={t("activityAdmin.confirm.buttonNamed", { activity: a.title })}>
                                {t("activityAdmin.confirm.button")}
                              </Button>
                            </Form>
                          ) : null}
                        </div>
                      ) : null}
                    </TableCell>
                  ) : null}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
    </div>
  );
}
