import { Link, redirect } from "react-router";
import { Alert, Heading, Paragraph, Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from "@digdir/designsystemet-react";
import type { Route } from "./+types/internal";
import { getTranslator } from "~/i18n/translate.ts";
import { useT } from "~/i18n/use-t.ts";
import { formAction, getLocale, guard, requireUser } from "~/lib/route.server.ts";
import { formFields, intent, noFields, runIntent } from "~/lib/intents.server.ts";
import { formToObject } from "~/lib/validation.ts";
import { failureFor, PostForm, SubmitButton, TextField } from "~/components/form.tsx";
import {
  getMunicipalityContact,
  mayEditMunicipalityContact,
  removeMunicipalityContact,
  setMunicipalityContact,
} from "~/domain/municipalities/contact.server.ts";
import { CONTACT_NAME_MAX } from "~/domain/municipalities/contact.schema.ts";
import { coordinatedMunicipalities, isNationalAdmin } from "~/domain/auth/actor.ts";
import { getMunicipalityInternal } from "~/domain/municipalities/municipalities.server.ts";
import { labelOf } from "~/i18n/labels.ts";
import { DemoTag, Pagination } from "./municipality-ui.tsx";

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
  const search = new URL(request.url).searchParams;
  return {
    title: t("municipality.internal.title", { name: `${internal.municipality.name} (${internal.municipality.countyName})` }),
    ...internal,
    mayImport,
    contact: await getMunicipalityContact(internal.municipality.number),
    mayEditContact: mayEditMunicipalityContact(actor, internal.municipality.number),
    contactNotice: search.has("kontakt-lagret") ? ("saved" as const) : search.has("kontakt-fjernet") ? ("removed" as const) : null,
  };
}

/** The kommune's published contact: set (intent=contact) or remove (intent=remove-contact); its own coordinators and IMDi. */
export async function action({ request, context, params }: Route.ActionArgs) {
  const actor = requireUser(context, request);
  const values = formToObject(await request.formData());
  const here = `/kommuner/${params.number}/intern`;
  return runIntent(
    values,
    {
      contact: intent(formFields, async () => {
        const result = await formAction(request, values, () => setMunicipalityContact(actor, params.number, values));
        if (!("name" in result)) return result;
        throw redirect(`${here}?kontakt-lagret=1#kontakt`);
      }),
      "remove-contact": intent(noFields, async () => {
        await guard(request, () => removeMunicipalityContact(actor, params.number));
        throw redirect(`${here}?kontakt-fjernet=1#kontakt`);
      }),
    },
    getLocale(context),
  );
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

/** The kommune's contact on its public page: a form for its coordinators, read-only for everyone else who sees this page. */
function ContactSection({ loaderData, actionData }: Pick<Route.ComponentProps, "loaderData" | "actionData">) {
  const t = useT();
  const { contact, mayEditContact, contactNotice } = loaderData;
  return (
    <section aria-labelledby="kontakt" className="stack">
      <Heading level={2} data-size="sm" id="kontakt">
        {t("municipality.contact.editHeading")}
      </Heading>
      {contactNotice ? (
        <Alert data-color="success" role="status">
          {t(contactNotice === "saved" ? "municipality.contact.saved" : "municipality.contact.removed")}
        </Alert>
      ) : null}
      <Paragraph>{t("municipality.contact.editIntro")}</Paragraph>
      {mayEditContact ? (
        <>
          <PostForm
            intent="contact"
            actionData={actionData}
            values={contact ? { name: contact.name, email: contact.email ?? "", phone: contact.phone ?? "" } : {}}
          >
            <TextField name="name" label={t("municipality.contact.name")} maxLength={CONTACT_NAME_MAX} required />
            <TextField name="email" type="email" label={t("municipality.contact.emailLabel")} maxLength={254} autoComplete="off" />
            <TextField name="phone" type="tel" label={t("municipality.contact.phoneLabel")} maxLength={30} autoComplete="off" />
            <SubmitButton>{t("municipality.contact.save")}</SubmitButton>
          </PostForm>
          {contact ? (
            <PostForm intent="remove-contact" summary={false} failure={failureFor(undefined)}>
              <SubmitButton variant="secondary">{t("municipality.contact.remove")}</SubmitButton>
            </PostForm>
          ) : null}
        </>
      ) : (
        <>
          {contact ? (
            <Paragraph>
              {contact.name}
              {contact.email ? ` · ${contact.email}` : ""}
              {contact.phone ? ` · ${contact.phone}` : ""}
            </Paragraph>
          ) : (
            <Paragraph>{t("municipality.contact.none")}</Paragraph>
          )}
          <Paragraph data-size="sm">{t("municipality.contact.readOnly")}</Paragraph>
        </>
      )}
    </section>
  );
}

export default function MunicipalityInternal({ loaderData, actionData }: Route.ComponentProps) {
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
      <Paragraph>
        <Link to="/verksteder">{t("workshops.list.title")}</Link>
      </Paragraph>

      <ContactSection loaderData={loaderData} actionData={actionData} />

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
        {advisors.length > 0 ? (
          <PeopleTable people={advisors} labelledBy="advisors-heading" />
        ) : (
          <Paragraph>{t("municipality.internal.advisorsEmpty")}</Paragraph>
        )}
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
                      <span className="muted">{labelOf(t, "organizationKind", org.kind)}</span> <DemoTag show={org.isDemo} />
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
