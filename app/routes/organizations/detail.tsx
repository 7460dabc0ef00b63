import { Link } from "react-router";
import { Alert, Heading, Paragraph, Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from "@digdir/designsystemet-react";
import type { Route } from "./+types/detail";
import { useFormat, useT } from "~/i18n/use-t.ts";
import type { MessageKey } from "~/i18n/messages.ts";
import { getActor, guard } from "~/lib/route.server.ts";
import { getOrganization } from "~/domain/organizations/organizations.server.ts";
import { DemoTag, kindLabel, roleLabel } from "./org-ui.tsx";

export function meta({ loaderData }: Route.MetaArgs) {
  return [{ title: `${loaderData?.title ?? "Samspill"} – Samspill` }];
}

/** One-off notices after a redirect here (created, saved, joined, left, merged). */
const notices = {
  opprettet: "org.detail.createdNotice",
  lagret: "common.saved",
  "ble-med": "org.detail.joinedNotice",
  forlatt: "org.detail.leftNotice",
  sammenslatt: "org.merge.mergedNotice",
} as const satisfies Record<string, MessageKey>;

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const result = await guard(request, () => getOrganization(getActor(context), params.id));
  const search = new URL(request.url).searchParams;
  const notice = (Object.keys(notices) as (keyof typeof notices)[]).find((key) => search.has(key));
  return { ...result, title: result.organization.name, notice: notice ? notices[notice] : null };
}

export default function OrganizationDetail({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const format = useFormat();
  const { organization, access, internal, notice } = loaderData;
  const base = `/organisasjoner/${organization.id}`;
  return (
    <div className="page">
      <Heading level={1} data-size="lg">
        {organization.name} <DemoTag show={organization.isDemo} />
      </Heading>
      {notice ? (
        <Alert data-color="success" role="status">
          {t(notice)}
        </Alert>
      ) : null}
      <Paragraph>{kindLabel(t, organization.kind)}</Paragraph>

      {access.canEdit || access.canReadInternal || access.canReadAudit || access.coordinates ? (
        <nav aria-label={t("org.detail.actionsLabel")}>
          <ul className="form-actions" style={{ listStyle: "none", padding: 0 }}>
            {access.canEdit ? (
              <li>
                <Link to={`${base}/rediger`}>{t("org.detail.edit")}</Link>
              </li>
            ) : null}
            {access.canReadInternal ? (
              <li>
                <Link to={`${base}/medlemmer`}>{t("org.detail.membersLink")}</Link>
              </li>
            ) : null}
            {access.canReadAudit ? (
              <li>
                <Link to={`${base}/logg`}>{t("org.detail.log")}</Link>
              </li>
            ) : null}
            {/* Merging is for those who coordinate the organisation (docs/authorization.md). */}
            {access.coordinates ? (
              <li>
                <Link to={`${base}/slaa-sammen`}>{t("org.merge.detailLink")}</Link>
              </li>
            ) : null}
          </ul>
        </nav>
      ) : null}

      <section aria-labelledby="org-about-heading" className="stack">
        <Heading level={2} data-size="sm" id="org-about-heading">
          {t("org.detail.about")}
        </Heading>
        <Paragraph style={{ whiteSpace: "pre-line" }}>{organization.description || t("org.detail.noDescription")}</Paragraph>
        <dl className="org-facts">
          <dt>{t("org.detail.kind")}</dt>
          <dd>{kindLabel(t, organization.kind)}</dd>
          <dt>{t("org.detail.orgNumber")}</dt>
          <dd>{organization.orgNumber ?? t("org.detail.notGiven")}</dd>
          <dt>{t("org.detail.municipalities")}</dt>
          <dd>
            {organization.municipalities.length > 0
              ? organization.municipalities.map((m, i) => (
                  <span key={m.number}>
                    {i > 0 ? ", " : null}
                    <Link to={`/kommuner/${m.number}`}>{m.name}</Link> ({m.countyName})
                  </span>
                ))
              : t("org.detail.notGiven")}
          </dd>
        </dl>
      </section>

      <section aria-labelledby="org-contact-heading" className="stack">
        <Heading level={2} data-size="sm" id="org-contact-heading">
          {t("org.detail.contact")}
        </Heading>
        <dl className="org-facts">
          <dt>{t("org.detail.website")}</dt>
          <dd>
            {organization.website ? (
              <a href={organization.website} rel="noopener noreferrer nofollow">
                {organization.website}
              </a>
            ) : (
              t("org.detail.notGiven")
            )}
          </dd>
          <dt>{t("org.detail.contactEmail")}</dt>
          <dd>{organization.contactEmail ? <a href={`mailto:${organization.contactEmail}`}>{organization.contactEmail}</a> : t("org.detail.notGiven")}</dd>
          <dt>{t("org.detail.contactPhone")}</dt>
          <dd>{organization.contactPhone ? <a href={`tel:${organization.contactPhone.replace(/\s/g, "")}`}>{organization.contactPhone}</a> : t("org.detail.notGiven")}</dd>
        </dl>
      </section>

      {internal ? (
        <section aria-labelledby="org-internal-heading" className="stack">
          <Heading level={2} data-size="sm" id="org-internal-heading">
            {t("org.detail.internalHeading")}
          </Heading>
          <Paragraph data-size="sm" className="muted">
            {t("org.detail.internalNote")}
          </Paragraph>
          <Heading level={3} data-size="xs" id="org-members-heading">
            {t("org.detail.membersHeading")}
          </Heading>
          {internal.members.length === 0 ? (
            <Paragraph>{t("org.members.empty")}</Paragraph>
          ) : (
            <div className="table-wrap">
              <Table aria-labelledby="org-members-heading">
                <TableHead>
                  <TableRow>
                    <TableHeaderCell>{t("org.members.name")}</TableHeaderCell>
                    <TableHeaderCell>{t("org.members.email")}</TableHeaderCell>
                    <TableHeaderCell>{t("org.members.role")}</TableHeaderCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {internal.members.map((m) => (
                    <TableRow key={m.userId}>
                      <TableCell>
                        {m.name} <DemoTag show={m.isDemo} />
                      </TableCell>
                      <TableCell>{m.email}</TableCell>
                      <TableCell>{roleLabel(t, m.role)}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </div>
          )}
          <Heading level={3} data-size="xs" id="org-invitations-heading">
            {t("org.invitations.heading")}
          </Heading>
          {internal.invitations.length === 0 ? (
            <Paragraph>{t("org.invitations.empty")}</Paragraph>
          ) : (
            <ul>
              {internal.invitations.map((i) => (
                <li key={i.id}>
                  {t("org.invitations.summary", { email: i.email, role: i.role, date: format.date(i.expiresAt) })}
                </li>
              ))}
            </ul>
          )}
        </section>
      ) : null}
    </div>
  );
}
