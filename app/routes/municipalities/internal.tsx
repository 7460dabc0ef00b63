import { Link } from "react-router";
import { Alert, Heading, Paragraph, Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from "@digdir/designsystemet-react";
import type { Route } from "./+types/internal";
import { getTranslator } from "~/i18n/translate.ts";
import { useT } from "~/i18n/use-t.ts";
import { getLocale, guard, requireUser } from "~/lib/route.server.ts";
import { coordinatedMunicipalities, isNationalAdmin } from "~/domain/auth/actor.ts";
import { getMunicipalityInternal } from "~/domain/municipalities/municipalities.server.ts";
import { DemoTag, organizationKindKey, Pagination } from "./municipality-ui.tsx";

/** Read-only contact lists: nothing here needs JavaScript. */
export const handle = { hydrate: false };

export function meta({ loaderData }: Route.MetaArgs) {
  return [{ title: `${loaderData?.title ?? "Interne kontakter"} – Samspill` }];
}

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const actor = requireUser(context, request);
  const page = new URL(request.url).searchParams.get("side") ?? 1;
  const internal = await guard(request, () => getMunicipalityInternal(actor, params.number, { page }));
  const t = getTranslator(getLocale(context));
  // The Brreg import (/admin/import) is for national admins and this kommune's coordinators.
  const mayImport = isNationalAdmin(actor) || coordinatedMunicipalities(actor).includes(internal.municipality.number);
  return { title: t("municipality.internal.title", { name: `${internal.municipality.name} (${internal.municipality.countyName})` }), ...internal, mayImport };
}

interface Person {
  name: string;
  email: string;
  isDemo: boolean;
}

function PeopleTable({ people, labelledBy }: { people: Person[]; labelledBy: string }) {
  const t = useT();
  return (
    <div className="table-wrap">
      <Table data-size="sm" aria-labelledby={labelledBy}>
        <TableHead>
          <TableRow>
            <TableHeaderCell scope="col">{t("municipality.internal.col.name")}</TableHeaderCell>
            <TableHeaderCell scope="col">{t("municipality.internal.col.email")}</TableHeaderCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {people.map((person) => (
            <TableRow key={person.email}>
              <TableHeaderCell scope="row">
                {person.name} <DemoTag show={person.isDemo} />
              </TableHeaderCell>
              <TableCell>
                <a href={`mailto:${person.email}`}>{person.email}</a>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}

export default function MunicipalityInternal({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const { municipality: m, coordinators, advisors, organizations } = loaderData;
  const basePath = `/kommuner/${m.number}`;
  return (
    <div className="page">
      <Paragraph data-size="sm">
        <Link to={basePath}>{t("municipality.internal.publicPage", { name: m.name })}</Link>
      </Paragraph>
      <Heading level={1} data-size="lg">
        {t("municipality.internal.title", { name: m.name })}
      </Heading>
      <Paragraph data-size="lg">{t("municipality.detail.inCounty", { county: m.countyName })}</Paragraph>
      <Alert data-color="info">{t("municipality.internal.notice")}</Alert>
      <Paragraph>
        <Link to={`${basePath}/oversikt`}>{t("overview.link.internal")}</Link>
      </Paragraph>

      <section aria-labelledby="coordinators-heading" className="stack">
        <Heading level={2} data-size="sm" id="coordinators-heading">
          {t("municipality.internal.coordinatorsHeading")}
        </Heading>
        {coordinators.length > 0 ? (
          <PeopleTable people={coordinators} labelledBy="coordinators-heading" />
        ) : (
          <Paragraph>{t("municipality.internal.coordinatorsEmpty")}</Paragraph>
        )}
      </section>

      <section aria-labelledby="advisors-heading" className="stack">
        <Heading level={2} data-size="sm" id="advisors-heading">
          {t("municipality.internal.advisorsHeading", { county: m.countyName })}
        </Heading>
        {advisors.length > 0 ? <PeopleTable people={advisors} labelledBy="advisors-heading" /> : <Paragraph>{t("municipality.internal.advisorsEmpty")}</Paragraph>}
      </section>

      <section aria-labelledby="organizations-heading" className="stack">
        <Heading level={2} data-size="sm" id="organizations-heading">
          {t("municipality.internal.organizationsHeading")}
        </Heading>
        <Paragraph>{t("municipality.detail.organizationsCount", { count: organizations.total })}</Paragraph>
        {loaderData.mayImport ? (
          <Paragraph>
            <Link to="/admin/import">{t("jobs.link.title")}</Link>: {t("jobs.link.text")}
          </Paragraph>
        ) : null}
        {organizations.rows.length > 0 ? (
          <div className="table-wrap">
            <Table data-size="sm" aria-labelledby="organizations-heading">
              <TableHead>
                <TableRow>
                  <TableHeaderCell scope="col">{t("municipality.internal.col.organization")}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t("municipality.internal.col.contact")}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t("municipality.internal.col.admins")}</TableHeaderCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {organizations.rows.map((org) => (
                  <TableRow key={org.id}>
                    <TableHeaderCell scope="row">
                      <Link to={`/organisasjoner/${org.id}`}>{org.name}</Link>
                      <br />
                      <span className="muted">{t(organizationKindKey(org.kind))}</span> <DemoTag show={org.isDemo} />
                    </TableHeaderCell>
                    <TableCell>
                      {org.contactEmail || org.contactPhone ? (
                        <>
                          {org.contactEmail ? <a href={`mailto:${org.contactEmail}`}>{org.contactEmail}</a> : null}
                          {org.contactEmail && org.contactPhone ? <br /> : null}
                          {org.contactPhone ? <a href={`tel:${org.contactPhone.replace(/\s+/g, "")}`}>{org.contactPhone}</a> : null}
                        </>
                      ) : (
                        t("municipality.internal.noContact")
                      )}
                    </TableCell>
                    <TableCell>
                      {org.admins.length > 0 ? (
                        <ul style={{ listStyle: "none", margin: 0, padding: 0 }}>
                          {org.admins.map((admin) => (
                            <li key={admin.email}>
                              {admin.name} <DemoTag show={admin.isDemo} />
                              <br />
                              <a href={`mailto:${admin.email}`}>{admin.email}</a>
                            </li>
                          ))}
                        </ul>
                      ) : (
                        t("municipality.internal.noAdmins")
                      )}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
        ) : organizations.total > 0 ? (
          <Paragraph>{t("municipality.detail.pageEmpty")}</Paragraph>
        ) : null}
        <Pagination basePath={`${basePath}/intern`} page={organizations.page} pageCount={organizations.pageCount} label={t("municipality.pagination")} />
      </section>
    </div>
  );
}
