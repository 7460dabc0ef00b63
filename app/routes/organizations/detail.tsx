import { Form, Link, redirect } from "react-router";
import { Alert, Button, Heading, Paragraph, Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow, Tag } from "@digdir/designsystemet-react";
import { CsrfField } from "~/components/csrf.tsx";
import type { Route } from "./+types/detail";
import { useFormat, useT } from "~/i18n/use-t.ts";
import type { MessageKey } from "~/i18n/messages.ts";
import { getActor, getPageLocale, guard, requireUser } from "~/lib/route.server.ts";
import { formFields, intent, noFields, runIntent } from "~/lib/intents.server.ts";
import { formToObject } from "~/lib/validation.ts";
import { listOrganizationActivities } from "~/domain/activities/activities.server.ts";
import { countPendingPartnerships } from "~/domain/activities/partners.server.ts";
import { confirmOrganizationDetails, getOrganization, setOrganizationVerified } from "~/domain/organizations/organizations.server.ts";
import { label } from "~/i18n/labels.ts";
import { DemoTag } from "./org-ui.tsx";

/** Public page: plain HTML for visitors on cheap phones (its forms work without JavaScript). */
export const handle = { hydrate: false };

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
  verifisert: "activityAdmin.org.verifiedNotice",
  bekreftet: "activityAdmin.org.confirmedNotice",
} as const satisfies Record<string, MessageKey>;

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const result = await guard(request, () => getOrganization(getActor(context), params.id));
  const search = new URL(request.url).searchParams;
  const notice = (Object.keys(notices) as (keyof typeof notices)[]).find((key) => search.has(key));
  // Members see how many of the organisation's activities wait for a "still correct".
  const staleActivities = result.canManageActivities
    ? (await listOrganizationActivities(getActor(context), result.organization.id)).filter((a) => a.staleness !== "fresh").length
    : 0;
  // Those who answer for the organisation see how many partnership requests wait for them.
  const pendingPartnerships = await countPendingPartnerships(getActor(context), result.organization.id);
  return { ...result, staleActivities, pendingPartnerships, title: result.organization.name, notice: notice ? notices[notice] : null };
}

/** Register fields: coordinators mark the organisation verified or not; its admins confirm the details. */
export async function action({ request, context, params }: Route.ActionArgs) {
  const actor = requireUser(context, request);
  const values = formToObject(await request.formData());
  const intents = {
    verify: intent(formFields, async (input) => {
      await setOrganizationVerified(actor, params.id, input);
      throw redirect(`/organisasjoner/${params.id}?verifisert=1`);
    }),
    confirm: intent(noFields, async () => {
      await confirmOrganizationDetails(actor, params.id);
      throw redirect(`/organisasjoner/${params.id}?bekreftet=1`);
    }),
  };
  return guard(request, () => runIntent(values, intents, getPageLocale(context)));
}

export default function OrganizationDetail({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const format = useFormat();
  const { organization, access, internal, notice, canManageActivities, staleActivities, pendingPartnerships } = loaderData;
  const base = `/organisasjoner/${organization.id}`;
  // Names the body that checked it (kommune, fylkeskommune or IMDi), never "the kommune" by default.
  const verifiedLabel = organization.verifiedByBody
    ? t("activityAdmin.org.verifiedBy", { body: organization.verifiedByBody })
    : t("activityAdmin.org.verified");
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
      <Paragraph>
        {label(t, "organizationKind", organization.kind)}{" "}
        {organization.verified ? (
          <Tag data-color="success" data-size="sm">
            {verifiedLabel}
          </Tag>
        ) : null}
      </Paragraph>
      {staleActivities > 0 ? (
        <Alert data-color="warning">
          {t("activityAdmin.org.staleCount", { count: staleActivities })}{" "}
          <Link to={`/organisasjoner/${organization.id}/aktiviteter`}>{t("activityAdmin.org.staleLink")}</Link>
        </Alert>
      ) : null}
      {pendingPartnerships > 0 ? (
        <Alert data-color="info">
          {t("activityAdmin.partnership.pendingCount", { count: pendingPartnerships })}{" "}
          <Link to={`/organisasjoner/${organization.id}/aktiviteter#partnerskap`}>{t("activityAdmin.partnership.pendingLink")}</Link>
        </Alert>
      ) : null}

      <nav aria-label={t("org.detail.actionsLabel")}>
        <ul className="form-actions" style={{ listStyle: "none", padding: 0 }}>
          <li>
            <Link to={`${base}/aktiviteter`}>{t("activityAdmin.org.activitiesLink")}</Link>
          </li>
          {canManageActivities ? (
            <li>
              <Link to={`${base}/aktiviteter/ny`}>{t("activityAdmin.list.add")}</Link>
            </li>
          ) : null}
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

      <section aria-labelledby="org-about-heading" className="stack">
        <Heading level={2} data-size="sm" id="org-about-heading">
          {t("org.detail.about")}
        </Heading>
        <Paragraph style={{ whiteSpace: "pre-line" }}>{organization.description || t("org.detail.noDescription")}</Paragraph>
        <dl className="org-facts">
          <dt>{t("org.detail.kind")}</dt>
          <dd>{label(t, "organizationKind", organization.kind)}</dd>
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
          <dd>
            {organization.contactPhone ? (
              <a href={`tel:${organization.contactPhone.replace(/\s/g, "")}`}>{organization.contactPhone}</a>
            ) : (
              t("org.detail.notGiven")
            )}
          </dd>
        </dl>
      </section>

      <section aria-labelledby="org-register-heading" className="stack">
        <Heading level={2} data-size="sm" id="org-register-heading">
          {t("activityAdmin.org.register")}
        </Heading>
        <dl className="org-facts">
          <dt>{t("activityAdmin.org.address")}</dt>
          <dd>
            {organization.address || organization.postalCode || organization.postalPlace
              ? [organization.address, [organization.postalCode, organization.postalPlace].filter(Boolean).join(" ")].filter(Boolean).join(", ")
              : t("org.detail.notGiven")}
          </dd>
          <dt>{t("activityAdmin.org.inFrivillighetsregisteret")}</dt>
          <dd>{organization.inFrivillighetsregisteret ? t("activityAdmin.org.yes") : t("activityAdmin.org.no")}</dd>
          <dt>{t("activityAdmin.org.source")}</dt>
          <dd>{t(organization.source === "brreg" ? "activityAdmin.org.source.brreg" : "activityAdmin.org.source.manual")}</dd>
          <dt>{t("activityAdmin.org.verified")}</dt>
          <dd>{organization.verified ? verifiedLabel : t("activityAdmin.org.unverified")}</dd>
          {organization.kind === "reception_centre" ? (
            <>
              <dt>{t("org.form.receptionCentreOperator")}</dt>
              <dd>
                {organization.receptionCentreOperator ? label(t, "receptionCentreOperator", organization.receptionCentreOperator) : t("org.detail.notGiven")}
              </dd>
            </>
          ) : null}
          <dt>{t("activityAdmin.org.lastConfirmed")}</dt>
          <dd>{organization.lastConfirmedAt ? format.date(organization.lastConfirmedAt) : t("activityAdmin.org.neverConfirmed")}</dd>
        </dl>
        {access.coordinates || access.isAdmin ? (
          <div className="form-actions">
            {access.coordinates ? (
              <Form method="post">
                <CsrfField />
                <input type="hidden" name="intent" value="verify" />
                <input type="hidden" name="verified" value={organization.verified ? "false" : "true"} />
                <Button type="submit" variant="secondary" data-size="sm">
                  {t(organization.verified ? "activityAdmin.org.markUnverified" : "activityAdmin.org.markVerified")}
                </Button>
              </Form>
            ) : null}
            {access.isAdmin || access.canManageMembers ? (
              <Form method="post">
                <CsrfField />
                <input type="hidden" name="intent" value="confirm" />
                <Button type="submit" variant="secondary" data-size="sm">
                  {t("activityAdmin.org.confirmDetails")}
                </Button>
              </Form>
            ) : null}
          </div>
        ) : null}
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
                    <TableRow key={m.email}>
                      <TableCell>
                        {m.name} <DemoTag show={m.isDemo} />
                      </TableCell>
                      <TableCell>{m.email}</TableCell>
                      <TableCell>{label(t, "membershipRole", m.role)}</TableCell>
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
                <li key={i.email}>{t("org.invitations.summary", { email: i.email, role: i.role, date: format.date(i.expiresAt) })}</li>
              ))}
            </ul>
          )}
        </section>
      ) : null}
    </div>
  );
}
