import { Link } from "react-router";
import { Heading, Paragraph } from "@digdir/designsystemet-react";
import type { Route } from "./+types/detail";
import { useRootData } from "~/components/csrf.tsx";
import { useFormat, useT } from "~/i18n/use-t.ts";
import { getActor, guard } from "~/lib/route.server.ts";
import { getMunicipalitySummary } from "~/domain/municipalities/municipalities.server.ts";
import { getMunicipalityContact } from "~/domain/municipalities/contact.server.ts";
import { labelOf } from "~/i18n/labels.ts";
import { DemoTag, languageFormKey, Pagination } from "./municipality-ui.tsx";

/** Public and read on cheap phones: plain HTML, no JavaScript. */
export const handle = { hydrate: false };

export function meta({ loaderData }: Route.MetaArgs) {
  return [{ title: `${loaderData?.title ?? "Kommune"} – Samspill` }];
}

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const page = new URL(request.url).searchParams.get("side") ?? 1;
  const summary = await guard(request, () => getMunicipalitySummary(getActor(context), params.number, { page }));
  // The county beside the name: two kommuner are called Herøy.
  // Whom to call in the kommune about voluntary and integration work, when its coordinators publish it.
  const contact = await getMunicipalityContact(summary.municipality.number);
  return { title: `${summary.municipality.name} (${summary.municipality.countyName})`, ...summary, contact };
}

export default function MunicipalityDetail({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const format = useFormat();
  const signedIn = Boolean(useRootData()?.user);
  const { municipality: m, organizations, canViewInternal } = loaderData;
  const basePath = `/kommuner/${m.number}`;
  return (
    <div className="page">
      <Paragraph data-size="sm">
        <Link to="/kommuner">{t("municipality.backToList")}</Link>
      </Paragraph>
      <Heading level={1} data-size="lg">
        {m.name}
      </Heading>
      <Paragraph data-size="lg">{t("municipality.detail.inCounty", { county: m.countyName })}</Paragraph>
      <Paragraph>
        <Link to={`${basePath}/oversikt`}>{t("overview.link.detail")}</Link>
      </Paragraph>
      <Paragraph>
        <Link to={`${basePath}/hvem-gjor-hva`}>{t("workshopMatrix.public.link")}</Link>
      </Paragraph>
      <Paragraph>
        <Link to={`/behov?kommune=${m.number}`}>{t("needs.kommunePage.link")}</Link>
      </Paragraph>

      <section aria-labelledby="municipality-contact-heading" className="stack" data-testid="municipality-contact">
        <Heading level={2} data-size="sm" id="municipality-contact-heading">
          {t("municipality.contact.heading")}
        </Heading>
        <Paragraph>{t("municipality.contact.intro")}</Paragraph>
        {loaderData.contact ? (
          <address>
            <strong>{loaderData.contact.name}</strong>
            {loaderData.contact.email ? (
              <>
                <br />
                {t("municipality.contact.email", { email: "" })}
                <a href={`mailto:${loaderData.contact.email}`}>{loaderData.contact.email}</a>
              </>
            ) : null}
            {loaderData.contact.phone ? (
              <>
                <br />
                {t("municipality.contact.phone", { phone: "" })}
                <a href={`tel:${loaderData.contact.phone.replace(/\s+/g, "")}`}>{loaderData.contact.phone}</a>
              </>
            ) : null}
          </address>
        ) : (
          <Paragraph>{t("municipality.contact.none")}</Paragraph>
        )}
      </section>

      <section aria-labelledby="municipality-facts-heading" className="stack">
        <Heading level={2} data-size="sm" id="municipality-facts-heading">
          {t("municipality.detail.factsHeading")}
        </Heading>
        <dl>
          <dt>{t("municipality.detail.number")}</dt>
          <dd>{m.number}</dd>
          <dt>{t("municipality.detail.county")}</dt>
          <dd>{m.countyName}</dd>
          <dt>{t("municipality.detail.administrativeCentre")}</dt>
          <dd>{m.administrativeCentre ?? t("municipality.notStated")}</dd>
          <dt>{t("municipality.detail.population")}</dt>
          <dd>{m.population === null ? t("municipality.notStated") : format.number(m.population)}</dd>
          <dt>{t("municipality.detail.area")}</dt>
          <dd>{m.areaKm2 === null ? t("municipality.notStated") : t("municipality.detail.areaValue", { area: m.areaKm2 })}</dd>
          <dt>{t("municipality.detail.languageForm")}</dt>
          <dd>{t(languageFormKey(m.languageForm))}</dd>
          <dt>{t("municipality.detail.website")}</dt>
          <dd>{m.websiteUrl ? <a href={m.websiteUrl}>{m.websiteUrl.replace(/^https?:\/\//, "")}</a> : t("municipality.notStated")}</dd>
        </dl>
      </section>

      {canViewInternal ? (
        <section aria-labelledby="municipality-internal-heading" className="stack">
          <Heading level={2} data-size="sm" id="municipality-internal-heading">
            {t("municipality.detail.internalHeading")}
          </Heading>
          <Paragraph>{t("municipality.detail.internalText")}</Paragraph>
          <Paragraph>
            <Link to={`${basePath}/intern`}>{t("municipality.detail.internalLink", { name: m.name })}</Link>
          </Paragraph>
          <Paragraph>
            <Link to={`${basePath}/frivillige`}>{t("volunteerSelf.kommune.link")}</Link>
          </Paragraph>
        </section>
      ) : null}

      <section aria-labelledby="municipality-organizations-heading" className="stack">
        <Heading level={2} data-size="sm" id="municipality-organizations-heading">
          {t("municipality.detail.organizationsHeading", { name: m.name })}
        </Heading>
        <Paragraph>{t("municipality.detail.organizationsCount", { count: organizations.total })}</Paragraph>
        {organizations.rows.length > 0 ? (
          <ul>
            {organizations.rows.map((org) => (
              <li key={org.id}>
                <Link to={`/organisasjoner/${org.id}`}>{org.name}</Link> <span className="muted">– {labelOf(t, "organizationKind", org.kind)}</span>{" "}
                <DemoTag show={org.isDemo} />
              </li>
            ))}
          </ul>
        ) : organizations.total > 0 ? (
          <Paragraph>{t("municipality.detail.pageEmpty")}</Paragraph>
        ) : null}
        <Pagination basePath={basePath} page={organizations.page} pageCount={organizations.pageCount} label={t("municipality.pagination")} />
        {signedIn ? (
          <Paragraph>
            <Link to="/organisasjoner/ny">{t("municipality.detail.registerOrganization")}</Link>
          </Paragraph>
        ) : null}
      </section>
    </div>
  );
}
